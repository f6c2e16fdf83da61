import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { CreateOrganizationRequest as _simhub_org_v1_CreateOrganizationRequest, CreateOrganizationRequest__Output as _simhub_org_v1_CreateOrganizationRequest__Output } from './simhub/org/v1/CreateOrganizationRequest.ts';
import type { GetOrganizationRequest as _simhub_org_v1_GetOrganizationRequest, GetOrganizationRequest__Output as _simhub_org_v1_GetOrganizationRequest__Output } from './simhub/org/v1/GetOrganizationRequest.ts';
import type { ListOrganizationsRequest as _simhub_org_v1_ListOrganizationsRequest, ListOrganizationsRequest__Output as _simhub_org_v1_ListOrganizationsRequest__Output } from './simhub/org/v1/ListOrganizationsRequest.ts';
import type { ListOrganizationsResponse as _simhub_org_v1_ListOrganizationsResponse, ListOrganizationsResponse__Output as _simhub_org_v1_ListOrganizationsResponse__Output } from './simhub/org/v1/ListOrganizationsResponse.ts';
import type { OrgServiceClient as _simhub_org_v1_OrgServiceClient, OrgServiceDefinition as _simhub_org_v1_OrgServiceDefinition } from './simhub/org/v1/OrgService.ts';
import type { Organization as _simhub_org_v1_Organization, Organization__Output as _simhub_org_v1_Organization__Output } from './simhub/org/v1/Organization.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    org: {
      v1: {
        CreateOrganizationRequest: MessageTypeDefinition<_simhub_org_v1_CreateOrganizationRequest, _simhub_org_v1_CreateOrganizationRequest__Output>
        GetOrganizationRequest: MessageTypeDefinition<_simhub_org_v1_GetOrganizationRequest, _simhub_org_v1_GetOrganizationRequest__Output>
        ListOrganizationsRequest: MessageTypeDefinition<_simhub_org_v1_ListOrganizationsRequest, _simhub_org_v1_ListOrganizationsRequest__Output>
        ListOrganizationsResponse: MessageTypeDefinition<_simhub_org_v1_ListOrganizationsResponse, _simhub_org_v1_ListOrganizationsResponse__Output>
        OrgService: SubtypeConstructor<typeof grpc.Client, _simhub_org_v1_OrgServiceClient> & { service: _simhub_org_v1_OrgServiceDefinition }
        Organization: MessageTypeDefinition<_simhub_org_v1_Organization, _simhub_org_v1_Organization__Output>
      }
    }
  }
}

