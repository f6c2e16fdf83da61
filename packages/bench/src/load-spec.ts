// What the harness asks of the load-generator process (load-worker.ts) and
// what it gets back. Plain JSON both ways: the worker runs in its own
// process so that generating load never competes with the harness's
// measurements on the same event loop.

/** Requests that each change a SIM: assign on even passes over the pool, unassign on odd ones. */
interface AssignPattern {
  type: "assign";
  /** "/v1/sims/" through the gateway, "/sims/" on the baseline server. */
  pathPrefix: string;
  dataset: number;
  poolSize: number;
  companies: string[];
  /**
   * Where in the sequence of changes this run starts (0 for the first run on
   * a side): a later run continues the previous run's count, so that every
   * SIM still alternates assign, unassign, assign….
   */
  firstRequest: number;
}

/** GET requests spread over a list of paths. */
interface PathsPattern {
  type: "paths";
  paths: string[];
}

export interface HttpLoadSpec {
  kind: "http";
  url: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
  headers: Record<string, string>;
  pattern: AssignPattern | PathsPattern;
}

/** One streamed upload of a file (the CSV import). */
export interface UploadSpec {
  kind: "upload";
  url: string;
  file: string;
  headers: Record<string, string>;
}

/** `COPY table (columns) FROM STDIN` of a file straight into PostgreSQL. */
export interface CopySpec {
  kind: "copy";
  databaseUrl: string;
  file: string;
  table: string;
  columns: string[];
}

/** A plain JetStream publish loop with a fixed number of publishes in flight. */
export interface PublishSpec {
  kind: "publish";
  natsUrl: string;
  subject: string;
  count: number;
  inFlight: number;
  payloadBytes: number;
}

/** Requests on a fixed schedule at `ratePerSec` (open loop, see open-loop.ts). */
export interface OpenLoopSpec {
  kind: "open-loop";
  url: string;
  ratePerSec: number;
  durationSec: number;
  /** Keep-alive sockets at most; beyond them requests wait (and that wait counts). */
  maxSockets: number;
  /** A request unanswered this long after its scheduled send is aborted and counted as a timeout. */
  timeoutSec: number;
  headers: Record<string, string>;
  pattern: AssignPattern | PathsPattern;
}

export type LoadSpec = HttpLoadSpec | OpenLoopSpec | UploadSpec | CopySpec | PublishSpec;

export interface Latency {
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}

export interface HttpLoadResult {
  kind: "http";
  requests: number;
  durationSec: number;
  /** Successful (2xx) responses per second. */
  throughput: number;
  latencyMs: Latency;
  statusCounts: Record<string, number>;
  /** Non-2xx responses, socket errors and timeouts. */
  errors: number;
  errorSamples: string[];
  /** 2xx responses during the warm-up (not counted above; their changes still happened). */
  warmupOk: number;
  /** Responses during the warm-up (it falls inside the CPU window). */
  warmupRequests: number;
  /** Wall-clock time (ms since the epoch) when the measured part started. */
  measuredFromEpochMs: number;
  /** Requests generated in this run, warm-up included: where a following assign run continues. */
  nextRequest: number;
}

export interface OpenLoopResult {
  kind: "open-loop";
  /** Requests per second the schedule offered. */
  offeredRate: number;
  scheduled: number;
  sent: number;
  /** From the first scheduled send until the last response (or timeout). */
  durationSec: number;
  /** Successful (2xx) responses per second. */
  throughput: number;
  /** From each request's scheduled send time to the end of its response. */
  latencyMs: Latency;
  /** How late the generator itself sent requests behind their schedule (its own event loop). */
  sendLagMs: Latency;
  maxInFlight: number;
  /** Requests that found every socket busy and waited for one. */
  queuedForSocket: number;
  statusCounts: Record<string, number>;
  /** Non-2xx responses, socket errors and timeouts. */
  errors: number;
  errorSamples: string[];
  /** Where a following assign run continues. */
  nextRequest: number;
}

export interface UploadResult {
  kind: "upload";
  status: number;
  body: unknown;
  durationSec: number;
}

export interface CopyResult {
  kind: "copy";
  rows: number;
  durationSec: number;
}

export interface PublishResult {
  kind: "publish";
  published: number;
  errors: number;
  durationSec: number;
}

/** The load generator's own CPU time and peak memory (it has exited when the harness looks). */
export interface WorkerUsage {
  cpuSeconds: number;
  maxRssMiB: number;
}

export type LoadResult = (HttpLoadResult | OpenLoopResult | UploadResult | CopyResult | PublishResult) & {
  usage?: WorkerUsage;
};

export function percentile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export function latencySummary(values: number[] | Float64Array): Latency {
  const sorted = Float64Array.from(values).sort();
  let sum = 0;
  for (const value of sorted) sum += value;
  const r = (value: number) => Math.round(value * 100) / 100;
  return {
    p50: r(percentile(sorted, 50)),
    p95: r(percentile(sorted, 95)),
    p99: r(percentile(sorted, 99)),
    max: r(sorted.length ? sorted[sorted.length - 1]! : 0),
    mean: r(sorted.length ? sum / sorted.length : 0),
  };
}
