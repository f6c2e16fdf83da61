// Original file: /work/main/proto/simhub/org/v1/org_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { CreateOrganizationRequest as _simhub_org_v1_CreateOrganizationRequest, CreateOrganizationRequest__Output as _simhub_org_v1_CreateOrganizationRequest__Output } from '../../../simhub/org/v1/CreateOrganizationRequest.ts';
import type { GetOrganizationRequest as _simhub_org_v1_GetOrganizationRequest, GetOrganizationRequest__Output as _simhub_org_v1_GetOrganizationRequest__Output } from '../../../simhub/org/v1/GetOrganizationRequest.ts';
import type { ListOrganizationsRequest as _simhub_org_v1_ListOrganizationsRequest, ListOrganizationsRequest__Output as _simhub_org_v1_ListOrganizationsRequest__Output } from '../../../simhub/org/v1/ListOrganizationsRequest.ts';
import type { ListOrganizationsResponse as _simhub_org_v1_ListOrganizationsResponse, ListOrganizationsResponse__Output as _simhub_org_v1_ListOrganizationsResponse__Output } from '../../../simhub/org/v1/ListOrganizationsResponse.ts';
import type { Organization as _simhub_org_v1_Organization, Organization__Output as _simhub_org_v1_Organization__Output } from '../../../simhub/org/v1/Organization.ts';

export interface OrgServiceClient extends grpc.Client {
  CreateOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  CreateOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  CreateOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  CreateOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  createOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  createOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  createOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  createOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  
  GetOrganization(argument: _simhub_org_v1_GetOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  GetOrganization(argument: _simhub_org_v1_GetOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  GetOrganization(argument: _simhub_org_v1_GetOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  GetOrganization(argument: _simhub_org_v1_GetOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  getOrganization(argument: _simhub_org_v1_GetOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  getOrganization(argument: _simhub_org_v1_GetOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  getOrganization(argument: _simhub_org_v1_GetOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  getOrganization(argument: _simhub_org_v1_GetOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  
  ListOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  ListOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  ListOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  ListOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  listOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  listOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  listOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  listOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface OrgServiceHandlers extends grpc.UntypedServiceImplementation {
  CreateOrganization: grpc.handleUnaryCall<_simhub_org_v1_CreateOrganizationRequest__Output, _simhub_org_v1_Organization>;
  
  GetOrganization: grpc.handleUnaryCall<_simhub_org_v1_GetOrganizationRequest__Output, _simhub_org_v1_Organization>;
  
  ListOrganizations: grpc.handleUnaryCall<_simhub_org_v1_ListOrganizationsRequest__Output, _simhub_org_v1_ListOrganizationsResponse>;
  
}

export interface OrgServiceDefinition extends grpc.ServiceDefinition {
  CreateOrganization: MethodDefinition<_simhub_org_v1_CreateOrganizationRequest, _simhub_org_v1_Organization, _simhub_org_v1_CreateOrganizationRequest__Output, _simhub_org_v1_Organization__Output>
  GetOrganization: MethodDefinition<_simhub_org_v1_GetOrganizationRequest, _simhub_org_v1_Organization, _simhub_org_v1_GetOrganizationRequest__Output, _simhub_org_v1_Organization__Output>
  ListOrganizations: MethodDefinition<_simhub_org_v1_ListOrganizationsRequest, _simhub_org_v1_ListOrganizationsResponse, _simhub_org_v1_ListOrganizationsRequest__Output, _simhub_org_v1_ListOrganizationsResponse__Output>
}
