// The bench's surroundings: PostgreSQL (the local server, else embedded),
// NATS (the local server, else one started from PATH), fresh databases and a
// NATS namespace of its own, the platform started exactly as `pnpm start`
// starts it, and an authenticated HTTP client for seeding.
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { streamBelongsToNamespace, streamName } from "@simhub/contracts";
import {
  type BackendServiceName,
  backendServices,
  canConnectPostgres,
  databaseUrl,
  dropDatabases,
  ensureDatabases,
  type ProcessName,
  type RunningPlatform,
  repoRoot,
  resolveNats,
  type Started,
  startEmbeddedPostgres,
  startOrder,
  startPlatform,
} from "@simhub/launcher";
import { connect } from "nats";
import pg from "pg";

const LOCAL_POSTGRES = "postgres://postgres@127.0.0.1:5432/postgres";

export interface Infrastructure {
  postgres: Started;
  nats: Started;
}

export async function provideInfrastructure(log: (message: string) => void): Promise<Infrastructure> {
  const given = process.env.BENCH_DATABASE_URL ?? process.env.DATABASE_URL;
  let postgres: Started;
  if (given) postgres = { url: given, origin: "BENCH_DATABASE_URL/DATABASE_URL", stop: async () => {} };
  else if (await canConnectPostgres(LOCAL_POSTGRES)) {
    postgres = { url: LOCAL_POSTGRES, origin: "local PostgreSQL 127.0.0.1:5432", stop: async () => {} };
  } else {
    postgres = await startEmbeddedPostgres(join(repoRoot, ".data", "bench-postgres"));
  }
  log(`PostgreSQL: ${postgres.origin}`);
  const nats = await resolveNats({
    url: process.env.NATS_URL,
    storeDir: join(repoRoot, ".data", "bench-nats"),
  });
  log(`NATS: ${nats.origin}`);
  return { postgres, nats };
}

export interface BenchDatabases {
  services: Record<BackendServiceName, string>;
  baseline: string;
  names: string[];
}

export async function createDatabases(adminUrl: string, runId: string): Promise<BenchDatabases> {
  const names = Object.fromEntries(
    backendServices.map((service) => [service.name, `bench_${runId}_${service.context}`]),
  ) as Record<BackendServiceName, string>;
  const baselineName = `bench_${runId}_baseline`;
  const all = [...Object.values(names), baselineName];
  await ensureDatabases(adminUrl, all);
  return {
    services: Object.fromEntries(
      Object.entries(names).map(([service, name]) => [service, databaseUrl(adminUrl, name)]),
    ) as Record<BackendServiceName, string>,
    baseline: databaseUrl(adminUrl, baselineName),
    names: all,
  };
}

export async function dropBenchDatabases(adminUrl: string, names: string[]): Promise<void> {
  await dropDatabases(adminUrl, names);
}

/** The PostgreSQL backends serving the given databases, each with its database (for their CPU time). */
export function postgresBackends(
  adminUrl: string,
  databases: string[],
): () => Promise<{ pid: number; database: string }[]> {
  // One connection for all the polls of a window; it closes itself when idle.
  const pool = new pg.Pool({
    connectionString: adminUrl,
    max: 1,
    idleTimeoutMillis: 1_000,
    allowExitOnIdle: true,
  });
  return async () => {
    const { rows } = await pool.query<{ pid: number; database: string }>(
      "SELECT pid, datname AS database FROM pg_stat_activity WHERE datname = ANY($1::text[]) AND pid <> pg_backend_pid()",
      [databases],
    );
    return rows;
  };
}

export interface PlatformHandle {
  platform: RunningPlatform;
  /** Milliseconds from the first spawn to every process answering /readyz. */
  startMs: number;
  pids(): Record<ProcessName, number>;
  /** Processes that exited while they should have been running. */
  crashes: string[];
  /**
   * Stops every process, changes their environment (undefined removes a
   * variable) and starts them again, waiting until all are ready: the same
   * databases, streams and ports, other settings (the traced assign run).
   */
  restartWith(env: Record<string, string | undefined>): Promise<void>;
  stop(): Promise<void>;
}

export interface PlatformSettings {
  databaseUrls: Record<BackendServiceName, string>;
  natsUrl: string;
  namespace: string;
  adminPassword: string;
  logLevel: string;
  profileDir: string | undefined;
  processEnv: Record<string, Record<string, string>>;
}

export async function launchPlatform(settings: PlatformSettings): Promise<PlatformHandle> {
  const envFor: Partial<Record<ProcessName, Record<string, string>>> = {
    // The load comes from one address with one token: the limits would measure themselves.
    "api-gateway": { RATE_LIMIT_PER_CALLER: "0", RATE_LIMIT_PER_ADDRESS: "0" },
    // The webhook fan-out delivers to receivers of the bench's own on loopback.
    "webhook-service": { WEBHOOK_ALLOW_HTTP: "true", WEBHOOK_ALLOWED_CIDRS: "127.0.0.0/8" },
  };
  for (const [name, variables] of Object.entries(settings.processEnv)) {
    if (!(startOrder as string[]).includes(name)) throw new Error(`--set: no process named ${name}`);
    envFor[name as ProcessName] = { ...envFor[name as ProcessName], ...variables };
  }
  if (settings.profileDir) {
    for (const name of startOrder) {
      envFor[name] = {
        ...envFor[name],
        NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${join(settings.profileDir, name)}`,
      };
    }
  }
  const started = performance.now();
  const platform = await startPlatform({
    databaseUrls: settings.databaseUrls,
    natsUrl: settings.natsUrl,
    namespace: settings.namespace,
    adminUsername: "admin",
    adminPassword: settings.adminPassword,
    logLevel: settings.logLevel,
    ports: "random",
    output: "capture",
    envFor,
  });
  const startMs = performance.now() - started;
  const crashes: string[] = [];
  let stopping = false;
  const watchForCrashes = () => {
    for (const name of startOrder) {
      const managed = platform.processes[name];
      const child = managed.child;
      child?.once("exit", (code, signal) => {
        if (stopping || managed.child !== child) return;
        crashes.push(
          `${name} exited (code ${code}, signal ${signal}):\n${managed.recentOutput.slice(-20).join("\n")}`,
        );
      });
    }
  };
  watchForCrashes();
  return {
    platform,
    startMs,
    crashes,
    async restartWith(env) {
      stopping = true;
      try {
        for (const name of [...startOrder].reverse()) await platform.processes[name].stop();
      } finally {
        stopping = false;
      }
      for (const name of startOrder) {
        const processEnv = platform.processes[name].env;
        for (const [variable, value] of Object.entries(env)) {
          if (value === undefined) delete processEnv[variable];
          else processEnv[variable] = value;
        }
        await platform.processes[name].start();
      }
      watchForCrashes();
      for (const name of startOrder) await platform.processes[name].waitReady(60_000);
    },
    pids: () =>
      Object.fromEntries(
        startOrder.map((name) => [name, platform.processes[name].child?.pid ?? 0]),
      ) as Record<ProcessName, number>,
    async stop() {
      stopping = true;
      await platform.stop();
    },
  };
}

export function newRunId(): string {
  return randomBytes(4).toString("hex");
}

export async function deleteNamespaceStreams(natsUrl: string, namespace: string): Promise<void> {
  const nc = await connect({ servers: natsUrl, name: `bench-cleanup-${namespace}` });
  try {
    const jsm = await nc.jetstreamManager();
    for await (const info of jsm.streams.list()) {
      if (streamBelongsToNamespace(namespace, info.config.name)) {
        await jsm.streams.delete(info.config.name).catch(() => {});
      }
    }
  } finally {
    await nc.close();
  }
}

export { streamName };

export interface ApiResponse {
  status: number;
  body: unknown;
}

/** A small authenticated client for seeding (not for measuring: that is the load worker's job). */
export class Api {
  readonly baseUrl: string;
  private readonly username: string;
  private readonly password: string;
  private token = "";
  private tokenAt = 0;

  constructor(baseUrl: string, username: string, password: string) {
    this.baseUrl = baseUrl;
    this.username = username;
    this.password = password;
  }

  private login: Promise<string> | undefined;

  /**
   * A fresh enough access token (logs in again after five minutes). Callers
   * in parallel share one login: 32 seeding requests renewing at once would
   * otherwise be 32 logins, and the identity service's brute-force limits
   * take a burst like that for an attack.
   */
  accessToken(): Promise<string> {
    if (this.token && Date.now() - this.tokenAt < 5 * 60_000) return Promise.resolve(this.token);
    this.login ??= this.logIn().finally(() => {
      this.login = undefined;
    });
    return this.login;
  }

  private async logIn(): Promise<string> {
    const response = await this.send(
      "POST",
      "/v1/auth/login",
      { username: this.username, password: this.password },
      false,
    );
    const accessToken = (response.body as { accessToken?: unknown } | undefined)?.accessToken;
    if (response.status !== 200 || typeof accessToken !== "string") {
      throw new Error(`login failed: ${response.status} ${JSON.stringify(response.body)}`);
    }
    this.token = accessToken;
    this.tokenAt = Date.now();
    return this.token;
  }

  async send(method: string, path: string, body?: unknown, auth = true): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    if (auth) headers.authorization = `Bearer ${await this.accessToken()}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON
    }
    return { status: response.status, body: parsed };
  }

  /** The response body of a call that must answer `status` (the resource's id and name are what seeding needs). */
  async expect(
    method: string,
    path: string,
    body: unknown,
    status: number,
  ): Promise<{ id: string; name: string }> {
    const response = await this.send(method, path, body);
    if (response.status !== status) {
      throw new Error(
        `${method} ${path}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`,
      );
    }
    return response.body as { id: string; name: string };
  }
}

/** Runs `task(i)` for i in [0, count) with at most `concurrency` at a time. */
export async function inParallel(count: number, concurrency: number, task: (i: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < count) await task(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}
