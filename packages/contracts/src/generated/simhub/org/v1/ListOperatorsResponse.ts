// Original file: proto/simhub/org/v1/org_service.proto

import type { Operator as _simhub_org_v1_Operator, Operator__Output as _simhub_org_v1_Operator__Output } from '../../../simhub/org/v1/Operator.ts';

export interface ListOperatorsResponse {
  'items'?: (_simhub_org_v1_Operator)[];
  'nextCursor'?: (string);
}

export interface ListOperatorsResponse__Output {
  'items': (_simhub_org_v1_Operator__Output)[];
  'nextCursor': (string);
}
