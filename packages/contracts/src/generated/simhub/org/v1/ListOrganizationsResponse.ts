// Original file: proto/simhub/org/v1/org_service.proto

import type { Organization as _simhub_org_v1_Organization, Organization__Output as _simhub_org_v1_Organization__Output } from '../../../simhub/org/v1/Organization.ts';

export interface ListOrganizationsResponse {
  'items'?: (_simhub_org_v1_Organization)[];
  'nextCursor'?: (string);
}

export interface ListOrganizationsResponse__Output {
  'items': (_simhub_org_v1_Organization__Output)[];
  'nextCursor': (string);
}
