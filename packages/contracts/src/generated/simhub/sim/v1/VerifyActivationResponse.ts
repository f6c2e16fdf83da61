// Original file: proto/simhub/sim/v1/sim_service.proto


export interface VerifyActivationResponse {
  'iccid'?: (string);
  'orgId'?: (string);
  'companyId'?: (string);
  'endUserId'?: (string);
}

export interface VerifyActivationResponse__Output {
  'iccid': (string);
  'orgId': (string);
  'companyId': (string);
  'endUserId': (string);
}
