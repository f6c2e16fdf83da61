// Original file: proto/simhub/usage/v1/usage_service.proto

import type { UsageTotals as _simhub_usage_v1_UsageTotals, UsageTotals__Output as _simhub_usage_v1_UsageTotals__Output } from '../../../simhub/usage/v1/UsageTotals.ts';

export interface CompanyUsage {
  'companyId'?: (string);
  'orgId'?: (string);
  'period'?: (string);
  'totals'?: (_simhub_usage_v1_UsageTotals | null);
  'simCount'?: (number);
}

export interface CompanyUsage__Output {
  'companyId': (string);
  'orgId': (string);
  'period': (string);
  'totals': (_simhub_usage_v1_UsageTotals__Output | null);
  'simCount': (number);
}
