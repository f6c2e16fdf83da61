// Original file: proto/simhub/identity/v1/identity_service.proto


export interface ConfirmTotpResponse {
}

export interface ConfirmTotpResponse__Output {
}
