// Original file: proto/simhub/identity/v1/identity_service.proto

import type * as grpc from '@grpc/grpc-js'
import type { MethodDefinition } from '@grpc/proto-loader'
import type { ChangePasswordRequest as _simhub_identity_v1_ChangePasswordRequest, ChangePasswordRequest__Output as _simhub_identity_v1_ChangePasswordRequest__Output } from '../../../simhub/identity/v1/ChangePasswordRequest.ts';
import type { ChangePasswordResponse as _simhub_identity_v1_ChangePasswordResponse, ChangePasswordResponse__Output as _simhub_identity_v1_ChangePasswordResponse__Output } from '../../../simhub/identity/v1/ChangePasswordResponse.ts';
import type { ClientCredentialsToken as _simhub_identity_v1_ClientCredentialsToken, ClientCredentialsToken__Output as _simhub_identity_v1_ClientCredentialsToken__Output } from '../../../simhub/identity/v1/ClientCredentialsToken.ts';
import type { CompleteMfaLoginRequest as _simhub_identity_v1_CompleteMfaLoginRequest, CompleteMfaLoginRequest__Output as _simhub_identity_v1_CompleteMfaLoginRequest__Output } from '../../../simhub/identity/v1/CompleteMfaLoginRequest.ts';
import type { ConfirmTotpRequest as _simhub_identity_v1_ConfirmTotpRequest, ConfirmTotpRequest__Output as _simhub_identity_v1_ConfirmTotpRequest__Output } from '../../../simhub/identity/v1/ConfirmTotpRequest.ts';
import type { ConfirmTotpResponse as _simhub_identity_v1_ConfirmTotpResponse, ConfirmTotpResponse__Output as _simhub_identity_v1_ConfirmTotpResponse__Output } from '../../../simhub/identity/v1/ConfirmTotpResponse.ts';
import type { CountEndUsersRequest as _simhub_identity_v1_CountEndUsersRequest, CountEndUsersRequest__Output as _simhub_identity_v1_CountEndUsersRequest__Output } from '../../../simhub/identity/v1/CountEndUsersRequest.ts';
import type { CountEndUsersResponse as _simhub_identity_v1_CountEndUsersResponse, CountEndUsersResponse__Output as _simhub_identity_v1_CountEndUsersResponse__Output } from '../../../simhub/identity/v1/CountEndUsersResponse.ts';
import type { CreateApiKeyRequest as _simhub_identity_v1_CreateApiKeyRequest, CreateApiKeyRequest__Output as _simhub_identity_v1_CreateApiKeyRequest__Output } from '../../../simhub/identity/v1/CreateApiKeyRequest.ts';
import type { CreateCompanyStaffRequest as _simhub_identity_v1_CreateCompanyStaffRequest, CreateCompanyStaffRequest__Output as _simhub_identity_v1_CreateCompanyStaffRequest__Output } from '../../../simhub/identity/v1/CreateCompanyStaffRequest.ts';
import type { CreateEndUserRequest as _simhub_identity_v1_CreateEndUserRequest, CreateEndUserRequest__Output as _simhub_identity_v1_CreateEndUserRequest__Output } from '../../../simhub/identity/v1/CreateEndUserRequest.ts';
import type { CreateOrgStaffRequest as _simhub_identity_v1_CreateOrgStaffRequest, CreateOrgStaffRequest__Output as _simhub_identity_v1_CreateOrgStaffRequest__Output } from '../../../simhub/identity/v1/CreateOrgStaffRequest.ts';
import type { CreatedApiKey as _simhub_identity_v1_CreatedApiKey, CreatedApiKey__Output as _simhub_identity_v1_CreatedApiKey__Output } from '../../../simhub/identity/v1/CreatedApiKey.ts';
import type { DisableTotpRequest as _simhub_identity_v1_DisableTotpRequest, DisableTotpRequest__Output as _simhub_identity_v1_DisableTotpRequest__Output } from '../../../simhub/identity/v1/DisableTotpRequest.ts';
import type { DisableTotpResponse as _simhub_identity_v1_DisableTotpResponse, DisableTotpResponse__Output as _simhub_identity_v1_DisableTotpResponse__Output } from '../../../simhub/identity/v1/DisableTotpResponse.ts';
import type { EndUser as _simhub_identity_v1_EndUser, EndUser__Output as _simhub_identity_v1_EndUser__Output } from '../../../simhub/identity/v1/EndUser.ts';
import type { GetEndUserRequest as _simhub_identity_v1_GetEndUserRequest, GetEndUserRequest__Output as _simhub_identity_v1_GetEndUserRequest__Output } from '../../../simhub/identity/v1/GetEndUserRequest.ts';
import type { GetMeRequest as _simhub_identity_v1_GetMeRequest, GetMeRequest__Output as _simhub_identity_v1_GetMeRequest__Output } from '../../../simhub/identity/v1/GetMeRequest.ts';
import type { IssueClientCredentialsTokenRequest as _simhub_identity_v1_IssueClientCredentialsTokenRequest, IssueClientCredentialsTokenRequest__Output as _simhub_identity_v1_IssueClientCredentialsTokenRequest__Output } from '../../../simhub/identity/v1/IssueClientCredentialsTokenRequest.ts';
import type { ListApiKeysRequest as _simhub_identity_v1_ListApiKeysRequest, ListApiKeysRequest__Output as _simhub_identity_v1_ListApiKeysRequest__Output } from '../../../simhub/identity/v1/ListApiKeysRequest.ts';
import type { ListApiKeysResponse as _simhub_identity_v1_ListApiKeysResponse, ListApiKeysResponse__Output as _simhub_identity_v1_ListApiKeysResponse__Output } from '../../../simhub/identity/v1/ListApiKeysResponse.ts';
import type { ListEndUsersRequest as _simhub_identity_v1_ListEndUsersRequest, ListEndUsersRequest__Output as _simhub_identity_v1_ListEndUsersRequest__Output } from '../../../simhub/identity/v1/ListEndUsersRequest.ts';
import type { ListEndUsersResponse as _simhub_identity_v1_ListEndUsersResponse, ListEndUsersResponse__Output as _simhub_identity_v1_ListEndUsersResponse__Output } from '../../../simhub/identity/v1/ListEndUsersResponse.ts';
import type { LoginRequest as _simhub_identity_v1_LoginRequest, LoginRequest__Output as _simhub_identity_v1_LoginRequest__Output } from '../../../simhub/identity/v1/LoginRequest.ts';
import type { LoginResponse as _simhub_identity_v1_LoginResponse, LoginResponse__Output as _simhub_identity_v1_LoginResponse__Output } from '../../../simhub/identity/v1/LoginResponse.ts';
import type { LogoutRequest as _simhub_identity_v1_LogoutRequest, LogoutRequest__Output as _simhub_identity_v1_LogoutRequest__Output } from '../../../simhub/identity/v1/LogoutRequest.ts';
import type { LogoutResponse as _simhub_identity_v1_LogoutResponse, LogoutResponse__Output as _simhub_identity_v1_LogoutResponse__Output } from '../../../simhub/identity/v1/LogoutResponse.ts';
import type { RefreshRequest as _simhub_identity_v1_RefreshRequest, RefreshRequest__Output as _simhub_identity_v1_RefreshRequest__Output } from '../../../simhub/identity/v1/RefreshRequest.ts';
import type { RegisterWithSimRequest as _simhub_identity_v1_RegisterWithSimRequest, RegisterWithSimRequest__Output as _simhub_identity_v1_RegisterWithSimRequest__Output } from '../../../simhub/identity/v1/RegisterWithSimRequest.ts';
import type { RegisterWithSimResponse as _simhub_identity_v1_RegisterWithSimResponse, RegisterWithSimResponse__Output as _simhub_identity_v1_RegisterWithSimResponse__Output } from '../../../simhub/identity/v1/RegisterWithSimResponse.ts';
import type { RemoveEndUserRequest as _simhub_identity_v1_RemoveEndUserRequest, RemoveEndUserRequest__Output as _simhub_identity_v1_RemoveEndUserRequest__Output } from '../../../simhub/identity/v1/RemoveEndUserRequest.ts';
import type { RemoveEndUserResponse as _simhub_identity_v1_RemoveEndUserResponse, RemoveEndUserResponse__Output as _simhub_identity_v1_RemoveEndUserResponse__Output } from '../../../simhub/identity/v1/RemoveEndUserResponse.ts';
import type { RevokeApiKeyRequest as _simhub_identity_v1_RevokeApiKeyRequest, RevokeApiKeyRequest__Output as _simhub_identity_v1_RevokeApiKeyRequest__Output } from '../../../simhub/identity/v1/RevokeApiKeyRequest.ts';
import type { RevokeApiKeyResponse as _simhub_identity_v1_RevokeApiKeyResponse, RevokeApiKeyResponse__Output as _simhub_identity_v1_RevokeApiKeyResponse__Output } from '../../../simhub/identity/v1/RevokeApiKeyResponse.ts';
import type { RotateSigningKeyRequest as _simhub_identity_v1_RotateSigningKeyRequest, RotateSigningKeyRequest__Output as _simhub_identity_v1_RotateSigningKeyRequest__Output } from '../../../simhub/identity/v1/RotateSigningKeyRequest.ts';
import type { RotateSigningKeyResponse as _simhub_identity_v1_RotateSigningKeyResponse, RotateSigningKeyResponse__Output as _simhub_identity_v1_RotateSigningKeyResponse__Output } from '../../../simhub/identity/v1/RotateSigningKeyResponse.ts';
import type { StartTotpEnrolmentRequest as _simhub_identity_v1_StartTotpEnrolmentRequest, StartTotpEnrolmentRequest__Output as _simhub_identity_v1_StartTotpEnrolmentRequest__Output } from '../../../simhub/identity/v1/StartTotpEnrolmentRequest.ts';
import type { TotpEnrolment as _simhub_identity_v1_TotpEnrolment, TotpEnrolment__Output as _simhub_identity_v1_TotpEnrolment__Output } from '../../../simhub/identity/v1/TotpEnrolment.ts';
import type { UpdateEndUserRequest as _simhub_identity_v1_UpdateEndUserRequest, UpdateEndUserRequest__Output as _simhub_identity_v1_UpdateEndUserRequest__Output } from '../../../simhub/identity/v1/UpdateEndUserRequest.ts';
import type { User as _simhub_identity_v1_User, User__Output as _simhub_identity_v1_User__Output } from '../../../simhub/identity/v1/User.ts';

export interface IdentityServiceClient extends grpc.Client {
  ChangePassword(argument: _simhub_identity_v1_ChangePasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  ChangePassword(argument: _simhub_identity_v1_ChangePasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  ChangePassword(argument: _simhub_identity_v1_ChangePasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  ChangePassword(argument: _simhub_identity_v1_ChangePasswordRequest, callback: grpc.requestCallback<_simhub_identity_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  changePassword(argument: _simhub_identity_v1_ChangePasswordRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  changePassword(argument: _simhub_identity_v1_ChangePasswordRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  changePassword(argument: _simhub_identity_v1_ChangePasswordRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  changePassword(argument: _simhub_identity_v1_ChangePasswordRequest, callback: grpc.requestCallback<_simhub_identity_v1_ChangePasswordResponse__Output>): grpc.ClientUnaryCall;
  
  CompleteMfaLogin(argument: _simhub_identity_v1_CompleteMfaLoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  CompleteMfaLogin(argument: _simhub_identity_v1_CompleteMfaLoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  CompleteMfaLogin(argument: _simhub_identity_v1_CompleteMfaLoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  CompleteMfaLogin(argument: _simhub_identity_v1_CompleteMfaLoginRequest, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  completeMfaLogin(argument: _simhub_identity_v1_CompleteMfaLoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  completeMfaLogin(argument: _simhub_identity_v1_CompleteMfaLoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  completeMfaLogin(argument: _simhub_identity_v1_CompleteMfaLoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  completeMfaLogin(argument: _simhub_identity_v1_CompleteMfaLoginRequest, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
  ConfirmTotp(argument: _simhub_identity_v1_ConfirmTotpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ConfirmTotpResponse__Output>): grpc.ClientUnaryCall;
  ConfirmTotp(argument: _simhub_identity_v1_ConfirmTotpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ConfirmTotpResponse__Output>): grpc.ClientUnaryCall;
  ConfirmTotp(argument: _simhub_identity_v1_ConfirmTotpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ConfirmTotpResponse__Output>): grpc.ClientUnaryCall;
  ConfirmTotp(argument: _simhub_identity_v1_ConfirmTotpRequest, callback: grpc.requestCallback<_simhub_identity_v1_ConfirmTotpResponse__Output>): grpc.ClientUnaryCall;
  confirmTotp(argument: _simhub_identity_v1_ConfirmTotpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ConfirmTotpResponse__Output>): grpc.ClientUnaryCall;
  confirmTotp(argument: _simhub_identity_v1_ConfirmTotpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ConfirmTotpResponse__Output>): grpc.ClientUnaryCall;
  confirmTotp(argument: _simhub_identity_v1_ConfirmTotpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ConfirmTotpResponse__Output>): grpc.ClientUnaryCall;
  confirmTotp(argument: _simhub_identity_v1_ConfirmTotpRequest, callback: grpc.requestCallback<_simhub_identity_v1_ConfirmTotpResponse__Output>): grpc.ClientUnaryCall;
  
  CountEndUsers(argument: _simhub_identity_v1_CountEndUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_CountEndUsersResponse__Output>): grpc.ClientUnaryCall;
  CountEndUsers(argument: _simhub_identity_v1_CountEndUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_CountEndUsersResponse__Output>): grpc.ClientUnaryCall;
  CountEndUsers(argument: _simhub_identity_v1_CountEndUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_CountEndUsersResponse__Output>): grpc.ClientUnaryCall;
  CountEndUsers(argument: _simhub_identity_v1_CountEndUsersRequest, callback: grpc.requestCallback<_simhub_identity_v1_CountEndUsersResponse__Output>): grpc.ClientUnaryCall;
  countEndUsers(argument: _simhub_identity_v1_CountEndUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_CountEndUsersResponse__Output>): grpc.ClientUnaryCall;
  countEndUsers(argument: _simhub_identity_v1_CountEndUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_CountEndUsersResponse__Output>): grpc.ClientUnaryCall;
  countEndUsers(argument: _simhub_identity_v1_CountEndUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_CountEndUsersResponse__Output>): grpc.ClientUnaryCall;
  countEndUsers(argument: _simhub_identity_v1_CountEndUsersRequest, callback: grpc.requestCallback<_simhub_identity_v1_CountEndUsersResponse__Output>): grpc.ClientUnaryCall;
  
  CreateApiKey(argument: _simhub_identity_v1_CreateApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_CreatedApiKey__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _simhub_identity_v1_CreateApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_CreatedApiKey__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _simhub_identity_v1_CreateApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_CreatedApiKey__Output>): grpc.ClientUnaryCall;
  CreateApiKey(argument: _simhub_identity_v1_CreateApiKeyRequest, callback: grpc.requestCallback<_simhub_identity_v1_CreatedApiKey__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _simhub_identity_v1_CreateApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_CreatedApiKey__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _simhub_identity_v1_CreateApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_CreatedApiKey__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _simhub_identity_v1_CreateApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_CreatedApiKey__Output>): grpc.ClientUnaryCall;
  createApiKey(argument: _simhub_identity_v1_CreateApiKeyRequest, callback: grpc.requestCallback<_simhub_identity_v1_CreatedApiKey__Output>): grpc.ClientUnaryCall;
  
  CreateCompanyStaff(argument: _simhub_identity_v1_CreateCompanyStaffRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  CreateCompanyStaff(argument: _simhub_identity_v1_CreateCompanyStaffRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  CreateCompanyStaff(argument: _simhub_identity_v1_CreateCompanyStaffRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  CreateCompanyStaff(argument: _simhub_identity_v1_CreateCompanyStaffRequest, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  createCompanyStaff(argument: _simhub_identity_v1_CreateCompanyStaffRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  createCompanyStaff(argument: _simhub_identity_v1_CreateCompanyStaffRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  createCompanyStaff(argument: _simhub_identity_v1_CreateCompanyStaffRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  createCompanyStaff(argument: _simhub_identity_v1_CreateCompanyStaffRequest, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  
  CreateEndUser(argument: _simhub_identity_v1_CreateEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  CreateEndUser(argument: _simhub_identity_v1_CreateEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  CreateEndUser(argument: _simhub_identity_v1_CreateEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  CreateEndUser(argument: _simhub_identity_v1_CreateEndUserRequest, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  createEndUser(argument: _simhub_identity_v1_CreateEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  createEndUser(argument: _simhub_identity_v1_CreateEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  createEndUser(argument: _simhub_identity_v1_CreateEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  createEndUser(argument: _simhub_identity_v1_CreateEndUserRequest, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  
  CreateOrgStaff(argument: _simhub_identity_v1_CreateOrgStaffRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  CreateOrgStaff(argument: _simhub_identity_v1_CreateOrgStaffRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  CreateOrgStaff(argument: _simhub_identity_v1_CreateOrgStaffRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  CreateOrgStaff(argument: _simhub_identity_v1_CreateOrgStaffRequest, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  createOrgStaff(argument: _simhub_identity_v1_CreateOrgStaffRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  createOrgStaff(argument: _simhub_identity_v1_CreateOrgStaffRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  createOrgStaff(argument: _simhub_identity_v1_CreateOrgStaffRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  createOrgStaff(argument: _simhub_identity_v1_CreateOrgStaffRequest, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  
  DisableTotp(argument: _simhub_identity_v1_DisableTotpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_DisableTotpResponse__Output>): grpc.ClientUnaryCall;
  DisableTotp(argument: _simhub_identity_v1_DisableTotpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_DisableTotpResponse__Output>): grpc.ClientUnaryCall;
  DisableTotp(argument: _simhub_identity_v1_DisableTotpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_DisableTotpResponse__Output>): grpc.ClientUnaryCall;
  DisableTotp(argument: _simhub_identity_v1_DisableTotpRequest, callback: grpc.requestCallback<_simhub_identity_v1_DisableTotpResponse__Output>): grpc.ClientUnaryCall;
  disableTotp(argument: _simhub_identity_v1_DisableTotpRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_DisableTotpResponse__Output>): grpc.ClientUnaryCall;
  disableTotp(argument: _simhub_identity_v1_DisableTotpRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_DisableTotpResponse__Output>): grpc.ClientUnaryCall;
  disableTotp(argument: _simhub_identity_v1_DisableTotpRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_DisableTotpResponse__Output>): grpc.ClientUnaryCall;
  disableTotp(argument: _simhub_identity_v1_DisableTotpRequest, callback: grpc.requestCallback<_simhub_identity_v1_DisableTotpResponse__Output>): grpc.ClientUnaryCall;
  
  GetEndUser(argument: _simhub_identity_v1_GetEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  GetEndUser(argument: _simhub_identity_v1_GetEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  GetEndUser(argument: _simhub_identity_v1_GetEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  GetEndUser(argument: _simhub_identity_v1_GetEndUserRequest, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  getEndUser(argument: _simhub_identity_v1_GetEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  getEndUser(argument: _simhub_identity_v1_GetEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  getEndUser(argument: _simhub_identity_v1_GetEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  getEndUser(argument: _simhub_identity_v1_GetEndUserRequest, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  
  GetMe(argument: _simhub_identity_v1_GetMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _simhub_identity_v1_GetMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _simhub_identity_v1_GetMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  GetMe(argument: _simhub_identity_v1_GetMeRequest, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  getMe(argument: _simhub_identity_v1_GetMeRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  getMe(argument: _simhub_identity_v1_GetMeRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  getMe(argument: _simhub_identity_v1_GetMeRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  getMe(argument: _simhub_identity_v1_GetMeRequest, callback: grpc.requestCallback<_simhub_identity_v1_User__Output>): grpc.ClientUnaryCall;
  
  IssueClientCredentialsToken(argument: _simhub_identity_v1_IssueClientCredentialsTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ClientCredentialsToken__Output>): grpc.ClientUnaryCall;
  IssueClientCredentialsToken(argument: _simhub_identity_v1_IssueClientCredentialsTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ClientCredentialsToken__Output>): grpc.ClientUnaryCall;
  IssueClientCredentialsToken(argument: _simhub_identity_v1_IssueClientCredentialsTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ClientCredentialsToken__Output>): grpc.ClientUnaryCall;
  IssueClientCredentialsToken(argument: _simhub_identity_v1_IssueClientCredentialsTokenRequest, callback: grpc.requestCallback<_simhub_identity_v1_ClientCredentialsToken__Output>): grpc.ClientUnaryCall;
  issueClientCredentialsToken(argument: _simhub_identity_v1_IssueClientCredentialsTokenRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ClientCredentialsToken__Output>): grpc.ClientUnaryCall;
  issueClientCredentialsToken(argument: _simhub_identity_v1_IssueClientCredentialsTokenRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ClientCredentialsToken__Output>): grpc.ClientUnaryCall;
  issueClientCredentialsToken(argument: _simhub_identity_v1_IssueClientCredentialsTokenRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ClientCredentialsToken__Output>): grpc.ClientUnaryCall;
  issueClientCredentialsToken(argument: _simhub_identity_v1_IssueClientCredentialsTokenRequest, callback: grpc.requestCallback<_simhub_identity_v1_ClientCredentialsToken__Output>): grpc.ClientUnaryCall;
  
  ListApiKeys(argument: _simhub_identity_v1_ListApiKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _simhub_identity_v1_ListApiKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _simhub_identity_v1_ListApiKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  ListApiKeys(argument: _simhub_identity_v1_ListApiKeysRequest, callback: grpc.requestCallback<_simhub_identity_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _simhub_identity_v1_ListApiKeysRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _simhub_identity_v1_ListApiKeysRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _simhub_identity_v1_ListApiKeysRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  listApiKeys(argument: _simhub_identity_v1_ListApiKeysRequest, callback: grpc.requestCallback<_simhub_identity_v1_ListApiKeysResponse__Output>): grpc.ClientUnaryCall;
  
  ListEndUsers(argument: _simhub_identity_v1_ListEndUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ListEndUsersResponse__Output>): grpc.ClientUnaryCall;
  ListEndUsers(argument: _simhub_identity_v1_ListEndUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ListEndUsersResponse__Output>): grpc.ClientUnaryCall;
  ListEndUsers(argument: _simhub_identity_v1_ListEndUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ListEndUsersResponse__Output>): grpc.ClientUnaryCall;
  ListEndUsers(argument: _simhub_identity_v1_ListEndUsersRequest, callback: grpc.requestCallback<_simhub_identity_v1_ListEndUsersResponse__Output>): grpc.ClientUnaryCall;
  listEndUsers(argument: _simhub_identity_v1_ListEndUsersRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ListEndUsersResponse__Output>): grpc.ClientUnaryCall;
  listEndUsers(argument: _simhub_identity_v1_ListEndUsersRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_ListEndUsersResponse__Output>): grpc.ClientUnaryCall;
  listEndUsers(argument: _simhub_identity_v1_ListEndUsersRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_ListEndUsersResponse__Output>): grpc.ClientUnaryCall;
  listEndUsers(argument: _simhub_identity_v1_ListEndUsersRequest, callback: grpc.requestCallback<_simhub_identity_v1_ListEndUsersResponse__Output>): grpc.ClientUnaryCall;
  
  Login(argument: _simhub_identity_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _simhub_identity_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _simhub_identity_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Login(argument: _simhub_identity_v1_LoginRequest, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _simhub_identity_v1_LoginRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _simhub_identity_v1_LoginRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _simhub_identity_v1_LoginRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  login(argument: _simhub_identity_v1_LoginRequest, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
  Logout(argument: _simhub_identity_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _simhub_identity_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _simhub_identity_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  Logout(argument: _simhub_identity_v1_LogoutRequest, callback: grpc.requestCallback<_simhub_identity_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _simhub_identity_v1_LogoutRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _simhub_identity_v1_LogoutRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _simhub_identity_v1_LogoutRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  logout(argument: _simhub_identity_v1_LogoutRequest, callback: grpc.requestCallback<_simhub_identity_v1_LogoutResponse__Output>): grpc.ClientUnaryCall;
  
  Refresh(argument: _simhub_identity_v1_RefreshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _simhub_identity_v1_RefreshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _simhub_identity_v1_RefreshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  Refresh(argument: _simhub_identity_v1_RefreshRequest, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  refresh(argument: _simhub_identity_v1_RefreshRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  refresh(argument: _simhub_identity_v1_RefreshRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  refresh(argument: _simhub_identity_v1_RefreshRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  refresh(argument: _simhub_identity_v1_RefreshRequest, callback: grpc.requestCallback<_simhub_identity_v1_LoginResponse__Output>): grpc.ClientUnaryCall;
  
  RegisterWithSim(argument: _simhub_identity_v1_RegisterWithSimRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RegisterWithSimResponse__Output>): grpc.ClientUnaryCall;
  RegisterWithSim(argument: _simhub_identity_v1_RegisterWithSimRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_RegisterWithSimResponse__Output>): grpc.ClientUnaryCall;
  RegisterWithSim(argument: _simhub_identity_v1_RegisterWithSimRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RegisterWithSimResponse__Output>): grpc.ClientUnaryCall;
  RegisterWithSim(argument: _simhub_identity_v1_RegisterWithSimRequest, callback: grpc.requestCallback<_simhub_identity_v1_RegisterWithSimResponse__Output>): grpc.ClientUnaryCall;
  registerWithSim(argument: _simhub_identity_v1_RegisterWithSimRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RegisterWithSimResponse__Output>): grpc.ClientUnaryCall;
  registerWithSim(argument: _simhub_identity_v1_RegisterWithSimRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_RegisterWithSimResponse__Output>): grpc.ClientUnaryCall;
  registerWithSim(argument: _simhub_identity_v1_RegisterWithSimRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RegisterWithSimResponse__Output>): grpc.ClientUnaryCall;
  registerWithSim(argument: _simhub_identity_v1_RegisterWithSimRequest, callback: grpc.requestCallback<_simhub_identity_v1_RegisterWithSimResponse__Output>): grpc.ClientUnaryCall;
  
  RemoveEndUser(argument: _simhub_identity_v1_RemoveEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RemoveEndUserResponse__Output>): grpc.ClientUnaryCall;
  RemoveEndUser(argument: _simhub_identity_v1_RemoveEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_RemoveEndUserResponse__Output>): grpc.ClientUnaryCall;
  RemoveEndUser(argument: _simhub_identity_v1_RemoveEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RemoveEndUserResponse__Output>): grpc.ClientUnaryCall;
  RemoveEndUser(argument: _simhub_identity_v1_RemoveEndUserRequest, callback: grpc.requestCallback<_simhub_identity_v1_RemoveEndUserResponse__Output>): grpc.ClientUnaryCall;
  removeEndUser(argument: _simhub_identity_v1_RemoveEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RemoveEndUserResponse__Output>): grpc.ClientUnaryCall;
  removeEndUser(argument: _simhub_identity_v1_RemoveEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_RemoveEndUserResponse__Output>): grpc.ClientUnaryCall;
  removeEndUser(argument: _simhub_identity_v1_RemoveEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RemoveEndUserResponse__Output>): grpc.ClientUnaryCall;
  removeEndUser(argument: _simhub_identity_v1_RemoveEndUserRequest, callback: grpc.requestCallback<_simhub_identity_v1_RemoveEndUserResponse__Output>): grpc.ClientUnaryCall;
  
  RevokeApiKey(argument: _simhub_identity_v1_RevokeApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeApiKey(argument: _simhub_identity_v1_RevokeApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeApiKey(argument: _simhub_identity_v1_RevokeApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  RevokeApiKey(argument: _simhub_identity_v1_RevokeApiKeyRequest, callback: grpc.requestCallback<_simhub_identity_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeApiKey(argument: _simhub_identity_v1_RevokeApiKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeApiKey(argument: _simhub_identity_v1_RevokeApiKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeApiKey(argument: _simhub_identity_v1_RevokeApiKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  revokeApiKey(argument: _simhub_identity_v1_RevokeApiKeyRequest, callback: grpc.requestCallback<_simhub_identity_v1_RevokeApiKeyResponse__Output>): grpc.ClientUnaryCall;
  
  RotateSigningKey(argument: _simhub_identity_v1_RotateSigningKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RotateSigningKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateSigningKey(argument: _simhub_identity_v1_RotateSigningKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_RotateSigningKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateSigningKey(argument: _simhub_identity_v1_RotateSigningKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RotateSigningKeyResponse__Output>): grpc.ClientUnaryCall;
  RotateSigningKey(argument: _simhub_identity_v1_RotateSigningKeyRequest, callback: grpc.requestCallback<_simhub_identity_v1_RotateSigningKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateSigningKey(argument: _simhub_identity_v1_RotateSigningKeyRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RotateSigningKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateSigningKey(argument: _simhub_identity_v1_RotateSigningKeyRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_RotateSigningKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateSigningKey(argument: _simhub_identity_v1_RotateSigningKeyRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_RotateSigningKeyResponse__Output>): grpc.ClientUnaryCall;
  rotateSigningKey(argument: _simhub_identity_v1_RotateSigningKeyRequest, callback: grpc.requestCallback<_simhub_identity_v1_RotateSigningKeyResponse__Output>): grpc.ClientUnaryCall;
  
  StartTotpEnrolment(argument: _simhub_identity_v1_StartTotpEnrolmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_TotpEnrolment__Output>): grpc.ClientUnaryCall;
  StartTotpEnrolment(argument: _simhub_identity_v1_StartTotpEnrolmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_TotpEnrolment__Output>): grpc.ClientUnaryCall;
  StartTotpEnrolment(argument: _simhub_identity_v1_StartTotpEnrolmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_TotpEnrolment__Output>): grpc.ClientUnaryCall;
  StartTotpEnrolment(argument: _simhub_identity_v1_StartTotpEnrolmentRequest, callback: grpc.requestCallback<_simhub_identity_v1_TotpEnrolment__Output>): grpc.ClientUnaryCall;
  startTotpEnrolment(argument: _simhub_identity_v1_StartTotpEnrolmentRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_TotpEnrolment__Output>): grpc.ClientUnaryCall;
  startTotpEnrolment(argument: _simhub_identity_v1_StartTotpEnrolmentRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_TotpEnrolment__Output>): grpc.ClientUnaryCall;
  startTotpEnrolment(argument: _simhub_identity_v1_StartTotpEnrolmentRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_TotpEnrolment__Output>): grpc.ClientUnaryCall;
  startTotpEnrolment(argument: _simhub_identity_v1_StartTotpEnrolmentRequest, callback: grpc.requestCallback<_simhub_identity_v1_TotpEnrolment__Output>): grpc.ClientUnaryCall;
  
  UpdateEndUser(argument: _simhub_identity_v1_UpdateEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  UpdateEndUser(argument: _simhub_identity_v1_UpdateEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  UpdateEndUser(argument: _simhub_identity_v1_UpdateEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  UpdateEndUser(argument: _simhub_identity_v1_UpdateEndUserRequest, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  updateEndUser(argument: _simhub_identity_v1_UpdateEndUserRequest, metadata: grpc.Metadata, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  updateEndUser(argument: _simhub_identity_v1_UpdateEndUserRequest, metadata: grpc.Metadata, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  updateEndUser(argument: _simhub_identity_v1_UpdateEndUserRequest, options: grpc.CallOptions, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  updateEndUser(argument: _simhub_identity_v1_UpdateEndUserRequest, callback: grpc.requestCallback<_simhub_identity_v1_EndUser__Output>): grpc.ClientUnaryCall;
  
}

export interface IdentityServiceHandlers extends grpc.UntypedServiceImplementation {
  ChangePassword: grpc.handleUnaryCall<_simhub_identity_v1_ChangePasswordRequest__Output, _simhub_identity_v1_ChangePasswordResponse>;
  
  CompleteMfaLogin: grpc.handleUnaryCall<_simhub_identity_v1_CompleteMfaLoginRequest__Output, _simhub_identity_v1_LoginResponse>;
  
  ConfirmTotp: grpc.handleUnaryCall<_simhub_identity_v1_ConfirmTotpRequest__Output, _simhub_identity_v1_ConfirmTotpResponse>;
  
  CountEndUsers: grpc.handleUnaryCall<_simhub_identity_v1_CountEndUsersRequest__Output, _simhub_identity_v1_CountEndUsersResponse>;
  
  CreateApiKey: grpc.handleUnaryCall<_simhub_identity_v1_CreateApiKeyRequest__Output, _simhub_identity_v1_CreatedApiKey>;
  
  CreateCompanyStaff: grpc.handleUnaryCall<_simhub_identity_v1_CreateCompanyStaffRequest__Output, _simhub_identity_v1_User>;
  
  CreateEndUser: grpc.handleUnaryCall<_simhub_identity_v1_CreateEndUserRequest__Output, _simhub_identity_v1_EndUser>;
  
  CreateOrgStaff: grpc.handleUnaryCall<_simhub_identity_v1_CreateOrgStaffRequest__Output, _simhub_identity_v1_User>;
  
  DisableTotp: grpc.handleUnaryCall<_simhub_identity_v1_DisableTotpRequest__Output, _simhub_identity_v1_DisableTotpResponse>;
  
  GetEndUser: grpc.handleUnaryCall<_simhub_identity_v1_GetEndUserRequest__Output, _simhub_identity_v1_EndUser>;
  
  GetMe: grpc.handleUnaryCall<_simhub_identity_v1_GetMeRequest__Output, _simhub_identity_v1_User>;
  
  IssueClientCredentialsToken: grpc.handleUnaryCall<_simhub_identity_v1_IssueClientCredentialsTokenRequest__Output, _simhub_identity_v1_ClientCredentialsToken>;
  
  ListApiKeys: grpc.handleUnaryCall<_simhub_identity_v1_ListApiKeysRequest__Output, _simhub_identity_v1_ListApiKeysResponse>;
  
  ListEndUsers: grpc.handleUnaryCall<_simhub_identity_v1_ListEndUsersRequest__Output, _simhub_identity_v1_ListEndUsersResponse>;
  
  Login: grpc.handleUnaryCall<_simhub_identity_v1_LoginRequest__Output, _simhub_identity_v1_LoginResponse>;
  
  Logout: grpc.handleUnaryCall<_simhub_identity_v1_LogoutRequest__Output, _simhub_identity_v1_LogoutResponse>;
  
  Refresh: grpc.handleUnaryCall<_simhub_identity_v1_RefreshRequest__Output, _simhub_identity_v1_LoginResponse>;
  
  RegisterWithSim: grpc.handleUnaryCall<_simhub_identity_v1_RegisterWithSimRequest__Output, _simhub_identity_v1_RegisterWithSimResponse>;
  
  RemoveEndUser: grpc.handleUnaryCall<_simhub_identity_v1_RemoveEndUserRequest__Output, _simhub_identity_v1_RemoveEndUserResponse>;
  
  RevokeApiKey: grpc.handleUnaryCall<_simhub_identity_v1_RevokeApiKeyRequest__Output, _simhub_identity_v1_RevokeApiKeyResponse>;
  
  RotateSigningKey: grpc.handleUnaryCall<_simhub_identity_v1_RotateSigningKeyRequest__Output, _simhub_identity_v1_RotateSigningKeyResponse>;
  
  StartTotpEnrolment: grpc.handleUnaryCall<_simhub_identity_v1_StartTotpEnrolmentRequest__Output, _simhub_identity_v1_TotpEnrolment>;
  
  UpdateEndUser: grpc.handleUnaryCall<_simhub_identity_v1_UpdateEndUserRequest__Output, _simhub_identity_v1_EndUser>;
  
}

export interface IdentityServiceDefinition extends grpc.ServiceDefinition {
  ChangePassword: MethodDefinition<_simhub_identity_v1_ChangePasswordRequest, _simhub_identity_v1_ChangePasswordResponse, _simhub_identity_v1_ChangePasswordRequest__Output, _simhub_identity_v1_ChangePasswordResponse__Output>
  CompleteMfaLogin: MethodDefinition<_simhub_identity_v1_CompleteMfaLoginRequest, _simhub_identity_v1_LoginResponse, _simhub_identity_v1_CompleteMfaLoginRequest__Output, _simhub_identity_v1_LoginResponse__Output>
  ConfirmTotp: MethodDefinition<_simhub_identity_v1_ConfirmTotpRequest, _simhub_identity_v1_ConfirmTotpResponse, _simhub_identity_v1_ConfirmTotpRequest__Output, _simhub_identity_v1_ConfirmTotpResponse__Output>
  CountEndUsers: MethodDefinition<_simhub_identity_v1_CountEndUsersRequest, _simhub_identity_v1_CountEndUsersResponse, _simhub_identity_v1_CountEndUsersRequest__Output, _simhub_identity_v1_CountEndUsersResponse__Output>
  CreateApiKey: MethodDefinition<_simhub_identity_v1_CreateApiKeyRequest, _simhub_identity_v1_CreatedApiKey, _simhub_identity_v1_CreateApiKeyRequest__Output, _simhub_identity_v1_CreatedApiKey__Output>
  CreateCompanyStaff: MethodDefinition<_simhub_identity_v1_CreateCompanyStaffRequest, _simhub_identity_v1_User, _simhub_identity_v1_CreateCompanyStaffRequest__Output, _simhub_identity_v1_User__Output>
  CreateEndUser: MethodDefinition<_simhub_identity_v1_CreateEndUserRequest, _simhub_identity_v1_EndUser, _simhub_identity_v1_CreateEndUserRequest__Output, _simhub_identity_v1_EndUser__Output>
  CreateOrgStaff: MethodDefinition<_simhub_identity_v1_CreateOrgStaffRequest, _simhub_identity_v1_User, _simhub_identity_v1_CreateOrgStaffRequest__Output, _simhub_identity_v1_User__Output>
  DisableTotp: MethodDefinition<_simhub_identity_v1_DisableTotpRequest, _simhub_identity_v1_DisableTotpResponse, _simhub_identity_v1_DisableTotpRequest__Output, _simhub_identity_v1_DisableTotpResponse__Output>
  GetEndUser: MethodDefinition<_simhub_identity_v1_GetEndUserRequest, _simhub_identity_v1_EndUser, _simhub_identity_v1_GetEndUserRequest__Output, _simhub_identity_v1_EndUser__Output>
  GetMe: MethodDefinition<_simhub_identity_v1_GetMeRequest, _simhub_identity_v1_User, _simhub_identity_v1_GetMeRequest__Output, _simhub_identity_v1_User__Output>
  IssueClientCredentialsToken: MethodDefinition<_simhub_identity_v1_IssueClientCredentialsTokenRequest, _simhub_identity_v1_ClientCredentialsToken, _simhub_identity_v1_IssueClientCredentialsTokenRequest__Output, _simhub_identity_v1_ClientCredentialsToken__Output>
  ListApiKeys: MethodDefinition<_simhub_identity_v1_ListApiKeysRequest, _simhub_identity_v1_ListApiKeysResponse, _simhub_identity_v1_ListApiKeysRequest__Output, _simhub_identity_v1_ListApiKeysResponse__Output>
  ListEndUsers: MethodDefinition<_simhub_identity_v1_ListEndUsersRequest, _simhub_identity_v1_ListEndUsersResponse, _simhub_identity_v1_ListEndUsersRequest__Output, _simhub_identity_v1_ListEndUsersResponse__Output>
  Login: MethodDefinition<_simhub_identity_v1_LoginRequest, _simhub_identity_v1_LoginResponse, _simhub_identity_v1_LoginRequest__Output, _simhub_identity_v1_LoginResponse__Output>
  Logout: MethodDefinition<_simhub_identity_v1_LogoutRequest, _simhub_identity_v1_LogoutResponse, _simhub_identity_v1_LogoutRequest__Output, _simhub_identity_v1_LogoutResponse__Output>
  Refresh: MethodDefinition<_simhub_identity_v1_RefreshRequest, _simhub_identity_v1_LoginResponse, _simhub_identity_v1_RefreshRequest__Output, _simhub_identity_v1_LoginResponse__Output>
  RegisterWithSim: MethodDefinition<_simhub_identity_v1_RegisterWithSimRequest, _simhub_identity_v1_RegisterWithSimResponse, _simhub_identity_v1_RegisterWithSimRequest__Output, _simhub_identity_v1_RegisterWithSimResponse__Output>
  RemoveEndUser: MethodDefinition<_simhub_identity_v1_RemoveEndUserRequest, _simhub_identity_v1_RemoveEndUserResponse, _simhub_identity_v1_RemoveEndUserRequest__Output, _simhub_identity_v1_RemoveEndUserResponse__Output>
  RevokeApiKey: MethodDefinition<_simhub_identity_v1_RevokeApiKeyRequest, _simhub_identity_v1_RevokeApiKeyResponse, _simhub_identity_v1_RevokeApiKeyRequest__Output, _simhub_identity_v1_RevokeApiKeyResponse__Output>
  RotateSigningKey: MethodDefinition<_simhub_identity_v1_RotateSigningKeyRequest, _simhub_identity_v1_RotateSigningKeyResponse, _simhub_identity_v1_RotateSigningKeyRequest__Output, _simhub_identity_v1_RotateSigningKeyResponse__Output>
  StartTotpEnrolment: MethodDefinition<_simhub_identity_v1_StartTotpEnrolmentRequest, _simhub_identity_v1_TotpEnrolment, _simhub_identity_v1_StartTotpEnrolmentRequest__Output, _simhub_identity_v1_TotpEnrolment__Output>
  UpdateEndUser: MethodDefinition<_simhub_identity_v1_UpdateEndUserRequest, _simhub_identity_v1_EndUser, _simhub_identity_v1_UpdateEndUserRequest__Output, _simhub_identity_v1_EndUser__Output>
}
