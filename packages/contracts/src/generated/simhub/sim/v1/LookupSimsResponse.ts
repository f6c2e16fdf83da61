// Original file: proto/simhub/sim/v1/sim_service.proto

import type { SimOwner as _simhub_sim_v1_SimOwner, SimOwner__Output as _simhub_sim_v1_SimOwner__Output } from '../../../simhub/sim/v1/SimOwner.ts';

export interface LookupSimsResponse {
  'sims'?: (_simhub_sim_v1_SimOwner)[];
}

export interface LookupSimsResponse__Output {
  'sims': (_simhub_sim_v1_SimOwner__Output)[];
}
