// Original file: proto/simhub/identity/v1/identity_service.proto


export interface CreateApiKeyRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'name'?: (string);
  'role'?: (string);
}

export interface CreateApiKeyRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'name': (string);
  'role': (string);
}
