// Original file: proto/simhub/sim/v1/sim_service.proto


export interface AssignSimToEndUserRequest {
  'iccid'?: (string);
  'endUserId'?: (string);
}

export interface AssignSimToEndUserRequest__Output {
  'iccid': (string);
  'endUserId': (string);
}
