// Original file: proto/simhub/org/v1/org_service.proto

import type { PaymentProvider as _simhub_org_v1_PaymentProvider, PaymentProvider__Output as _simhub_org_v1_PaymentProvider__Output } from '../../../simhub/org/v1/PaymentProvider.ts';

export interface ListPaymentProvidersResponse {
  'items'?: (_simhub_org_v1_PaymentProvider)[];
}

export interface ListPaymentProvidersResponse__Output {
  'items': (_simhub_org_v1_PaymentProvider__Output)[];
}
