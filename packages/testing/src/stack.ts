// startStack(): the whole platform for one test file, as real processes, on
// fresh databases and a NATS namespace of its own, so test files run in
// parallel without seeing each other's rows or events.
import { randomBytes } from "node:crypto";
import type { CloudEvent, StreamContext } from "@simhub/contracts";
import { streamBelongsToNamespace, streamName } from "@simhub/contracts";
import {
  addressVariables,
  type BackendServiceName,
  backendServices,
  databaseUrl,
  dropDatabases,
  ensureDatabases,
  type ManagedProcess,
  type NatsUsers,
  type PlatformOptions,
  type ProcessName,
  type RunningPlatform,
  startOrder,
  startPlatform,
} from "@simhub/launcher";
import { connect, type NatsConnection } from "nats";
import pg from "pg";
import { inject } from "vitest";
import { ResponseValidator } from "./response-validator.ts";

export interface HttpResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** A raw body (e.g. CSV); `body` is sent as JSON otherwise. */
  raw?: string | Uint8Array | ReadableStream;
  contentType?: string;
  /** Aborts the request after this long (the promise rejects with a TimeoutError). */
  timeoutMs?: number;
}

export interface HttpClient {
  get<T = any>(path: string, options?: RequestOptions): Promise<HttpResponse<T>>;
  post<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResponse<T>>;
  patch<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResponse<T>>;
  put<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<HttpResponse<T>>;
  delete<T = any>(path: string, options?: RequestOptions): Promise<HttpResponse<T>>;
}

export interface StackService {
  grpcAddress: string;
  httpUrl: string;
  databaseUrl: string;
  process: ManagedProcess;
}

export interface EventMessage {
  subject: string;
  headers: Record<string, string>;
  event: CloudEvent;
}

export interface StackOptions {
  /**
   * PostgreSQL and NATS of the caller's own (fault tests stop and restart
   * them: see startDedicatedInfrastructure in faults.ts). Default: the
   * run's shared infrastructure from the global setup.
   */
  infrastructure?: { postgresAdminUrl: string; natsUrl: string };
  /**
   * A NATS server running simhub's users and permissions (startNatsServer
   * with `withAuth`): every process connects as its own user, the stack's
   * own connection as the admin, and the namespace is production's (empty),
   * which is what the permissions name.
   */
  natsUsers?: NatsUsers;
  /** Extra environment per process (e.g. shorter token lifetimes). */
  envFor?: PlatformOptions["envFor"];
  env?: Record<string, string>;
  logLevel?: string;
}

export interface Stack {
  gatewayUrl: string;
  namespace: string;
  admin: { username: string; password: string };
  services: Record<BackendServiceName, StackService>;
  gateway: ManagedProcess;
  platform: RunningPlatform;
  /** Replicas started with addReplica (stopped by stop()). */
  replicas: ManagedProcess[];
  /**
   * Starts another instance of `name` against the same databases and NATS,
   * on ports of its own, and waits until it is ready.
   */
  addReplica(name: ProcessName, env?: Record<string, string>): Promise<ManagedProcess>;
  /**
   * A second instance of every process: every backend service's address
   * becomes the list of both instances (`ipv4:a,b`, spread round-robin by
   * every caller), the stack's processes restart with it and the second
   * ones start; the second gateway is returned under "api-gateway".
   */
  replicateAll(): Promise<Record<ProcessName, ManagedProcess>>;
  nc: NatsConnection;
  http(token?: string): HttpClient;
  login(username: string, password: string): Promise<string>;
  events(
    context: StreamContext,
    filter?: { type?: string; count?: number; timeoutMs?: number },
  ): Promise<CloudEvent[]>;
  eventMessages(context: StreamContext): Promise<EventMessage[]>;
  query<T = any>(service: BackendServiceName, sql: string, bindings?: unknown[]): Promise<T[]>;
  /** Responses that did not match the OpenAPI document; stop() fails when there are any. */
  responseViolations: string[];
  stop(): Promise<void>;
}

export function httpClient(baseUrl: string, token?: string, validator?: ResponseValidator): HttpClient {
  const send = async (method: string, path: string, body: unknown, options: RequestOptions = {}) => {
    const headers: Record<string, string> = { ...options.headers };
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: RequestInit["body"];
    if (options.raw !== undefined) {
      payload = options.raw as RequestInit["body"];
      headers["content-type"] = options.contentType ?? "text/csv";
    } else if (body !== undefined) {
      payload = JSON.stringify(body);
      headers["content-type"] = options.contentType ?? "application/json";
    }
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers,
      ...(payload !== undefined ? { body: payload } : {}),
      ...(options.timeoutMs !== undefined ? { signal: AbortSignal.timeout(options.timeoutMs) } : {}),
      ...(options.raw instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit);
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    validator?.check(method, path, response.status, response.headers.get("content-type"), parsed);
    return { status: response.status, body: parsed as any, headers: response.headers };
  };
  return {
    get: (path, options) => send("GET", path, undefined, options),
    post: (path, body, options) => send("POST", path, body, options),
    patch: (path, body, options) => send("PATCH", path, body, options),
    put: (path, body, options) => send("PUT", path, body, options),
    delete: (path, options) => send("DELETE", path, undefined, options),
  };
}

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const adminUrl = options.infrastructure?.postgresAdminUrl ?? inject("postgresAdminUrl");
  const natsUrl = options.infrastructure?.natsUrl ?? inject("natsUrl");
  const namespace = options.natsUsers ? "" : `t${randomBytes(5).toString("hex")}`;
  const natsAdmin = options.natsUsers?.admin;
  const databasePrefix = `t${randomBytes(5).toString("hex")}`;
  const databases = Object.fromEntries(
    backendServices.map((service) => [service.name, `${databasePrefix}_${service.context}`]),
  ) as Record<BackendServiceName, string>;
  await ensureDatabases(adminUrl, Object.values(databases));
  const databaseUrls = Object.fromEntries(
    Object.entries(databases).map(([name, database]) => [name, databaseUrl(adminUrl, database)]),
  ) as Record<BackendServiceName, string>;
  const admin = { username: "admin", password: `admin-${randomBytes(9).toString("base64url")}` };

  // Until the stack is handed over, a failure undoes what was set up: the
  // caller has no stack to stop, and a platform left running would outlive
  // the test file (seen after a CI run: seven services of a failed setup
  // still running, holding their ports and databases).
  let started: RunningPlatform | undefined;
  let connected: NatsConnection | undefined;
  let validator: ResponseValidator;
  try {
    started = await startPlatform({
      databaseUrls,
      natsUrl,
      namespace,
      ...(options.natsUsers ? { natsUsers: options.natsUsers.processes } : {}),
      adminUsername: admin.username,
      adminPassword: admin.password,
      logLevel: options.logLevel ?? process.env.SIMHUB_TEST_LOG_LEVEL ?? "warn",
      ports: "random",
      output: process.env.SIMHUB_TEST_LOGS === "1" ? "pretty" : "capture",
      env: { DB_POOL_MAX: "5", ...options.env },
      ...(options.envFor ? { envFor: options.envFor } : {}),
    });
    // Keeps reconnecting: fault tests stop NATS for a while.
    connected = await connect({
      // A cluster is given as its nodes' URLs, comma-separated.
      servers: natsUrl.split(","),
      name: `test-${databasePrefix}`,
      ...natsAdmin,
      maxReconnectAttempts: -1,
      reconnectTimeWait: 250,
    });
    validator = await ResponseValidator.fetch(started.gatewayUrl);
  } catch (error) {
    await connected?.close().catch(() => {});
    await started?.stop().catch(() => {});
    await dropDatabases(adminUrl, Object.values(databases)).catch(() => {});
    throw error;
  }
  const platform = started;
  const nc = connected;
  const pools = new Map<BackendServiceName, pg.Pool>();
  const poolFor = (service: BackendServiceName) => {
    let pool = pools.get(service);
    if (!pool) {
      pool = new pg.Pool({ connectionString: databaseUrls[service], max: 2 });
      // An idle connection dropped by a database restart (fault tests) is replaced on the next query.
      pool.on("error", () => {});
      pools.set(service, pool);
    }
    return pool;
  };

  const services = Object.fromEntries(
    backendServices.map((service) => {
      const process = platform.processes[service.name];
      return [
        service.name,
        {
          grpcAddress: process.grpcAddress!,
          httpUrl: process.httpUrl,
          databaseUrl: databaseUrls[service.name],
          process,
        },
      ];
    }),
  ) as Record<BackendServiceName, StackService>;

  async function eventMessages(context: StreamContext): Promise<EventMessage[]> {
    const jsm = await nc.jetstreamManager();
    const stream = streamName(namespace, context);
    let info: Awaited<ReturnType<typeof jsm.streams.info>>;
    try {
      info = await jsm.streams.info(stream);
    } catch {
      return [];
    }
    const messages: EventMessage[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      try {
        const stored = await jsm.streams.getMessage(stream, { seq });
        const headers: Record<string, string> = {};
        for (const [key, values] of stored.header ?? []) headers[key] = values[0] ?? "";
        messages.push({ subject: stored.subject, headers, event: stored.json<CloudEvent>() });
      } catch {
        // deleted message: skip
      }
    }
    return messages;
  }

  const replicas: ManagedProcess[] = [];
  const stack: Stack = {
    replicas,
    async addReplica(name, env) {
      const replica = await platform.processes[name].replica(env);
      replicas.push(replica);
      await replica.start();
      await replica.waitReady();
      return replica;
    },
    async replicateAll() {
      const second = {} as Record<ProcessName, ManagedProcess>;
      for (const name of startOrder) second[name] = await platform.processes[name].replica();
      const addresses = Object.fromEntries(
        backendServices.map((service) => [
          addressVariables[service.name],
          `ipv4:${platform.processes[service.name].grpcAddress},${second[service.name].grpcAddress}`,
        ]),
      );
      for (const name of [...startOrder].reverse()) await platform.processes[name].stop();
      // One pair at a time: a dozen processes compiling at once on a small machine take minutes.
      for (const name of startOrder) {
        Object.assign(platform.processes[name].env, addresses);
        Object.assign(second[name].env, addresses);
        replicas.push(second[name]);
        await platform.processes[name].start();
        await second[name].start();
        await platform.processes[name].waitReady(120_000);
        await second[name].waitReady(120_000);
      }
      return second;
    },
    gatewayUrl: platform.gatewayUrl,
    namespace,
    admin,
    services,
    gateway: platform.processes["api-gateway"],
    platform,
    nc,
    http: (token) => httpClient(platform.gatewayUrl, token, validator),
    responseViolations: validator.violations,
    async login(username, password) {
      const response = await httpClient(platform.gatewayUrl).post("/v1/auth/login", { username, password });
      if (response.status !== 200 || !response.body?.accessToken) {
        throw new Error(`login of ${username} failed: ${response.status} ${JSON.stringify(response.body)}`);
      }
      return response.body.accessToken as string;
    },
    eventMessages,
    async events(context, filter = {}) {
      const deadline = Date.now() + (filter.timeoutMs ?? 10_000);
      const wanted = filter.count ?? 1;
      for (;;) {
        const events = (await eventMessages(context))
          .map((message) => message.event)
          .filter((event) => !filter.type || event.type === filter.type);
        if (events.length >= wanted || Date.now() > deadline) return events;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async query(service, sql, bindings = []) {
      const result = await poolFor(service).query(sql, bindings);
      return result.rows;
    },
    async stop() {
      // Gateways first, as platform.stop() does, so no request meets a stopped service.
      const gatewaysFirst = [...replicas].sort(
        (a, b) => Number(b.name === "api-gateway") - Number(a.name === "api-gateway"),
      );
      for (const replica of gatewaysFirst) await replica.stop();
      await platform.stop();
      await nc.drain().catch(() => {});
      for (const pool of pools.values()) await pool.end().catch(() => {});
      const cleanupNats = await connect({ servers: natsUrl.split(","), ...natsAdmin });
      try {
        const jsm = await cleanupNats.jetstreamManager();
        for await (const info of jsm.streams.list()) {
          if (streamBelongsToNamespace(namespace, info.config.name)) {
            await jsm.streams.delete(info.config.name).catch(() => {});
          }
        }
      } finally {
        await cleanupNats.close();
      }
      await dropDatabases(adminUrl, Object.values(databases));
      if (validator.violations.length > 0) {
        throw new Error(
          `responses that do not match the OpenAPI document:\n${[...new Set(validator.violations)].join("\n")}`,
        );
      }
    },
  };
  return stack;
}

export type { ManagedProcess, ProcessName };
