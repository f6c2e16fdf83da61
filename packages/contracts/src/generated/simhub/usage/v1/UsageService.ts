// Original file: proto/simhub/usage/v1/usage_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CompanyUsage as _simhub_usage_v1_CompanyUsage, CompanyUsage__Output as _simhub_usage_v1_CompanyUsage__Output } from '../../../simhub/usage/v1/CompanyUsage.ts';
import type { GetCompanyUsageRequest as _simhub_usage_v1_GetCompanyUsageRequest, GetCompanyUsageRequest__Output as _simhub_usage_v1_GetCompanyUsageRequest__Output } from '../../../simhub/usage/v1/GetCompanyUsageRequest.ts';
import type { GetSimUsageRequest as _simhub_usage_v1_GetSimUsageRequest, GetSimUsageRequest__Output as _simhub_usage_v1_GetSimUsageRequest__Output } from '../../../simhub/usage/v1/GetSimUsageRequest.ts';
import type { IngestUsageChunk as _simhub_usage_v1_IngestUsageChunk, IngestUsageChunk__Output as _simhub_usage_v1_IngestUsageChunk__Output } from '../../../simhub/usage/v1/IngestUsageChunk.ts';
import type { IngestUsageResponse as _simhub_usage_v1_IngestUsageResponse, IngestUsageResponse__Output as _simhub_usage_v1_IngestUsageResponse__Output } from '../../../simhub/usage/v1/IngestUsageResponse.ts';
import type { SimUsage as _simhub_usage_v1_SimUsage, SimUsage__Output as _simhub_usage_v1_SimUsage__Output } from '../../../simhub/usage/v1/SimUsage.ts';

export interface UsageServiceClient extends grpc.Client {
  GetCompanyUsage(argument: _simhub_usage_v1_GetCompanyUsageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_CompanyUsage__Output>): grpc.ClientUnaryCall;
  GetCompanyUsage(argument: _simhub_usage_v1_GetCompanyUsageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_usage_v1_CompanyUsage__Output>): grpc.ClientUnaryCall;
  GetCompanyUsage(argument: _simhub_usage_v1_GetCompanyUsageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_CompanyUsage__Output>): grpc.ClientUnaryCall;
  GetCompanyUsage(argument: _simhub_usage_v1_GetCompanyUsageRequest, callback: grpc.requestCallback<_simhub_usage_v1_CompanyUsage__Output>): grpc.ClientUnaryCall;
  getCompanyUsage(argument: _simhub_usage_v1_GetCompanyUsageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_CompanyUsage__Output>): grpc.ClientUnaryCall;
  getCompanyUsage(argument: _simhub_usage_v1_GetCompanyUsageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_usage_v1_CompanyUsage__Output>): grpc.ClientUnaryCall;
  getCompanyUsage(argument: _simhub_usage_v1_GetCompanyUsageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_CompanyUsage__Output>): grpc.ClientUnaryCall;
  getCompanyUsage(argument: _simhub_usage_v1_GetCompanyUsageRequest, callback: grpc.requestCallback<_simhub_usage_v1_CompanyUsage__Output>): grpc.ClientUnaryCall;
  
  GetSimUsage(argument: _simhub_usage_v1_GetSimUsageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_SimUsage__Output>): grpc.ClientUnaryCall;
  GetSimUsage(argument: _simhub_usage_v1_GetSimUsageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_usage_v1_SimUsage__Output>): grpc.ClientUnaryCall;
  GetSimUsage(argument: _simhub_usage_v1_GetSimUsageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_SimUsage__Output>): grpc.ClientUnaryCall;
  GetSimUsage(argument: _simhub_usage_v1_GetSimUsageRequest, callback: grpc.requestCallback<_simhub_usage_v1_SimUsage__Output>): grpc.ClientUnaryCall;
  getSimUsage(argument: _simhub_usage_v1_GetSimUsageRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_SimUsage__Output>): grpc.ClientUnaryCall;
  getSimUsage(argument: _simhub_usage_v1_GetSimUsageRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_usage_v1_SimUsage__Output>): grpc.ClientUnaryCall;
  getSimUsage(argument: _simhub_usage_v1_GetSimUsageRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_SimUsage__Output>): grpc.ClientUnaryCall;
  getSimUsage(argument: _simhub_usage_v1_GetSimUsageRequest, callback: grpc.requestCallback<_simhub_usage_v1_SimUsage__Output>): grpc.ClientUnaryCall;
  
  IngestUsage(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_IngestUsageResponse__Output>): grpc.ClientWritableStream<_simhub_usage_v1_IngestUsageChunk>;
  IngestUsage(metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_usage_v1_IngestUsageResponse__Output>): grpc.ClientWritableStream<_simhub_usage_v1_IngestUsageChunk>;
  IngestUsage(options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_IngestUsageResponse__Output>): grpc.ClientWritableStream<_simhub_usage_v1_IngestUsageChunk>;
  IngestUsage(callback: grpc.requestCallback<_simhub_usage_v1_IngestUsageResponse__Output>): grpc.ClientWritableStream<_simhub_usage_v1_IngestUsageChunk>;
  ingestUsage(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_IngestUsageResponse__Output>): grpc.ClientWritableStream<_simhub_usage_v1_IngestUsageChunk>;
  ingestUsage(metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_usage_v1_IngestUsageResponse__Output>): grpc.ClientWritableStream<_simhub_usage_v1_IngestUsageChunk>;
  ingestUsage(options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_usage_v1_IngestUsageResponse__Output>): grpc.ClientWritableStream<_simhub_usage_v1_IngestUsageChunk>;
  ingestUsage(callback: grpc.requestCallback<_simhub_usage_v1_IngestUsageResponse__Output>): grpc.ClientWritableStream<_simhub_usage_v1_IngestUsageChunk>;
  
}

export interface UsageServiceHandlers extends grpc.UntypedServiceImplementation {
  GetCompanyUsage: grpc.handleUnaryCall<_simhub_usage_v1_GetCompanyUsageRequest__Output, _simhub_usage_v1_CompanyUsage>;
  
  GetSimUsage: grpc.handleUnaryCall<_simhub_usage_v1_GetSimUsageRequest__Output, _simhub_usage_v1_SimUsage>;
  
  IngestUsage: grpc.handleClientStreamingCall<_simhub_usage_v1_IngestUsageChunk__Output, _simhub_usage_v1_IngestUsageResponse>;
  
}

export interface UsageServiceDefinition extends grpc.ServiceDefinition {
  GetCompanyUsage: MethodDefinition<_simhub_usage_v1_GetCompanyUsageRequest, _simhub_usage_v1_CompanyUsage, _simhub_usage_v1_GetCompanyUsageRequest__Output, _simhub_usage_v1_CompanyUsage__Output>
  GetSimUsage: MethodDefinition<_simhub_usage_v1_GetSimUsageRequest, _simhub_usage_v1_SimUsage, _simhub_usage_v1_GetSimUsageRequest__Output, _simhub_usage_v1_SimUsage__Output>
  IngestUsage: MethodDefinition<_simhub_usage_v1_IngestUsageChunk, _simhub_usage_v1_IngestUsageResponse, _simhub_usage_v1_IngestUsageChunk__Output, _simhub_usage_v1_IngestUsageResponse__Output>
}
