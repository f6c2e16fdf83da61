// Original file: proto/simhub/webhook/v1/webhook_service.proto

import type { Endpoint as _simhub_webhook_v1_Endpoint, Endpoint__Output as _simhub_webhook_v1_Endpoint__Output } from '../../../simhub/webhook/v1/Endpoint.ts';

export interface EndpointWithSecret {
  'endpoint'?: (_simhub_webhook_v1_Endpoint | null);
  'secret'?: (string);
}

export interface EndpointWithSecret__Output {
  'endpoint': (_simhub_webhook_v1_Endpoint__Output | null);
  'secret': (string);
}
