// Original file: proto/simhub/identity/v1/identity_service.proto


export interface ApiKey {
  'id'?: (string);
  'name'?: (string);
  'role'?: (string);
  'orgId'?: (string);
  'companyId'?: (string);
  'clientId'?: (string);
  'createdAt'?: (string);
  'lastUsedAt'?: (string);
}

export interface ApiKey__Output {
  'id': (string);
  'name': (string);
  'role': (string);
  'orgId': (string);
  'companyId': (string);
  'clientId': (string);
  'createdAt': (string);
  'lastUsedAt': (string);
}
