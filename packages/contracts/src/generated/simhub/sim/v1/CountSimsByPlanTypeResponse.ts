// Original file: proto/simhub/sim/v1/sim_service.proto


export interface CountSimsByPlanTypeResponse {
  'prepaid'?: (number);
  'subscription'?: (number);
  'paygo'?: (number);
  'none'?: (number);
}

export interface CountSimsByPlanTypeResponse__Output {
  'prepaid': (number);
  'subscription': (number);
  'paygo': (number);
  'none': (number);
}
