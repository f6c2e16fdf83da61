// Original file: proto/simhub/usage/v1/usage_service.proto

import type { UsageTotals as _simhub_usage_v1_UsageTotals, UsageTotals__Output as _simhub_usage_v1_UsageTotals__Output } from '../../../simhub/usage/v1/UsageTotals.ts';

export interface DayUsage {
  'date'?: (string);
  'totals'?: (_simhub_usage_v1_UsageTotals | null);
}

export interface DayUsage__Output {
  'date': (string);
  'totals': (_simhub_usage_v1_UsageTotals__Output | null);
}
