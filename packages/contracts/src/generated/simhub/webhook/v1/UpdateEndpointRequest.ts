// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface UpdateEndpointRequest {
  'id'?: (string);
  'url'?: (string);
  'events'?: (string)[];
  'changeEvents'?: (boolean);
  'status'?: (string);
  'description'?: (string);
  'changeDescription'?: (boolean);
}

export interface UpdateEndpointRequest__Output {
  'id': (string);
  'url': (string);
  'events': (string)[];
  'changeEvents': (boolean);
  'status': (string);
  'description': (string);
  'changeDescription': (boolean);
}
