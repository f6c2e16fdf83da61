// Original file: proto/simhub/sim/v1/sim_service.proto

import type { RejectedPlanAssignment as _simhub_sim_v1_RejectedPlanAssignment, RejectedPlanAssignment__Output as _simhub_sim_v1_RejectedPlanAssignment__Output } from '../../../simhub/sim/v1/RejectedPlanAssignment.ts';

export interface AssignPlanBulkResponse {
  'assigned'?: (number);
  'rejected'?: (_simhub_sim_v1_RejectedPlanAssignment)[];
}

export interface AssignPlanBulkResponse__Output {
  'assigned': (number);
  'rejected': (_simhub_sim_v1_RejectedPlanAssignment__Output)[];
}
