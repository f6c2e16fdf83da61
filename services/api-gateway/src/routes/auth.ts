// Authentication routes (API.md, "Authentication"): logging in (one or two
// steps), refreshing and ending sessions, the caller's own account (profile,
// TOTP, password), the JWKS, and signing-key rotation. identity-service
// decides everything; the gateway validates shapes, passes the client's
// address for brute-force protection, and keeps tokens out of caches.
import type { IdentityServiceMethods } from "@simhub/contracts";
import { AppError, userRoles } from "@simhub/platform";
import { z } from "zod";
import { gatewayConfigSchema } from "../config.ts";
import { defineRoute, nullIfEmpty, type RouteSpec } from "../http/route.ts";

type LoginMessage = IdentityServiceMethods["Login"]["responseOut"];
type UserMessage = IdentityServiceMethods["GetMe"]["responseOut"];

const noStore = { "cache-control": "no-store", pragma: "no-cache" };

const TokenResponse = z
  .object({
    accessToken: z
      .string()
      .meta({ description: "JWT (EdDSA), short-lived; send as `Authorization: Bearer`" }),
    refreshToken: z.string().meta({ description: "Opaque; single use: every refresh returns a new one" }),
    expiresIn: z.number().int().meta({ description: "Lifetime of the access token in seconds" }),
    tokenType: z.literal("Bearer"),
  })
  .meta({ id: "Tokens" });

const MfaRequiredResponse = z
  .object({
    mfaRequired: z.literal(true),
    mfaToken: z.string().meta({ description: "Send with a TOTP or recovery code to POST /v1/auth/mfa" }),
  })
  .meta({ id: "MfaRequired" });

export const UserResponse = z
  .object({
    id: z.uuid(),
    username: z.string(),
    email: z.string(),
    role: z.enum(userRoles),
    orgId: z.uuid().nullable(),
    companyId: z.uuid().nullable(),
    mfaEnabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "User" });

const LoginBody = z
  .strictObject({ username: z.string().min(1).max(256), password: z.string().min(1).max(1024) })
  .meta({ id: "LoginRequest" });
const MfaBody = z
  .strictObject({
    mfaToken: z.string().min(1).max(512),
    code: z
      .string()
      .min(1)
      .max(64)
      .meta({ description: "6-digit TOTP code, or one of the recovery codes (each works once)" }),
  })
  .meta({ id: "MfaLoginRequest" });
const RefreshBody = z
  .strictObject({ refreshToken: z.string().min(1).max(512) })
  .meta({ id: "RefreshRequest" });
const CodeBody = z.strictObject({ code: z.string().min(1).max(64) });
export const newPassword = z
  .string()
  .min(12)
  .max(256)
  .meta({ description: "12–256 characters, not equal to the username" });
const PasswordBody = z
  .strictObject({ currentPassword: z.string().min(1).max(1024), newPassword })
  .meta({ id: "ChangePasswordRequest" });

const TotpEnrolmentResponse = z
  .object({
    secret: z.string().meta({ description: "Base32 secret, shown once" }),
    otpauthUri: z.string().meta({ description: "otpauth:// URI for authenticator apps (QR code)" }),
    recoveryCodes: z
      .array(z.string())
      .meta({ description: "Single-use codes for a lost device, shown once; valid once TOTP is confirmed" }),
  })
  .meta({ id: "TotpEnrolment" });

const JwksResponse = z
  .object({ keys: z.array(z.object({ kty: z.string(), kid: z.string() }).loose()) })
  .meta({ id: "Jwks" });

function tokensJson(message: LoginMessage) {
  return {
    accessToken: message.accessToken,
    refreshToken: message.refreshToken,
    expiresIn: message.expiresIn,
    tokenType: "Bearer" as const,
  };
}

export function toUserJson(user: UserMessage) {
  return {
    id: user.id,
    username: user.username,
    email: user.email,
    role: user.role,
    orgId: nullIfEmpty(user.orgId),
    companyId: nullIfEmpty(user.companyId),
    mfaEnabled: user.mfaEnabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

// identity-service's JWKS, fetched and kept briefly: enough for clients that
// verify tokens themselves, short enough that a rotated key shows up at once.
const JWKS_CACHE_MS = 10_000;
let jwksCache: { body: unknown; fetchedAt: number } | undefined;

async function identityJwks(): Promise<unknown> {
  if (jwksCache && Date.now() - jwksCache.fetchedAt < JWKS_CACHE_MS) return jwksCache.body;
  const url = gatewayConfigSchema.shape.JWKS_URL.parse(process.env.JWKS_URL);
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
    if (!response.ok) throw new Error(`JWKS answered ${response.status}`);
    const body = (await response.json()) as unknown;
    jwksCache = { body, fetchedAt: Date.now() };
    return body;
  } catch (error) {
    if (jwksCache) return jwksCache.body; // stale beats nothing while identity restarts
    throw new AppError("unavailable", "SERVICE_UNAVAILABLE", "the key set is unavailable", {
      retryAfterSeconds: 5,
      cause: error,
    });
  }
}

export const authRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/auth/login",
    operationId: "login",
    idempotency: false,
    summary: "Log in with username and password",
    description:
      "200 with tokens, or `{mfaRequired, mfaToken}` when TOTP is on. 401 INVALID_CREDENTIALS for an unknown user and a wrong password alike. After repeated failures 429 RATE_LIMITED with Retry-After, even for the right password: the 5th failure for one account from one client address locks that pair for 30 s, doubling per further failure up to 15 min; the 30th from one address locks the address. An account is never locked for its owner at another address. Counters forget after an hour without failures. Takes no part in Idempotency-Key.",
    tags: ["Authentication"],
    auth: false,
    body: LoginBody,
    responses: { 200: z.union([TokenResponse, MfaRequiredResponse]) },
    handler: async ({ body, clients, clientAddress }) => {
      const result = await clients.identity.Login({
        username: body.username,
        password: body.password,
        sourceAddress: clientAddress,
      });
      return {
        status: 200,
        headers: noStore,
        body: result.mfaRequired ? { mfaRequired: true, mfaToken: result.mfaToken } : tokensJson(result),
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/mfa",
    operationId: "completeMfaLogin",
    idempotency: false,
    summary: "Second login step: the mfaToken and a TOTP or recovery code",
    description:
      "Codes are accepted within ±1 time step (30 s) and each only once. An mfaToken lives 5 minutes, allows 5 codes and is spent on success. 401 INVALID_MFA_CODE / INVALID_MFA_TOKEN; codes are counted like passwords, before they are checked (429).",
    tags: ["Authentication"],
    auth: false,
    body: MfaBody,
    responses: { 200: TokenResponse },
    handler: async ({ body, clients, clientAddress }) => {
      const result = await clients.identity.CompleteMfaLogin({
        mfaToken: body.mfaToken,
        code: body.code,
        sourceAddress: clientAddress,
      });
      return { status: 200, headers: noStore, body: tokensJson(result) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/refresh",
    operationId: "refreshTokens",
    idempotency: false,
    summary: "New tokens for a refresh token (which is spent)",
    description:
      "The refresh token rotates on every use. Presenting a spent one (401 REFRESH_TOKEN_REUSED) ends its whole session: the tokens issued after it stop working too.",
    tags: ["Authentication"],
    auth: false,
    body: RefreshBody,
    responses: { 200: TokenResponse },
    handler: async ({ body, clients }) => {
      const result = await clients.identity.Refresh({ refreshToken: body.refreshToken });
      return { status: 200, headers: noStore, body: tokensJson(result) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/auth/logout",
    operationId: "logout",
    idempotency: false,
    summary: "End the session of a refresh token",
    description: "204 also for an unknown or already ended session.",
    tags: ["Authentication"],
    auth: false,
    body: RefreshBody,
    responses: { 204: null },
    handler: async ({ body, clients }) => {
      await clients.identity.Logout({ refreshToken: body.refreshToken });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/me",
    operationId: "getMe",
    summary: "The caller's own account",
    tags: ["Authentication"],
    responses: { 200: UserResponse },
    handler: async ({ clients }) => {
      return { status: 200, body: toUserJson(await clients.identity.GetMe({})) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/me/mfa/totp",
    operationId: "startTotpEnrolment",
    idempotency: false,
    summary: "Start a TOTP enrolment",
    description:
      "Returns the secret, an otpauth:// URI and recovery codes, all shown once. 2FA is on only after POST /v1/me/mfa/totp/confirm; starting again replaces an unconfirmed enrolment. 409 MFA_ALREADY_ENABLED.",
    tags: ["Authentication"],
    responses: { 200: TotpEnrolmentResponse },
    handler: async ({ clients }) => {
      const enrolment = await clients.identity.StartTotpEnrolment({});
      return {
        status: 200,
        headers: noStore,
        body: {
          secret: enrolment.secret,
          otpauthUri: enrolment.otpauthUri,
          recoveryCodes: enrolment.recoveryCodes,
        },
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/me/mfa/totp/confirm",
    operationId: "confirmTotp",
    idempotency: false,
    summary: "Turn TOTP on with a first code",
    description:
      "400 INVALID_MFA_CODE; 422 MFA_ENROLMENT_NOT_STARTED. Codes are counted before they are checked: the 5th wrong one locks for 30 s, doubling (429).",
    tags: ["Authentication"],
    body: CodeBody.meta({ id: "ConfirmTotpRequest" }),
    responses: { 204: null },
    handler: async ({ body, clients }) => {
      await clients.identity.ConfirmTotp({ code: body.code });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/me/mfa/totp/disable",
    operationId: "disableTotp",
    idempotency: false,
    summary: "Turn TOTP off with a current TOTP or recovery code",
    description:
      "400 INVALID_MFA_CODE; 422 MFA_NOT_ENABLED. Codes are counted before they are checked: the 5th wrong one locks for 30 s, doubling (429).",
    tags: ["Authentication"],
    body: CodeBody.meta({ id: "DisableTotpRequest" }),
    responses: { 204: null },
    handler: async ({ body, clients }) => {
      await clients.identity.DisableTotp({ code: body.code });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/me/password",
    operationId: "changePassword",
    idempotency: false,
    summary: "Change the caller's password",
    description:
      "Ends every session (refresh token) of the caller. 400 INVALID_CURRENT_PASSWORD; wrong current passwords count towards the account's lock.",
    tags: ["Authentication"],
    body: PasswordBody,
    responses: { 204: null },
    handler: async ({ body, clients }) => {
      await clients.identity.ChangePassword({
        currentPassword: body.currentPassword,
        newPassword: body.newPassword,
      });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "get",
    path: "/.well-known/jwks.json",
    operationId: "getJwks",
    summary: "The public keys that verify access tokens (JWKS)",
    description: "The active key and, after a rotation, the previous one until its tokens have expired.",
    tags: ["Authentication"],
    auth: false,
    responses: { 200: JwksResponse },
    handler: async () => {
      return {
        status: 200,
        headers: { "cache-control": "public, max-age=60" },
        body: await identityJwks(),
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/admin/signing-keys/rotate",
    operationId: "rotateSigningKey",
    idempotency: false,
    summary: "Rotate the token signing key (platform admin)",
    description:
      "The new key is in the JWKS at once and signs from `activatesAt` (seconds later, so every verifier can learn it first); tokens of the previous key keep working until they expire, and it stays in the JWKS until then. 403 for anyone but the platform admin.",
    tags: ["Authentication"],
    responses: {
      200: z.object({ kid: z.string(), previousKid: z.string().nullable(), activatesAt: z.iso.datetime() }),
    },
    handler: async ({ clients }) => {
      const rotated = await clients.identity.RotateSigningKey({});
      return {
        status: 200,
        body: {
          kid: rotated.kid,
          previousKid: nullIfEmpty(rotated.previousKid),
          activatesAt: rotated.activatesAt,
        },
      };
    },
  }),
];
