// Original file: proto/simhub/sim/v1/sim_service.proto

import type { SimStatus as _simhub_sim_v1_SimStatus, SimStatus__Output as _simhub_sim_v1_SimStatus__Output } from '../../../simhub/sim/v1/SimStatus.ts';

export interface ListSimsRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'endUserId'?: (string);
  'status'?: (_simhub_sim_v1_SimStatus);
  'q'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
  'planId'?: (string);
}

export interface ListSimsRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'endUserId': (string);
  'status': (_simhub_sim_v1_SimStatus__Output);
  'q': (string);
  'limit': (number);
  'cursor': (string);
  'planId': (string);
}
