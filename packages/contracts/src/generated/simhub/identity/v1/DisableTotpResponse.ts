// Original file: proto/simhub/identity/v1/identity_service.proto


export interface DisableTotpResponse {
}

export interface DisableTotpResponse__Output {
}
