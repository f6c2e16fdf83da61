// One running sim-service per test file: its own database and NATS
// namespace, stand-in peers, a token issuer and a typed client.
import { randomUUID } from "node:crypto";
import type { SimServiceMethods } from "@simhub/contracts";
import type { GrpcClient, NatsConnection, Principal, ServiceRuntime } from "@simhub/platform";
import knexFactory, { type Knex } from "knex";
import { simConfigSchema } from "../src/config.ts";
import { startSimService } from "../src/service.ts";
import {
  connectTestNats,
  createTestDatabase,
  type Peers,
  readEvents,
  startPeers,
  startTestIssuer,
  type TestIssuer,
  testClient,
  uniqueSuffix,
} from "./support.ts";

export interface SimHarness {
  issuer: TestIssuer;
  peers: Peers;
  runtime: ServiceRuntime;
  client: GrpcClient<SimServiceMethods>;
  db: Knex;
  nc: NatsConnection;
  namespace: string;
  /** Call options carrying a token for `principal`. */
  as(principal: Principal): { token: string };
  events(type?: string, count?: number): ReturnType<typeof readEvents>;
  stop(): Promise<void>;
}

export async function startHarness(env: Record<string, string> = {}): Promise<SimHarness> {
  const issuer = await startTestIssuer();
  const peers = await startPeers(issuer);
  const database = await createTestDatabase("sim_service_test");
  const namespace = `simt${uniqueSuffix()}`;
  const config = simConfigSchema.parse({
    DATABASE_URL: database.url,
    EVENT_NAMESPACE: namespace,
    JWKS_URL: issuer.jwksUrl,
    GRPC_PORT: "0",
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
    ORG_SERVICE_ADDR: peers.address,
    COMPANY_SERVICE_ADDR: peers.address,
    IDENTITY_SERVICE_ADDR: peers.address,
    DB_POOL_MAX: "10",
    ...env,
  });
  const runtime = await startSimService(config);
  const client = testClient<SimServiceMethods>("sim", `127.0.0.1:${runtime.grpcPort}`);
  const nc = await connectTestNats();
  const db = knexFactory({ client: "pg", connection: database.url, pool: { min: 0, max: 2 } });
  return {
    issuer,
    peers,
    runtime,
    client,
    db,
    nc,
    namespace,
    as: (principal) => ({ token: issuer.token(principal) }),
    async events(type, count = 1) {
      await runtime.flushOutbox();
      return readEvents(nc, namespace, "sim", { ...(type ? { type } : {}), count });
    },
    async stop() {
      client.close();
      await runtime.stop();
      await db.destroy();
      const jsm = await nc.jetstreamManager();
      for await (const info of jsm.streams.list()) {
        if (info.config.name.startsWith(`${namespace.toUpperCase()}_`)) {
          await jsm.streams.delete(info.config.name).catch(() => {});
        }
      }
      await nc.close();
      await peers.stop();
      await issuer.close();
      await database.drop();
    },
  };
}

export const platformAdmin: Principal = { userId: randomUUID(), role: "platform_admin" };
export const internalService: Principal = { userId: "identity-service", role: "service" };
export const orgAdminOf = (orgId: string): Principal => ({ userId: randomUUID(), role: "org_admin", orgId });
export const orgStaffOf = (orgId: string): Principal => ({ userId: randomUUID(), role: "org_staff", orgId });
export const companyAdminOf = (orgId: string, companyId: string): Principal => ({
  userId: randomUUID(),
  role: "company_admin",
  orgId,
  companyId,
});
export const companyStaffOf = (orgId: string, companyId: string): Principal => ({
  userId: randomUUID(),
  role: "company_staff",
  orgId,
  companyId,
});
export const endUserOf = (orgId: string, companyId: string, userId = randomUUID()): Principal => ({
  userId,
  role: "end_user",
  orgId,
  companyId,
});

/** An empty SimInput with the given fields. */
export function simInput(fields: Partial<Record<string, string | boolean>>) {
  return {
    iccid: "",
    imsi: "",
    msisdn: "",
    imei: "",
    eSim: false,
    operatorId: "",
    activationCode: "",
    ...fields,
  };
}
