// Original file: /work/main/proto/simhub/org/v1/org_service.proto

import type { Long } from '@grpc/proto-loader';

export interface Plan {
  'id'?: (string);
  'orgId'?: (string);
  'companyId'?: (string);
  'name'?: (string);
  'type'?: (string);
  'currency'?: (string);
  'price'?: (number | string | Long);
  'dataMb'?: (number);
  'smsCount'?: (number);
  'voiceMinutes'?: (number);
  'validityDays'?: (number);
  'billingPeriod'?: (string);
  'ratePerMbMinor'?: (number | string | Long);
  'status'?: (string);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  '_dataMb'?: "dataMb";
  '_smsCount'?: "smsCount";
  '_voiceMinutes'?: "voiceMinutes";
  '_validityDays'?: "validityDays";
  '_ratePerMbMinor'?: "ratePerMbMinor";
}

export interface Plan__Output {
  'id': (string);
  'orgId': (string);
  'companyId': (string);
  'name': (string);
  'type': (string);
  'currency': (string);
  'price': (string);
  'dataMb'?: (number);
  'smsCount'?: (number);
  'voiceMinutes'?: (number);
  'validityDays'?: (number);
  'billingPeriod': (string);
  'ratePerMbMinor'?: (string);
  'status': (string);
  'createdAt': (string);
  'updatedAt': (string);
  '_dataMb'?: "dataMb";
  '_smsCount'?: "smsCount";
  '_voiceMinutes'?: "voiceMinutes";
  '_validityDays'?: "validityDays";
  '_ratePerMbMinor'?: "ratePerMbMinor";
}
