// Original file: proto/simhub/sim/v1/sim_service.proto


export interface CountSimsByStatusRequest {
  'companyId'?: (string);
}

export interface CountSimsByStatusRequest__Output {
  'companyId': (string);
}
