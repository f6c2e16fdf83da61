import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { ArchiveCompanyRequest as _simhub_company_v1_ArchiveCompanyRequest, ArchiveCompanyRequest__Output as _simhub_company_v1_ArchiveCompanyRequest__Output } from './simhub/company/v1/ArchiveCompanyRequest.ts';
import type { Company as _simhub_company_v1_Company, Company__Output as _simhub_company_v1_Company__Output } from './simhub/company/v1/Company.ts';
import type { CompanyServiceClient as _simhub_company_v1_CompanyServiceClient, CompanyServiceDefinition as _simhub_company_v1_CompanyServiceDefinition } from './simhub/company/v1/CompanyService.ts';
import type { CreateCompanyRequest as _simhub_company_v1_CreateCompanyRequest, CreateCompanyRequest__Output as _simhub_company_v1_CreateCompanyRequest__Output } from './simhub/company/v1/CreateCompanyRequest.ts';
import type { GetCompanyRequest as _simhub_company_v1_GetCompanyRequest, GetCompanyRequest__Output as _simhub_company_v1_GetCompanyRequest__Output } from './simhub/company/v1/GetCompanyRequest.ts';
import type { ListCompaniesRequest as _simhub_company_v1_ListCompaniesRequest, ListCompaniesRequest__Output as _simhub_company_v1_ListCompaniesRequest__Output } from './simhub/company/v1/ListCompaniesRequest.ts';
import type { ListCompaniesResponse as _simhub_company_v1_ListCompaniesResponse, ListCompaniesResponse__Output as _simhub_company_v1_ListCompaniesResponse__Output } from './simhub/company/v1/ListCompaniesResponse.ts';
import type { ResolveCompanyRequest as _simhub_company_v1_ResolveCompanyRequest, ResolveCompanyRequest__Output as _simhub_company_v1_ResolveCompanyRequest__Output } from './simhub/company/v1/ResolveCompanyRequest.ts';
import type { ResolvedCompany as _simhub_company_v1_ResolvedCompany, ResolvedCompany__Output as _simhub_company_v1_ResolvedCompany__Output } from './simhub/company/v1/ResolvedCompany.ts';
import type { ResolvedOrganization as _simhub_company_v1_ResolvedOrganization, ResolvedOrganization__Output as _simhub_company_v1_ResolvedOrganization__Output } from './simhub/company/v1/ResolvedOrganization.ts';
import type { UpdateCompanyRequest as _simhub_company_v1_UpdateCompanyRequest, UpdateCompanyRequest__Output as _simhub_company_v1_UpdateCompanyRequest__Output } from './simhub/company/v1/UpdateCompanyRequest.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    company: {
      v1: {
        ArchiveCompanyRequest: MessageTypeDefinition<_simhub_company_v1_ArchiveCompanyRequest, _simhub_company_v1_ArchiveCompanyRequest__Output>
        Company: MessageTypeDefinition<_simhub_company_v1_Company, _simhub_company_v1_Company__Output>
        CompanyService: SubtypeConstructor<typeof grpc.Client, _simhub_company_v1_CompanyServiceClient> & { service: _simhub_company_v1_CompanyServiceDefinition }
        CreateCompanyRequest: MessageTypeDefinition<_simhub_company_v1_CreateCompanyRequest, _simhub_company_v1_CreateCompanyRequest__Output>
        GetCompanyRequest: MessageTypeDefinition<_simhub_company_v1_GetCompanyRequest, _simhub_company_v1_GetCompanyRequest__Output>
        ListCompaniesRequest: MessageTypeDefinition<_simhub_company_v1_ListCompaniesRequest, _simhub_company_v1_ListCompaniesRequest__Output>
        ListCompaniesResponse: MessageTypeDefinition<_simhub_company_v1_ListCompaniesResponse, _simhub_company_v1_ListCompaniesResponse__Output>
        ResolveCompanyRequest: MessageTypeDefinition<_simhub_company_v1_ResolveCompanyRequest, _simhub_company_v1_ResolveCompanyRequest__Output>
        ResolvedCompany: MessageTypeDefinition<_simhub_company_v1_ResolvedCompany, _simhub_company_v1_ResolvedCompany__Output>
        ResolvedOrganization: MessageTypeDefinition<_simhub_company_v1_ResolvedOrganization, _simhub_company_v1_ResolvedOrganization__Output>
        UpdateCompanyRequest: MessageTypeDefinition<_simhub_company_v1_UpdateCompanyRequest, _simhub_company_v1_UpdateCompanyRequest__Output>
      }
    }
  }
}

