// Original file: proto/simhub/sim/v1/sim_service.proto


export interface ListImportsRequest {
  'orgId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
}

export interface ListImportsRequest__Output {
  'orgId': (string);
  'limit': (number);
  'cursor': (string);
}
