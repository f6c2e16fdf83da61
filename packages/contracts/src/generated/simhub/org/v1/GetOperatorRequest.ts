// Original file: proto/simhub/org/v1/org_service.proto


export interface GetOperatorRequest {
  'orgId'?: (string);
  'operatorId'?: (string);
}

export interface GetOperatorRequest__Output {
  'orgId': (string);
  'operatorId': (string);
}
