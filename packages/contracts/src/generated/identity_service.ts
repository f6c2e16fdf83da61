import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { GetMeRequest as _simhub_identity_v1_GetMeRequest, GetMeRequest__Output as _simhub_identity_v1_GetMeRequest__Output } from './simhub/identity/v1/GetMeRequest.ts';
import type { IdentityServiceClient as _simhub_identity_v1_IdentityServiceClient, IdentityServiceDefinition as _simhub_identity_v1_IdentityServiceDefinition } from './simhub/identity/v1/IdentityService.ts';
import type { LoginRequest as _simhub_identity_v1_LoginRequest, LoginRequest__Output as _simhub_identity_v1_LoginRequest__Output } from './simhub/identity/v1/LoginRequest.ts';
import type { LoginResponse as _simhub_identity_v1_LoginResponse, LoginResponse__Output as _simhub_identity_v1_LoginResponse__Output } from './simhub/identity/v1/LoginResponse.ts';
import type { User as _simhub_identity_v1_User, User__Output as _simhub_identity_v1_User__Output } from './simhub/identity/v1/User.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    identity: {
      v1: {
        GetMeRequest: MessageTypeDefinition<_simhub_identity_v1_GetMeRequest, _simhub_identity_v1_GetMeRequest__Output>
        IdentityService: SubtypeConstructor<typeof grpc.Client, _simhub_identity_v1_IdentityServiceClient> & { service: _simhub_identity_v1_IdentityServiceDefinition }
        LoginRequest: MessageTypeDefinition<_simhub_identity_v1_LoginRequest, _simhub_identity_v1_LoginRequest__Output>
        LoginResponse: MessageTypeDefinition<_simhub_identity_v1_LoginResponse, _simhub_identity_v1_LoginResponse__Output>
        User: MessageTypeDefinition<_simhub_identity_v1_User, _simhub_identity_v1_User__Output>
      }
    }
  }
}

