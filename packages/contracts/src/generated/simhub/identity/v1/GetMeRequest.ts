// Original file: proto/simhub/identity/v1/identity_service.proto


export interface GetMeRequest {
}

export interface GetMeRequest__Output {
}
