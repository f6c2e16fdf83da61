// Original file: proto/simhub/org/v1/org_service.proto

import type { PlanType as _simhub_org_v1_PlanType, PlanType__Output as _simhub_org_v1_PlanType__Output } from '../../../simhub/org/v1/PlanType.ts';

export interface ListPlansRequest {
  'orgId'?: (string);
  'limit'?: (number);
  'cursor'?: (string);
  'status'?: (string);
  'type'?: (_simhub_org_v1_PlanType);
}

export interface ListPlansRequest__Output {
  'orgId': (string);
  'limit': (number);
  'cursor': (string);
  'status': (string);
  'type': (_simhub_org_v1_PlanType__Output);
}
