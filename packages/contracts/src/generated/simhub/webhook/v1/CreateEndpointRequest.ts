// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface CreateEndpointRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'url'?: (string);
  'events'?: (string)[];
  'description'?: (string);
}

export interface CreateEndpointRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'url': (string);
  'events': (string)[];
  'description': (string);
}
