// Original file: proto/simhub/identity/v1/identity_service.proto

import type { ApiKey as _simhub_identity_v1_ApiKey, ApiKey__Output as _simhub_identity_v1_ApiKey__Output } from '../../../simhub/identity/v1/ApiKey.ts';

export interface CreatedApiKey {
  'key'?: (_simhub_identity_v1_ApiKey | null);
  'clientSecret'?: (string);
}

export interface CreatedApiKey__Output {
  'key': (_simhub_identity_v1_ApiKey__Output | null);
  'clientSecret': (string);
}
