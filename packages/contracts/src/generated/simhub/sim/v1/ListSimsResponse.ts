// Original file: proto/simhub/sim/v1/sim_service.proto

import type { Sim as _simhub_sim_v1_Sim, Sim__Output as _simhub_sim_v1_Sim__Output } from '../../../simhub/sim/v1/Sim.ts';

export interface ListSimsResponse {
  'items'?: (_simhub_sim_v1_Sim)[];
  'nextCursor'?: (string);
}

export interface ListSimsResponse__Output {
  'items': (_simhub_sim_v1_Sim__Output)[];
  'nextCursor': (string);
}
