// Original file: proto/simhub/sim/v1/sim_service.proto


export interface VerifyActivationRequest {
  'iccid'?: (string);
  'activationCode'?: (string);
}

export interface VerifyActivationRequest__Output {
  'iccid': (string);
  'activationCode': (string);
}
