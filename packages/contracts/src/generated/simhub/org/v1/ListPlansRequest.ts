// Original file: /work/main/proto/simhub/org/v1/org_service.proto


export interface ListPlansRequest {
  'orgId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
  'status'?: (string);
  'type'?: (string);
}

export interface ListPlansRequest__Output {
  'orgId': (string);
  'limit': (number);
  'cursor': (string);
  'status': (string);
  'type': (string);
}
