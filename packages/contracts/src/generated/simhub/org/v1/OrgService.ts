// Original file: proto/simhub/org/v1/org_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AddOperatorRequest as _simhub_org_v1_AddOperatorRequest, AddOperatorRequest__Output as _simhub_org_v1_AddOperatorRequest__Output } from '../../../simhub/org/v1/AddOperatorRequest.ts';
import type { CreateOrganizationRequest as _simhub_org_v1_CreateOrganizationRequest, CreateOrganizationRequest__Output as _simhub_org_v1_CreateOrganizationRequest__Output } from '../../../simhub/org/v1/CreateOrganizationRequest.ts';
import type { CreatePlanRequest as _simhub_org_v1_CreatePlanRequest, CreatePlanRequest__Output as _simhub_org_v1_CreatePlanRequest__Output } from '../../../simhub/org/v1/CreatePlanRequest.ts';
import type { GetOperatorRequest as _simhub_org_v1_GetOperatorRequest, GetOperatorRequest__Output as _simhub_org_v1_GetOperatorRequest__Output } from '../../../simhub/org/v1/GetOperatorRequest.ts';
import type { GetOrganizationRequest as _simhub_org_v1_GetOrganizationRequest, GetOrganizationRequest__Output as _simhub_org_v1_GetOrganizationRequest__Output } from '../../../simhub/org/v1/GetOrganizationRequest.ts';
import type { GetPlanRequest as _simhub_org_v1_GetPlanRequest, GetPlanRequest__Output as _simhub_org_v1_GetPlanRequest__Output } from '../../../simhub/org/v1/GetPlanRequest.ts';
import type { ListOperatorsRequest as _simhub_org_v1_ListOperatorsRequest, ListOperatorsRequest__Output as _simhub_org_v1_ListOperatorsRequest__Output } from '../../../simhub/org/v1/ListOperatorsRequest.ts';
import type { ListOperatorsResponse as _simhub_org_v1_ListOperatorsResponse, ListOperatorsResponse__Output as _simhub_org_v1_ListOperatorsResponse__Output } from '../../../simhub/org/v1/ListOperatorsResponse.ts';
import type { ListOrganizationsRequest as _simhub_org_v1_ListOrganizationsRequest, ListOrganizationsRequest__Output as _simhub_org_v1_ListOrganizationsRequest__Output } from '../../../simhub/org/v1/ListOrganizationsRequest.ts';
import type { ListOrganizationsResponse as _simhub_org_v1_ListOrganizationsResponse, ListOrganizationsResponse__Output as _simhub_org_v1_ListOrganizationsResponse__Output } from '../../../simhub/org/v1/ListOrganizationsResponse.ts';
import type { ListPaymentProvidersRequest as _simhub_org_v1_ListPaymentProvidersRequest, ListPaymentProvidersRequest__Output as _simhub_org_v1_ListPaymentProvidersRequest__Output } from '../../../simhub/org/v1/ListPaymentProvidersRequest.ts';
import type { ListPaymentProvidersResponse as _simhub_org_v1_ListPaymentProvidersResponse, ListPaymentProvidersResponse__Output as _simhub_org_v1_ListPaymentProvidersResponse__Output } from '../../../simhub/org/v1/ListPaymentProvidersResponse.ts';
import type { ListPlansRequest as _simhub_org_v1_ListPlansRequest, ListPlansRequest__Output as _simhub_org_v1_ListPlansRequest__Output } from '../../../simhub/org/v1/ListPlansRequest.ts';
import type { ListPlansResponse as _simhub_org_v1_ListPlansResponse, ListPlansResponse__Output as _simhub_org_v1_ListPlansResponse__Output } from '../../../simhub/org/v1/ListPlansResponse.ts';
import type { Operator as _simhub_org_v1_Operator, Operator__Output as _simhub_org_v1_Operator__Output } from '../../../simhub/org/v1/Operator.ts';
import type { Organization as _simhub_org_v1_Organization, Organization__Output as _simhub_org_v1_Organization__Output } from '../../../simhub/org/v1/Organization.ts';
import type { Plan as _simhub_org_v1_Plan, Plan__Output as _simhub_org_v1_Plan__Output } from '../../../simhub/org/v1/Plan.ts';
import type { SetPaymentProviderRequest as _simhub_org_v1_SetPaymentProviderRequest, SetPaymentProviderRequest__Output as _simhub_org_v1_SetPaymentProviderRequest__Output } from '../../../simhub/org/v1/SetPaymentProviderRequest.ts';
import type { SetPaymentProviderResponse as _simhub_org_v1_SetPaymentProviderResponse, SetPaymentProviderResponse__Output as _simhub_org_v1_SetPaymentProviderResponse__Output } from '../../../simhub/org/v1/SetPaymentProviderResponse.ts';
import type { UpdateOrganizationRequest as _simhub_org_v1_UpdateOrganizationRequest, UpdateOrganizationRequest__Output as _simhub_org_v1_UpdateOrganizationRequest__Output } from '../../../simhub/org/v1/UpdateOrganizationRequest.ts';
import type { UpdatePlanRequest as _simhub_org_v1_UpdatePlanRequest, UpdatePlanRequest__Output as _simhub_org_v1_UpdatePlanRequest__Output } from '../../../simhub/org/v1/UpdatePlanRequest.ts';

export interface OrgServiceClient extends grpc.Client {
  AddOperator(argument: _simhub_org_v1_AddOperatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  AddOperator(argument: _simhub_org_v1_AddOperatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  AddOperator(argument: _simhub_org_v1_AddOperatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  AddOperator(argument: _simhub_org_v1_AddOperatorRequest, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  addOperator(argument: _simhub_org_v1_AddOperatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  addOperator(argument: _simhub_org_v1_AddOperatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  addOperator(argument: _simhub_org_v1_AddOperatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  addOperator(argument: _simhub_org_v1_AddOperatorRequest, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  
  CreateOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  CreateOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  CreateOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  CreateOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  createOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  createOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  createOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  createOrganization(argument: _simhub_org_v1_CreateOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  
  CreatePlan(argument: _simhub_org_v1_CreatePlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  CreatePlan(argument: _simhub_org_v1_CreatePlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  CreatePlan(argument: _simhub_org_v1_CreatePlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  CreatePlan(argument: _simhub_org_v1_CreatePlanRequest, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  createPlan(argument: _simhub_org_v1_CreatePlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  createPlan(argument: _simhub_org_v1_CreatePlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  createPlan(argument: _simhub_org_v1_CreatePlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  createPlan(argument: _simhub_org_v1_CreatePlanRequest, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  
  GetOperator(argument: _simhub_org_v1_GetOperatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  GetOperator(argument: _simhub_org_v1_GetOperatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  GetOperator(argument: _simhub_org_v1_GetOperatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  GetOperator(argument: _simhub_org_v1_GetOperatorRequest, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  getOperator(argument: _simhub_org_v1_GetOperatorRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  getOperator(argument: _simhub_org_v1_GetOperatorRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  getOperator(argument: _simhub_org_v1_GetOperatorRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  getOperator(argument: _simhub_org_v1_GetOperatorRequest, callback: grpc.requestCallback<_simhub_org_v1_Operator__Output>): grpc.ClientUnaryCall;
  
  GetOrganization(argument: _simhub_org_v1_GetOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  GetOrganization(argument: _simhub_org_v1_GetOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  GetOrganization(argument: _simhub_org_v1_GetOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  GetOrganization(argument: _simhub_org_v1_GetOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  getOrganization(argument: _simhub_org_v1_GetOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  getOrganization(argument: _simhub_org_v1_GetOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  getOrganization(argument: _simhub_org_v1_GetOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  getOrganization(argument: _simhub_org_v1_GetOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  
  GetPlan(argument: _simhub_org_v1_GetPlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  GetPlan(argument: _simhub_org_v1_GetPlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  GetPlan(argument: _simhub_org_v1_GetPlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  GetPlan(argument: _simhub_org_v1_GetPlanRequest, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  getPlan(argument: _simhub_org_v1_GetPlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  getPlan(argument: _simhub_org_v1_GetPlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  getPlan(argument: _simhub_org_v1_GetPlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  getPlan(argument: _simhub_org_v1_GetPlanRequest, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  
  ListOperators(argument: _simhub_org_v1_ListOperatorsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOperatorsResponse__Output>): grpc.ClientUnaryCall;
  ListOperators(argument: _simhub_org_v1_ListOperatorsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListOperatorsResponse__Output>): grpc.ClientUnaryCall;
  ListOperators(argument: _simhub_org_v1_ListOperatorsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOperatorsResponse__Output>): grpc.ClientUnaryCall;
  ListOperators(argument: _simhub_org_v1_ListOperatorsRequest, callback: grpc.requestCallback<_simhub_org_v1_ListOperatorsResponse__Output>): grpc.ClientUnaryCall;
  listOperators(argument: _simhub_org_v1_ListOperatorsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOperatorsResponse__Output>): grpc.ClientUnaryCall;
  listOperators(argument: _simhub_org_v1_ListOperatorsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListOperatorsResponse__Output>): grpc.ClientUnaryCall;
  listOperators(argument: _simhub_org_v1_ListOperatorsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOperatorsResponse__Output>): grpc.ClientUnaryCall;
  listOperators(argument: _simhub_org_v1_ListOperatorsRequest, callback: grpc.requestCallback<_simhub_org_v1_ListOperatorsResponse__Output>): grpc.ClientUnaryCall;
  
  ListOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  ListOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  ListOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  ListOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  listOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  listOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  listOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  listOrganizations(argument: _simhub_org_v1_ListOrganizationsRequest, callback: grpc.requestCallback<_simhub_org_v1_ListOrganizationsResponse__Output>): grpc.ClientUnaryCall;
  
  ListPaymentProviders(argument: _simhub_org_v1_ListPaymentProvidersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListPaymentProvidersResponse__Output>): grpc.ClientUnaryCall;
  ListPaymentProviders(argument: _simhub_org_v1_ListPaymentProvidersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListPaymentProvidersResponse__Output>): grpc.ClientUnaryCall;
  ListPaymentProviders(argument: _simhub_org_v1_ListPaymentProvidersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListPaymentProvidersResponse__Output>): grpc.ClientUnaryCall;
  ListPaymentProviders(argument: _simhub_org_v1_ListPaymentProvidersRequest, callback: grpc.requestCallback<_simhub_org_v1_ListPaymentProvidersResponse__Output>): grpc.ClientUnaryCall;
  listPaymentProviders(argument: _simhub_org_v1_ListPaymentProvidersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListPaymentProvidersResponse__Output>): grpc.ClientUnaryCall;
  listPaymentProviders(argument: _simhub_org_v1_ListPaymentProvidersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListPaymentProvidersResponse__Output>): grpc.ClientUnaryCall;
  listPaymentProviders(argument: _simhub_org_v1_ListPaymentProvidersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListPaymentProvidersResponse__Output>): grpc.ClientUnaryCall;
  listPaymentProviders(argument: _simhub_org_v1_ListPaymentProvidersRequest, callback: grpc.requestCallback<_simhub_org_v1_ListPaymentProvidersResponse__Output>): grpc.ClientUnaryCall;
  
  ListPlans(argument: _simhub_org_v1_ListPlansRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListPlansResponse__Output>): grpc.ClientUnaryCall;
  ListPlans(argument: _simhub_org_v1_ListPlansRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListPlansResponse__Output>): grpc.ClientUnaryCall;
  ListPlans(argument: _simhub_org_v1_ListPlansRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListPlansResponse__Output>): grpc.ClientUnaryCall;
  ListPlans(argument: _simhub_org_v1_ListPlansRequest, callback: grpc.requestCallback<_simhub_org_v1_ListPlansResponse__Output>): grpc.ClientUnaryCall;
  listPlans(argument: _simhub_org_v1_ListPlansRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListPlansResponse__Output>): grpc.ClientUnaryCall;
  listPlans(argument: _simhub_org_v1_ListPlansRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_ListPlansResponse__Output>): grpc.ClientUnaryCall;
  listPlans(argument: _simhub_org_v1_ListPlansRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_ListPlansResponse__Output>): grpc.ClientUnaryCall;
  listPlans(argument: _simhub_org_v1_ListPlansRequest, callback: grpc.requestCallback<_simhub_org_v1_ListPlansResponse__Output>): grpc.ClientUnaryCall;
  
  SetPaymentProvider(argument: _simhub_org_v1_SetPaymentProviderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_SetPaymentProviderResponse__Output>): grpc.ClientUnaryCall;
  SetPaymentProvider(argument: _simhub_org_v1_SetPaymentProviderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_SetPaymentProviderResponse__Output>): grpc.ClientUnaryCall;
  SetPaymentProvider(argument: _simhub_org_v1_SetPaymentProviderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_SetPaymentProviderResponse__Output>): grpc.ClientUnaryCall;
  SetPaymentProvider(argument: _simhub_org_v1_SetPaymentProviderRequest, callback: grpc.requestCallback<_simhub_org_v1_SetPaymentProviderResponse__Output>): grpc.ClientUnaryCall;
  setPaymentProvider(argument: _simhub_org_v1_SetPaymentProviderRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_SetPaymentProviderResponse__Output>): grpc.ClientUnaryCall;
  setPaymentProvider(argument: _simhub_org_v1_SetPaymentProviderRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_SetPaymentProviderResponse__Output>): grpc.ClientUnaryCall;
  setPaymentProvider(argument: _simhub_org_v1_SetPaymentProviderRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_SetPaymentProviderResponse__Output>): grpc.ClientUnaryCall;
  setPaymentProvider(argument: _simhub_org_v1_SetPaymentProviderRequest, callback: grpc.requestCallback<_simhub_org_v1_SetPaymentProviderResponse__Output>): grpc.ClientUnaryCall;
  
  UpdateOrganization(argument: _simhub_org_v1_UpdateOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  UpdateOrganization(argument: _simhub_org_v1_UpdateOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  UpdateOrganization(argument: _simhub_org_v1_UpdateOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  UpdateOrganization(argument: _simhub_org_v1_UpdateOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  updateOrganization(argument: _simhub_org_v1_UpdateOrganizationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  updateOrganization(argument: _simhub_org_v1_UpdateOrganizationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  updateOrganization(argument: _simhub_org_v1_UpdateOrganizationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  updateOrganization(argument: _simhub_org_v1_UpdateOrganizationRequest, callback: grpc.requestCallback<_simhub_org_v1_Organization__Output>): grpc.ClientUnaryCall;
  
  UpdatePlan(argument: _simhub_org_v1_UpdatePlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  UpdatePlan(argument: _simhub_org_v1_UpdatePlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  UpdatePlan(argument: _simhub_org_v1_UpdatePlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  UpdatePlan(argument: _simhub_org_v1_UpdatePlanRequest, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  updatePlan(argument: _simhub_org_v1_UpdatePlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  updatePlan(argument: _simhub_org_v1_UpdatePlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  updatePlan(argument: _simhub_org_v1_UpdatePlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  updatePlan(argument: _simhub_org_v1_UpdatePlanRequest, callback: grpc.requestCallback<_simhub_org_v1_Plan__Output>): grpc.ClientUnaryCall;
  
}

export interface OrgServiceHandlers extends grpc.UntypedServiceImplementation {
  AddOperator: grpc.handleUnaryCall<_simhub_org_v1_AddOperatorRequest__Output, _simhub_org_v1_Operator>;
  
  CreateOrganization: grpc.handleUnaryCall<_simhub_org_v1_CreateOrganizationRequest__Output, _simhub_org_v1_Organization>;
  
  CreatePlan: grpc.handleUnaryCall<_simhub_org_v1_CreatePlanRequest__Output, _simhub_org_v1_Plan>;
  
  GetOperator: grpc.handleUnaryCall<_simhub_org_v1_GetOperatorRequest__Output, _simhub_org_v1_Operator>;
  
  GetOrganization: grpc.handleUnaryCall<_simhub_org_v1_GetOrganizationRequest__Output, _simhub_org_v1_Organization>;
  
  GetPlan: grpc.handleUnaryCall<_simhub_org_v1_GetPlanRequest__Output, _simhub_org_v1_Plan>;
  
  ListOperators: grpc.handleUnaryCall<_simhub_org_v1_ListOperatorsRequest__Output, _simhub_org_v1_ListOperatorsResponse>;
  
  ListOrganizations: grpc.handleUnaryCall<_simhub_org_v1_ListOrganizationsRequest__Output, _simhub_org_v1_ListOrganizationsResponse>;
  
  ListPaymentProviders: grpc.handleUnaryCall<_simhub_org_v1_ListPaymentProvidersRequest__Output, _simhub_org_v1_ListPaymentProvidersResponse>;
  
  ListPlans: grpc.handleUnaryCall<_simhub_org_v1_ListPlansRequest__Output, _simhub_org_v1_ListPlansResponse>;
  
  SetPaymentProvider: grpc.handleUnaryCall<_simhub_org_v1_SetPaymentProviderRequest__Output, _simhub_org_v1_SetPaymentProviderResponse>;
  
  UpdateOrganization: grpc.handleUnaryCall<_simhub_org_v1_UpdateOrganizationRequest__Output, _simhub_org_v1_Organization>;
  
  UpdatePlan: grpc.handleUnaryCall<_simhub_org_v1_UpdatePlanRequest__Output, _simhub_org_v1_Plan>;
  
}

export interface OrgServiceDefinition extends grpc.ServiceDefinition {
  AddOperator: MethodDefinition<_simhub_org_v1_AddOperatorRequest, _simhub_org_v1_Operator, _simhub_org_v1_AddOperatorRequest__Output, _simhub_org_v1_Operator__Output>
  CreateOrganization: MethodDefinition<_simhub_org_v1_CreateOrganizationRequest, _simhub_org_v1_Organization, _simhub_org_v1_CreateOrganizationRequest__Output, _simhub_org_v1_Organization__Output>
  CreatePlan: MethodDefinition<_simhub_org_v1_CreatePlanRequest, _simhub_org_v1_Plan, _simhub_org_v1_CreatePlanRequest__Output, _simhub_org_v1_Plan__Output>
  GetOperator: MethodDefinition<_simhub_org_v1_GetOperatorRequest, _simhub_org_v1_Operator, _simhub_org_v1_GetOperatorRequest__Output, _simhub_org_v1_Operator__Output>
  GetOrganization: MethodDefinition<_simhub_org_v1_GetOrganizationRequest, _simhub_org_v1_Organization, _simhub_org_v1_GetOrganizationRequest__Output, _simhub_org_v1_Organization__Output>
  GetPlan: MethodDefinition<_simhub_org_v1_GetPlanRequest, _simhub_org_v1_Plan, _simhub_org_v1_GetPlanRequest__Output, _simhub_org_v1_Plan__Output>
  ListOperators: MethodDefinition<_simhub_org_v1_ListOperatorsRequest, _simhub_org_v1_ListOperatorsResponse, _simhub_org_v1_ListOperatorsRequest__Output, _simhub_org_v1_ListOperatorsResponse__Output>
  ListOrganizations: MethodDefinition<_simhub_org_v1_ListOrganizationsRequest, _simhub_org_v1_ListOrganizationsResponse, _simhub_org_v1_ListOrganizationsRequest__Output, _simhub_org_v1_ListOrganizationsResponse__Output>
  ListPaymentProviders: MethodDefinition<_simhub_org_v1_ListPaymentProvidersRequest, _simhub_org_v1_ListPaymentProvidersResponse, _simhub_org_v1_ListPaymentProvidersRequest__Output, _simhub_org_v1_ListPaymentProvidersResponse__Output>
  ListPlans: MethodDefinition<_simhub_org_v1_ListPlansRequest, _simhub_org_v1_ListPlansResponse, _simhub_org_v1_ListPlansRequest__Output, _simhub_org_v1_ListPlansResponse__Output>
  SetPaymentProvider: MethodDefinition<_simhub_org_v1_SetPaymentProviderRequest, _simhub_org_v1_SetPaymentProviderResponse, _simhub_org_v1_SetPaymentProviderRequest__Output, _simhub_org_v1_SetPaymentProviderResponse__Output>
  UpdateOrganization: MethodDefinition<_simhub_org_v1_UpdateOrganizationRequest, _simhub_org_v1_Organization, _simhub_org_v1_UpdateOrganizationRequest__Output, _simhub_org_v1_Organization__Output>
  UpdatePlan: MethodDefinition<_simhub_org_v1_UpdatePlanRequest, _simhub_org_v1_Plan, _simhub_org_v1_UpdatePlanRequest__Output, _simhub_org_v1_Plan__Output>
}
