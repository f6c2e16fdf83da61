// Original file: proto/simhub/sim/v1/sim_service.proto


export interface GetSimRequest {
  'iccid'?: (string);
}

export interface GetSimRequest__Output {
  'iccid': (string);
}
