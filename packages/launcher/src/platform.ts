// Starts simhub's processes (four services and the gateway), each as its own
// Node process, waits until every one answers /readyz, and stops them in
// reverse order. Used by `pnpm start`, the test harness and the benchmarks.
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { formatLogLine } from "./log-format.ts";
import { freePort } from "./ports.ts";
import {
  addressVariables,
  type BackendServiceName,
  backendServices,
  compileCacheDir,
  gatewayDefaultPort,
  heapCapFor,
  type ProcessName,
  processRuntimeDefaults,
  startOrder,
  v8FlagsFor,
} from "./topology.ts";

export const repoRoot = fileURLToPath(new URL("../../../", import.meta.url));

export type OutputMode = "pretty" | "json" | "capture";

export interface PlatformOptions {
  /** One URL per service database. */
  databaseUrls: Record<BackendServiceName, string>;
  natsUrl: string;
  /**
   * NATS users per process (a nats-server running deploy/nats/simhub-auth.conf,
   * see nats-auth.ts); none: every process connects without credentials.
   */
  natsUsers?: Partial<Record<ProcessName, { user: string; pass: string }>>;
  namespace?: string;
  adminUsername?: string;
  adminPassword: string;
  logLevel?: string;
  /** "default" uses the documented ports; "random" picks free ones (tests run stacks side by side). */
  ports?: "default" | "random";
  output?: OutputMode;
  /** Extra environment for every process, or per process. */
  env?: Record<string, string>;
  envFor?: Partial<Record<ProcessName, Record<string, string>>>;
  readyTimeoutMs?: number;
}

export interface ManagedProcess {
  name: ProcessName;
  env: Record<string, string>;
  httpUrl: string;
  grpcAddress?: string;
  child: ChildProcess | undefined;
  /** Last lines of output, kept for failure reports. */
  recentOutput: string[];
  start(): Promise<void>;
  /** SIGTERM, then SIGKILL after the grace period. Resolves when the process has exited. */
  stop(graceMs?: number): Promise<number | null>;
  kill(signal?: NodeJS.Signals): Promise<number | null>;
  waitReady(timeoutMs?: number): Promise<void>;
  /** Stops (SIGTERM, or `signal` such as SIGKILL), starts again with the same environment and ports, waits until ready. */
  restart(options?: { signal?: NodeJS.Signals; downMs?: number; readyTimeoutMs?: number }): Promise<void>;
  /**
   * Another instance of the same process against the same databases and NATS,
   * on ports of its own (extra environment overrides, e.g. which replica of a
   * service a gateway replica calls). Not started.
   */
  replica(env?: Record<string, string>): Promise<ManagedProcess>;
}

export interface RunningPlatform {
  gatewayUrl: string;
  processes: Record<ProcessName, ManagedProcess>;
  stop(): Promise<void>;
}

function entryPoint(name: ProcessName): string {
  return `${repoRoot}services/${name}/src/main.ts`;
}

async function waitForReady(url: string, process: ManagedProcess, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (process.child && process.child.exitCode !== null) {
      throw new Error(
        `${process.name} exited with code ${process.child.exitCode} before it was ready:\n${process.recentOutput.join("\n")}`,
      );
    }
    try {
      const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1_000) });
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${process.name} was not ready within ${timeoutMs} ms:\n${process.recentOutput.join("\n")}`,
  );
}

function createManagedProcess(
  name: ProcessName,
  env: Record<string, string>,
  httpUrl: string,
  output: OutputMode,
  grpcAddress?: string,
): ManagedProcess {
  const managed: ManagedProcess = {
    name,
    env,
    httpUrl,
    ...(grpcAddress ? { grpcAddress } : {}),
    child: undefined,
    recentOutput: [],
    async start() {
      const inheritedOptions = env.NODE_OPTIONS ?? process.env.NODE_OPTIONS;
      const child = spawn(process.execPath, [...v8FlagsFor(name), entryPoint(name)], {
        cwd: repoRoot,
        env: {
          MALLOC_ARENA_MAX: processRuntimeDefaults.MALLOC_ARENA_MAX,
          NODE_COMPILE_CACHE: compileCacheDir(repoRoot),
          ...process.env,
          ...env,
          NODE_OPTIONS: [processRuntimeDefaults.NODE_OPTIONS, heapCapFor(name), inheritedOptions]
            .filter(Boolean)
            .join(" "),
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      managed.child = child;
      const onData = (chunk: Buffer) => {
        for (const line of chunk.toString("utf8").split("\n")) {
          if (!line) continue;
          managed.recentOutput.push(line);
          if (managed.recentOutput.length > 200) managed.recentOutput.shift();
          if (output === "pretty") process.stdout.write(`${formatLogLine(name, line)}\n`);
          else if (output === "json") process.stdout.write(`${line}\n`);
        }
      };
      child.stdout?.on("data", onData);
      child.stderr?.on("data", onData);
    },
    waitReady(timeoutMs = 30_000) {
      return waitForReady(httpUrl, managed, timeoutMs);
    },
    async stop(graceMs = 30_000) {
      const child = managed.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
    async kill(signal: NodeJS.Signals = "SIGKILL") {
      const child = managed.child;
      if (!child || child.exitCode !== null || child.signalCode !== null) return child?.exitCode ?? null;
      const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
      child.kill(signal);
      return exited;
    },
    async restart(options = {}) {
      if (!options.signal || options.signal === "SIGTERM") await managed.stop();
      else await managed.kill(options.signal);
      if (options.downMs) await new Promise((resolve) => setTimeout(resolve, options.downMs));
      await managed.start();
      await managed.waitReady(options.readyTimeoutMs);
    },
    async replica(extraEnv = {}) {
      const http = await freePort();
      const grpc = grpcAddress ? await freePort() : undefined;
      const ports: Record<string, string> =
        grpc === undefined ? { PORT: String(http) } : { GRPC_PORT: String(grpc), HTTP_PORT: String(http) };
      return createManagedProcess(
        name,
        { ...env, ...ports, ...extraEnv },
        `http://127.0.0.1:${http}`,
        output,
        grpc === undefined ? undefined : `127.0.0.1:${grpc}`,
      );
    },
  };
  return managed;
}

export async function startPlatform(options: PlatformOptions): Promise<RunningPlatform> {
  // A free port is picked before the process binds it; on a busy machine
  // another process may take it in between. Start again on fresh ports then.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startPlatformOnce(options);
    } catch (error) {
      const portTaken = String(error instanceof Error ? error.message : error).includes("EADDRINUSE");
      if (!portTaken || options.ports !== "random" || attempt >= 3) throw error;
    }
  }
}

async function startPlatformOnce(options: PlatformOptions): Promise<RunningPlatform> {
  const random = options.ports === "random";
  const output = options.output ?? "pretty";
  const ports = new Map<ProcessName, { grpc: number; http: number }>();
  for (const service of backendServices) {
    ports.set(service.name, {
      grpc: random ? await freePort() : service.grpcPort,
      http: random ? await freePort() : service.httpPort,
    });
  }
  const gatewayPort = random ? await freePort() : gatewayDefaultPort;
  ports.set("api-gateway", { grpc: 0, http: gatewayPort });

  const identityHttp = ports.get("identity-service")!.http;
  const common: Record<string, string> = {
    NATS_URL: options.natsUrl,
    EVENT_NAMESPACE: options.namespace ?? "",
    LOG_LEVEL: options.logLevel ?? "info",
    JWKS_URL: `http://127.0.0.1:${identityHttp}/.well-known/jwks.json`,
    ...Object.fromEntries(
      backendServices.map((service) => [
        addressVariables[service.name],
        `127.0.0.1:${ports.get(service.name)!.grpc}`,
      ]),
    ),
    ...options.env,
  };

  // The gateway's service identity towards identity-service, new for every start.
  const gatewayServiceKey = options.env?.GATEWAY_SERVICE_KEY ?? randomBytes(32).toString("base64url");
  // usage-service's key towards sim-service (lookups of records from NATS), new for every start.
  const usageServiceKey = options.env?.USAGE_SERVICE_KEY ?? randomBytes(32).toString("base64url");
  // rule-service's identity towards sim-service (its rule actions), likewise.
  const ruleServiceKey = options.env?.RULE_SERVICE_KEY ?? randomBytes(32).toString("base64url");
  const natsEnv = (name: ProcessName): Record<string, string> => {
    const credentials = options.natsUsers?.[name];
    return credentials ? { NATS_USER: credentials.user, NATS_PASSWORD: credentials.pass } : {};
  };

  const processes = {} as Record<ProcessName, ManagedProcess>;
  for (const service of backendServices) {
    const { grpc, http } = ports.get(service.name)!;
    const env: Record<string, string> = {
      ...common,
      DATABASE_URL: options.databaseUrls[service.name],
      GRPC_PORT: String(grpc),
      HTTP_PORT: String(http),
      ...natsEnv(service.name),
      ...(service.name === "identity-service"
        ? {
            SIMHUB_ADMIN_USERNAME: options.adminUsername ?? "admin",
            SIMHUB_ADMIN_PASSWORD: options.adminPassword,
            GATEWAY_SERVICE_KEY: gatewayServiceKey,
          }
        : {}),
      ...(service.name === "sim-service" || service.name === "usage-service"
        ? { USAGE_SERVICE_KEY: usageServiceKey }
        : {}),
      ...(service.name === "sim-service" || service.name === "rule-service"
        ? { RULE_SERVICE_KEY: ruleServiceKey }
        : {}),
      ...options.envFor?.[service.name],
    };
    processes[service.name] = createManagedProcess(
      service.name,
      env,
      `http://127.0.0.1:${http}`,
      output,
      `127.0.0.1:${grpc}`,
    );
  }
  processes["api-gateway"] = createManagedProcess(
    "api-gateway",
    {
      ...common,
      PORT: String(gatewayPort),
      GATEWAY_SERVICE_KEY: gatewayServiceKey,
      ...natsEnv("api-gateway"),
      ...options.envFor?.["api-gateway"],
    },
    `http://127.0.0.1:${gatewayPort}`,
    output,
  );

  const stop = async () => {
    for (const name of [...startOrder].reverse()) await processes[name].stop();
  };
  try {
    // All start at once; readiness is awaited in dependency order.
    for (const name of startOrder) await processes[name].start();
    for (const name of startOrder) await processes[name].waitReady(options.readyTimeoutMs ?? 60_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return { gatewayUrl: `http://127.0.0.1:${gatewayPort}`, processes, stop };
}
