// Original file: proto/simhub/usage/v1/usage_service.proto

import type { UsageTotals as _simhub_usage_v1_UsageTotals, UsageTotals__Output as _simhub_usage_v1_UsageTotals__Output } from '../../../simhub/usage/v1/UsageTotals.ts';
import type { DayUsage as _simhub_usage_v1_DayUsage, DayUsage__Output as _simhub_usage_v1_DayUsage__Output } from '../../../simhub/usage/v1/DayUsage.ts';

export interface SimUsage {
  'iccid'?: (string);
  'period'?: (string);
  'totals'?: (_simhub_usage_v1_UsageTotals | null);
  'imei'?: (string);
  'firstUsedAt'?: (string);
  'lastUsedAt'?: (string);
  'days'?: (_simhub_usage_v1_DayUsage)[];
}

export interface SimUsage__Output {
  'iccid': (string);
  'period': (string);
  'totals': (_simhub_usage_v1_UsageTotals__Output | null);
  'imei': (string);
  'firstUsedAt': (string);
  'lastUsedAt': (string);
  'days': (_simhub_usage_v1_DayUsage__Output)[];
}
