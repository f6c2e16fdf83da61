// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface ListDeliveriesRequest {
  'endpointId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
  'status'?: (string);
}

export interface ListDeliveriesRequest__Output {
  'endpointId': (string);
  'limit': (number);
  'cursor': (string);
  'status': (string);
}
