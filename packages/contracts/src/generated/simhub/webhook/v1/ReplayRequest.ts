// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface ReplayRequest {
  'endpointId'?: (string);
  'since'?: (string);
  'until'?: (string);
}

export interface ReplayRequest__Output {
  'endpointId': (string);
  'since': (string);
  'until': (string);
}
