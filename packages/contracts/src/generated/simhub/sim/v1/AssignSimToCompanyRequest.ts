// Original file: proto/simhub/sim/v1/sim_service.proto


export interface AssignSimToCompanyRequest {
  'iccid'?: (string);
  'companyId'?: (string);
}

export interface AssignSimToCompanyRequest__Output {
  'iccid': (string);
  'companyId': (string);
}
