// Original file: proto/simhub/org/v1/org_service.proto

import type { PlanType as _simhub_org_v1_PlanType, PlanType__Output as _simhub_org_v1_PlanType__Output } from '../../../simhub/org/v1/PlanType.ts';
import type { Long } from '@grpc/proto-loader';

export interface CreatePlanRequest {
  'orgId'?: (string);
  'companyId'?: (string);
  'name'?: (string);
  'type'?: (_simhub_org_v1_PlanType);
  'currency'?: (string);
  'price'?: (number | string | Long);
  'dataMb'?: (number);
  'smsCount'?: (number);
  'voiceMinutes'?: (number);
  'validityDays'?: (number);
  'billingPeriod'?: (string);
  'ratePerMbMinor'?: (number | string | Long);
  '_price'?: "price";
  '_dataMb'?: "dataMb";
  '_smsCount'?: "smsCount";
  '_voiceMinutes'?: "voiceMinutes";
  '_validityDays'?: "validityDays";
  '_billingPeriod'?: "billingPeriod";
  '_ratePerMbMinor'?: "ratePerMbMinor";
}

export interface CreatePlanRequest__Output {
  'orgId': (string);
  'companyId': (string);
  'name': (string);
  'type': (_simhub_org_v1_PlanType__Output);
  'currency': (string);
  'price'?: (string);
  'dataMb'?: (number);
  'smsCount'?: (number);
  'voiceMinutes'?: (number);
  'validityDays'?: (number);
  'billingPeriod'?: (string);
  'ratePerMbMinor'?: (string);
  '_price'?: "price";
  '_dataMb'?: "dataMb";
  '_smsCount'?: "smsCount";
  '_voiceMinutes'?: "voiceMinutes";
  '_validityDays'?: "validityDays";
  '_billingPeriod'?: "billingPeriod";
  '_ratePerMbMinor'?: "ratePerMbMinor";
}
