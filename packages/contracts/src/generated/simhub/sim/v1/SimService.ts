// Original file: proto/simhub/sim/v1/sim_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AssignPlanBulkRequest as _simhub_sim_v1_AssignPlanBulkRequest, AssignPlanBulkRequest__Output as _simhub_sim_v1_AssignPlanBulkRequest__Output } from '../../../simhub/sim/v1/AssignPlanBulkRequest.ts';
import type { AssignPlanBulkResponse as _simhub_sim_v1_AssignPlanBulkResponse, AssignPlanBulkResponse__Output as _simhub_sim_v1_AssignPlanBulkResponse__Output } from '../../../simhub/sim/v1/AssignPlanBulkResponse.ts';
import type { AssignPlanRequest as _simhub_sim_v1_AssignPlanRequest, AssignPlanRequest__Output as _simhub_sim_v1_AssignPlanRequest__Output } from '../../../simhub/sim/v1/AssignPlanRequest.ts';
import type { AssignSimToCompanyRequest as _simhub_sim_v1_AssignSimToCompanyRequest, AssignSimToCompanyRequest__Output as _simhub_sim_v1_AssignSimToCompanyRequest__Output } from '../../../simhub/sim/v1/AssignSimToCompanyRequest.ts';
import type { AssignSimToEndUserBySystemRequest as _simhub_sim_v1_AssignSimToEndUserBySystemRequest, AssignSimToEndUserBySystemRequest__Output as _simhub_sim_v1_AssignSimToEndUserBySystemRequest__Output } from '../../../simhub/sim/v1/AssignSimToEndUserBySystemRequest.ts';
import type { AssignSimToEndUserRequest as _simhub_sim_v1_AssignSimToEndUserRequest, AssignSimToEndUserRequest__Output as _simhub_sim_v1_AssignSimToEndUserRequest__Output } from '../../../simhub/sim/v1/AssignSimToEndUserRequest.ts';
import type { ChangeSimStatusByRuleRequest as _simhub_sim_v1_ChangeSimStatusByRuleRequest, ChangeSimStatusByRuleRequest__Output as _simhub_sim_v1_ChangeSimStatusByRuleRequest__Output } from '../../../simhub/sim/v1/ChangeSimStatusByRuleRequest.ts';
import type { ChangeSimStatusByRuleResponse as _simhub_sim_v1_ChangeSimStatusByRuleResponse, ChangeSimStatusByRuleResponse__Output as _simhub_sim_v1_ChangeSimStatusByRuleResponse__Output } from '../../../simhub/sim/v1/ChangeSimStatusByRuleResponse.ts';
import type { ChangeSimStatusRequest as _simhub_sim_v1_ChangeSimStatusRequest, ChangeSimStatusRequest__Output as _simhub_sim_v1_ChangeSimStatusRequest__Output } from '../../../simhub/sim/v1/ChangeSimStatusRequest.ts';
import type { CountSimsByPlanTypeRequest as _simhub_sim_v1_CountSimsByPlanTypeRequest, CountSimsByPlanTypeRequest__Output as _simhub_sim_v1_CountSimsByPlanTypeRequest__Output } from '../../../simhub/sim/v1/CountSimsByPlanTypeRequest.ts';
import type { CountSimsByPlanTypeResponse as _simhub_sim_v1_CountSimsByPlanTypeResponse, CountSimsByPlanTypeResponse__Output as _simhub_sim_v1_CountSimsByPlanTypeResponse__Output } from '../../../simhub/sim/v1/CountSimsByPlanTypeResponse.ts';
import type { CountSimsByStatusRequest as _simhub_sim_v1_CountSimsByStatusRequest, CountSimsByStatusRequest__Output as _simhub_sim_v1_CountSimsByStatusRequest__Output } from '../../../simhub/sim/v1/CountSimsByStatusRequest.ts';
import type { CountSimsByStatusResponse as _simhub_sim_v1_CountSimsByStatusResponse, CountSimsByStatusResponse__Output as _simhub_sim_v1_CountSimsByStatusResponse__Output } from '../../../simhub/sim/v1/CountSimsByStatusResponse.ts';
import type { GetImportRequest as _simhub_sim_v1_GetImportRequest, GetImportRequest__Output as _simhub_sim_v1_GetImportRequest__Output } from '../../../simhub/sim/v1/GetImportRequest.ts';
import type { GetSimRequest as _simhub_sim_v1_GetSimRequest, GetSimRequest__Output as _simhub_sim_v1_GetSimRequest__Output } from '../../../simhub/sim/v1/GetSimRequest.ts';
import type { ImportSimsChunk as _simhub_sim_v1_ImportSimsChunk, ImportSimsChunk__Output as _simhub_sim_v1_ImportSimsChunk__Output } from '../../../simhub/sim/v1/ImportSimsChunk.ts';
import type { ImportSimsRequest as _simhub_sim_v1_ImportSimsRequest, ImportSimsRequest__Output as _simhub_sim_v1_ImportSimsRequest__Output } from '../../../simhub/sim/v1/ImportSimsRequest.ts';
import type { ImportSimsResponse as _simhub_sim_v1_ImportSimsResponse, ImportSimsResponse__Output as _simhub_sim_v1_ImportSimsResponse__Output } from '../../../simhub/sim/v1/ImportSimsResponse.ts';
import type { ListImportRejectionsRequest as _simhub_sim_v1_ListImportRejectionsRequest, ListImportRejectionsRequest__Output as _simhub_sim_v1_ListImportRejectionsRequest__Output } from '../../../simhub/sim/v1/ListImportRejectionsRequest.ts';
import type { ListImportRejectionsResponse as _simhub_sim_v1_ListImportRejectionsResponse, ListImportRejectionsResponse__Output as _simhub_sim_v1_ListImportRejectionsResponse__Output } from '../../../simhub/sim/v1/ListImportRejectionsResponse.ts';
import type { ListImportsRequest as _simhub_sim_v1_ListImportsRequest, ListImportsRequest__Output as _simhub_sim_v1_ListImportsRequest__Output } from '../../../simhub/sim/v1/ListImportsRequest.ts';
import type { ListImportsResponse as _simhub_sim_v1_ListImportsResponse, ListImportsResponse__Output as _simhub_sim_v1_ListImportsResponse__Output } from '../../../simhub/sim/v1/ListImportsResponse.ts';
import type { ListSimHistoryRequest as _simhub_sim_v1_ListSimHistoryRequest, ListSimHistoryRequest__Output as _simhub_sim_v1_ListSimHistoryRequest__Output } from '../../../simhub/sim/v1/ListSimHistoryRequest.ts';
import type { ListSimHistoryResponse as _simhub_sim_v1_ListSimHistoryResponse, ListSimHistoryResponse__Output as _simhub_sim_v1_ListSimHistoryResponse__Output } from '../../../simhub/sim/v1/ListSimHistoryResponse.ts';
import type { ListSimsJsonResponse as _simhub_sim_v1_ListSimsJsonResponse, ListSimsJsonResponse__Output as _simhub_sim_v1_ListSimsJsonResponse__Output } from '../../../simhub/sim/v1/ListSimsJsonResponse.ts';
import type { ListSimsRequest as _simhub_sim_v1_ListSimsRequest, ListSimsRequest__Output as _simhub_sim_v1_ListSimsRequest__Output } from '../../../simhub/sim/v1/ListSimsRequest.ts';
import type { ListSimsResponse as _simhub_sim_v1_ListSimsResponse, ListSimsResponse__Output as _simhub_sim_v1_ListSimsResponse__Output } from '../../../simhub/sim/v1/ListSimsResponse.ts';
import type { LookupSimsRequest as _simhub_sim_v1_LookupSimsRequest, LookupSimsRequest__Output as _simhub_sim_v1_LookupSimsRequest__Output } from '../../../simhub/sim/v1/LookupSimsRequest.ts';
import type { LookupSimsResponse as _simhub_sim_v1_LookupSimsResponse, LookupSimsResponse__Output as _simhub_sim_v1_LookupSimsResponse__Output } from '../../../simhub/sim/v1/LookupSimsResponse.ts';
import type { Sim as _simhub_sim_v1_Sim, Sim__Output as _simhub_sim_v1_Sim__Output } from '../../../simhub/sim/v1/Sim.ts';
import type { SimImport as _simhub_sim_v1_SimImport, SimImport__Output as _simhub_sim_v1_SimImport__Output } from '../../../simhub/sim/v1/SimImport.ts';
import type { UnassignSimRequest as _simhub_sim_v1_UnassignSimRequest, UnassignSimRequest__Output as _simhub_sim_v1_UnassignSimRequest__Output } from '../../../simhub/sim/v1/UnassignSimRequest.ts';
import type { VerifyActivationRequest as _simhub_sim_v1_VerifyActivationRequest, VerifyActivationRequest__Output as _simhub_sim_v1_VerifyActivationRequest__Output } from '../../../simhub/sim/v1/VerifyActivationRequest.ts';
import type { VerifyActivationResponse as _simhub_sim_v1_VerifyActivationResponse, VerifyActivationResponse__Output as _simhub_sim_v1_VerifyActivationResponse__Output } from '../../../simhub/sim/v1/VerifyActivationResponse.ts';

export interface SimServiceClient extends grpc.Client {
  AssignPlan(argument: _simhub_sim_v1_AssignPlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignPlan(argument: _simhub_sim_v1_AssignPlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignPlan(argument: _simhub_sim_v1_AssignPlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignPlan(argument: _simhub_sim_v1_AssignPlanRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignPlan(argument: _simhub_sim_v1_AssignPlanRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignPlan(argument: _simhub_sim_v1_AssignPlanRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignPlan(argument: _simhub_sim_v1_AssignPlanRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignPlan(argument: _simhub_sim_v1_AssignPlanRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  
  AssignPlanBulk(argument: _simhub_sim_v1_AssignPlanBulkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_AssignPlanBulkResponse__Output>): grpc.ClientUnaryCall;
  AssignPlanBulk(argument: _simhub_sim_v1_AssignPlanBulkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_AssignPlanBulkResponse__Output>): grpc.ClientUnaryCall;
  AssignPlanBulk(argument: _simhub_sim_v1_AssignPlanBulkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_AssignPlanBulkResponse__Output>): grpc.ClientUnaryCall;
  AssignPlanBulk(argument: _simhub_sim_v1_AssignPlanBulkRequest, callback: grpc.requestCallback<_simhub_sim_v1_AssignPlanBulkResponse__Output>): grpc.ClientUnaryCall;
  assignPlanBulk(argument: _simhub_sim_v1_AssignPlanBulkRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_AssignPlanBulkResponse__Output>): grpc.ClientUnaryCall;
  assignPlanBulk(argument: _simhub_sim_v1_AssignPlanBulkRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_AssignPlanBulkResponse__Output>): grpc.ClientUnaryCall;
  assignPlanBulk(argument: _simhub_sim_v1_AssignPlanBulkRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_AssignPlanBulkResponse__Output>): grpc.ClientUnaryCall;
  assignPlanBulk(argument: _simhub_sim_v1_AssignPlanBulkRequest, callback: grpc.requestCallback<_simhub_sim_v1_AssignPlanBulkResponse__Output>): grpc.ClientUnaryCall;
  
  AssignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  
  AssignSimToEndUser(argument: _simhub_sim_v1_AssignSimToEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToEndUser(argument: _simhub_sim_v1_AssignSimToEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToEndUser(argument: _simhub_sim_v1_AssignSimToEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToEndUser(argument: _simhub_sim_v1_AssignSimToEndUserRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToEndUser(argument: _simhub_sim_v1_AssignSimToEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToEndUser(argument: _simhub_sim_v1_AssignSimToEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToEndUser(argument: _simhub_sim_v1_AssignSimToEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToEndUser(argument: _simhub_sim_v1_AssignSimToEndUserRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  
  AssignSimToEndUserBySystem(argument: _simhub_sim_v1_AssignSimToEndUserBySystemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToEndUserBySystem(argument: _simhub_sim_v1_AssignSimToEndUserBySystemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToEndUserBySystem(argument: _simhub_sim_v1_AssignSimToEndUserBySystemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToEndUserBySystem(argument: _simhub_sim_v1_AssignSimToEndUserBySystemRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToEndUserBySystem(argument: _simhub_sim_v1_AssignSimToEndUserBySystemRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToEndUserBySystem(argument: _simhub_sim_v1_AssignSimToEndUserBySystemRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToEndUserBySystem(argument: _simhub_sim_v1_AssignSimToEndUserBySystemRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToEndUserBySystem(argument: _simhub_sim_v1_AssignSimToEndUserBySystemRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  
  ChangeSimStatus(argument: _simhub_sim_v1_ChangeSimStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  ChangeSimStatus(argument: _simhub_sim_v1_ChangeSimStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  ChangeSimStatus(argument: _simhub_sim_v1_ChangeSimStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  ChangeSimStatus(argument: _simhub_sim_v1_ChangeSimStatusRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  changeSimStatus(argument: _simhub_sim_v1_ChangeSimStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  changeSimStatus(argument: _simhub_sim_v1_ChangeSimStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  changeSimStatus(argument: _simhub_sim_v1_ChangeSimStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  changeSimStatus(argument: _simhub_sim_v1_ChangeSimStatusRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  
  ChangeSimStatusByRule(argument: _simhub_sim_v1_ChangeSimStatusByRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>): grpc.ClientUnaryCall;
  ChangeSimStatusByRule(argument: _simhub_sim_v1_ChangeSimStatusByRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>): grpc.ClientUnaryCall;
  ChangeSimStatusByRule(argument: _simhub_sim_v1_ChangeSimStatusByRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>): grpc.ClientUnaryCall;
  ChangeSimStatusByRule(argument: _simhub_sim_v1_ChangeSimStatusByRuleRequest, callback: grpc.requestCallback<_simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>): grpc.ClientUnaryCall;
  changeSimStatusByRule(argument: _simhub_sim_v1_ChangeSimStatusByRuleRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>): grpc.ClientUnaryCall;
  changeSimStatusByRule(argument: _simhub_sim_v1_ChangeSimStatusByRuleRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>): grpc.ClientUnaryCall;
  changeSimStatusByRule(argument: _simhub_sim_v1_ChangeSimStatusByRuleRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>): grpc.ClientUnaryCall;
  changeSimStatusByRule(argument: _simhub_sim_v1_ChangeSimStatusByRuleRequest, callback: grpc.requestCallback<_simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>): grpc.ClientUnaryCall;
  
  CountSimsByPlanType(argument: _simhub_sim_v1_CountSimsByPlanTypeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByPlanTypeResponse__Output>): grpc.ClientUnaryCall;
  CountSimsByPlanType(argument: _simhub_sim_v1_CountSimsByPlanTypeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByPlanTypeResponse__Output>): grpc.ClientUnaryCall;
  CountSimsByPlanType(argument: _simhub_sim_v1_CountSimsByPlanTypeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByPlanTypeResponse__Output>): grpc.ClientUnaryCall;
  CountSimsByPlanType(argument: _simhub_sim_v1_CountSimsByPlanTypeRequest, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByPlanTypeResponse__Output>): grpc.ClientUnaryCall;
  countSimsByPlanType(argument: _simhub_sim_v1_CountSimsByPlanTypeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByPlanTypeResponse__Output>): grpc.ClientUnaryCall;
  countSimsByPlanType(argument: _simhub_sim_v1_CountSimsByPlanTypeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByPlanTypeResponse__Output>): grpc.ClientUnaryCall;
  countSimsByPlanType(argument: _simhub_sim_v1_CountSimsByPlanTypeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByPlanTypeResponse__Output>): grpc.ClientUnaryCall;
  countSimsByPlanType(argument: _simhub_sim_v1_CountSimsByPlanTypeRequest, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByPlanTypeResponse__Output>): grpc.ClientUnaryCall;
  
  CountSimsByStatus(argument: _simhub_sim_v1_CountSimsByStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByStatusResponse__Output>): grpc.ClientUnaryCall;
  CountSimsByStatus(argument: _simhub_sim_v1_CountSimsByStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByStatusResponse__Output>): grpc.ClientUnaryCall;
  CountSimsByStatus(argument: _simhub_sim_v1_CountSimsByStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByStatusResponse__Output>): grpc.ClientUnaryCall;
  CountSimsByStatus(argument: _simhub_sim_v1_CountSimsByStatusRequest, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByStatusResponse__Output>): grpc.ClientUnaryCall;
  countSimsByStatus(argument: _simhub_sim_v1_CountSimsByStatusRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByStatusResponse__Output>): grpc.ClientUnaryCall;
  countSimsByStatus(argument: _simhub_sim_v1_CountSimsByStatusRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByStatusResponse__Output>): grpc.ClientUnaryCall;
  countSimsByStatus(argument: _simhub_sim_v1_CountSimsByStatusRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByStatusResponse__Output>): grpc.ClientUnaryCall;
  countSimsByStatus(argument: _simhub_sim_v1_CountSimsByStatusRequest, callback: grpc.requestCallback<_simhub_sim_v1_CountSimsByStatusResponse__Output>): grpc.ClientUnaryCall;
  
  GetImport(argument: _simhub_sim_v1_GetImportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_SimImport__Output>): grpc.ClientUnaryCall;
  GetImport(argument: _simhub_sim_v1_GetImportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_SimImport__Output>): grpc.ClientUnaryCall;
  GetImport(argument: _simhub_sim_v1_GetImportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_SimImport__Output>): grpc.ClientUnaryCall;
  GetImport(argument: _simhub_sim_v1_GetImportRequest, callback: grpc.requestCallback<_simhub_sim_v1_SimImport__Output>): grpc.ClientUnaryCall;
  getImport(argument: _simhub_sim_v1_GetImportRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_SimImport__Output>): grpc.ClientUnaryCall;
  getImport(argument: _simhub_sim_v1_GetImportRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_SimImport__Output>): grpc.ClientUnaryCall;
  getImport(argument: _simhub_sim_v1_GetImportRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_SimImport__Output>): grpc.ClientUnaryCall;
  getImport(argument: _simhub_sim_v1_GetImportRequest, callback: grpc.requestCallback<_simhub_sim_v1_SimImport__Output>): grpc.ClientUnaryCall;
  
  GetSim(argument: _simhub_sim_v1_GetSimRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  GetSim(argument: _simhub_sim_v1_GetSimRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  GetSim(argument: _simhub_sim_v1_GetSimRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  GetSim(argument: _simhub_sim_v1_GetSimRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  getSim(argument: _simhub_sim_v1_GetSimRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  getSim(argument: _simhub_sim_v1_GetSimRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  getSim(argument: _simhub_sim_v1_GetSimRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  getSim(argument: _simhub_sim_v1_GetSimRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  
  ImportSims(argument: _simhub_sim_v1_ImportSimsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientUnaryCall;
  ImportSims(argument: _simhub_sim_v1_ImportSimsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientUnaryCall;
  ImportSims(argument: _simhub_sim_v1_ImportSimsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientUnaryCall;
  ImportSims(argument: _simhub_sim_v1_ImportSimsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientUnaryCall;
  importSims(argument: _simhub_sim_v1_ImportSimsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientUnaryCall;
  importSims(argument: _simhub_sim_v1_ImportSimsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientUnaryCall;
  importSims(argument: _simhub_sim_v1_ImportSimsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientUnaryCall;
  importSims(argument: _simhub_sim_v1_ImportSimsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientUnaryCall;
  
  ImportSimsStream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientWritableStream<_simhub_sim_v1_ImportSimsChunk>;
  ImportSimsStream(metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientWritableStream<_simhub_sim_v1_ImportSimsChunk>;
  ImportSimsStream(options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientWritableStream<_simhub_sim_v1_ImportSimsChunk>;
  ImportSimsStream(callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientWritableStream<_simhub_sim_v1_ImportSimsChunk>;
  importSimsStream(metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientWritableStream<_simhub_sim_v1_ImportSimsChunk>;
  importSimsStream(metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientWritableStream<_simhub_sim_v1_ImportSimsChunk>;
  importSimsStream(options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientWritableStream<_simhub_sim_v1_ImportSimsChunk>;
  importSimsStream(callback: grpc.requestCallback<_simhub_sim_v1_ImportSimsResponse__Output>): grpc.ClientWritableStream<_simhub_sim_v1_ImportSimsChunk>;
  
  ListImportRejections(argument: _simhub_sim_v1_ListImportRejectionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListImportRejectionsResponse__Output>): grpc.ClientUnaryCall;
  ListImportRejections(argument: _simhub_sim_v1_ListImportRejectionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListImportRejectionsResponse__Output>): grpc.ClientUnaryCall;
  ListImportRejections(argument: _simhub_sim_v1_ListImportRejectionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListImportRejectionsResponse__Output>): grpc.ClientUnaryCall;
  ListImportRejections(argument: _simhub_sim_v1_ListImportRejectionsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListImportRejectionsResponse__Output>): grpc.ClientUnaryCall;
  listImportRejections(argument: _simhub_sim_v1_ListImportRejectionsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListImportRejectionsResponse__Output>): grpc.ClientUnaryCall;
  listImportRejections(argument: _simhub_sim_v1_ListImportRejectionsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListImportRejectionsResponse__Output>): grpc.ClientUnaryCall;
  listImportRejections(argument: _simhub_sim_v1_ListImportRejectionsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListImportRejectionsResponse__Output>): grpc.ClientUnaryCall;
  listImportRejections(argument: _simhub_sim_v1_ListImportRejectionsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListImportRejectionsResponse__Output>): grpc.ClientUnaryCall;
  
  ListImports(argument: _simhub_sim_v1_ListImportsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListImportsResponse__Output>): grpc.ClientUnaryCall;
  ListImports(argument: _simhub_sim_v1_ListImportsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListImportsResponse__Output>): grpc.ClientUnaryCall;
  ListImports(argument: _simhub_sim_v1_ListImportsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListImportsResponse__Output>): grpc.ClientUnaryCall;
  ListImports(argument: _simhub_sim_v1_ListImportsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListImportsResponse__Output>): grpc.ClientUnaryCall;
  listImports(argument: _simhub_sim_v1_ListImportsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListImportsResponse__Output>): grpc.ClientUnaryCall;
  listImports(argument: _simhub_sim_v1_ListImportsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListImportsResponse__Output>): grpc.ClientUnaryCall;
  listImports(argument: _simhub_sim_v1_ListImportsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListImportsResponse__Output>): grpc.ClientUnaryCall;
  listImports(argument: _simhub_sim_v1_ListImportsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListImportsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSimHistory(argument: _simhub_sim_v1_ListSimHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimHistoryResponse__Output>): grpc.ClientUnaryCall;
  ListSimHistory(argument: _simhub_sim_v1_ListSimHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListSimHistoryResponse__Output>): grpc.ClientUnaryCall;
  ListSimHistory(argument: _simhub_sim_v1_ListSimHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimHistoryResponse__Output>): grpc.ClientUnaryCall;
  ListSimHistory(argument: _simhub_sim_v1_ListSimHistoryRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListSimHistoryResponse__Output>): grpc.ClientUnaryCall;
  listSimHistory(argument: _simhub_sim_v1_ListSimHistoryRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimHistoryResponse__Output>): grpc.ClientUnaryCall;
  listSimHistory(argument: _simhub_sim_v1_ListSimHistoryRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListSimHistoryResponse__Output>): grpc.ClientUnaryCall;
  listSimHistory(argument: _simhub_sim_v1_ListSimHistoryRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimHistoryResponse__Output>): grpc.ClientUnaryCall;
  listSimHistory(argument: _simhub_sim_v1_ListSimHistoryRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListSimHistoryResponse__Output>): grpc.ClientUnaryCall;
  
  ListSims(argument: _simhub_sim_v1_ListSimsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsResponse__Output>): grpc.ClientUnaryCall;
  ListSims(argument: _simhub_sim_v1_ListSimsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsResponse__Output>): grpc.ClientUnaryCall;
  ListSims(argument: _simhub_sim_v1_ListSimsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsResponse__Output>): grpc.ClientUnaryCall;
  ListSims(argument: _simhub_sim_v1_ListSimsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsResponse__Output>): grpc.ClientUnaryCall;
  listSims(argument: _simhub_sim_v1_ListSimsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsResponse__Output>): grpc.ClientUnaryCall;
  listSims(argument: _simhub_sim_v1_ListSimsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsResponse__Output>): grpc.ClientUnaryCall;
  listSims(argument: _simhub_sim_v1_ListSimsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsResponse__Output>): grpc.ClientUnaryCall;
  listSims(argument: _simhub_sim_v1_ListSimsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsResponse__Output>): grpc.ClientUnaryCall;
  
  ListSimsJson(argument: _simhub_sim_v1_ListSimsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsJsonResponse__Output>): grpc.ClientUnaryCall;
  ListSimsJson(argument: _simhub_sim_v1_ListSimsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsJsonResponse__Output>): grpc.ClientUnaryCall;
  ListSimsJson(argument: _simhub_sim_v1_ListSimsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsJsonResponse__Output>): grpc.ClientUnaryCall;
  ListSimsJson(argument: _simhub_sim_v1_ListSimsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsJsonResponse__Output>): grpc.ClientUnaryCall;
  listSimsJson(argument: _simhub_sim_v1_ListSimsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsJsonResponse__Output>): grpc.ClientUnaryCall;
  listSimsJson(argument: _simhub_sim_v1_ListSimsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsJsonResponse__Output>): grpc.ClientUnaryCall;
  listSimsJson(argument: _simhub_sim_v1_ListSimsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsJsonResponse__Output>): grpc.ClientUnaryCall;
  listSimsJson(argument: _simhub_sim_v1_ListSimsRequest, callback: grpc.requestCallback<_simhub_sim_v1_ListSimsJsonResponse__Output>): grpc.ClientUnaryCall;
  
  LookupSims(argument: _simhub_sim_v1_LookupSimsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_LookupSimsResponse__Output>): grpc.ClientUnaryCall;
  LookupSims(argument: _simhub_sim_v1_LookupSimsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_LookupSimsResponse__Output>): grpc.ClientUnaryCall;
  LookupSims(argument: _simhub_sim_v1_LookupSimsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_LookupSimsResponse__Output>): grpc.ClientUnaryCall;
  LookupSims(argument: _simhub_sim_v1_LookupSimsRequest, callback: grpc.requestCallback<_simhub_sim_v1_LookupSimsResponse__Output>): grpc.ClientUnaryCall;
  lookupSims(argument: _simhub_sim_v1_LookupSimsRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_LookupSimsResponse__Output>): grpc.ClientUnaryCall;
  lookupSims(argument: _simhub_sim_v1_LookupSimsRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_LookupSimsResponse__Output>): grpc.ClientUnaryCall;
  lookupSims(argument: _simhub_sim_v1_LookupSimsRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_LookupSimsResponse__Output>): grpc.ClientUnaryCall;
  lookupSims(argument: _simhub_sim_v1_LookupSimsRequest, callback: grpc.requestCallback<_simhub_sim_v1_LookupSimsResponse__Output>): grpc.ClientUnaryCall;
  
  UnassignSim(argument: _simhub_sim_v1_UnassignSimRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  UnassignSim(argument: _simhub_sim_v1_UnassignSimRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  UnassignSim(argument: _simhub_sim_v1_UnassignSimRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  UnassignSim(argument: _simhub_sim_v1_UnassignSimRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  unassignSim(argument: _simhub_sim_v1_UnassignSimRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  unassignSim(argument: _simhub_sim_v1_UnassignSimRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  unassignSim(argument: _simhub_sim_v1_UnassignSimRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  unassignSim(argument: _simhub_sim_v1_UnassignSimRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  
  VerifyActivation(argument: _simhub_sim_v1_VerifyActivationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_VerifyActivationResponse__Output>): grpc.ClientUnaryCall;
  VerifyActivation(argument: _simhub_sim_v1_VerifyActivationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_VerifyActivationResponse__Output>): grpc.ClientUnaryCall;
  VerifyActivation(argument: _simhub_sim_v1_VerifyActivationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_VerifyActivationResponse__Output>): grpc.ClientUnaryCall;
  VerifyActivation(argument: _simhub_sim_v1_VerifyActivationRequest, callback: grpc.requestCallback<_simhub_sim_v1_VerifyActivationResponse__Output>): grpc.ClientUnaryCall;
  verifyActivation(argument: _simhub_sim_v1_VerifyActivationRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_VerifyActivationResponse__Output>): grpc.ClientUnaryCall;
  verifyActivation(argument: _simhub_sim_v1_VerifyActivationRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_VerifyActivationResponse__Output>): grpc.ClientUnaryCall;
  verifyActivation(argument: _simhub_sim_v1_VerifyActivationRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_VerifyActivationResponse__Output>): grpc.ClientUnaryCall;
  verifyActivation(argument: _simhub_sim_v1_VerifyActivationRequest, callback: grpc.requestCallback<_simhub_sim_v1_VerifyActivationResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface SimServiceHandlers extends grpc.UntypedServiceImplementation {
  AssignPlan: grpc.handleUnaryCall<_simhub_sim_v1_AssignPlanRequest__Output, _simhub_sim_v1_Sim>;
  
  AssignPlanBulk: grpc.handleUnaryCall<_simhub_sim_v1_AssignPlanBulkRequest__Output, _simhub_sim_v1_AssignPlanBulkResponse>;
  
  AssignSimToCompany: grpc.handleUnaryCall<_simhub_sim_v1_AssignSimToCompanyRequest__Output, _simhub_sim_v1_Sim>;
  
  AssignSimToEndUser: grpc.handleUnaryCall<_simhub_sim_v1_AssignSimToEndUserRequest__Output, _simhub_sim_v1_Sim>;
  
  AssignSimToEndUserBySystem: grpc.handleUnaryCall<_simhub_sim_v1_AssignSimToEndUserBySystemRequest__Output, _simhub_sim_v1_Sim>;
  
  ChangeSimStatus: grpc.handleUnaryCall<_simhub_sim_v1_ChangeSimStatusRequest__Output, _simhub_sim_v1_Sim>;
  
  ChangeSimStatusByRule: grpc.handleUnaryCall<_simhub_sim_v1_ChangeSimStatusByRuleRequest__Output, _simhub_sim_v1_ChangeSimStatusByRuleResponse>;
  
  CountSimsByPlanType: grpc.handleUnaryCall<_simhub_sim_v1_CountSimsByPlanTypeRequest__Output, _simhub_sim_v1_CountSimsByPlanTypeResponse>;
  
  CountSimsByStatus: grpc.handleUnaryCall<_simhub_sim_v1_CountSimsByStatusRequest__Output, _simhub_sim_v1_CountSimsByStatusResponse>;
  
  GetImport: grpc.handleUnaryCall<_simhub_sim_v1_GetImportRequest__Output, _simhub_sim_v1_SimImport>;
  
  GetSim: grpc.handleUnaryCall<_simhub_sim_v1_GetSimRequest__Output, _simhub_sim_v1_Sim>;
  
  ImportSims: grpc.handleUnaryCall<_simhub_sim_v1_ImportSimsRequest__Output, _simhub_sim_v1_ImportSimsResponse>;
  
  ImportSimsStream: grpc.handleClientStreamingCall<_simhub_sim_v1_ImportSimsChunk__Output, _simhub_sim_v1_ImportSimsResponse>;
  
  ListImportRejections: grpc.handleUnaryCall<_simhub_sim_v1_ListImportRejectionsRequest__Output, _simhub_sim_v1_ListImportRejectionsResponse>;
  
  ListImports: grpc.handleUnaryCall<_simhub_sim_v1_ListImportsRequest__Output, _simhub_sim_v1_ListImportsResponse>;
  
  ListSimHistory: grpc.handleUnaryCall<_simhub_sim_v1_ListSimHistoryRequest__Output, _simhub_sim_v1_ListSimHistoryResponse>;
  
  ListSims: grpc.handleUnaryCall<_simhub_sim_v1_ListSimsRequest__Output, _simhub_sim_v1_ListSimsResponse>;
  
  ListSimsJson: grpc.handleUnaryCall<_simhub_sim_v1_ListSimsRequest__Output, _simhub_sim_v1_ListSimsJsonResponse>;
  
  LookupSims: grpc.handleUnaryCall<_simhub_sim_v1_LookupSimsRequest__Output, _simhub_sim_v1_LookupSimsResponse>;
  
  UnassignSim: grpc.handleUnaryCall<_simhub_sim_v1_UnassignSimRequest__Output, _simhub_sim_v1_Sim>;
  
  VerifyActivation: grpc.handleUnaryCall<_simhub_sim_v1_VerifyActivationRequest__Output, _simhub_sim_v1_VerifyActivationResponse>;
  
}

export interface SimServiceDefinition extends grpc.ServiceDefinition {
  AssignPlan: MethodDefinition<_simhub_sim_v1_AssignPlanRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_AssignPlanRequest__Output, _simhub_sim_v1_Sim__Output>
  AssignPlanBulk: MethodDefinition<_simhub_sim_v1_AssignPlanBulkRequest, _simhub_sim_v1_AssignPlanBulkResponse, _simhub_sim_v1_AssignPlanBulkRequest__Output, _simhub_sim_v1_AssignPlanBulkResponse__Output>
  AssignSimToCompany: MethodDefinition<_simhub_sim_v1_AssignSimToCompanyRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_AssignSimToCompanyRequest__Output, _simhub_sim_v1_Sim__Output>
  AssignSimToEndUser: MethodDefinition<_simhub_sim_v1_AssignSimToEndUserRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_AssignSimToEndUserRequest__Output, _simhub_sim_v1_Sim__Output>
  AssignSimToEndUserBySystem: MethodDefinition<_simhub_sim_v1_AssignSimToEndUserBySystemRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_AssignSimToEndUserBySystemRequest__Output, _simhub_sim_v1_Sim__Output>
  ChangeSimStatus: MethodDefinition<_simhub_sim_v1_ChangeSimStatusRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_ChangeSimStatusRequest__Output, _simhub_sim_v1_Sim__Output>
  ChangeSimStatusByRule: MethodDefinition<_simhub_sim_v1_ChangeSimStatusByRuleRequest, _simhub_sim_v1_ChangeSimStatusByRuleResponse, _simhub_sim_v1_ChangeSimStatusByRuleRequest__Output, _simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>
  CountSimsByPlanType: MethodDefinition<_simhub_sim_v1_CountSimsByPlanTypeRequest, _simhub_sim_v1_CountSimsByPlanTypeResponse, _simhub_sim_v1_CountSimsByPlanTypeRequest__Output, _simhub_sim_v1_CountSimsByPlanTypeResponse__Output>
  CountSimsByStatus: MethodDefinition<_simhub_sim_v1_CountSimsByStatusRequest, _simhub_sim_v1_CountSimsByStatusResponse, _simhub_sim_v1_CountSimsByStatusRequest__Output, _simhub_sim_v1_CountSimsByStatusResponse__Output>
  GetImport: MethodDefinition<_simhub_sim_v1_GetImportRequest, _simhub_sim_v1_SimImport, _simhub_sim_v1_GetImportRequest__Output, _simhub_sim_v1_SimImport__Output>
  GetSim: MethodDefinition<_simhub_sim_v1_GetSimRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_GetSimRequest__Output, _simhub_sim_v1_Sim__Output>
  ImportSims: MethodDefinition<_simhub_sim_v1_ImportSimsRequest, _simhub_sim_v1_ImportSimsResponse, _simhub_sim_v1_ImportSimsRequest__Output, _simhub_sim_v1_ImportSimsResponse__Output>
  ImportSimsStream: MethodDefinition<_simhub_sim_v1_ImportSimsChunk, _simhub_sim_v1_ImportSimsResponse, _simhub_sim_v1_ImportSimsChunk__Output, _simhub_sim_v1_ImportSimsResponse__Output>
  ListImportRejections: MethodDefinition<_simhub_sim_v1_ListImportRejectionsRequest, _simhub_sim_v1_ListImportRejectionsResponse, _simhub_sim_v1_ListImportRejectionsRequest__Output, _simhub_sim_v1_ListImportRejectionsResponse__Output>
  ListImports: MethodDefinition<_simhub_sim_v1_ListImportsRequest, _simhub_sim_v1_ListImportsResponse, _simhub_sim_v1_ListImportsRequest__Output, _simhub_sim_v1_ListImportsResponse__Output>
  ListSimHistory: MethodDefinition<_simhub_sim_v1_ListSimHistoryRequest, _simhub_sim_v1_ListSimHistoryResponse, _simhub_sim_v1_ListSimHistoryRequest__Output, _simhub_sim_v1_ListSimHistoryResponse__Output>
  ListSims: MethodDefinition<_simhub_sim_v1_ListSimsRequest, _simhub_sim_v1_ListSimsResponse, _simhub_sim_v1_ListSimsRequest__Output, _simhub_sim_v1_ListSimsResponse__Output>
  ListSimsJson: MethodDefinition<_simhub_sim_v1_ListSimsRequest, _simhub_sim_v1_ListSimsJsonResponse, _simhub_sim_v1_ListSimsRequest__Output, _simhub_sim_v1_ListSimsJsonResponse__Output>
  LookupSims: MethodDefinition<_simhub_sim_v1_LookupSimsRequest, _simhub_sim_v1_LookupSimsResponse, _simhub_sim_v1_LookupSimsRequest__Output, _simhub_sim_v1_LookupSimsResponse__Output>
  UnassignSim: MethodDefinition<_simhub_sim_v1_UnassignSimRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_UnassignSimRequest__Output, _simhub_sim_v1_Sim__Output>
  VerifyActivation: MethodDefinition<_simhub_sim_v1_VerifyActivationRequest, _simhub_sim_v1_VerifyActivationResponse, _simhub_sim_v1_VerifyActivationRequest__Output, _simhub_sim_v1_VerifyActivationResponse__Output>
}
