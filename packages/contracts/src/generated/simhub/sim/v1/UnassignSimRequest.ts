// Original file: proto/simhub/sim/v1/sim_service.proto


export interface UnassignSimRequest {
  'iccid'?: (string);
}

export interface UnassignSimRequest__Output {
  'iccid': (string);
}
