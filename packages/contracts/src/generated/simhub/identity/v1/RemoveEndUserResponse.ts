// Original file: proto/simhub/identity/v1/identity_service.proto


export interface RemoveEndUserResponse {
}

export interface RemoveEndUserResponse__Output {
}
