// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface ListEndpointsRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListEndpointsRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'limit': (number);
  'cursor': (string);
}
