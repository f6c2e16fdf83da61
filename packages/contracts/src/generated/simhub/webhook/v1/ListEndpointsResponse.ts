// Original file: proto/simhub/webhook/v1/webhook_service.proto

import type { Endpoint as _simhub_webhook_v1_Endpoint, Endpoint__Output as _simhub_webhook_v1_Endpoint__Output } from '../../../simhub/webhook/v1/Endpoint.ts';

export interface ListEndpointsResponse {
  'items'?: (_simhub_webhook_v1_Endpoint)[];
  'nextCursor'?: (string);
}

export interface ListEndpointsResponse__Output {
  'items': (_simhub_webhook_v1_Endpoint__Output)[];
  'nextCursor': (string);
}
