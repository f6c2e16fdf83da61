// Original file: proto/simhub/sim/v1/sim_service.proto


export interface RejectedSim {
  'index'?: (number);
  'iccid'?: (string);
  'code'?: (string);
  'message'?: (string);
  'line'?: (number);
}

export interface RejectedSim__Output {
  'index': (number);
  'iccid': (string);
  'code': (string);
  'message': (string);
  'line': (number);
}
