import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AddOperatorRequest as _simhub_org_v1_AddOperatorRequest, AddOperatorRequest__Output as _simhub_org_v1_AddOperatorRequest__Output } from './simhub/org/v1/AddOperatorRequest.ts';
import type { CreateOrganizationRequest as _simhub_org_v1_CreateOrganizationRequest, CreateOrganizationRequest__Output as _simhub_org_v1_CreateOrganizationRequest__Output } from './simhub/org/v1/CreateOrganizationRequest.ts';
import type { CreatePlanRequest as _simhub_org_v1_CreatePlanRequest, CreatePlanRequest__Output as _simhub_org_v1_CreatePlanRequest__Output } from './simhub/org/v1/CreatePlanRequest.ts';
import type { GetOperatorRequest as _simhub_org_v1_GetOperatorRequest, GetOperatorRequest__Output as _simhub_org_v1_GetOperatorRequest__Output } from './simhub/org/v1/GetOperatorRequest.ts';
import type { GetOrganizationRequest as _simhub_org_v1_GetOrganizationRequest, GetOrganizationRequest__Output as _simhub_org_v1_GetOrganizationRequest__Output } from './simhub/org/v1/GetOrganizationRequest.ts';
import type { GetPlanRequest as _simhub_org_v1_GetPlanRequest, GetPlanRequest__Output as _simhub_org_v1_GetPlanRequest__Output } from './simhub/org/v1/GetPlanRequest.ts';
import type { ListOperatorsRequest as _simhub_org_v1_ListOperatorsRequest, ListOperatorsRequest__Output as _simhub_org_v1_ListOperatorsRequest__Output } from './simhub/org/v1/ListOperatorsRequest.ts';
import type { ListOperatorsResponse as _simhub_org_v1_ListOperatorsResponse, ListOperatorsResponse__Output as _simhub_org_v1_ListOperatorsResponse__Output } from './simhub/org/v1/ListOperatorsResponse.ts';
import type { ListOrganizationsRequest as _simhub_org_v1_ListOrganizationsRequest, ListOrganizationsRequest__Output as _simhub_org_v1_ListOrganizationsRequest__Output } from './simhub/org/v1/ListOrganizationsRequest.ts';
import type { ListOrganizationsResponse as _simhub_org_v1_ListOrganizationsResponse, ListOrganizationsResponse__Output as _simhub_org_v1_ListOrganizationsResponse__Output } from './simhub/org/v1/ListOrganizationsResponse.ts';
import type { ListPaymentProvidersRequest as _simhub_org_v1_ListPaymentProvidersRequest, ListPaymentProvidersRequest__Output as _simhub_org_v1_ListPaymentProvidersRequest__Output } from './simhub/org/v1/ListPaymentProvidersRequest.ts';
import type { ListPaymentProvidersResponse as _simhub_org_v1_ListPaymentProvidersResponse, ListPaymentProvidersResponse__Output as _simhub_org_v1_ListPaymentProvidersResponse__Output } from './simhub/org/v1/ListPaymentProvidersResponse.ts';
import type { ListPlansRequest as _simhub_org_v1_ListPlansRequest, ListPlansRequest__Output as _simhub_org_v1_ListPlansRequest__Output } from './simhub/org/v1/ListPlansRequest.ts';
import type { ListPlansResponse as _simhub_org_v1_ListPlansResponse, ListPlansResponse__Output as _simhub_org_v1_ListPlansResponse__Output } from './simhub/org/v1/ListPlansResponse.ts';
import type { Operator as _simhub_org_v1_Operator, Operator__Output as _simhub_org_v1_Operator__Output } from './simhub/org/v1/Operator.ts';
import type { OrgServiceClient as _simhub_org_v1_OrgServiceClient, OrgServiceDefinition as _simhub_org_v1_OrgServiceDefinition } from './simhub/org/v1/OrgService.ts';
import type { Organization as _simhub_org_v1_Organization, Organization__Output as _simhub_org_v1_Organization__Output } from './simhub/org/v1/Organization.ts';
import type { PaymentProvider as _simhub_org_v1_PaymentProvider, PaymentProvider__Output as _simhub_org_v1_PaymentProvider__Output } from './simhub/org/v1/PaymentProvider.ts';
import type { Plan as _simhub_org_v1_Plan, Plan__Output as _simhub_org_v1_Plan__Output } from './simhub/org/v1/Plan.ts';
import type { SetPaymentProviderRequest as _simhub_org_v1_SetPaymentProviderRequest, SetPaymentProviderRequest__Output as _simhub_org_v1_SetPaymentProviderRequest__Output } from './simhub/org/v1/SetPaymentProviderRequest.ts';
import type { SetPaymentProviderResponse as _simhub_org_v1_SetPaymentProviderResponse, SetPaymentProviderResponse__Output as _simhub_org_v1_SetPaymentProviderResponse__Output } from './simhub/org/v1/SetPaymentProviderResponse.ts';
import type { UpdateOrganizationRequest as _simhub_org_v1_UpdateOrganizationRequest, UpdateOrganizationRequest__Output as _simhub_org_v1_UpdateOrganizationRequest__Output } from './simhub/org/v1/UpdateOrganizationRequest.ts';
import type { UpdatePlanRequest as _simhub_org_v1_UpdatePlanRequest, UpdatePlanRequest__Output as _simhub_org_v1_UpdatePlanRequest__Output } from './simhub/org/v1/UpdatePlanRequest.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    org: {
      v1: {
        AddOperatorRequest: MessageTypeDefinition<_simhub_org_v1_AddOperatorRequest, _simhub_org_v1_AddOperatorRequest__Output>
        CreateOrganizationRequest: MessageTypeDefinition<_simhub_org_v1_CreateOrganizationRequest, _simhub_org_v1_CreateOrganizationRequest__Output>
        CreatePlanRequest: MessageTypeDefinition<_simhub_org_v1_CreatePlanRequest, _simhub_org_v1_CreatePlanRequest__Output>
        GetOperatorRequest: MessageTypeDefinition<_simhub_org_v1_GetOperatorRequest, _simhub_org_v1_GetOperatorRequest__Output>
        GetOrganizationRequest: MessageTypeDefinition<_simhub_org_v1_GetOrganizationRequest, _simhub_org_v1_GetOrganizationRequest__Output>
        GetPlanRequest: MessageTypeDefinition<_simhub_org_v1_GetPlanRequest, _simhub_org_v1_GetPlanRequest__Output>
        ListOperatorsRequest: MessageTypeDefinition<_simhub_org_v1_ListOperatorsRequest, _simhub_org_v1_ListOperatorsRequest__Output>
        ListOperatorsResponse: MessageTypeDefinition<_simhub_org_v1_ListOperatorsResponse, _simhub_org_v1_ListOperatorsResponse__Output>
        ListOrganizationsRequest: MessageTypeDefinition<_simhub_org_v1_ListOrganizationsRequest, _simhub_org_v1_ListOrganizationsRequest__Output>
        ListOrganizationsResponse: MessageTypeDefinition<_simhub_org_v1_ListOrganizationsResponse, _simhub_org_v1_ListOrganizationsResponse__Output>
        ListPaymentProvidersRequest: MessageTypeDefinition<_simhub_org_v1_ListPaymentProvidersRequest, _simhub_org_v1_ListPaymentProvidersRequest__Output>
        ListPaymentProvidersResponse: MessageTypeDefinition<_simhub_org_v1_ListPaymentProvidersResponse, _simhub_org_v1_ListPaymentProvidersResponse__Output>
        ListPlansRequest: MessageTypeDefinition<_simhub_org_v1_ListPlansRequest, _simhub_org_v1_ListPlansRequest__Output>
        ListPlansResponse: MessageTypeDefinition<_simhub_org_v1_ListPlansResponse, _simhub_org_v1_ListPlansResponse__Output>
        Operator: MessageTypeDefinition<_simhub_org_v1_Operator, _simhub_org_v1_Operator__Output>
        OrgService: SubtypeConstructor<typeof grpc.Client, _simhub_org_v1_OrgServiceClient> & { service: _simhub_org_v1_OrgServiceDefinition }
        Organization: MessageTypeDefinition<_simhub_org_v1_Organization, _simhub_org_v1_Organization__Output>
        PaymentProvider: MessageTypeDefinition<_simhub_org_v1_PaymentProvider, _simhub_org_v1_PaymentProvider__Output>
        Plan: MessageTypeDefinition<_simhub_org_v1_Plan, _simhub_org_v1_Plan__Output>
        PlanType: EnumTypeDefinition
        SetPaymentProviderRequest: MessageTypeDefinition<_simhub_org_v1_SetPaymentProviderRequest, _simhub_org_v1_SetPaymentProviderRequest__Output>
        SetPaymentProviderResponse: MessageTypeDefinition<_simhub_org_v1_SetPaymentProviderResponse, _simhub_org_v1_SetPaymentProviderResponse__Output>
        UpdateOrganizationRequest: MessageTypeDefinition<_simhub_org_v1_UpdateOrganizationRequest, _simhub_org_v1_UpdateOrganizationRequest__Output>
        UpdatePlanRequest: MessageTypeDefinition<_simhub_org_v1_UpdatePlanRequest, _simhub_org_v1_UpdatePlanRequest__Output>
      }
    }
  }
}

