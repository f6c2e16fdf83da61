// Original file: proto/simhub/identity/v1/identity_service.proto


export interface EndUser {
  'id'?: (string);
  'companyId'?: (string);
  'orgId'?: (string);
  'username'?: (string);
  'email'?: (string);
  'mfaEnabled'?: (boolean);
  'createdAt'?: (string);
  'updatedAt'?: (string);
}

export interface EndUser__Output {
  'id': (string);
  'companyId': (string);
  'orgId': (string);
  'username': (string);
  'email': (string);
  'mfaEnabled': (boolean);
  'createdAt': (string);
  'updatedAt': (string);
}
