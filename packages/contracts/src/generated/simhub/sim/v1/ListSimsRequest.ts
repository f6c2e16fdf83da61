// Original file: /work/main/proto/simhub/sim/v1/sim_service.proto


export interface ListSimsRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'endUserId'?: (string);
  'status'?: (string);
  'q'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
  'planId'?: (string);
}

export interface ListSimsRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'endUserId': (string);
  'status': (string);
  'q': (string);
  'limit': (number);
  'cursor': (string);
  'planId': (string);
}
