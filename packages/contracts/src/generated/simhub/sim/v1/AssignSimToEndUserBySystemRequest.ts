// Original file: proto/simhub/sim/v1/sim_service.proto


export interface AssignSimToEndUserBySystemRequest {
  'iccid'?: (string);
  'endUserId'?: (string);
  'activationCode'?: (string);
  'companyId'?: (string);
}

export interface AssignSimToEndUserBySystemRequest__Output {
  'iccid': (string);
  'endUserId': (string);
  'activationCode': (string);
  'companyId': (string);
}
