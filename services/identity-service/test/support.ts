// Test support for identity-service's own integration tests: the service in
// this process on a fresh database of the run's PostgreSQL server and a NATS
// namespace of its own, a typed gRPC client, and a token forger that signs
// with the service's real private key (read from its database, as only a
// test may) so every claim can be bent one at a time.
import { randomBytes, randomUUID } from "node:crypto";
import type { IdentityServiceMethods } from "@simhub/contracts";
import {
  createGrpcClient,
  createLogger,
  createMetrics,
  createSecretBox,
  type GrpcClient,
  gatewayKeyHeader,
} from "@simhub/platform";
import { importJWK, type JWK, type JWTHeaderParameters, type JWTPayload, SignJWT } from "jose";
import knexFactory from "knex";
import { inject } from "vitest";
import { identityConfigSchema } from "../src/config.ts";
import { insertUser } from "../src/db/users.ts";
import { normalizeUsername } from "../src/domain/credentials.ts";
import { type IdentityService, startIdentityService } from "../src/service.ts";

export const TEST_SECRETS_KEY = Buffer.alloc(32, 42).toString("base64");
/** The gateway's service identity in these tests: the default client presents it, as the gateway does. */
export const TEST_GATEWAY_KEY = "gateway-service-key-for-identity-tests";

export async function createTestDatabase(prefix: string) {
  const name = `${prefix}_${randomBytes(5).toString("hex")}`;
  const adminUrl = inject("postgresAdminUrl");
  const admin = knexFactory({ client: "pg", connection: adminUrl, pool: { min: 0, max: 1 } });
  // The name is ours (a fixed prefix and hex digits), so it is safe as an identifier.
  await admin.raw(`CREATE DATABASE ${name}`);
  return {
    name,
    url: adminUrl.replace(/\/[^/]*$/, `/${name}`),
    async drop() {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.destroy();
    },
  };
}

export interface TestIdentity {
  service: IdentityService;
  client: GrpcClient<IdentityServiceMethods>;
  admin: { username: string; password: string };
  databaseUrl: string;
  namespace: string;
  /** Another instance on the same database (replicas, restarts with new settings). */
  restart(env?: Record<string, string>): Promise<void>;
  stop(): Promise<void>;
}

export function testConfig(databaseUrl: string, namespace: string, env: Record<string, string> = {}) {
  return identityConfigSchema.parse({
    DATABASE_URL: databaseUrl,
    NATS_URL: inject("natsUrl"),
    EVENT_NAMESPACE: namespace,
    LOG_LEVEL: "silent",
    GRPC_PORT: "0",
    HTTP_PORT: "0",
    DB_POOL_MAX: "5",
    SIMHUB_ADMIN_USERNAME: "admin",
    SIMHUB_ADMIN_PASSWORD: "admin-password-for-tests",
    IDENTITY_SECRETS_KEY: TEST_SECRETS_KEY,
    GATEWAY_SERVICE_KEY: TEST_GATEWAY_KEY,
    // Nothing listens there: these tests never reach the other services.
    ORG_SERVICE_ADDR: "127.0.0.1:1",
    COMPANY_SERVICE_ADDR: "127.0.0.1:1",
    SIM_SERVICE_ADDR: "127.0.0.1:1",
    ...env,
  });
}

/** A client of identity's gRPC port; `asGateway` (default) presents the gateway's service identity. */
export function identityClient(
  address: string,
  { asGateway = true }: { asGateway?: boolean } = {},
): GrpcClient<IdentityServiceMethods> {
  return createGrpcClient<IdentityServiceMethods>("identity", address, {
    logger: createLogger("identity-test", "silent"),
    metrics: createMetrics("identity-test"),
    deadlineMs: 10_000,
    breaker: { volumeThreshold: 100_000 },
    ...(asGateway ? { metadata: { [gatewayKeyHeader]: TEST_GATEWAY_KEY } } : {}),
  });
}

export async function startTestIdentity(env: Record<string, string> = {}): Promise<TestIdentity> {
  const database = await createTestDatabase("identity_test");
  const namespace = `t${randomBytes(5).toString("hex")}`;
  let service = await startIdentityService(testConfig(database.url, namespace, env));
  let client = identityClient(`127.0.0.1:${service.grpcPort}`);
  const handle: TestIdentity = {
    service,
    client,
    admin: { username: "admin", password: "admin-password-for-tests" },
    databaseUrl: database.url,
    namespace,
    async restart(next = {}) {
      client.close();
      await service.stop();
      service = await startIdentityService(testConfig(database.url, namespace, { ...env, ...next }));
      client = identityClient(`127.0.0.1:${service.grpcPort}`);
      handle.service = service;
      handle.client = client;
    },
    async stop() {
      client.close();
      await service.stop();
      await database.drop();
    },
  };
  return handle;
}

/** Signs tokens with identity-service's active private key, claims and header as the test wants. */
export async function tokenForger(databaseUrl: string, secretsKeyBase64 = TEST_SECRETS_KEY) {
  const db = knexFactory({ client: "pg", connection: databaseUrl, pool: { min: 0, max: 1 } });
  try {
    const row = await db("signing_keys").whereNull("retired_at").first();
    const box = createSecretBox(Buffer.from(secretsKeyBase64, "base64"));
    const privateJwk = JSON.parse(box.open(row.private_jwk_sealed, `signing-key:${row.kid}`)) as JWK;
    const privateKey = await importJWK(privateJwk, "EdDSA");
    const kid = row.kid as string;
    const publicJwk = row.public_jwk as JWK;
    return {
      kid,
      publicJwk,
      /** A token that identity-service would issue, with `claims` and `header` overriding its parts. */
      async sign(claims: JWTPayload & Record<string, unknown>, header: Partial<JWTHeaderParameters> = {}) {
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({
          iss: "simhub",
          aud: "simhub-api",
          iat: now,
          exp: now + 300,
          jti: randomBytes(8).toString("hex"),
          ...claims,
        })
          .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid, ...header })
          .sign(privateKey);
      },
    };
  } finally {
    await db.destroy();
  }
}

export function base64url(value: unknown): string {
  return Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");
}

/** A user written straight into the database (auth mechanics need no company chain). */
export async function seedUser(
  identity: TestIdentity,
  user: { username: string; password: string; role?: "org_admin" | "org_staff" | "end_user" },
): Promise<string> {
  const role = user.role ?? "org_admin";
  const id = randomUUID();
  const ok = await insertUser(identity.service.deps.db, {
    id,
    username: user.username,
    usernameKey: normalizeUsername(user.username),
    email: `${user.username}@example.com`,
    role,
    orgId: randomUUID(),
    companyId: role === "end_user" ? randomUUID() : null,
    passwordHash: await identity.service.deps.hasher.hash(user.password),
    status: "active",
    via: role === "end_user" ? "admin" : null,
    createdBy: null,
  });
  if (!ok) throw new Error(`username ${user.username} taken`);
  return id;
}

/** Waits until the current TOTP step has at least `marginMs` left, so codes computed now stay in place. */
export async function awayFromStepEdge(marginMs = 5_000): Promise<number> {
  const intoStep = Date.now() % 30_000;
  if (30_000 - intoStep < marginMs)
    await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep + 200));
  return Math.floor(Date.now() / 1000);
}
