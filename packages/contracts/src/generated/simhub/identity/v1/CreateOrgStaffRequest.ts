// Original file: /work/main/proto/simhub/identity/v1/identity_service.proto


export interface CreateOrgStaffRequest {
  'orgId'?: (string);
  'username'?: (string);
  'email'?: (string);
  'password'?: (string);
  'role'?: (string);
}

export interface CreateOrgStaffRequest__Output {
  'orgId': (string);
  'username': (string);
  'email': (string);
  'password': (string);
  'role': (string);
}
