// Original file: proto/simhub/webhook/v1/webhook_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateEndpointRequest as _simhub_webhook_v1_CreateEndpointRequest, CreateEndpointRequest__Output as _simhub_webhook_v1_CreateEndpointRequest__Output } from '../../../simhub/webhook/v1/CreateEndpointRequest.ts';
import type { DeleteEndpointRequest as _simhub_webhook_v1_DeleteEndpointRequest, DeleteEndpointRequest__Output as _simhub_webhook_v1_DeleteEndpointRequest__Output } from '../../../simhub/webhook/v1/DeleteEndpointRequest.ts';
import type { DeleteEndpointResponse as _simhub_webhook_v1_DeleteEndpointResponse, DeleteEndpointResponse__Output as _simhub_webhook_v1_DeleteEndpointResponse__Output } from '../../../simhub/webhook/v1/DeleteEndpointResponse.ts';
import type { Endpoint as _simhub_webhook_v1_Endpoint, Endpoint__Output as _simhub_webhook_v1_Endpoint__Output } from '../../../simhub/webhook/v1/Endpoint.ts';
import type { EndpointWithSecret as _simhub_webhook_v1_EndpointWithSecret, EndpointWithSecret__Output as _simhub_webhook_v1_EndpointWithSecret__Output } from '../../../simhub/webhook/v1/EndpointWithSecret.ts';
import type { GetEndpointRequest as _simhub_webhook_v1_GetEndpointRequest, GetEndpointRequest__Output as _simhub_webhook_v1_GetEndpointRequest__Output } from '../../../simhub/webhook/v1/GetEndpointRequest.ts';
import type { ListDeliveriesRequest as _simhub_webhook_v1_ListDeliveriesRequest, ListDeliveriesRequest__Output as _simhub_webhook_v1_ListDeliveriesRequest__Output } from '../../../simhub/webhook/v1/ListDeliveriesRequest.ts';
import type { ListDeliveriesResponse as _simhub_webhook_v1_ListDeliveriesResponse, ListDeliveriesResponse__Output as _simhub_webhook_v1_ListDeliveriesResponse__Output } from '../../../simhub/webhook/v1/ListDeliveriesResponse.ts';
import type { ListEndpointsRequest as _simhub_webhook_v1_ListEndpointsRequest, ListEndpointsRequest__Output as _simhub_webhook_v1_ListEndpointsRequest__Output } from '../../../simhub/webhook/v1/ListEndpointsRequest.ts';
import type { ListEndpointsResponse as _simhub_webhook_v1_ListEndpointsResponse, ListEndpointsResponse__Output as _simhub_webhook_v1_ListEndpointsResponse__Output } from '../../../simhub/webhook/v1/ListEndpointsResponse.ts';
import type { ReplayRequest as _simhub_webhook_v1_ReplayRequest, ReplayRequest__Output as _simhub_webhook_v1_ReplayRequest__Output } from '../../../simhub/webhook/v1/ReplayRequest.ts';
import type { ReplayResponse as _simhub_webhook_v1_ReplayResponse, ReplayResponse__Output as _simhub_webhook_v1_ReplayResponse__Output } from '../../../simhub/webhook/v1/ReplayResponse.ts';
import type { RotateSecretRequest as _simhub_webhook_v1_RotateSecretRequest, RotateSecretRequest__Output as _simhub_webhook_v1_RotateSecretRequest__Output } from '../../../simhub/webhook/v1/RotateSecretRequest.ts';
import type { RotateSecretResponse as _simhub_webhook_v1_RotateSecretResponse, RotateSecretResponse__Output as _simhub_webhook_v1_RotateSecretResponse__Output } from '../../../simhub/webhook/v1/RotateSecretResponse.ts';
import type { UpdateEndpointRequest as _simhub_webhook_v1_UpdateEndpointRequest, UpdateEndpointRequest__Output as _simhub_webhook_v1_UpdateEndpointRequest__Output } from '../../../simhub/webhook/v1/UpdateEndpointRequest.ts';

export interface WebhookServiceClient extends grpc.Client {
  CreateEndpoint(argument: _simhub_webhook_v1_CreateEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_EndpointWithSecret__Output>): grpc.ClientUnaryCall;
  CreateEndpoint(argument: _simhub_webhook_v1_CreateEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_EndpointWithSecret__Output>): grpc.ClientUnaryCall;
  CreateEndpoint(argument: _simhub_webhook_v1_CreateEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_EndpointWithSecret__Output>): grpc.ClientUnaryCall;
  CreateEndpoint(argument: _simhub_webhook_v1_CreateEndpointRequest, callback: grpc.requestCallback<_simhub_webhook_v1_EndpointWithSecret__Output>): grpc.ClientUnaryCall;
  createEndpoint(argument: _simhub_webhook_v1_CreateEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_EndpointWithSecret__Output>): grpc.ClientUnaryCall;
  createEndpoint(argument: _simhub_webhook_v1_CreateEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_EndpointWithSecret__Output>): grpc.ClientUnaryCall;
  createEndpoint(argument: _simhub_webhook_v1_CreateEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_EndpointWithSecret__Output>): grpc.ClientUnaryCall;
  createEndpoint(argument: _simhub_webhook_v1_CreateEndpointRequest, callback: grpc.requestCallback<_simhub_webhook_v1_EndpointWithSecret__Output>): grpc.ClientUnaryCall;
  
  DeleteEndpoint(argument: _simhub_webhook_v1_DeleteEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_DeleteEndpointResponse__Output>): grpc.ClientUnaryCall;
  DeleteEndpoint(argument: _simhub_webhook_v1_DeleteEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_DeleteEndpointResponse__Output>): grpc.ClientUnaryCall;
  DeleteEndpoint(argument: _simhub_webhook_v1_DeleteEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_DeleteEndpointResponse__Output>): grpc.ClientUnaryCall;
  DeleteEndpoint(argument: _simhub_webhook_v1_DeleteEndpointRequest, callback: grpc.requestCallback<_simhub_webhook_v1_DeleteEndpointResponse__Output>): grpc.ClientUnaryCall;
  deleteEndpoint(argument: _simhub_webhook_v1_DeleteEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_DeleteEndpointResponse__Output>): grpc.ClientUnaryCall;
  deleteEndpoint(argument: _simhub_webhook_v1_DeleteEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_DeleteEndpointResponse__Output>): grpc.ClientUnaryCall;
  deleteEndpoint(argument: _simhub_webhook_v1_DeleteEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_DeleteEndpointResponse__Output>): grpc.ClientUnaryCall;
  deleteEndpoint(argument: _simhub_webhook_v1_DeleteEndpointRequest, callback: grpc.requestCallback<_simhub_webhook_v1_DeleteEndpointResponse__Output>): grpc.ClientUnaryCall;
  
  GetEndpoint(argument: _simhub_webhook_v1_GetEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  GetEndpoint(argument: _simhub_webhook_v1_GetEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  GetEndpoint(argument: _simhub_webhook_v1_GetEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  GetEndpoint(argument: _simhub_webhook_v1_GetEndpointRequest, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  getEndpoint(argument: _simhub_webhook_v1_GetEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  getEndpoint(argument: _simhub_webhook_v1_GetEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  getEndpoint(argument: _simhub_webhook_v1_GetEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  getEndpoint(argument: _simhub_webhook_v1_GetEndpointRequest, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  
  ListDeliveries(argument: _simhub_webhook_v1_ListDeliveriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ListDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  ListDeliveries(argument: _simhub_webhook_v1_ListDeliveriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_ListDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  ListDeliveries(argument: _simhub_webhook_v1_ListDeliveriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ListDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  ListDeliveries(argument: _simhub_webhook_v1_ListDeliveriesRequest, callback: grpc.requestCallback<_simhub_webhook_v1_ListDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  listDeliveries(argument: _simhub_webhook_v1_ListDeliveriesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ListDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  listDeliveries(argument: _simhub_webhook_v1_ListDeliveriesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_ListDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  listDeliveries(argument: _simhub_webhook_v1_ListDeliveriesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ListDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  listDeliveries(argument: _simhub_webhook_v1_ListDeliveriesRequest, callback: grpc.requestCallback<_simhub_webhook_v1_ListDeliveriesResponse__Output>): grpc.ClientUnaryCall;
  
  ListEndpoints(argument: _simhub_webhook_v1_ListEndpointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ListEndpointsResponse__Output>): grpc.ClientUnaryCall;
  ListEndpoints(argument: _simhub_webhook_v1_ListEndpointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_ListEndpointsResponse__Output>): grpc.ClientUnaryCall;
  ListEndpoints(argument: _simhub_webhook_v1_ListEndpointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ListEndpointsResponse__Output>): grpc.ClientUnaryCall;
  ListEndpoints(argument: _simhub_webhook_v1_ListEndpointsRequest, callback: grpc.requestCallback<_simhub_webhook_v1_ListEndpointsResponse__Output>): grpc.ClientUnaryCall;
  listEndpoints(argument: _simhub_webhook_v1_ListEndpointsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ListEndpointsResponse__Output>): grpc.ClientUnaryCall;
  listEndpoints(argument: _simhub_webhook_v1_ListEndpointsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_ListEndpointsResponse__Output>): grpc.ClientUnaryCall;
  listEndpoints(argument: _simhub_webhook_v1_ListEndpointsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ListEndpointsResponse__Output>): grpc.ClientUnaryCall;
  listEndpoints(argument: _simhub_webhook_v1_ListEndpointsRequest, callback: grpc.requestCallback<_simhub_webhook_v1_ListEndpointsResponse__Output>): grpc.ClientUnaryCall;
  
  Replay(argument: _simhub_webhook_v1_ReplayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ReplayResponse__Output>): grpc.ClientUnaryCall;
  Replay(argument: _simhub_webhook_v1_ReplayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_ReplayResponse__Output>): grpc.ClientUnaryCall;
  Replay(argument: _simhub_webhook_v1_ReplayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ReplayResponse__Output>): grpc.ClientUnaryCall;
  Replay(argument: _simhub_webhook_v1_ReplayRequest, callback: grpc.requestCallback<_simhub_webhook_v1_ReplayResponse__Output>): grpc.ClientUnaryCall;
  replay(argument: _simhub_webhook_v1_ReplayRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ReplayResponse__Output>): grpc.ClientUnaryCall;
  replay(argument: _simhub_webhook_v1_ReplayRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_ReplayResponse__Output>): grpc.ClientUnaryCall;
  replay(argument: _simhub_webhook_v1_ReplayRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_ReplayResponse__Output>): grpc.ClientUnaryCall;
  replay(argument: _simhub_webhook_v1_ReplayRequest, callback: grpc.requestCallback<_simhub_webhook_v1_ReplayResponse__Output>): grpc.ClientUnaryCall;
  
  RotateSecret(argument: _simhub_webhook_v1_RotateSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_RotateSecretResponse__Output>): grpc.ClientUnaryCall;
  RotateSecret(argument: _simhub_webhook_v1_RotateSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_RotateSecretResponse__Output>): grpc.ClientUnaryCall;
  RotateSecret(argument: _simhub_webhook_v1_RotateSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_RotateSecretResponse__Output>): grpc.ClientUnaryCall;
  RotateSecret(argument: _simhub_webhook_v1_RotateSecretRequest, callback: grpc.requestCallback<_simhub_webhook_v1_RotateSecretResponse__Output>): grpc.ClientUnaryCall;
  rotateSecret(argument: _simhub_webhook_v1_RotateSecretRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_RotateSecretResponse__Output>): grpc.ClientUnaryCall;
  rotateSecret(argument: _simhub_webhook_v1_RotateSecretRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_RotateSecretResponse__Output>): grpc.ClientUnaryCall;
  rotateSecret(argument: _simhub_webhook_v1_RotateSecretRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_RotateSecretResponse__Output>): grpc.ClientUnaryCall;
  rotateSecret(argument: _simhub_webhook_v1_RotateSecretRequest, callback: grpc.requestCallback<_simhub_webhook_v1_RotateSecretResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateEndpoint(argument: _simhub_webhook_v1_UpdateEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  UpdateEndpoint(argument: _simhub_webhook_v1_UpdateEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  UpdateEndpoint(argument: _simhub_webhook_v1_UpdateEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  UpdateEndpoint(argument: _simhub_webhook_v1_UpdateEndpointRequest, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  updateEndpoint(argument: _simhub_webhook_v1_UpdateEndpointRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  updateEndpoint(argument: _simhub_webhook_v1_UpdateEndpointRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  updateEndpoint(argument: _simhub_webhook_v1_UpdateEndpointRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  updateEndpoint(argument: _simhub_webhook_v1_UpdateEndpointRequest, callback: grpc.requestCallback<_simhub_webhook_v1_Endpoint__Output>): grpc.ClientUnaryCall;
  
}

export interface WebhookServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateEndpoint: grpc.handleUnaryCall<_simhub_webhook_v1_CreateEndpointRequest__Output, _simhub_webhook_v1_EndpointWithSecret>;
  
  DeleteEndpoint: grpc.handleUnaryCall<_simhub_webhook_v1_DeleteEndpointRequest__Output, _simhub_webhook_v1_DeleteEndpointResponse>;
  
  GetEndpoint: grpc.handleUnaryCall<_simhub_webhook_v1_GetEndpointRequest__Output, _simhub_webhook_v1_Endpoint>;
  
  ListDeliveries: grpc.handleUnaryCall<_simhub_webhook_v1_ListDeliveriesRequest__Output, _simhub_webhook_v1_ListDeliveriesResponse>;
  
  ListEndpoints: grpc.handleUnaryCall<_simhub_webhook_v1_ListEndpointsRequest__Output, _simhub_webhook_v1_ListEndpointsResponse>;
  
  Replay: grpc.handleUnaryCall<_simhub_webhook_v1_ReplayRequest__Output, _simhub_webhook_v1_ReplayResponse>;
  
  RotateSecret: grpc.handleUnaryCall<_simhub_webhook_v1_RotateSecretRequest__Output, _simhub_webhook_v1_RotateSecretResponse>;
  
  UpdateEndpoint: grpc.handleUnaryCall<_simhub_webhook_v1_UpdateEndpointRequest__Output, _simhub_webhook_v1_Endpoint>;
  
}

export interface WebhookServiceDefinition extends grpc.ServiceDefinition {
  CreateEndpoint: MethodDefinition<_simhub_webhook_v1_CreateEndpointRequest, _simhub_webhook_v1_EndpointWithSecret, _simhub_webhook_v1_CreateEndpointRequest__Output, _simhub_webhook_v1_EndpointWithSecret__Output>
  DeleteEndpoint: MethodDefinition<_simhub_webhook_v1_DeleteEndpointRequest, _simhub_webhook_v1_DeleteEndpointResponse, _simhub_webhook_v1_DeleteEndpointRequest__Output, _simhub_webhook_v1_DeleteEndpointResponse__Output>
  GetEndpoint: MethodDefinition<_simhub_webhook_v1_GetEndpointRequest, _simhub_webhook_v1_Endpoint, _simhub_webhook_v1_GetEndpointRequest__Output, _simhub_webhook_v1_Endpoint__Output>
  ListDeliveries: MethodDefinition<_simhub_webhook_v1_ListDeliveriesRequest, _simhub_webhook_v1_ListDeliveriesResponse, _simhub_webhook_v1_ListDeliveriesRequest__Output, _simhub_webhook_v1_ListDeliveriesResponse__Output>
  ListEndpoints: MethodDefinition<_simhub_webhook_v1_ListEndpointsRequest, _simhub_webhook_v1_ListEndpointsResponse, _simhub_webhook_v1_ListEndpointsRequest__Output, _simhub_webhook_v1_ListEndpointsResponse__Output>
  Replay: MethodDefinition<_simhub_webhook_v1_ReplayRequest, _simhub_webhook_v1_ReplayResponse, _simhub_webhook_v1_ReplayRequest__Output, _simhub_webhook_v1_ReplayResponse__Output>
  RotateSecret: MethodDefinition<_simhub_webhook_v1_RotateSecretRequest, _simhub_webhook_v1_RotateSecretResponse, _simhub_webhook_v1_RotateSecretRequest__Output, _simhub_webhook_v1_RotateSecretResponse__Output>
  UpdateEndpoint: MethodDefinition<_simhub_webhook_v1_UpdateEndpointRequest, _simhub_webhook_v1_Endpoint, _simhub_webhook_v1_UpdateEndpointRequest__Output, _simhub_webhook_v1_Endpoint__Output>
}
