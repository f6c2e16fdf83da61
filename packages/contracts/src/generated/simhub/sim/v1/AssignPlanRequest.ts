// Original file: proto/simhub/sim/v1/sim_service.proto


export interface AssignPlanRequest {
  'iccid'?: (string);
  'planId'?: (string);
}

export interface AssignPlanRequest__Output {
  'iccid': (string);
  'planId': (string);
}
