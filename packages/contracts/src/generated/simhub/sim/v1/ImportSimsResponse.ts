// Original file: proto/simhub/sim/v1/sim_service.proto

import type { RejectedSim as _simhub_sim_v1_RejectedSim, RejectedSim__Output as _simhub_sim_v1_RejectedSim__Output } from '../../../simhub/sim/v1/RejectedSim.ts';
import type { SimImport as _simhub_sim_v1_SimImport, SimImport__Output as _simhub_sim_v1_SimImport__Output } from '../../../simhub/sim/v1/SimImport.ts';

export interface ImportSimsResponse {
  'importId'?: (string);
  'imported'?: (number);
  'rejected'?: (_simhub_sim_v1_RejectedSim)[];
  'rejectedCount'?: (number);
  'rejectedTruncated'?: (boolean);
  'import'?: (_simhub_sim_v1_SimImport | null);
}

export interface ImportSimsResponse__Output {
  'importId': (string);
  'imported': (number);
  'rejected': (_simhub_sim_v1_RejectedSim__Output)[];
  'rejectedCount': (number);
  'rejectedTruncated': (boolean);
  'import': (_simhub_sim_v1_SimImport__Output | null);
}
