// Original file: proto/simhub/sim/v1/sim_service.proto

import type { SimHistoryEntry as _simhub_sim_v1_SimHistoryEntry, SimHistoryEntry__Output as _simhub_sim_v1_SimHistoryEntry__Output } from '../../../simhub/sim/v1/SimHistoryEntry.ts';

export interface ListSimHistoryResponse {
  'items'?: (_simhub_sim_v1_SimHistoryEntry)[];
  'nextCursor'?: (string);
}

export interface ListSimHistoryResponse__Output {
  'items': (_simhub_sim_v1_SimHistoryEntry__Output)[];
  'nextCursor': (string);
}
