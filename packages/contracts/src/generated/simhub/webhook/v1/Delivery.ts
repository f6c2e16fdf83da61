// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface Delivery {
  'id'?: (string);
  'eventId'?: (string);
  'type'?: (string);
  'status'?: (string);
  'attempts'?: (number);
  'lastResponseStatus'?: (number);
  'lastAttemptAt'?: (string);
  'nextAttemptAt'?: (string);
  'createdAt'?: (string);
  'lastError'?: (string);
}

export interface Delivery__Output {
  'id': (string);
  'eventId': (string);
  'type': (string);
  'status': (string);
  'attempts': (number);
  'lastResponseStatus': (number);
  'lastAttemptAt': (string);
  'nextAttemptAt': (string);
  'createdAt': (string);
  'lastError': (string);
}
