// Original file: /work/main/proto/simhub/sim/v1/sim_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { AssignSimToCompanyRequest as _simhub_sim_v1_AssignSimToCompanyRequest, AssignSimToCompanyRequest__Output as _simhub_sim_v1_AssignSimToCompanyRequest__Output } from '../../../simhub/sim/v1/AssignSimToCompanyRequest.ts';
import type { GetSimRequest as _simhub_sim_v1_GetSimRequest, GetSimRequest__Output as _simhub_sim_v1_GetSimRequest__Output } from '../../../simhub/sim/v1/GetSimRequest.ts';
import type { ImportSimsRequest as _simhub_sim_v1_ImportSimsRequest, ImportSimsRequest__Output as _simhub_sim_v1_ImportSimsRequest__Output } from '../../../simhub/sim/v1/ImportSimsRequest.ts';
import type { ImportSimsResponse as _simhub_sim_v1_ImportSimsResponse, ImportSimsResponse__Output as _simhub_sim_v1_ImportSimsResponse__Output } from '../../../simhub/sim/v1/ImportSimsResponse.ts';
import type { Sim as _simhub_sim_v1_Sim, Sim__Output as _simhub_sim_v1_Sim__Output } from '../../../simhub/sim/v1/Sim.ts';

export interface SimServiceClient extends grpc.Client {
  AssignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  AssignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  assignSimToCompany(argument: _simhub_sim_v1_AssignSimToCompanyRequest, callback: grpc.requestCallback<_simhub_sim_v1_Sim__Output>): grpc.ClientUnaryCall;
  
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
  
}

export interface SimServiceHandlers extends grpc.UntypedServiceImplementation {
  AssignSimToCompany: grpc.handleUnaryCall<_simhub_sim_v1_AssignSimToCompanyRequest__Output, _simhub_sim_v1_Sim>;
  
  GetSim: grpc.handleUnaryCall<_simhub_sim_v1_GetSimRequest__Output, _simhub_sim_v1_Sim>;
  
  ImportSims: grpc.handleUnaryCall<_simhub_sim_v1_ImportSimsRequest__Output, _simhub_sim_v1_ImportSimsResponse>;
  
}

export interface SimServiceDefinition extends grpc.ServiceDefinition {
  AssignSimToCompany: MethodDefinition<_simhub_sim_v1_AssignSimToCompanyRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_AssignSimToCompanyRequest__Output, _simhub_sim_v1_Sim__Output>
  GetSim: MethodDefinition<_simhub_sim_v1_GetSimRequest, _simhub_sim_v1_Sim, _simhub_sim_v1_GetSimRequest__Output, _simhub_sim_v1_Sim__Output>
  ImportSims: MethodDefinition<_simhub_sim_v1_ImportSimsRequest, _simhub_sim_v1_ImportSimsResponse, _simhub_sim_v1_ImportSimsRequest__Output, _simhub_sim_v1_ImportSimsResponse__Output>
}
