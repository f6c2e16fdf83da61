// Original file: proto/simhub/org/v1/org_service.proto

import type { PaymentProvider as _simhub_org_v1_PaymentProvider, PaymentProvider__Output as _simhub_org_v1_PaymentProvider__Output } from '../../../simhub/org/v1/PaymentProvider.ts';

export interface SetPaymentProviderResponse {
  'provider'?: (_simhub_org_v1_PaymentProvider | null);
  'created'?: (boolean);
}

export interface SetPaymentProviderResponse__Output {
  'provider': (_simhub_org_v1_PaymentProvider__Output | null);
  'created': (boolean);
}
