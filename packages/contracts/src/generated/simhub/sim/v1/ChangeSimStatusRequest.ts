// Original file: proto/simhub/sim/v1/sim_service.proto

import type { SimStatus as _simhub_sim_v1_SimStatus, SimStatus__Output as _simhub_sim_v1_SimStatus__Output } from '../../../simhub/sim/v1/SimStatus.ts';

export interface ChangeSimStatusRequest {
  'iccid'?: (string);
  'status'?: (_simhub_sim_v1_SimStatus);
  'reason'?: (string);
}

export interface ChangeSimStatusRequest__Output {
  'iccid': (string);
  'status': (_simhub_sim_v1_SimStatus__Output);
  'reason': (string);
}
