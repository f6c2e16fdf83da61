// Original file: proto/simhub/sim/v1/sim_service.proto


export interface CountSimsByPlanTypeRequest {
  'companyId'?: (string);
}

export interface CountSimsByPlanTypeRequest__Output {
  'companyId': (string);
}
