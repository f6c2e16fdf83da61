// Original file: proto/simhub/identity/v1/identity_service.proto

import type { Role as _simhub_identity_v1_Role, Role__Output as _simhub_identity_v1_Role__Output } from '../../../simhub/identity/v1/Role.ts';

export interface User {
  'id'?: (string);
  'username'?: (string);
  'email'?: (string);
  'role'?: (_simhub_identity_v1_Role);
  'orgId'?: (string);
  'companyId'?: (string);
  'mfaEnabled'?: (boolean);
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

export interface User__Output {
  'id': (string);
  'username': (string);
  'email': (string);
  'role': (_simhub_identity_v1_Role__Output);
  'orgId': (string);
  'companyId': (string);
  'mfaEnabled': (boolean);
  'createdAt': (string);
  'updatedAt': (string);
}
