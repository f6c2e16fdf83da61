// Original file: proto/simhub/org/v1/org_service.proto

import type { Long } from '@grpc/proto-loader';

export interface UpdatePlanRequest {
  'id'?: (string);
  'name'?: (string);
  'price'?: (number | string | Long);
  'dataMb'?: (number);
  'smsCount'?: (number);
  'voiceMinutes'?: (number);
  'validityDays'?: (number);
  'billingPeriod'?: (string);
  'ratePerMbMinor'?: (number | string | Long);
  'status'?: (string);
  'clear'?: (string)[];
  'orgId'?: (string);
  'type'?: (string);
  'currency'?: (string);
  'companyId'?: (string);
  '_name'?: "name";
  '_price'?: "price";
  '_dataMb'?: "dataMb";
  '_smsCount'?: "smsCount";
  '_voiceMinutes'?: "voiceMinutes";
  '_validityDays'?: "validityDays";
  '_billingPeriod'?: "billingPeriod";
  '_ratePerMbMinor'?: "ratePerMbMinor";
  '_status'?: "status";
  '_orgId'?: "orgId";
  '_type'?: "type";
  '_currency'?: "currency";
  '_companyId'?: "companyId";
}

export interface UpdatePlanRequest__Output {
  'id': (string);
  'name'?: (string);
  'price'?: (string);
  'dataMb'?: (number);
  'smsCount'?: (number);
  'voiceMinutes'?: (number);
  'validityDays'?: (number);
  'billingPeriod'?: (string);
  'ratePerMbMinor'?: (string);
  'status'?: (string);
  'clear': (string)[];
  'orgId'?: (string);
  'type'?: (string);
  'currency'?: (string);
  'companyId'?: (string);
  '_name'?: "name";
  '_price'?: "price";
  '_dataMb'?: "dataMb";
  '_smsCount'?: "smsCount";
  '_voiceMinutes'?: "voiceMinutes";
  '_validityDays'?: "validityDays";
  '_billingPeriod'?: "billingPeriod";
  '_ratePerMbMinor'?: "ratePerMbMinor";
  '_status'?: "status";
  '_orgId'?: "orgId";
  '_type'?: "type";
  '_currency'?: "currency";
  '_companyId'?: "companyId";
}
