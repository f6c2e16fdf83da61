// Original file: proto/simhub/sim/v1/sim_service.proto

import type { RejectedSim as _simhub_sim_v1_RejectedSim, RejectedSim__Output as _simhub_sim_v1_RejectedSim__Output } from '../../../simhub/sim/v1/RejectedSim.ts';

export interface ListImportRejectionsResponse {
  'items'?: (_simhub_sim_v1_RejectedSim)[];
  'nextCursor'?: (string);
}

export interface ListImportRejectionsResponse__Output {
  'items': (_simhub_sim_v1_RejectedSim__Output)[];
  'nextCursor': (string);
}
