// Original file: proto/simhub/identity/v1/identity_service.proto


export interface RevokeApiKeyResponse {
}

export interface RevokeApiKeyResponse__Output {
}
