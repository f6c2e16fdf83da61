// Original file: proto/simhub/identity/v1/identity_service.proto

import type { EndUser as _simhub_identity_v1_EndUser, EndUser__Output as _simhub_identity_v1_EndUser__Output } from '../../../simhub/identity/v1/EndUser.ts';

export interface RegisterWithSimResponse {
  'user'?: (_simhub_identity_v1_EndUser | null);
  'iccid'?: (string);
}

export interface RegisterWithSimResponse__Output {
  'user': (_simhub_identity_v1_EndUser__Output | null);
  'iccid': (string);
}
