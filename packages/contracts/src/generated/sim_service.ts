import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { AssignPlanBulkRequest as _simhub_sim_v1_AssignPlanBulkRequest, AssignPlanBulkRequest__Output as _simhub_sim_v1_AssignPlanBulkRequest__Output } from './simhub/sim/v1/AssignPlanBulkRequest.ts';
import type { AssignPlanBulkResponse as _simhub_sim_v1_AssignPlanBulkResponse, AssignPlanBulkResponse__Output as _simhub_sim_v1_AssignPlanBulkResponse__Output } from './simhub/sim/v1/AssignPlanBulkResponse.ts';
import type { AssignPlanRequest as _simhub_sim_v1_AssignPlanRequest, AssignPlanRequest__Output as _simhub_sim_v1_AssignPlanRequest__Output } from './simhub/sim/v1/AssignPlanRequest.ts';
import type { AssignSimToCompanyRequest as _simhub_sim_v1_AssignSimToCompanyRequest, AssignSimToCompanyRequest__Output as _simhub_sim_v1_AssignSimToCompanyRequest__Output } from './simhub/sim/v1/AssignSimToCompanyRequest.ts';
import type { AssignSimToEndUserBySystemRequest as _simhub_sim_v1_AssignSimToEndUserBySystemRequest, AssignSimToEndUserBySystemRequest__Output as _simhub_sim_v1_AssignSimToEndUserBySystemRequest__Output } from './simhub/sim/v1/AssignSimToEndUserBySystemRequest.ts';
import type { AssignSimToEndUserRequest as _simhub_sim_v1_AssignSimToEndUserRequest, AssignSimToEndUserRequest__Output as _simhub_sim_v1_AssignSimToEndUserRequest__Output } from './simhub/sim/v1/AssignSimToEndUserRequest.ts';
import type { ChangeSimStatusByRuleRequest as _simhub_sim_v1_ChangeSimStatusByRuleRequest, ChangeSimStatusByRuleRequest__Output as _simhub_sim_v1_ChangeSimStatusByRuleRequest__Output } from './simhub/sim/v1/ChangeSimStatusByRuleRequest.ts';
import type { ChangeSimStatusByRuleResponse as _simhub_sim_v1_ChangeSimStatusByRuleResponse, ChangeSimStatusByRuleResponse__Output as _simhub_sim_v1_ChangeSimStatusByRuleResponse__Output } from './simhub/sim/v1/ChangeSimStatusByRuleResponse.ts';
import type { ChangeSimStatusRequest as _simhub_sim_v1_ChangeSimStatusRequest, ChangeSimStatusRequest__Output as _simhub_sim_v1_ChangeSimStatusRequest__Output } from './simhub/sim/v1/ChangeSimStatusRequest.ts';
import type { CountSimsByPlanTypeRequest as _simhub_sim_v1_CountSimsByPlanTypeRequest, CountSimsByPlanTypeRequest__Output as _simhub_sim_v1_CountSimsByPlanTypeRequest__Output } from './simhub/sim/v1/CountSimsByPlanTypeRequest.ts';
import type { CountSimsByPlanTypeResponse as _simhub_sim_v1_CountSimsByPlanTypeResponse, CountSimsByPlanTypeResponse__Output as _simhub_sim_v1_CountSimsByPlanTypeResponse__Output } from './simhub/sim/v1/CountSimsByPlanTypeResponse.ts';
import type { CountSimsByStatusRequest as _simhub_sim_v1_CountSimsByStatusRequest, CountSimsByStatusRequest__Output as _simhub_sim_v1_CountSimsByStatusRequest__Output } from './simhub/sim/v1/CountSimsByStatusRequest.ts';
import type { CountSimsByStatusResponse as _simhub_sim_v1_CountSimsByStatusResponse, CountSimsByStatusResponse__Output as _simhub_sim_v1_CountSimsByStatusResponse__Output } from './simhub/sim/v1/CountSimsByStatusResponse.ts';
import type { GetImportRequest as _simhub_sim_v1_GetImportRequest, GetImportRequest__Output as _simhub_sim_v1_GetImportRequest__Output } from './simhub/sim/v1/GetImportRequest.ts';
import type { GetSimRequest as _simhub_sim_v1_GetSimRequest, GetSimRequest__Output as _simhub_sim_v1_GetSimRequest__Output } from './simhub/sim/v1/GetSimRequest.ts';
import type { ImportSimsChunk as _simhub_sim_v1_ImportSimsChunk, ImportSimsChunk__Output as _simhub_sim_v1_ImportSimsChunk__Output } from './simhub/sim/v1/ImportSimsChunk.ts';
import type { ImportSimsRequest as _simhub_sim_v1_ImportSimsRequest, ImportSimsRequest__Output as _simhub_sim_v1_ImportSimsRequest__Output } from './simhub/sim/v1/ImportSimsRequest.ts';
import type { ImportSimsResponse as _simhub_sim_v1_ImportSimsResponse, ImportSimsResponse__Output as _simhub_sim_v1_ImportSimsResponse__Output } from './simhub/sim/v1/ImportSimsResponse.ts';
import type { ListImportRejectionsRequest as _simhub_sim_v1_ListImportRejectionsRequest, ListImportRejectionsRequest__Output as _simhub_sim_v1_ListImportRejectionsRequest__Output } from './simhub/sim/v1/ListImportRejectionsRequest.ts';
import type { ListImportRejectionsResponse as _simhub_sim_v1_ListImportRejectionsResponse, ListImportRejectionsResponse__Output as _simhub_sim_v1_ListImportRejectionsResponse__Output } from './simhub/sim/v1/ListImportRejectionsResponse.ts';
import type { ListImportsRequest as _simhub_sim_v1_ListImportsRequest, ListImportsRequest__Output as _simhub_sim_v1_ListImportsRequest__Output } from './simhub/sim/v1/ListImportsRequest.ts';
import type { ListImportsResponse as _simhub_sim_v1_ListImportsResponse, ListImportsResponse__Output as _simhub_sim_v1_ListImportsResponse__Output } from './simhub/sim/v1/ListImportsResponse.ts';
import type { ListSimHistoryRequest as _simhub_sim_v1_ListSimHistoryRequest, ListSimHistoryRequest__Output as _simhub_sim_v1_ListSimHistoryRequest__Output } from './simhub/sim/v1/ListSimHistoryRequest.ts';
import type { ListSimHistoryResponse as _simhub_sim_v1_ListSimHistoryResponse, ListSimHistoryResponse__Output as _simhub_sim_v1_ListSimHistoryResponse__Output } from './simhub/sim/v1/ListSimHistoryResponse.ts';
import type { ListSimsJsonResponse as _simhub_sim_v1_ListSimsJsonResponse, ListSimsJsonResponse__Output as _simhub_sim_v1_ListSimsJsonResponse__Output } from './simhub/sim/v1/ListSimsJsonResponse.ts';
import type { ListSimsRequest as _simhub_sim_v1_ListSimsRequest, ListSimsRequest__Output as _simhub_sim_v1_ListSimsRequest__Output } from './simhub/sim/v1/ListSimsRequest.ts';
import type { ListSimsResponse as _simhub_sim_v1_ListSimsResponse, ListSimsResponse__Output as _simhub_sim_v1_ListSimsResponse__Output } from './simhub/sim/v1/ListSimsResponse.ts';
import type { LookupSimsRequest as _simhub_sim_v1_LookupSimsRequest, LookupSimsRequest__Output as _simhub_sim_v1_LookupSimsRequest__Output } from './simhub/sim/v1/LookupSimsRequest.ts';
import type { LookupSimsResponse as _simhub_sim_v1_LookupSimsResponse, LookupSimsResponse__Output as _simhub_sim_v1_LookupSimsResponse__Output } from './simhub/sim/v1/LookupSimsResponse.ts';
import type { RejectedPlanAssignment as _simhub_sim_v1_RejectedPlanAssignment, RejectedPlanAssignment__Output as _simhub_sim_v1_RejectedPlanAssignment__Output } from './simhub/sim/v1/RejectedPlanAssignment.ts';
import type { RejectedSim as _simhub_sim_v1_RejectedSim, RejectedSim__Output as _simhub_sim_v1_RejectedSim__Output } from './simhub/sim/v1/RejectedSim.ts';
import type { Sim as _simhub_sim_v1_Sim, Sim__Output as _simhub_sim_v1_Sim__Output } from './simhub/sim/v1/Sim.ts';
import type { SimHistoryEntry as _simhub_sim_v1_SimHistoryEntry, SimHistoryEntry__Output as _simhub_sim_v1_SimHistoryEntry__Output } from './simhub/sim/v1/SimHistoryEntry.ts';
import type { SimImport as _simhub_sim_v1_SimImport, SimImport__Output as _simhub_sim_v1_SimImport__Output } from './simhub/sim/v1/SimImport.ts';
import type { SimInput as _simhub_sim_v1_SimInput, SimInput__Output as _simhub_sim_v1_SimInput__Output } from './simhub/sim/v1/SimInput.ts';
import type { SimOwner as _simhub_sim_v1_SimOwner, SimOwner__Output as _simhub_sim_v1_SimOwner__Output } from './simhub/sim/v1/SimOwner.ts';
import type { SimServiceClient as _simhub_sim_v1_SimServiceClient, SimServiceDefinition as _simhub_sim_v1_SimServiceDefinition } from './simhub/sim/v1/SimService.ts';
import type { UnassignSimRequest as _simhub_sim_v1_UnassignSimRequest, UnassignSimRequest__Output as _simhub_sim_v1_UnassignSimRequest__Output } from './simhub/sim/v1/UnassignSimRequest.ts';
import type { VerifyActivationRequest as _simhub_sim_v1_VerifyActivationRequest, VerifyActivationRequest__Output as _simhub_sim_v1_VerifyActivationRequest__Output } from './simhub/sim/v1/VerifyActivationRequest.ts';
import type { VerifyActivationResponse as _simhub_sim_v1_VerifyActivationResponse, VerifyActivationResponse__Output as _simhub_sim_v1_VerifyActivationResponse__Output } from './simhub/sim/v1/VerifyActivationResponse.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    sim: {
      v1: {
        AssignPlanBulkRequest: MessageTypeDefinition<_simhub_sim_v1_AssignPlanBulkRequest, _simhub_sim_v1_AssignPlanBulkRequest__Output>
        AssignPlanBulkResponse: MessageTypeDefinition<_simhub_sim_v1_AssignPlanBulkResponse, _simhub_sim_v1_AssignPlanBulkResponse__Output>
        AssignPlanRequest: MessageTypeDefinition<_simhub_sim_v1_AssignPlanRequest, _simhub_sim_v1_AssignPlanRequest__Output>
        AssignSimToCompanyRequest: MessageTypeDefinition<_simhub_sim_v1_AssignSimToCompanyRequest, _simhub_sim_v1_AssignSimToCompanyRequest__Output>
        AssignSimToEndUserBySystemRequest: MessageTypeDefinition<_simhub_sim_v1_AssignSimToEndUserBySystemRequest, _simhub_sim_v1_AssignSimToEndUserBySystemRequest__Output>
        AssignSimToEndUserRequest: MessageTypeDefinition<_simhub_sim_v1_AssignSimToEndUserRequest, _simhub_sim_v1_AssignSimToEndUserRequest__Output>
        ChangeSimStatusByRuleRequest: MessageTypeDefinition<_simhub_sim_v1_ChangeSimStatusByRuleRequest, _simhub_sim_v1_ChangeSimStatusByRuleRequest__Output>
        ChangeSimStatusByRuleResponse: MessageTypeDefinition<_simhub_sim_v1_ChangeSimStatusByRuleResponse, _simhub_sim_v1_ChangeSimStatusByRuleResponse__Output>
        ChangeSimStatusRequest: MessageTypeDefinition<_simhub_sim_v1_ChangeSimStatusRequest, _simhub_sim_v1_ChangeSimStatusRequest__Output>
        CountSimsByPlanTypeRequest: MessageTypeDefinition<_simhub_sim_v1_CountSimsByPlanTypeRequest, _simhub_sim_v1_CountSimsByPlanTypeRequest__Output>
        CountSimsByPlanTypeResponse: MessageTypeDefinition<_simhub_sim_v1_CountSimsByPlanTypeResponse, _simhub_sim_v1_CountSimsByPlanTypeResponse__Output>
        CountSimsByStatusRequest: MessageTypeDefinition<_simhub_sim_v1_CountSimsByStatusRequest, _simhub_sim_v1_CountSimsByStatusRequest__Output>
        CountSimsByStatusResponse: MessageTypeDefinition<_simhub_sim_v1_CountSimsByStatusResponse, _simhub_sim_v1_CountSimsByStatusResponse__Output>
        GetImportRequest: MessageTypeDefinition<_simhub_sim_v1_GetImportRequest, _simhub_sim_v1_GetImportRequest__Output>
        GetSimRequest: MessageTypeDefinition<_simhub_sim_v1_GetSimRequest, _simhub_sim_v1_GetSimRequest__Output>
        ImportSimsChunk: MessageTypeDefinition<_simhub_sim_v1_ImportSimsChunk, _simhub_sim_v1_ImportSimsChunk__Output>
        ImportSimsRequest: MessageTypeDefinition<_simhub_sim_v1_ImportSimsRequest, _simhub_sim_v1_ImportSimsRequest__Output>
        ImportSimsResponse: MessageTypeDefinition<_simhub_sim_v1_ImportSimsResponse, _simhub_sim_v1_ImportSimsResponse__Output>
        ListImportRejectionsRequest: MessageTypeDefinition<_simhub_sim_v1_ListImportRejectionsRequest, _simhub_sim_v1_ListImportRejectionsRequest__Output>
        ListImportRejectionsResponse: MessageTypeDefinition<_simhub_sim_v1_ListImportRejectionsResponse, _simhub_sim_v1_ListImportRejectionsResponse__Output>
        ListImportsRequest: MessageTypeDefinition<_simhub_sim_v1_ListImportsRequest, _simhub_sim_v1_ListImportsRequest__Output>
        ListImportsResponse: MessageTypeDefinition<_simhub_sim_v1_ListImportsResponse, _simhub_sim_v1_ListImportsResponse__Output>
        ListSimHistoryRequest: MessageTypeDefinition<_simhub_sim_v1_ListSimHistoryRequest, _simhub_sim_v1_ListSimHistoryRequest__Output>
        ListSimHistoryResponse: MessageTypeDefinition<_simhub_sim_v1_ListSimHistoryResponse, _simhub_sim_v1_ListSimHistoryResponse__Output>
        ListSimsJsonResponse: MessageTypeDefinition<_simhub_sim_v1_ListSimsJsonResponse, _simhub_sim_v1_ListSimsJsonResponse__Output>
        ListSimsRequest: MessageTypeDefinition<_simhub_sim_v1_ListSimsRequest, _simhub_sim_v1_ListSimsRequest__Output>
        ListSimsResponse: MessageTypeDefinition<_simhub_sim_v1_ListSimsResponse, _simhub_sim_v1_ListSimsResponse__Output>
        LookupSimsRequest: MessageTypeDefinition<_simhub_sim_v1_LookupSimsRequest, _simhub_sim_v1_LookupSimsRequest__Output>
        LookupSimsResponse: MessageTypeDefinition<_simhub_sim_v1_LookupSimsResponse, _simhub_sim_v1_LookupSimsResponse__Output>
        RejectedPlanAssignment: MessageTypeDefinition<_simhub_sim_v1_RejectedPlanAssignment, _simhub_sim_v1_RejectedPlanAssignment__Output>
        RejectedSim: MessageTypeDefinition<_simhub_sim_v1_RejectedSim, _simhub_sim_v1_RejectedSim__Output>
        Sim: MessageTypeDefinition<_simhub_sim_v1_Sim, _simhub_sim_v1_Sim__Output>
        SimHistoryEntry: MessageTypeDefinition<_simhub_sim_v1_SimHistoryEntry, _simhub_sim_v1_SimHistoryEntry__Output>
        SimImport: MessageTypeDefinition<_simhub_sim_v1_SimImport, _simhub_sim_v1_SimImport__Output>
        SimInput: MessageTypeDefinition<_simhub_sim_v1_SimInput, _simhub_sim_v1_SimInput__Output>
        SimOwner: MessageTypeDefinition<_simhub_sim_v1_SimOwner, _simhub_sim_v1_SimOwner__Output>
        SimService: SubtypeConstructor<typeof grpc.Client, _simhub_sim_v1_SimServiceClient> & { service: _simhub_sim_v1_SimServiceDefinition }
        SimStatus: EnumTypeDefinition
        UnassignSimRequest: MessageTypeDefinition<_simhub_sim_v1_UnassignSimRequest, _simhub_sim_v1_UnassignSimRequest__Output>
        VerifyActivationRequest: MessageTypeDefinition<_simhub_sim_v1_VerifyActivationRequest, _simhub_sim_v1_VerifyActivationRequest__Output>
        VerifyActivationResponse: MessageTypeDefinition<_simhub_sim_v1_VerifyActivationResponse, _simhub_sim_v1_VerifyActivationResponse__Output>
      }
    }
  }
}

