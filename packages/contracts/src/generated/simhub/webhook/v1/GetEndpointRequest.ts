// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface GetEndpointRequest {
  'id'?: (string);
}

export interface GetEndpointRequest__Output {
  'id': (string);
}
