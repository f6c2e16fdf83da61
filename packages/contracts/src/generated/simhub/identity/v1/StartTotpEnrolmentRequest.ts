// Original file: proto/simhub/identity/v1/identity_service.proto


export interface StartTotpEnrolmentRequest {
}

export interface StartTotpEnrolmentRequest__Output {
}
