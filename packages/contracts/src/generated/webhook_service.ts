import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateEndpointRequest as _simhub_webhook_v1_CreateEndpointRequest, CreateEndpointRequest__Output as _simhub_webhook_v1_CreateEndpointRequest__Output } from './simhub/webhook/v1/CreateEndpointRequest.ts';
import type { DeleteEndpointRequest as _simhub_webhook_v1_DeleteEndpointRequest, DeleteEndpointRequest__Output as _simhub_webhook_v1_DeleteEndpointRequest__Output } from './simhub/webhook/v1/DeleteEndpointRequest.ts';
import type { DeleteEndpointResponse as _simhub_webhook_v1_DeleteEndpointResponse, DeleteEndpointResponse__Output as _simhub_webhook_v1_DeleteEndpointResponse__Output } from './simhub/webhook/v1/DeleteEndpointResponse.ts';
import type { Delivery as _simhub_webhook_v1_Delivery, Delivery__Output as _simhub_webhook_v1_Delivery__Output } from './simhub/webhook/v1/Delivery.ts';
import type { Endpoint as _simhub_webhook_v1_Endpoint, Endpoint__Output as _simhub_webhook_v1_Endpoint__Output } from './simhub/webhook/v1/Endpoint.ts';
import type { EndpointWithSecret as _simhub_webhook_v1_EndpointWithSecret, EndpointWithSecret__Output as _simhub_webhook_v1_EndpointWithSecret__Output } from './simhub/webhook/v1/EndpointWithSecret.ts';
import type { GetEndpointRequest as _simhub_webhook_v1_GetEndpointRequest, GetEndpointRequest__Output as _simhub_webhook_v1_GetEndpointRequest__Output } from './simhub/webhook/v1/GetEndpointRequest.ts';
import type { ListDeliveriesRequest as _simhub_webhook_v1_ListDeliveriesRequest, ListDeliveriesRequest__Output as _simhub_webhook_v1_ListDeliveriesRequest__Output } from './simhub/webhook/v1/ListDeliveriesRequest.ts';
import type { ListDeliveriesResponse as _simhub_webhook_v1_ListDeliveriesResponse, ListDeliveriesResponse__Output as _simhub_webhook_v1_ListDeliveriesResponse__Output } from './simhub/webhook/v1/ListDeliveriesResponse.ts';
import type { ListEndpointsRequest as _simhub_webhook_v1_ListEndpointsRequest, ListEndpointsRequest__Output as _simhub_webhook_v1_ListEndpointsRequest__Output } from './simhub/webhook/v1/ListEndpointsRequest.ts';
import type { ListEndpointsResponse as _simhub_webhook_v1_ListEndpointsResponse, ListEndpointsResponse__Output as _simhub_webhook_v1_ListEndpointsResponse__Output } from './simhub/webhook/v1/ListEndpointsResponse.ts';
import type { ReplayRequest as _simhub_webhook_v1_ReplayRequest, ReplayRequest__Output as _simhub_webhook_v1_ReplayRequest__Output } from './simhub/webhook/v1/ReplayRequest.ts';
import type { ReplayResponse as _simhub_webhook_v1_ReplayResponse, ReplayResponse__Output as _simhub_webhook_v1_ReplayResponse__Output } from './simhub/webhook/v1/ReplayResponse.ts';
import type { RotateSecretRequest as _simhub_webhook_v1_RotateSecretRequest, RotateSecretRequest__Output as _simhub_webhook_v1_RotateSecretRequest__Output } from './simhub/webhook/v1/RotateSecretRequest.ts';
import type { RotateSecretResponse as _simhub_webhook_v1_RotateSecretResponse, RotateSecretResponse__Output as _simhub_webhook_v1_RotateSecretResponse__Output } from './simhub/webhook/v1/RotateSecretResponse.ts';
import type { UpdateEndpointRequest as _simhub_webhook_v1_UpdateEndpointRequest, UpdateEndpointRequest__Output as _simhub_webhook_v1_UpdateEndpointRequest__Output } from './simhub/webhook/v1/UpdateEndpointRequest.ts';
import type { WebhookServiceClient as _simhub_webhook_v1_WebhookServiceClient, WebhookServiceDefinition as _simhub_webhook_v1_WebhookServiceDefinition } from './simhub/webhook/v1/WebhookService.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    webhook: {
      v1: {
        CreateEndpointRequest: MessageTypeDefinition<_simhub_webhook_v1_CreateEndpointRequest, _simhub_webhook_v1_CreateEndpointRequest__Output>
        DeleteEndpointRequest: MessageTypeDefinition<_simhub_webhook_v1_DeleteEndpointRequest, _simhub_webhook_v1_DeleteEndpointRequest__Output>
        DeleteEndpointResponse: MessageTypeDefinition<_simhub_webhook_v1_DeleteEndpointResponse, _simhub_webhook_v1_DeleteEndpointResponse__Output>
        Delivery: MessageTypeDefinition<_simhub_webhook_v1_Delivery, _simhub_webhook_v1_Delivery__Output>
        Endpoint: MessageTypeDefinition<_simhub_webhook_v1_Endpoint, _simhub_webhook_v1_Endpoint__Output>
        EndpointWithSecret: MessageTypeDefinition<_simhub_webhook_v1_EndpointWithSecret, _simhub_webhook_v1_EndpointWithSecret__Output>
        GetEndpointRequest: MessageTypeDefinition<_simhub_webhook_v1_GetEndpointRequest, _simhub_webhook_v1_GetEndpointRequest__Output>
        ListDeliveriesRequest: MessageTypeDefinition<_simhub_webhook_v1_ListDeliveriesRequest, _simhub_webhook_v1_ListDeliveriesRequest__Output>
        ListDeliveriesResponse: MessageTypeDefinition<_simhub_webhook_v1_ListDeliveriesResponse, _simhub_webhook_v1_ListDeliveriesResponse__Output>
        ListEndpointsRequest: MessageTypeDefinition<_simhub_webhook_v1_ListEndpointsRequest, _simhub_webhook_v1_ListEndpointsRequest__Output>
        ListEndpointsResponse: MessageTypeDefinition<_simhub_webhook_v1_ListEndpointsResponse, _simhub_webhook_v1_ListEndpointsResponse__Output>
        ReplayRequest: MessageTypeDefinition<_simhub_webhook_v1_ReplayRequest, _simhub_webhook_v1_ReplayRequest__Output>
        ReplayResponse: MessageTypeDefinition<_simhub_webhook_v1_ReplayResponse, _simhub_webhook_v1_ReplayResponse__Output>
        RotateSecretRequest: MessageTypeDefinition<_simhub_webhook_v1_RotateSecretRequest, _simhub_webhook_v1_RotateSecretRequest__Output>
        RotateSecretResponse: MessageTypeDefinition<_simhub_webhook_v1_RotateSecretResponse, _simhub_webhook_v1_RotateSecretResponse__Output>
        UpdateEndpointRequest: MessageTypeDefinition<_simhub_webhook_v1_UpdateEndpointRequest, _simhub_webhook_v1_UpdateEndpointRequest__Output>
        WebhookService: SubtypeConstructor<typeof grpc.Client, _simhub_webhook_v1_WebhookServiceClient> & { service: _simhub_webhook_v1_WebhookServiceDefinition }
      }
    }
  }
}

