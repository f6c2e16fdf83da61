// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface DeleteEndpointResponse {
}

export interface DeleteEndpointResponse__Output {
}
