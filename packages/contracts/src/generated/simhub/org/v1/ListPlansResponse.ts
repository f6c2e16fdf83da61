// Original file: proto/simhub/org/v1/org_service.proto

import type { Plan as _simhub_org_v1_Plan, Plan__Output as _simhub_org_v1_Plan__Output } from '../../../simhub/org/v1/Plan.ts';

export interface ListPlansResponse {
  'items'?: (_simhub_org_v1_Plan)[];
  'nextCursor'?: (string);
}

export interface ListPlansResponse__Output {
  'items': (_simhub_org_v1_Plan__Output)[];
  'nextCursor': (string);
}
