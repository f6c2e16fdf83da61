// Original file: proto/simhub/sim/v1/sim_service.proto

import type { SimInput as _simhub_sim_v1_SimInput, SimInput__Output as _simhub_sim_v1_SimInput__Output } from '../../../simhub/sim/v1/SimInput.ts';

export interface ImportSimsRequest {
  'orgId'?: (string);
  'sims'?: (_simhub_sim_v1_SimInput)[];
}

export interface ImportSimsRequest__Output {
  'orgId': (string);
  'sims': (_simhub_sim_v1_SimInput__Output)[];
}
