// Original file: proto/simhub/identity/v1/identity_service.proto

import type { EndUser as _simhub_identity_v1_EndUser, EndUser__Output as _simhub_identity_v1_EndUser__Output } from '../../../simhub/identity/v1/EndUser.ts';

export interface ListEndUsersResponse {
  'items'?: (_simhub_identity_v1_EndUser)[];
  'nextCursor'?: (string);
}

export interface ListEndUsersResponse__Output {
  'items': (_simhub_identity_v1_EndUser__Output)[];
  'nextCursor': (string);
}
