// Original file: proto/simhub/usage/v1/usage_service.proto

import type { Long } from '@grpc/proto-loader';

export interface UsageTotals {
  'dataBytes'?: (number | string | Long);
  'smsCount'?: (number | string | Long);
  'voiceSeconds'?: (number | string | Long);
}

export interface UsageTotals__Output {
  'dataBytes': (string);
  'smsCount': (string);
  'voiceSeconds': (string);
}
