// Test support for sim-service's own integration tests: a fresh database on
// the run's PostgreSQL, a local issuer (JWKS + Ed25519-signed access tokens
// for any principal), stand-ins for the three services sim-service asks
// (org, company, identity) serving exactly the calls it makes, over real
// gRPC and with real token checks, and a reader of the namespaced JetStream
// stream. PostgreSQL and NATS are the real servers.
import {
  type CloudEvent,
  type ContextName,
  type PlanType,
  parseCloudEvent,
  type StreamContext,
  streamName,
} from "@simhub/contracts";
import {
  AppError,
  createGrpcServer,
  createLogger,
  createMetrics,
  createTokenVerifier,
  type GrpcClient,
  jwksFromUrl,
  type NatsConnection,
} from "@simhub/platform";
import {
  testClient as kitTestClient,
  luhnDigit,
  startTestIssuer as startKitIssuer,
  type TestIssuer,
} from "@simhub/testing";

export { connectTestNats, createTestDatabase, type TestIssuer, uniqueSuffix } from "@simhub/testing";

/** Tokens live an hour here: some SIM tests (large imports) run long. */
export const startTestIssuer = () => startKitIssuer({ tokenLifetimeSeconds: 3600 });

/** Streamed imports of large files take longer than the kit's default deadline. */
export function testClient<Methods>(context: ContextName, address: string): GrpcClient<Methods> {
  return kitTestClient<Methods>(context, address, { deadlineMs: 60_000 });
}

/** What the stand-in peers know; tests change it between calls. */
export interface PeerWorld {
  organizations: Map<string, { name: string; status: string }>;
  operators: Map<string, { orgId: string; integration: "none" | "api" }>;
  companies: Map<string, { orgId: string; name: string; status: string }>;
  endUsers: Map<string, { companyId: string; orgId: string; username: string }>;
  plans: Map<string, { orgId: string; companyId: string; type: PlanType; status: "active" | "archived" }>;
  calls: { GetOperator: number; ResolveCompany: number; GetEndUser: number; GetOrganization: number };
}

export interface Peers {
  world: PeerWorld;
  address: string;
  stop(): Promise<void>;
}

const notFound = (what: string) => new AppError("not_found", `${what}_NOT_FOUND`, `${what} not found`);

/**
 * One gRPC server offering the org, company and identity calls sim-service
 * makes, answering from `world`, after verifying the caller's token like the
 * real services do.
 */
export async function startPeers(issuer: TestIssuer): Promise<Peers> {
  const world: PeerWorld = {
    organizations: new Map(),
    operators: new Map(),
    companies: new Map(),
    endUsers: new Map(),
    plans: new Map(),
    calls: { GetOperator: 0, ResolveCompany: 0, GetEndUser: 0, GetOrganization: 0 },
  };
  const server = createGrpcServer({
    logger: createLogger("peers", "silent"),
    metrics: createMetrics("peers"),
    verifyToken: createTokenVerifier({
      issuer: "simhub",
      audience: "simhub-api",
      keys: jwksFromUrl(issuer.jwksUrl),
    }),
  });
  const now = new Date().toISOString();
  server.addService<any>("org", {
    GetOrganization: async (request: { id: string }) => {
      world.calls.GetOrganization++;
      const org = world.organizations.get(request.id);
      if (!org) throw notFound("ORGANIZATION");
      return { id: request.id, name: org.name, status: org.status, createdAt: now, updatedAt: now };
    },
    GetOperator: async (request: { orgId: string; operatorId: string }) => {
      world.calls.GetOperator++;
      const operator = world.operators.get(request.operatorId);
      if (!operator || operator.orgId !== request.orgId) throw notFound("OPERATOR");
      return {
        id: request.operatorId,
        orgId: operator.orgId,
        operatorName: "Test Operator",
        mcc: "234",
        mnc: "15",
        integration: operator.integration,
        createdAt: now,
      };
    },
    GetPlan: async (request: { id: string }) => {
      const plan = world.plans.get(request.id);
      if (!plan) throw notFound("PLAN");
      return { id: request.id, name: "Test Plan", currency: "EUR", ...plan, createdAt: now, updatedAt: now };
    },
  });
  server.addService<any>("company", {
    ResolveCompany: async (request: { companyId: string }) => {
      world.calls.ResolveCompany++;
      const company = world.companies.get(request.companyId);
      if (!company) throw notFound("COMPANY");
      const org = world.organizations.get(company.orgId);
      return {
        company: {
          id: request.companyId,
          orgId: company.orgId,
          name: company.name,
          virtual: false,
          status: company.status,
          createdAt: now,
          updatedAt: now,
        },
        organization: { id: company.orgId, name: org?.name ?? "", status: org?.status ?? "active" },
      };
    },
  });
  server.addService<any>("identity", {
    GetEndUser: async (request: { id: string }) => {
      world.calls.GetEndUser++;
      const user = world.endUsers.get(request.id);
      if (!user) throw notFound("END_USER");
      return {
        id: request.id,
        ...user,
        email: `${user.username}@example.test`,
        createdAt: now,
        updatedAt: now,
      };
    },
  });
  const port = await server.start(0, "127.0.0.1");
  server.setServing(true);
  return {
    world,
    address: `127.0.0.1:${port}`,
    stop: () => server.stop(1_000),
  };
}

export type ReceivedEvent = CloudEvent & { headers: Record<string, string>; subjectName: string };

/**
 * Every event of a context's namespaced stream so far (optionally filtered),
 * each validated with parseCloudEvent, with its NATS headers and subject.
 * Waits until `count` match or the timeout passes.
 */
export async function readEvents(
  nc: NatsConnection,
  namespace: string,
  context: StreamContext,
  options: { type?: string; count?: number; timeoutMs?: number } = {},
): Promise<ReceivedEvent[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const want = options.count ?? 1;
  for (;;) {
    const events = await readAll(nc, streamName(namespace, context));
    const matching = options.type ? events.filter((event) => event.type === options.type) : events;
    if (matching.length >= want || Date.now() > deadline) return matching;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The message at `seq`; undefined only when the stream has none there (a gap), retried on other failures. */
async function storedMessage(
  jsm: Awaited<ReturnType<NatsConnection["jetstreamManager"]>>,
  stream: string,
  seq: number,
) {
  for (let attempt = 1; ; attempt++) {
    try {
      return await jsm.streams.getMessage(stream, { seq });
    } catch (error) {
      if (/no message found/i.test(String(error)) || attempt >= 5) return undefined;
      await new Promise((resolve) => setTimeout(resolve, 100 * attempt));
    }
  }
}

async function readAll(nc: NatsConnection, stream: string): Promise<ReceivedEvent[]> {
  const jsm = await nc.jetstreamManager();
  let info: Awaited<ReturnType<typeof jsm.streams.info>>;
  try {
    info = await jsm.streams.info(stream);
  } catch {
    return [];
  }
  const events: ReceivedEvent[] = [];
  for (let seq = info.state.first_seq; info.state.messages > 0 && seq <= info.state.last_seq; seq++) {
    const stored = await storedMessage(jsm, stream, seq);
    if (!stored) continue;
    const headers: Record<string, string> = {};
    for (const [key, values] of stored.header ?? []) headers[key] = values[0] ?? "";
    events.push({ ...parseCloudEvent(stored.json()), headers, subjectName: stored.subject });
  }
  return events;
}

/** Publishes an event of another context the way its outbox relay would (for consumer tests). */
export async function publishEvent(
  nc: NatsConnection,
  namespace: string,
  subject: string,
  event: CloudEvent,
): Promise<void> {
  const js = nc.jetstream();
  await js.publish(`${namespace}.${subject}`, JSON.stringify(event), { msgID: event.id });
}

export interface CaughtError {
  kind: string;
  code: string;
  message: string;
  errors: { path: string; message: string }[];
}

/** The AppError a call fails with (fails the test if it succeeds). */
export async function rejection(promise: Promise<unknown>): Promise<CaughtError> {
  try {
    await promise;
  } catch (error) {
    return error as CaughtError;
  }
  throw new Error("expected the call to fail");
}

/** A valid ICCID: 89 + `body` digits (padded to 18 digits) + the Luhn check digit. */
export function iccidFrom(n: number, prefix = "894450"): string {
  const payload = `${prefix}${String(n).padStart(18 - prefix.length, "0")}`;
  return payload + luhnDigit(payload);
}

/** A valid IMEI from a number. */
export function imeiFrom(n: number): string {
  const payload = `35${String(n).padStart(12, "0")}`;
  return payload + luhnDigit(payload);
}

export function imsiFrom(n: number): string {
  return `23415${String(n).padStart(10, "0")}`;
}
