import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type { ApiKey as _simhub_identity_v1_ApiKey, ApiKey__Output as _simhub_identity_v1_ApiKey__Output } from './simhub/identity/v1/ApiKey.ts';
import type { ChangePasswordRequest as _simhub_identity_v1_ChangePasswordRequest, ChangePasswordRequest__Output as _simhub_identity_v1_ChangePasswordRequest__Output } from './simhub/identity/v1/ChangePasswordRequest.ts';
import type { ChangePasswordResponse as _simhub_identity_v1_ChangePasswordResponse, ChangePasswordResponse__Output as _simhub_identity_v1_ChangePasswordResponse__Output } from './simhub/identity/v1/ChangePasswordResponse.ts';
import type { ClientCredentialsToken as _simhub_identity_v1_ClientCredentialsToken, ClientCredentialsToken__Output as _simhub_identity_v1_ClientCredentialsToken__Output } from './simhub/identity/v1/ClientCredentialsToken.ts';
import type { CompleteMfaLoginRequest as _simhub_identity_v1_CompleteMfaLoginRequest, CompleteMfaLoginRequest__Output as _simhub_identity_v1_CompleteMfaLoginRequest__Output } from './simhub/identity/v1/CompleteMfaLoginRequest.ts';
import type { ConfirmTotpRequest as _simhub_identity_v1_ConfirmTotpRequest, ConfirmTotpRequest__Output as _simhub_identity_v1_ConfirmTotpRequest__Output } from './simhub/identity/v1/ConfirmTotpRequest.ts';
import type { ConfirmTotpResponse as _simhub_identity_v1_ConfirmTotpResponse, ConfirmTotpResponse__Output as _simhub_identity_v1_ConfirmTotpResponse__Output } from './simhub/identity/v1/ConfirmTotpResponse.ts';
import type { CountEndUsersRequest as _simhub_identity_v1_CountEndUsersRequest, CountEndUsersRequest__Output as _simhub_identity_v1_CountEndUsersRequest__Output } from './simhub/identity/v1/CountEndUsersRequest.ts';
import type { CountEndUsersResponse as _simhub_identity_v1_CountEndUsersResponse, CountEndUsersResponse__Output as _simhub_identity_v1_CountEndUsersResponse__Output } from './simhub/identity/v1/CountEndUsersResponse.ts';
import type { CreateApiKeyRequest as _simhub_identity_v1_CreateApiKeyRequest, CreateApiKeyRequest__Output as _simhub_identity_v1_CreateApiKeyRequest__Output } from './simhub/identity/v1/CreateApiKeyRequest.ts';
import type { CreateCompanyStaffRequest as _simhub_identity_v1_CreateCompanyStaffRequest, CreateCompanyStaffRequest__Output as _simhub_identity_v1_CreateCompanyStaffRequest__Output } from './simhub/identity/v1/CreateCompanyStaffRequest.ts';
import type { CreateEndUserRequest as _simhub_identity_v1_CreateEndUserRequest, CreateEndUserRequest__Output as _simhub_identity_v1_CreateEndUserRequest__Output } from './simhub/identity/v1/CreateEndUserRequest.ts';
import type { CreateOrgStaffRequest as _simhub_identity_v1_CreateOrgStaffRequest, CreateOrgStaffRequest__Output as _simhub_identity_v1_CreateOrgStaffRequest__Output } from './simhub/identity/v1/CreateOrgStaffRequest.ts';
import type { CreatedApiKey as _simhub_identity_v1_CreatedApiKey, CreatedApiKey__Output as _simhub_identity_v1_CreatedApiKey__Output } from './simhub/identity/v1/CreatedApiKey.ts';
import type { DisableTotpRequest as _simhub_identity_v1_DisableTotpRequest, DisableTotpRequest__Output as _simhub_identity_v1_DisableTotpRequest__Output } from './simhub/identity/v1/DisableTotpRequest.ts';
import type { DisableTotpResponse as _simhub_identity_v1_DisableTotpResponse, DisableTotpResponse__Output as _simhub_identity_v1_DisableTotpResponse__Output } from './simhub/identity/v1/DisableTotpResponse.ts';
import type { EndUser as _simhub_identity_v1_EndUser, EndUser__Output as _simhub_identity_v1_EndUser__Output } from './simhub/identity/v1/EndUser.ts';
import type { GetEndUserRequest as _simhub_identity_v1_GetEndUserRequest, GetEndUserRequest__Output as _simhub_identity_v1_GetEndUserRequest__Output } from './simhub/identity/v1/GetEndUserRequest.ts';
import type { GetMeRequest as _simhub_identity_v1_GetMeRequest, GetMeRequest__Output as _simhub_identity_v1_GetMeRequest__Output } from './simhub/identity/v1/GetMeRequest.ts';
import type { IdentityServiceClient as _simhub_identity_v1_IdentityServiceClient, IdentityServiceDefinition as _simhub_identity_v1_IdentityServiceDefinition } from './simhub/identity/v1/IdentityService.ts';
import type { IssueClientCredentialsTokenRequest as _simhub_identity_v1_IssueClientCredentialsTokenRequest, IssueClientCredentialsTokenRequest__Output as _simhub_identity_v1_IssueClientCredentialsTokenRequest__Output } from './simhub/identity/v1/IssueClientCredentialsTokenRequest.ts';
import type { ListApiKeysRequest as _simhub_identity_v1_ListApiKeysRequest, ListApiKeysRequest__Output as _simhub_identity_v1_ListApiKeysRequest__Output } from './simhub/identity/v1/ListApiKeysRequest.ts';
import type { ListApiKeysResponse as _simhub_identity_v1_ListApiKeysResponse, ListApiKeysResponse__Output as _simhub_identity_v1_ListApiKeysResponse__Output } from './simhub/identity/v1/ListApiKeysResponse.ts';
import type { ListEndUsersRequest as _simhub_identity_v1_ListEndUsersRequest, ListEndUsersRequest__Output as _simhub_identity_v1_ListEndUsersRequest__Output } from './simhub/identity/v1/ListEndUsersRequest.ts';
import type { ListEndUsersResponse as _simhub_identity_v1_ListEndUsersResponse, ListEndUsersResponse__Output as _simhub_identity_v1_ListEndUsersResponse__Output } from './simhub/identity/v1/ListEndUsersResponse.ts';
import type { LoginRequest as _simhub_identity_v1_LoginRequest, LoginRequest__Output as _simhub_identity_v1_LoginRequest__Output } from './simhub/identity/v1/LoginRequest.ts';
import type { LoginResponse as _simhub_identity_v1_LoginResponse, LoginResponse__Output as _simhub_identity_v1_LoginResponse__Output } from './simhub/identity/v1/LoginResponse.ts';
import type { LogoutRequest as _simhub_identity_v1_LogoutRequest, LogoutRequest__Output as _simhub_identity_v1_LogoutRequest__Output } from './simhub/identity/v1/LogoutRequest.ts';
import type { LogoutResponse as _simhub_identity_v1_LogoutResponse, LogoutResponse__Output as _simhub_identity_v1_LogoutResponse__Output } from './simhub/identity/v1/LogoutResponse.ts';
import type { RefreshRequest as _simhub_identity_v1_RefreshRequest, RefreshRequest__Output as _simhub_identity_v1_RefreshRequest__Output } from './simhub/identity/v1/RefreshRequest.ts';
import type { RegisterWithSimRequest as _simhub_identity_v1_RegisterWithSimRequest, RegisterWithSimRequest__Output as _simhub_identity_v1_RegisterWithSimRequest__Output } from './simhub/identity/v1/RegisterWithSimRequest.ts';
import type { RegisterWithSimResponse as _simhub_identity_v1_RegisterWithSimResponse, RegisterWithSimResponse__Output as _simhub_identity_v1_RegisterWithSimResponse__Output } from './simhub/identity/v1/RegisterWithSimResponse.ts';
import type { RemoveEndUserRequest as _simhub_identity_v1_RemoveEndUserRequest, RemoveEndUserRequest__Output as _simhub_identity_v1_RemoveEndUserRequest__Output } from './simhub/identity/v1/RemoveEndUserRequest.ts';
import type { RemoveEndUserResponse as _simhub_identity_v1_RemoveEndUserResponse, RemoveEndUserResponse__Output as _simhub_identity_v1_RemoveEndUserResponse__Output } from './simhub/identity/v1/RemoveEndUserResponse.ts';
import type { RevokeApiKeyRequest as _simhub_identity_v1_RevokeApiKeyRequest, RevokeApiKeyRequest__Output as _simhub_identity_v1_RevokeApiKeyRequest__Output } from './simhub/identity/v1/RevokeApiKeyRequest.ts';
import type { RevokeApiKeyResponse as _simhub_identity_v1_RevokeApiKeyResponse, RevokeApiKeyResponse__Output as _simhub_identity_v1_RevokeApiKeyResponse__Output } from './simhub/identity/v1/RevokeApiKeyResponse.ts';
import type { RotateSigningKeyRequest as _simhub_identity_v1_RotateSigningKeyRequest, RotateSigningKeyRequest__Output as _simhub_identity_v1_RotateSigningKeyRequest__Output } from './simhub/identity/v1/RotateSigningKeyRequest.ts';
import type { RotateSigningKeyResponse as _simhub_identity_v1_RotateSigningKeyResponse, RotateSigningKeyResponse__Output as _simhub_identity_v1_RotateSigningKeyResponse__Output } from './simhub/identity/v1/RotateSigningKeyResponse.ts';
import type { StartTotpEnrolmentRequest as _simhub_identity_v1_StartTotpEnrolmentRequest, StartTotpEnrolmentRequest__Output as _simhub_identity_v1_StartTotpEnrolmentRequest__Output } from './simhub/identity/v1/StartTotpEnrolmentRequest.ts';
import type { TotpEnrolment as _simhub_identity_v1_TotpEnrolment, TotpEnrolment__Output as _simhub_identity_v1_TotpEnrolment__Output } from './simhub/identity/v1/TotpEnrolment.ts';
import type { UpdateEndUserRequest as _simhub_identity_v1_UpdateEndUserRequest, UpdateEndUserRequest__Output as _simhub_identity_v1_UpdateEndUserRequest__Output } from './simhub/identity/v1/UpdateEndUserRequest.ts';
import type { User as _simhub_identity_v1_User, User__Output as _simhub_identity_v1_User__Output } from './simhub/identity/v1/User.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
  new(...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
  simhub: {
    identity: {
      v1: {
        ApiKey: MessageTypeDefinition<_simhub_identity_v1_ApiKey, _simhub_identity_v1_ApiKey__Output>
        ChangePasswordRequest: MessageTypeDefinition<_simhub_identity_v1_ChangePasswordRequest, _simhub_identity_v1_ChangePasswordRequest__Output>
        ChangePasswordResponse: MessageTypeDefinition<_simhub_identity_v1_ChangePasswordResponse, _simhub_identity_v1_ChangePasswordResponse__Output>
        ClientCredentialsToken: MessageTypeDefinition<_simhub_identity_v1_ClientCredentialsToken, _simhub_identity_v1_ClientCredentialsToken__Output>
        CompleteMfaLoginRequest: MessageTypeDefinition<_simhub_identity_v1_CompleteMfaLoginRequest, _simhub_identity_v1_CompleteMfaLoginRequest__Output>
        ConfirmTotpRequest: MessageTypeDefinition<_simhub_identity_v1_ConfirmTotpRequest, _simhub_identity_v1_ConfirmTotpRequest__Output>
        ConfirmTotpResponse: MessageTypeDefinition<_simhub_identity_v1_ConfirmTotpResponse, _simhub_identity_v1_ConfirmTotpResponse__Output>
        CountEndUsersRequest: MessageTypeDefinition<_simhub_identity_v1_CountEndUsersRequest, _simhub_identity_v1_CountEndUsersRequest__Output>
        CountEndUsersResponse: MessageTypeDefinition<_simhub_identity_v1_CountEndUsersResponse, _simhub_identity_v1_CountEndUsersResponse__Output>
        CreateApiKeyRequest: MessageTypeDefinition<_simhub_identity_v1_CreateApiKeyRequest, _simhub_identity_v1_CreateApiKeyRequest__Output>
        CreateCompanyStaffRequest: MessageTypeDefinition<_simhub_identity_v1_CreateCompanyStaffRequest, _simhub_identity_v1_CreateCompanyStaffRequest__Output>
        CreateEndUserRequest: MessageTypeDefinition<_simhub_identity_v1_CreateEndUserRequest, _simhub_identity_v1_CreateEndUserRequest__Output>
        CreateOrgStaffRequest: MessageTypeDefinition<_simhub_identity_v1_CreateOrgStaffRequest, _simhub_identity_v1_CreateOrgStaffRequest__Output>
        CreatedApiKey: MessageTypeDefinition<_simhub_identity_v1_CreatedApiKey, _simhub_identity_v1_CreatedApiKey__Output>
        DisableTotpRequest: MessageTypeDefinition<_simhub_identity_v1_DisableTotpRequest, _simhub_identity_v1_DisableTotpRequest__Output>
        DisableTotpResponse: MessageTypeDefinition<_simhub_identity_v1_DisableTotpResponse, _simhub_identity_v1_DisableTotpResponse__Output>
        EndUser: MessageTypeDefinition<_simhub_identity_v1_EndUser, _simhub_identity_v1_EndUser__Output>
        GetEndUserRequest: MessageTypeDefinition<_simhub_identity_v1_GetEndUserRequest, _simhub_identity_v1_GetEndUserRequest__Output>
        GetMeRequest: MessageTypeDefinition<_simhub_identity_v1_GetMeRequest, _simhub_identity_v1_GetMeRequest__Output>
        IdentityService: SubtypeConstructor<typeof grpc.Client, _simhub_identity_v1_IdentityServiceClient> & { service: _simhub_identity_v1_IdentityServiceDefinition }
        IssueClientCredentialsTokenRequest: MessageTypeDefinition<_simhub_identity_v1_IssueClientCredentialsTokenRequest, _simhub_identity_v1_IssueClientCredentialsTokenRequest__Output>
        ListApiKeysRequest: MessageTypeDefinition<_simhub_identity_v1_ListApiKeysRequest, _simhub_identity_v1_ListApiKeysRequest__Output>
        ListApiKeysResponse: MessageTypeDefinition<_simhub_identity_v1_ListApiKeysResponse, _simhub_identity_v1_ListApiKeysResponse__Output>
        ListEndUsersRequest: MessageTypeDefinition<_simhub_identity_v1_ListEndUsersRequest, _simhub_identity_v1_ListEndUsersRequest__Output>
        ListEndUsersResponse: MessageTypeDefinition<_simhub_identity_v1_ListEndUsersResponse, _simhub_identity_v1_ListEndUsersResponse__Output>
        LoginRequest: MessageTypeDefinition<_simhub_identity_v1_LoginRequest, _simhub_identity_v1_LoginRequest__Output>
        LoginResponse: MessageTypeDefinition<_simhub_identity_v1_LoginResponse, _simhub_identity_v1_LoginResponse__Output>
        LogoutRequest: MessageTypeDefinition<_simhub_identity_v1_LogoutRequest, _simhub_identity_v1_LogoutRequest__Output>
        LogoutResponse: MessageTypeDefinition<_simhub_identity_v1_LogoutResponse, _simhub_identity_v1_LogoutResponse__Output>
        RefreshRequest: MessageTypeDefinition<_simhub_identity_v1_RefreshRequest, _simhub_identity_v1_RefreshRequest__Output>
        RegisterWithSimRequest: MessageTypeDefinition<_simhub_identity_v1_RegisterWithSimRequest, _simhub_identity_v1_RegisterWithSimRequest__Output>
        RegisterWithSimResponse: MessageTypeDefinition<_simhub_identity_v1_RegisterWithSimResponse, _simhub_identity_v1_RegisterWithSimResponse__Output>
        RemoveEndUserRequest: MessageTypeDefinition<_simhub_identity_v1_RemoveEndUserRequest, _simhub_identity_v1_RemoveEndUserRequest__Output>
        RemoveEndUserResponse: MessageTypeDefinition<_simhub_identity_v1_RemoveEndUserResponse, _simhub_identity_v1_RemoveEndUserResponse__Output>
        RevokeApiKeyRequest: MessageTypeDefinition<_simhub_identity_v1_RevokeApiKeyRequest, _simhub_identity_v1_RevokeApiKeyRequest__Output>
        RevokeApiKeyResponse: MessageTypeDefinition<_simhub_identity_v1_RevokeApiKeyResponse, _simhub_identity_v1_RevokeApiKeyResponse__Output>
        Role: EnumTypeDefinition
        RotateSigningKeyRequest: MessageTypeDefinition<_simhub_identity_v1_RotateSigningKeyRequest, _simhub_identity_v1_RotateSigningKeyRequest__Output>
        RotateSigningKeyResponse: MessageTypeDefinition<_simhub_identity_v1_RotateSigningKeyResponse, _simhub_identity_v1_RotateSigningKeyResponse__Output>
        StartTotpEnrolmentRequest: MessageTypeDefinition<_simhub_identity_v1_StartTotpEnrolmentRequest, _simhub_identity_v1_StartTotpEnrolmentRequest__Output>
        TotpEnrolment: MessageTypeDefinition<_simhub_identity_v1_TotpEnrolment, _simhub_identity_v1_TotpEnrolment__Output>
        UpdateEndUserRequest: MessageTypeDefinition<_simhub_identity_v1_UpdateEndUserRequest, _simhub_identity_v1_UpdateEndUserRequest__Output>
        User: MessageTypeDefinition<_simhub_identity_v1_User, _simhub_identity_v1_User__Output>
      }
    }
  }
}

