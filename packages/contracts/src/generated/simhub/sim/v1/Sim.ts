// Original file: proto/simhub/sim/v1/sim_service.proto

import type { SimStatus as _simhub_sim_v1_SimStatus, SimStatus__Output as _simhub_sim_v1_SimStatus__Output } from '../../../simhub/sim/v1/SimStatus.ts';

export interface Sim {
  'iccid'?: (string);
  'orgId'?: (string);
  'companyId'?: (string);
  'endUserId'?: (string);
  'planId'?: (string);
  'status'?: (_simhub_sim_v1_SimStatus);
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
  'status': (_simhub_sim_v1_SimStatus__Output);
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
