// Original file: proto/simhub/sim/v1/sim_service.proto

import type { SimImport as _simhub_sim_v1_SimImport, SimImport__Output as _simhub_sim_v1_SimImport__Output } from '../../../simhub/sim/v1/SimImport.ts';

export interface ListImportsResponse {
  'items'?: (_simhub_sim_v1_SimImport)[];
  'nextCursor'?: (string);
}

export interface ListImportsResponse__Output {
  'items': (_simhub_sim_v1_SimImport__Output)[];
  'nextCursor': (string);
}
