import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { AssignSimToCompanyRequest as _simhub_sim_v1_AssignSimToCompanyRequest, AssignSimToCompanyRequest__Output as _simhub_sim_v1_AssignSimToCompanyRequest__Output } from './simhub/sim/v1/AssignSimToCompanyRequest.ts';
import type { GetSimRequest as _simhub_sim_v1_GetSimRequest, GetSimRequest__Output as _simhub_sim_v1_GetSimRequest__Output } from './simhub/sim/v1/GetSimRequest.ts';
import type { ImportSimsRequest as _simhub_sim_v1_ImportSimsRequest, ImportSimsRequest__Output as _simhub_sim_v1_ImportSimsRequest__Output } from './simhub/sim/v1/ImportSimsRequest.ts';
import type { ImportSimsResponse as _simhub_sim_v1_ImportSimsResponse, ImportSimsResponse__Output as _simhub_sim_v1_ImportSimsResponse__Output } from './simhub/sim/v1/ImportSimsResponse.ts';
import type { RejectedSim as _simhub_sim_v1_RejectedSim, RejectedSim__Output as _simhub_sim_v1_RejectedSim__Output } from './simhub/sim/v1/RejectedSim.ts';
import type { Sim as _simhub_sim_v1_Sim, Sim__Output as _simhub_sim_v1_Sim__Output } from './simhub/sim/v1/Sim.ts';
import type { SimInput as _simhub_sim_v1_SimInput, SimInput__Output as _simhub_sim_v1_SimInput__Output } from './simhub/sim/v1/SimInput.ts';
import type { SimServiceClient as _simhub_sim_v1_SimServiceClient, SimServiceDefinition as _simhub_sim_v1_SimServiceDefinition } from './simhub/sim/v1/SimService.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    sim: {
      v1: {
        AssignSimToCompanyRequest: MessageTypeDefinition<_simhub_sim_v1_AssignSimToCompanyRequest, _simhub_sim_v1_AssignSimToCompanyRequest__Output>
        GetSimRequest: MessageTypeDefinition<_simhub_sim_v1_GetSimRequest, _simhub_sim_v1_GetSimRequest__Output>
        ImportSimsRequest: MessageTypeDefinition<_simhub_sim_v1_ImportSimsRequest, _simhub_sim_v1_ImportSimsRequest__Output>
        ImportSimsResponse: MessageTypeDefinition<_simhub_sim_v1_ImportSimsResponse, _simhub_sim_v1_ImportSimsResponse__Output>
        RejectedSim: MessageTypeDefinition<_simhub_sim_v1_RejectedSim, _simhub_sim_v1_RejectedSim__Output>
        Sim: MessageTypeDefinition<_simhub_sim_v1_Sim, _simhub_sim_v1_Sim__Output>
        SimInput: MessageTypeDefinition<_simhub_sim_v1_SimInput, _simhub_sim_v1_SimInput__Output>
        SimService: SubtypeConstructor<typeof grpc.Client, _simhub_sim_v1_SimServiceClient> & { service: _simhub_sim_v1_SimServiceDefinition }
      }
    }
  }
}

