// Original file: proto/simhub/org/v1/org_service.proto


export interface ListOperatorsRequest {
  'orgId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListOperatorsRequest__Output {
  'orgId': (string);
  'limit': (number);
  'cursor': (string);
}
