// Original file: proto/simhub/company/v1/company_service.proto

import type { Company as _simhub_company_v1_Company, Company__Output as _simhub_company_v1_Company__Output } from '../../../simhub/company/v1/Company.ts';
import type { ResolvedOrganization as _simhub_company_v1_ResolvedOrganization, ResolvedOrganization__Output as _simhub_company_v1_ResolvedOrganization__Output } from '../../../simhub/company/v1/ResolvedOrganization.ts';

export interface ResolvedCompany {
  'company'?: (_simhub_company_v1_Company | null);
  'organization'?: (_simhub_company_v1_ResolvedOrganization | null);
}

export interface ResolvedCompany__Output {
  'company': (_simhub_company_v1_Company__Output | null);
  'organization': (_simhub_company_v1_ResolvedOrganization__Output | null);
}
