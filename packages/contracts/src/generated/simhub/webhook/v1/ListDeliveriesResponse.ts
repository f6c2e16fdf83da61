// Original file: proto/simhub/webhook/v1/webhook_service.proto

import type { Delivery as _simhub_webhook_v1_Delivery, Delivery__Output as _simhub_webhook_v1_Delivery__Output } from '../../../simhub/webhook/v1/Delivery.ts';

export interface ListDeliveriesResponse {
  'items'?: (_simhub_webhook_v1_Delivery)[];
  'nextCursor'?: (string);
}

export interface ListDeliveriesResponse__Output {
  'items': (_simhub_webhook_v1_Delivery__Output)[];
  'nextCursor': (string);
}
