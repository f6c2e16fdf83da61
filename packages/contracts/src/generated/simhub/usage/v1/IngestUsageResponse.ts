// Original file: proto/simhub/usage/v1/usage_service.proto

import type { RejectedRecord as _simhub_usage_v1_RejectedRecord, RejectedRecord__Output as _simhub_usage_v1_RejectedRecord__Output } from '../../../simhub/usage/v1/RejectedRecord.ts';

export interface IngestUsageResponse {
  'accepted'?: (number);
  'duplicates'?: (number);
  'rejected'?: (_simhub_usage_v1_RejectedRecord)[];
  'rejectedCount'?: (number);
  'batches'?: (number);
}

export interface IngestUsageResponse__Output {
  'accepted': (number);
  'duplicates': (number);
  'rejected': (_simhub_usage_v1_RejectedRecord__Output)[];
  'rejectedCount': (number);
  'batches': (number);
}
