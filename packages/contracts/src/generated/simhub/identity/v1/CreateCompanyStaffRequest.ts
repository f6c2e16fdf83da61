// Original file: proto/simhub/identity/v1/identity_service.proto

import type { Role as _simhub_identity_v1_Role, Role__Output as _simhub_identity_v1_Role__Output } from '../../../simhub/identity/v1/Role.ts';

export interface CreateCompanyStaffRequest {
  'companyId'?: (string);
  'username'?: (string);
  'email'?: (string);
  'password'?: (string);
  'role'?: (_simhub_identity_v1_Role);
}

export interface CreateCompanyStaffRequest__Output {
  'companyId': (string);
  'username': (string);
  'email': (string);
  'password': (string);
  'role': (_simhub_identity_v1_Role__Output);
}
