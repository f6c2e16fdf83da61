// Original file: /work/main/proto/simhub/identity/v1/identity_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { GetMeRequest as _simhub_identity_v1_GetMeRequest, GetMeRequest__Output as _simhub_identity_v1_GetMeRequest__Output } from '../../../simhub/identity/v1/GetMeRequest.ts';
import type { LoginRequest as _simhub_identity_v1_LoginRequest, LoginRequest__Output as _simhub_identity_v1_LoginRequest__Output } from '../../../simhub/identity/v1/LoginRequest.ts';
import type { LoginResponse as _simhub_identity_v1_LoginResponse, LoginResponse__Output as _simhub_identity_v1_LoginResponse__Output } from '../../../simhub/identity/v1/LoginResponse.ts';
import type { User as _simhub_identity_v1_User, User__Output as _simhub_identity_v1_User__Output } from '../../../simhub/identity/v1/User.ts';

export interface IdentityServiceClient extends grpc.Client {
  GetMe(argument: _simhub_identity_v1_GetMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _simhub_identity_v1_GetMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _simhub_identity_v1_GetMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _simhub_identity_v1_GetMeRequest, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  getMe(argument: _simhub_identity_v1_GetMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  getMe(argument: _simhub_identity_v1_GetMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  getMe(argument: _simhub_identity_v1_GetMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  getMe(argument: _simhub_identity_v1_GetMeRequest, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  
  Login(argument: _simhub_identity_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _simhub_identity_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _simhub_identity_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _simhub_identity_v1_LoginRequest, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _simhub_identity_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _simhub_identity_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _simhub_identity_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _simhub_identity_v1_LoginRequest, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
}

export interface IdentityServiceHandlers extends grpc.UntypedServiceImplementation {
  GetMe: grpc.handleUnaryCall<_simhub_identity_v1_GetMeRequest__Output, _simhub_identity_v1_User>;
  
  Login: grpc.handleUnaryCall<_simhub_identity_v1_LoginRequest__Output, _simhub_identity_v1_LoginResponse>;
  
}

export interface IdentityServiceDefinition extends grpc.ServiceDefinition {
  GetMe: MethodDefinition<_simhub_identity_v1_GetMeRequest, _simhub_identity_v1_User, _simhub_identity_v1_GetMeRequest__Output, _simhub_identity_v1_User__Output>
  Login: MethodDefinition<_simhub_identity_v1_LoginRequest, _simhub_identity_v1_LoginResponse, _simhub_identity_v1_LoginRequest__Output, _simhub_identity_v1_LoginResponse__Output>
}
