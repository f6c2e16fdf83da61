// Original file: proto/simhub/sim/v1/sim_service.proto


export interface SimInput {
  'iccid'?: (string);
  'imsi'?: (string);
  'msisdn'?: (string);
  'imei'?: (string);
  'eSim'?: (boolean);
  'operatorId'?: (string);
  'activationCode'?: (string);
}

export interface SimInput__Output {
  'iccid': (string);
  'imsi': (string);
  'msisdn': (string);
  'imei': (string);
  'eSim': (boolean);
  'operatorId': (string);
  'activationCode': (string);
}
