// Wires identity-service: runtime, signing keys (its own verifier and the
// JWKS on the ops port), password hasher, clients, gRPC handlers, the
// platform admin, and the housekeeping timers.
import type {
  CompanyServiceMethods,
  IdentityServiceMethods,
  OrgServiceMethods,
  SimServiceMethods,
} from "@simhub/contracts";
import {
  AppError,
  companyChainReplica,
  createSecretBox,
  createTokenVerifier,
  resolveSecretsKey,
  ServiceRuntime,
  type TokenVerifier,
  unauthenticated,
} from "@simhub/platform";
import { ensurePlatformAdmin } from "./app/bootstrap.ts";
import type { IdentityDeps } from "./app/deps.ts";
import { reconcilePendingRegistrations } from "./app/registration.ts";
import { SigningKeys } from "./app/signing-keys.ts";
import type { IdentityConfig } from "./config.ts";
import { createPasswordHasher } from "./crypto/passwords.ts";
import { migrations } from "./db/migrations.ts";
import { deleteStaleChallenges } from "./db/sessions.ts";
import { identityHandlers, publicMethods } from "./grpc/handlers.ts";

const JWKS_PATH = "/.well-known/jwks.json";
const HOUSEKEEPING_INTERVAL_MS = 60_000;

export async function startIdentityService(config: IdentityConfig) {
  // The runtime needs the verifier and the JWKS route before the database
  // (and so the keys) exist; both look the keys up when called.
  let keys: SigningKeys | undefined;
  let verifier: TokenVerifier | undefined;
  const verifyToken: TokenVerifier = (token) =>
    verifier ? verifier(token) : Promise.reject(unauthenticated("signing keys not loaded", "INVALID_TOKEN"));

  const runtime = await ServiceRuntime.create({
    name: "identity-service",
    context: "identity",
    config,
    migrations,
    verifyToken,
    opsRoutes: {
      [JWKS_PATH]: (_req, res) => {
        if (!keys) {
          res.writeHead(503).end();
          return;
        }
        res
          .writeHead(200, { "content-type": "application/json", "cache-control": "public, max-age=60" })
          .end(JSON.stringify(keys.jwks()));
      },
    },
  });

  const box = createSecretBox(
    resolveSecretsKey({
      variable: "IDENTITY_SECRETS_KEY",
      configured: config.IDENTITY_SECRETS_KEY,
      nodeEnv: config.NODE_ENV,
      developmentSeed: "simhub development identity secrets key",
      warn: (message) => runtime.logger.warn(message),
    }),
  );
  keys = new SigningKeys({
    db: runtime.db,
    box,
    logger: runtime.logger,
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
    publishLeadSeconds: config.SIGNING_KEY_PUBLISH_LEAD_SECONDS,
  });
  await keys.start();
  // The same verifier as every other service (signature, algorithm, issuer,
  // audience, lifetime, type, and an `iat` not in the future), on its own keys.
  verifier = createTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: keys.getKey,
  });

  const throttle = {
    baseLockSeconds: config.LOGIN_LOCK_BASE_SECONDS,
    maxLockSeconds: config.LOGIN_LOCK_MAX_SECONDS,
    decaySeconds: config.LOGIN_FAILURE_DECAY_SECONDS,
  };
  const company = runtime.client<CompanyServiceMethods>("company", config.COMPANY_SERVICE_ADDR);
  const org = runtime.client<OrgServiceMethods>("org", config.ORG_SERVICE_ADDR);
  const chain = companyChainReplica(runtime.db, company, runtime.metrics, {
    async resolveOrganization(orgId) {
      try {
        const found = await org.GetOrganization({ id: orgId });
        return { orgId: found.id, name: found.name, status: found.status };
      } catch (error) {
        if (error instanceof AppError && (error.kind === "not_found" || error.kind === "forbidden"))
          return undefined;
        throw error;
      }
    },
  });
  const deps: IdentityDeps = {
    db: runtime.db,
    events: runtime.eventSettings,
    logger: runtime.logger,
    hasher: await createPasswordHasher({
      memoryCost: config.ARGON2_MEMORY_KIB,
      timeCost: config.ARGON2_TIME_COST,
      parallelism: 1,
    }),
    keys,
    box,
    chain,
    clients: {
      org,
      company,
      sim: runtime.client<SimServiceMethods>("sim", config.SIM_SERVICE_ADDR),
    },
    settings: {
      issuerName: "simhub",
      accessTokenTtlSeconds: config.ACCESS_TOKEN_TTL_SECONDS,
      apiKeyTokenTtlSeconds: config.API_KEY_TOKEN_TTL_SECONDS,
      refreshTokenTtlSeconds: config.REFRESH_TOKEN_TTL_SECONDS,
      sessionMaxSeconds: config.SESSION_MAX_SECONDS,
      mfaTokenTtlSeconds: config.MFA_TOKEN_TTL_SECONDS,
      mfaMaxAttemptsPerChallenge: 5,
      accountThrottle: { ...throttle, freeAttempts: config.LOGIN_ACCOUNT_FREE_ATTEMPTS },
      addressThrottle: { ...throttle, freeAttempts: config.LOGIN_ADDRESS_FREE_ATTEMPTS },
      accountCeiling: config.LOGIN_ACCOUNT_CEILING,
      gatewayServiceKey: config.GATEWAY_SERVICE_KEY,
    },
  };

  await ensurePlatformAdmin(deps, config.SIMHUB_ADMIN_USERNAME, config.SIMHUB_ADMIN_PASSWORD);
  runtime.grpc.addService<IdentityServiceMethods>("identity", identityHandlers(deps), { publicMethods });
  runtime.consume({
    from: "company",
    durable: "identity-service-companies",
    handlers: chain.companyHandlers(),
  });
  runtime.consume({
    from: "org",
    durable: "identity-service-organizations",
    handlers: chain.organizationHandlers(),
  });

  const settleSeconds = config.PENDING_REGISTRATION_SETTLE_SECONDS;
  const housekeeping = setInterval(
    () => {
      Promise.all([
        deleteStaleChallenges(runtime.db),
        reconcilePendingRegistrations(deps, settleSeconds),
      ]).catch((error) => runtime.logger.warn({ err: error }, "identity housekeeping failed"));
    },
    Math.min(HOUSEKEEPING_INTERVAL_MS, settleSeconds * 500),
  );
  housekeeping.unref();

  await runtime.start();
  return {
    runtime,
    deps,
    keys,
    logger: runtime.logger,
    get grpcPort() {
      return runtime.grpcPort;
    },
    get httpPort() {
      return runtime.httpPort;
    },
    async stop() {
      clearInterval(housekeeping);
      keys?.stop();
      await runtime.stop();
    },
  };
}

export type IdentityService = Awaited<ReturnType<typeof startIdentityService>>;
