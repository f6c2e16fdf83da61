// Original file: /work/main/proto/simhub/sim/v1/sim_service.proto


export interface Sim {
  'iccid'?: (string);
  'orgId'?: (string);
  'companyId'?: (string);
  'endUserId'?: (string);
  'planId'?: (string);
  'status'?: (string);
  'statusReason'?: (string);
  'imsi'?: (string);
  'msisdn'?: (string);
  'imei'?: (string);
  'eSim'?: (boolean);
  'operatorId'?: (string);
  'version'?: (number);
  'createdAt'?: (string);
  'updatedAt'?: (string);
  'statusId'?: (number);
  'importId'?: (string);
}

export interface Sim__Output {
  'iccid': (string);
  'orgId': (string);
  'companyId': (string);
  'endUserId': (string);
  'planId': (string);
  'status': (string);
  'statusReason': (string);
  'imsi': (string);
  'msisdn': (string);
  'imei': (string);
  'eSim': (boolean);
  'operatorId': (string);
  'version': (number);
  'createdAt': (string);
  'updatedAt': (string);
  'statusId': (number);
  'importId': (string);
}
