// Original file: proto/simhub/company/v1/company_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ArchiveCompanyRequest as _simhub_company_v1_ArchiveCompanyRequest, ArchiveCompanyRequest__Output as _simhub_company_v1_ArchiveCompanyRequest__Output } from '../../../simhub/company/v1/ArchiveCompanyRequest.ts';
import type { Company as _simhub_company_v1_Company, Company__Output as _simhub_company_v1_Company__Output } from '../../../simhub/company/v1/Company.ts';
import type { CreateCompanyRequest as _simhub_company_v1_CreateCompanyRequest, CreateCompanyRequest__Output as _simhub_company_v1_CreateCompanyRequest__Output } from '../../../simhub/company/v1/CreateCompanyRequest.ts';
import type { GetCompanyRequest as _simhub_company_v1_GetCompanyRequest, GetCompanyRequest__Output as _simhub_company_v1_GetCompanyRequest__Output } from '../../../simhub/company/v1/GetCompanyRequest.ts';
import type { ListCompaniesRequest as _simhub_company_v1_ListCompaniesRequest, ListCompaniesRequest__Output as _simhub_company_v1_ListCompaniesRequest__Output } from '../../../simhub/company/v1/ListCompaniesRequest.ts';
import type { ListCompaniesResponse as _simhub_company_v1_ListCompaniesResponse, ListCompaniesResponse__Output as _simhub_company_v1_ListCompaniesResponse__Output } from '../../../simhub/company/v1/ListCompaniesResponse.ts';
import type { ResolveCompanyRequest as _simhub_company_v1_ResolveCompanyRequest, ResolveCompanyRequest__Output as _simhub_company_v1_ResolveCompanyRequest__Output } from '../../../simhub/company/v1/ResolveCompanyRequest.ts';
import type { ResolvedCompany as _simhub_company_v1_ResolvedCompany, ResolvedCompany__Output as _simhub_company_v1_ResolvedCompany__Output } from '../../../simhub/company/v1/ResolvedCompany.ts';
import type { UpdateCompanyRequest as _simhub_company_v1_UpdateCompanyRequest, UpdateCompanyRequest__Output as _simhub_company_v1_UpdateCompanyRequest__Output } from '../../../simhub/company/v1/UpdateCompanyRequest.ts';

export interface CompanyServiceClient extends grpc.Client {
  ArchiveCompany(argument: _simhub_company_v1_ArchiveCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  ArchiveCompany(argument: _simhub_company_v1_ArchiveCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  ArchiveCompany(argument: _simhub_company_v1_ArchiveCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  ArchiveCompany(argument: _simhub_company_v1_ArchiveCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  archiveCompany(argument: _simhub_company_v1_ArchiveCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  archiveCompany(argument: _simhub_company_v1_ArchiveCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  archiveCompany(argument: _simhub_company_v1_ArchiveCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  archiveCompany(argument: _simhub_company_v1_ArchiveCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  
  CreateCompany(argument: _simhub_company_v1_CreateCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  CreateCompany(argument: _simhub_company_v1_CreateCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  CreateCompany(argument: _simhub_company_v1_CreateCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  CreateCompany(argument: _simhub_company_v1_CreateCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  createCompany(argument: _simhub_company_v1_CreateCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  createCompany(argument: _simhub_company_v1_CreateCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  createCompany(argument: _simhub_company_v1_CreateCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  createCompany(argument: _simhub_company_v1_CreateCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  
  GetCompany(argument: _simhub_company_v1_GetCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  GetCompany(argument: _simhub_company_v1_GetCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  GetCompany(argument: _simhub_company_v1_GetCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  GetCompany(argument: _simhub_company_v1_GetCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  getCompany(argument: _simhub_company_v1_GetCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  getCompany(argument: _simhub_company_v1_GetCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  getCompany(argument: _simhub_company_v1_GetCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  getCompany(argument: _simhub_company_v1_GetCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  
  ListCompanies(argument: _simhub_company_v1_ListCompaniesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_ListCompaniesResponse__Output>): grpc.ClientUnaryCall;
  ListCompanies(argument: _simhub_company_v1_ListCompaniesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_ListCompaniesResponse__Output>): grpc.ClientUnaryCall;
  ListCompanies(argument: _simhub_company_v1_ListCompaniesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_ListCompaniesResponse__Output>): grpc.ClientUnaryCall;
  ListCompanies(argument: _simhub_company_v1_ListCompaniesRequest, callback: grpc.requestCallback<_simhub_company_v1_ListCompaniesResponse__Output>): grpc.ClientUnaryCall;
  listCompanies(argument: _simhub_company_v1_ListCompaniesRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_ListCompaniesResponse__Output>): grpc.ClientUnaryCall;
  listCompanies(argument: _simhub_company_v1_ListCompaniesRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_ListCompaniesResponse__Output>): grpc.ClientUnaryCall;
  listCompanies(argument: _simhub_company_v1_ListCompaniesRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_ListCompaniesResponse__Output>): grpc.ClientUnaryCall;
  listCompanies(argument: _simhub_company_v1_ListCompaniesRequest, callback: grpc.requestCallback<_simhub_company_v1_ListCompaniesResponse__Output>): grpc.ClientUnaryCall;
  
  ResolveCompany(argument: _simhub_company_v1_ResolveCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_ResolvedCompany__Output>): grpc.ClientUnaryCall;
  ResolveCompany(argument: _simhub_company_v1_ResolveCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_ResolvedCompany__Output>): grpc.ClientUnaryCall;
  ResolveCompany(argument: _simhub_company_v1_ResolveCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_ResolvedCompany__Output>): grpc.ClientUnaryCall;
  ResolveCompany(argument: _simhub_company_v1_ResolveCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_ResolvedCompany__Output>): grpc.ClientUnaryCall;
  resolveCompany(argument: _simhub_company_v1_ResolveCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_ResolvedCompany__Output>): grpc.ClientUnaryCall;
  resolveCompany(argument: _simhub_company_v1_ResolveCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_ResolvedCompany__Output>): grpc.ClientUnaryCall;
  resolveCompany(argument: _simhub_company_v1_ResolveCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_ResolvedCompany__Output>): grpc.ClientUnaryCall;
  resolveCompany(argument: _simhub_company_v1_ResolveCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_ResolvedCompany__Output>): grpc.ClientUnaryCall;
  
  UpdateCompany(argument: _simhub_company_v1_UpdateCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  UpdateCompany(argument: _simhub_company_v1_UpdateCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  UpdateCompany(argument: _simhub_company_v1_UpdateCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  UpdateCompany(argument: _simhub_company_v1_UpdateCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  updateCompany(argument: _simhub_company_v1_UpdateCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  updateCompany(argument: _simhub_company_v1_UpdateCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  updateCompany(argument: _simhub_company_v1_UpdateCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  updateCompany(argument: _simhub_company_v1_UpdateCompanyRequest, callback: grpc.requestCallback<_simhub_company_v1_Company__Output>): grpc.ClientUnaryCall;
  
}

export interface CompanyServiceHandlers extends grpc.UntypedServiceImplementation {
  ArchiveCompany: grpc.handleUnaryCall<_simhub_company_v1_ArchiveCompanyRequest__Output, _simhub_company_v1_Company>;
  
  CreateCompany: grpc.handleUnaryCall<_simhub_company_v1_CreateCompanyRequest__Output, _simhub_company_v1_Company>;
  
  GetCompany: grpc.handleUnaryCall<_simhub_company_v1_GetCompanyRequest__Output, _simhub_company_v1_Company>;
  
  ListCompanies: grpc.handleUnaryCall<_simhub_company_v1_ListCompaniesRequest__Output, _simhub_company_v1_ListCompaniesResponse>;
  
  ResolveCompany: grpc.handleUnaryCall<_simhub_company_v1_ResolveCompanyRequest__Output, _simhub_company_v1_ResolvedCompany>;
  
  UpdateCompany: grpc.handleUnaryCall<_simhub_company_v1_UpdateCompanyRequest__Output, _simhub_company_v1_Company>;
  
}

export interface CompanyServiceDefinition extends grpc.ServiceDefinition {
  ArchiveCompany: MethodDefinition<_simhub_company_v1_ArchiveCompanyRequest, _simhub_company_v1_Company, _simhub_company_v1_ArchiveCompanyRequest__Output, _simhub_company_v1_Company__Output>
  CreateCompany: MethodDefinition<_simhub_company_v1_CreateCompanyRequest, _simhub_company_v1_Company, _simhub_company_v1_CreateCompanyRequest__Output, _simhub_company_v1_Company__Output>
  GetCompany: MethodDefinition<_simhub_company_v1_GetCompanyRequest, _simhub_company_v1_Company, _simhub_company_v1_GetCompanyRequest__Output, _simhub_company_v1_Company__Output>
  ListCompanies: MethodDefinition<_simhub_company_v1_ListCompaniesRequest, _simhub_company_v1_ListCompaniesResponse, _simhub_company_v1_ListCompaniesRequest__Output, _simhub_company_v1_ListCompaniesResponse__Output>
  ResolveCompany: MethodDefinition<_simhub_company_v1_ResolveCompanyRequest, _simhub_company_v1_ResolvedCompany, _simhub_company_v1_ResolveCompanyRequest__Output, _simhub_company_v1_ResolvedCompany__Output>
  UpdateCompany: MethodDefinition<_simhub_company_v1_UpdateCompanyRequest, _simhub_company_v1_Company, _simhub_company_v1_UpdateCompanyRequest__Output, _simhub_company_v1_Company__Output>
}
