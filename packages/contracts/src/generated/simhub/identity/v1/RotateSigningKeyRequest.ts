// Original file: proto/simhub/identity/v1/identity_service.proto


export interface RotateSigningKeyRequest {
}

export interface RotateSigningKeyRequest__Output {
}
