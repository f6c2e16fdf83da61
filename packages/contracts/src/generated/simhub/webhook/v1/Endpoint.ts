// Original file: proto/simhub/webhook/v1/webhook_service.proto


export interface Endpoint {
  'id'?: (string);
  'orgId'?: (string);
  'companyId'?: (string);
  'url'?: (string);
  'events'?: (string)[];
  'status'?: (string);
  'description'?: (string);
  'disabledReason'?: (string);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'validatedAt'?: (string);
}

export interface Endpoint__Output {
  'id': (string);
  'orgId': (string);
  'companyId': (string);
  'url': (string);
  'events': (string)[];
  'status': (string);
  'description': (string);
  'disabledReason': (string);
  'createdAt': (string);
  'updatedAt': (string);
  'validatedAt': (string);
}
