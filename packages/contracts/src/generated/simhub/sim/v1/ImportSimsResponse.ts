// Original file: /work/main/proto/simhub/sim/v1/sim_service.proto

import type { RejectedSim as _simhub_sim_v1_RejectedSim, RejectedSim__Output as _simhub_sim_v1_RejectedSim__Output } from '../../../simhub/sim/v1/RejectedSim.ts';

export interface ImportSimsResponse {
  'importId'?: (string);
  'imported'?: (number);
  'rejected'?: (_simhub_sim_v1_RejectedSim)[];
  'rejectedCount'?: (number);
  'rejectedTruncated'?: (boolean);
}

export interface ImportSimsResponse__Output {
  'importId': (string);
  'imported': (number);
  'rejected': (_simhub_sim_v1_RejectedSim__Output)[];
  'rejectedCount': (number);
  'rejectedTruncated': (boolean);
}
