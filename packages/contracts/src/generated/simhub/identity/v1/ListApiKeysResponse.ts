// Original file: proto/simhub/identity/v1/identity_service.proto

import type { ApiKey as _simhub_identity_v1_ApiKey, ApiKey__Output as _simhub_identity_v1_ApiKey__Output } from '../../../simhub/identity/v1/ApiKey.ts';

export interface ListApiKeysResponse {
  'items'?: (_simhub_identity_v1_ApiKey)[];
  'nextCursor'?: (string);
}

export interface ListApiKeysResponse__Output {
  'items': (_simhub_identity_v1_ApiKey__Output)[];
  'nextCursor': (string);
}
