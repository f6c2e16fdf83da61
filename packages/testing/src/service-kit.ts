// For a service's own integration tests, which run the service in process
// against real PostgreSQL and NATS: a fresh database on the run's server, a
// local issuer that signs access tokens for any principal the way
// identity-service does (so every role can be exercised without it), a
// typed gRPC client and a NATS connection.
import { generateKeyPairSync, randomBytes, randomUUID, sign } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { ContextName } from "@simhub/contracts";
import {
  connectNats,
  createGrpcClient,
  createLogger,
  createMetrics,
  type GrpcClient,
  type NatsConnection,
  type Principal,
} from "@simhub/platform";
import pg from "pg";
import { inject } from "vitest";

export function uniqueSuffix(): string {
  return randomBytes(5).toString("hex");
}

export async function createTestDatabase(prefix: string) {
  const name = `${prefix}_${uniqueSuffix()}`;
  const adminUrl = inject("postgresAdminUrl");
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  // The name is ours (a fixed prefix and hex digits), so it is safe as an identifier.
  await admin.query(`CREATE DATABASE ${name}`);
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    name,
    url,
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    },
  };
}

export interface TestIssuer {
  jwksUrl: string;
  token(principal: Principal): string;
  close(): Promise<void>;
}

/** Signs access tokens the way identity-service does (EdDSA, typ at+jwt), and serves the JWKS. */
export async function startTestIssuer(options: { tokenLifetimeSeconds?: number } = {}): Promise<TestIssuer> {
  const lifetime = options.tokenLifetimeSeconds ?? 600;
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const kid = randomUUID();
  const jwks = { keys: [{ ...publicKey.export({ format: "jwk" }), kid, alg: "EdDSA", use: "sig" }] };
  const server: Server = createServer((_req, res) => {
    res.setHeader("content-type", "application/json");
    res.end(JSON.stringify(jwks));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  return {
    jwksUrl: `http://127.0.0.1:${port}/jwks.json`,
    token(principal) {
      const now = Math.floor(Date.now() / 1000);
      const header = encode({ alg: "EdDSA", typ: "at+jwt", kid });
      const payload = encode({
        sub: principal.userId,
        role: principal.role,
        ...(principal.orgId ? { org: principal.orgId } : {}),
        ...(principal.companyId ? { cmp: principal.companyId } : {}),
        iss: "simhub",
        aud: "simhub-api",
        iat: now,
        exp: now + lifetime,
      });
      const signature = sign(null, Buffer.from(`${header}.${payload}`), privateKey).toString("base64url");
      return `${header}.${payload}.${signature}`;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

export function testClient<Methods>(
  context: ContextName,
  address: string,
  options: { deadlineMs?: number } = {},
): GrpcClient<Methods> {
  return createGrpcClient<Methods>(context, address, {
    logger: createLogger("test", "silent"),
    metrics: createMetrics("test"),
    deadlineMs: options.deadlineMs ?? 10_000,
    // Tests provoke many business errors on purpose; keep the breaker out of the way.
    breaker: { volumeThreshold: 1_000_000 },
  });
}

export async function connectTestNats(): Promise<NatsConnection> {
  return connectNats(inject("natsUrl"), "test", createLogger("test", "silent"));
}
