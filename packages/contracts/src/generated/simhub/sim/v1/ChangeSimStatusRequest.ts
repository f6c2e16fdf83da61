// Original file: /work/main/proto/simhub/sim/v1/sim_service.proto


export interface ChangeSimStatusRequest {
  'iccid'?: (string);
  'status'?: (string);
  'reason'?: (string);
}

export interface ChangeSimStatusRequest__Output {
  'iccid': (string);
  'status': (string);
  'reason': (string);
}
