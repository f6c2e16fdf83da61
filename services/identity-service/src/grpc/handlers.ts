// gRPC edge: request → use case → response message. Errors are AppErrors,
// mapped to statuses once by the platform's server kit.
import type { IdentityServiceMethods } from "@simhub/contracts";
import {
  type CallContext,
  callerClientAddress,
  forbidden,
  type ServiceImplementation,
} from "@simhub/platform";
import * as apiKeys from "../app/api-keys.ts";
import * as auth from "../app/auth.ts";
import type { IdentityDeps } from "../app/deps.ts";
import * as me from "../app/me.ts";
import { registerWithSim } from "../app/registration.ts";
import * as users from "../app/users.ts";
import type { ApiKeyRecord } from "../db/api-keys.ts";
import type { UserRecord } from "../db/users.ts";
import { decideRotateSigningKey } from "../domain/access.ts";

type User = IdentityServiceMethods["GetMe"]["response"];
type EndUser = IdentityServiceMethods["GetEndUser"]["response"];
type ApiKeyMessage = NonNullable<IdentityServiceMethods["ListApiKeys"]["response"]["items"]>[number];

function toUserMessage(user: UserRecord): User {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    orgId: user.orgId ?? "",
    companyId: user.companyId ?? "",
    mfaEnabled: user.mfaEnabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

function toEndUserMessage(user: UserRecord): EndUser {
  return {
    id: user.id,
    companyId: user.companyId ?? "",
    orgId: user.orgId ?? "",
    username: user.username,
    email: user.email,
    mfaEnabled: user.mfaEnabled,
    createdAt: user.createdAt.toISOString(),
    updatedAt: user.updatedAt.toISOString(),
  };
}

function toApiKeyMessage(key: ApiKeyRecord): ApiKeyMessage {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    orgId: key.orgId,
    companyId: key.companyId ?? "",
    clientId: key.clientId,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? "",
  };
}

const noTokens = { accessToken: "", refreshToken: "", expiresIn: 0, mfaRequired: false, mfaToken: "" };

/** Methods callable without a bearer token. */
export const publicMethods: (keyof IdentityServiceMethods)[] = [
  "Login",
  "CompleteMfaLogin",
  "Refresh",
  "Logout",
  "RegisterWithSim",
  "IssueClientCredentialsToken",
];

export function identityHandlers(deps: IdentityDeps): ServiceImplementation<IdentityServiceMethods> {
  // Only the gateway may say which client it acts for (platform trusted-caller.ts).
  const clientAddress = (call: CallContext, claimed: string) =>
    callerClientAddress(call, claimed, deps.settings.gatewayServiceKey);
  return {
    async Login(request, call) {
      const result = await auth.login(deps, {
        username: request.username,
        password: request.password,
        clientAddress: clientAddress(call, request.sourceAddress),
      });
      if (result.mfaRequired) return { ...noTokens, mfaRequired: true, mfaToken: result.mfaToken };
      return { ...noTokens, ...result, mfaRequired: false };
    },
    async CompleteMfaLogin(request, call) {
      const tokens = await auth.completeMfaLogin(deps, {
        mfaToken: request.mfaToken,
        code: request.code,
        clientAddress: clientAddress(call, request.sourceAddress),
      });
      return { ...noTokens, ...tokens };
    },
    async Refresh(request) {
      return { ...noTokens, ...(await auth.refresh(deps, request)) };
    },
    async Logout(request) {
      await auth.logout(deps, request);
      return {};
    },
    async RegisterWithSim(request, call) {
      const { user, iccid } = await registerWithSim(deps, {
        iccid: request.iccid,
        activationCode: request.activationCode,
        username: request.username,
        email: request.email,
        password: request.password,
        clientAddress: clientAddress(call, request.sourceAddress),
      });
      return { user: toEndUserMessage(user), iccid };
    },
    async IssueClientCredentialsToken(request, call) {
      return apiKeys.issueClientCredentialsToken(deps, {
        clientId: request.clientId,
        clientSecret: request.clientSecret,
        clientAddress: clientAddress(call, request.sourceAddress),
      });
    },
    async CreateApiKey(request, call) {
      const { key, clientSecret } = await apiKeys.createApiKey(deps, call.principal, request);
      return { key: toApiKeyMessage(key), clientSecret };
    },
    async ListApiKeys(request, call) {
      const page = await apiKeys.listApiKeys(deps, call.principal, request);
      return { items: page.items.map(toApiKeyMessage), nextCursor: page.nextCursor };
    },
    async RevokeApiKey(request, call) {
      await apiKeys.revokeApiKey(deps, call.principal, request.id);
      return {};
    },
    async GetMe(_request, call) {
      return toUserMessage(await me.getMe(deps, call.principal));
    },
    async StartTotpEnrolment(_request, call) {
      return me.startTotpEnrolment(deps, call.principal);
    },
    async ConfirmTotp(request, call) {
      await me.confirmTotp(deps, call.principal, request.code);
      return {};
    },
    async DisableTotp(request, call) {
      await me.disableTotp(deps, call.principal, request.code);
      return {};
    },
    async ChangePassword(request, call) {
      await me.changePassword(deps, call.principal, request);
      return {};
    },
    async CreateOrgStaff(request, call) {
      return toUserMessage(await users.createOrgStaff(deps, call.principal, request));
    },
    async CreateCompanyStaff(request, call) {
      return toUserMessage(await users.createCompanyStaff(deps, call.principal, request));
    },
    async CreateEndUser(request, call) {
      return toEndUserMessage(await users.createEndUser(deps, call.principal, request));
    },
    async ListEndUsers(request, call) {
      const page = await users.listEndUsers(deps, call.principal, request);
      return { items: page.items.map(toEndUserMessage), nextCursor: page.nextCursor };
    },
    async GetEndUser(request, call) {
      return toEndUserMessage(await users.getEndUser(deps, call.principal, request.id));
    },
    async UpdateEndUser(request, call) {
      return toEndUserMessage(await users.updateEndUser(deps, call.principal, request));
    },
    async RemoveEndUser(request, call) {
      await users.removeEndUser(deps, call.principal, request.id);
      return {};
    },
    async CountEndUsers(request, call) {
      return { count: await users.countEndUsers(deps, call.principal, request.companyId) };
    },
    async RotateSigningKey(_request, call) {
      if (decideRotateSigningKey(call.principal) !== "allow") {
        throw forbidden("only the platform admin rotates signing keys");
      }
      const rotated = await deps.keys.rotate();
      return { ...rotated, activatesAt: rotated.activatesAt.toISOString() };
    },
  };
}
