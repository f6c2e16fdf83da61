// Original file: /work/main/proto/simhub/identity/v1/identity_service.proto


export interface User {
  'id'?: (string);
  'username'?: (string);
  'email'?: (string);
  'role'?: (string);
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
  'role': (string);
  'orgId': (string);
  'companyId': (string);
  'mfaEnabled': (boolean);
  'createdAt': (string);
  'updatedAt': (string);
}
