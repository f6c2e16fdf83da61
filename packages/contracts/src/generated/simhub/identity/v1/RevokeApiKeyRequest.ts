// Original file: proto/simhub/identity/v1/identity_service.proto


export interface RevokeApiKeyRequest {
  'id'?: (string);
}

export interface RevokeApiKeyRequest__Output {
  'id': (string);
}
