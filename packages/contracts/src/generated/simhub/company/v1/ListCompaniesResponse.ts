// Original file: proto/simhub/company/v1/company_service.proto

import type { Company as _simhub_company_v1_Company, Company__Output as _simhub_company_v1_Company__Output } from '../../../simhub/company/v1/Company.ts';

export interface ListCompaniesResponse {
  'items'?: (_simhub_company_v1_Company)[];
  'nextCursor'?: (string);
}

export interface ListCompaniesResponse__Output {
  'items': (_simhub_company_v1_Company__Output)[];
  'nextCursor': (string);
}
