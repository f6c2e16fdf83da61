// Original file: proto/simhub/sim/v1/sim_service.proto


export interface LookupSimsRequest {
  'orgId'?: (string);
  'iccids'?: (string)[];
}

export interface LookupSimsRequest__Output {
  'orgId': (string);
  'iccids': (string)[];
}
