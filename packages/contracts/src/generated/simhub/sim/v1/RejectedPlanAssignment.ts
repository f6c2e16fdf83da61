// Original file: proto/simhub/sim/v1/sim_service.proto


export interface RejectedPlanAssignment {
  'iccid'?: (string);
  'code'?: (string);
  'message'?: (string);
}

export interface RejectedPlanAssignment__Output {
  'iccid': (string);
  'code': (string);
  'message': (string);
}
