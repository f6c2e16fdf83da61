// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface DeleteEndpointRequest {
  'id'?: (string);
}

export interface DeleteEndpointRequest__Output {
  'id': (string);
}
