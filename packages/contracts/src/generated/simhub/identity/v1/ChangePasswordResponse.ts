// Original file: proto/simhub/identity/v1/identity_service.proto


export interface ChangePasswordResponse {
}

export interface ChangePasswordResponse__Output {
}
