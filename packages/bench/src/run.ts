// One bench run: starts PostgreSQL/NATS (or uses the local ones), fresh
// databases and a NATS namespace, the platform as `pnpm start` runs it and
// the naive baseline server; seeds through the API; runs every scenario
// against simhub and its baseline (assign, list and detail twice per side:
// saturated, then open loop at a fixed offered rate); cleans everything up.

import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import { cpus, freemem, loadavg, release, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { namespacedSubject } from "@simhub/contracts";
import { backendServices } from "@simhub/launcher";
import { connect, type NatsConnection, nanos, RetentionPolicy, StorageType } from "nats";
import { type BaselineServer, prepareBaselineDatabase, startBaselineServer } from "./baseline.ts";
import { DATASET, iccidOf, writeCsvFile } from "./dataset.ts";
import {
  Api,
  type BenchDatabases,
  createDatabases,
  deleteNamespaceStreams,
  dropBenchDatabases,
  type Infrastructure,
  inParallel,
  launchPlatform,
  newRunId,
  type PlatformHandle,
  type PlatformSettings,
  postgresBackends,
  provideInfrastructure,
  streamName,
} from "./environment.ts";
import { startEventProbe, waitForConsumers } from "./events.ts";
import { type ImportPhases, watchImportPhases } from "./import-phases.ts";
import { type LoadRun, startLoad } from "./load.ts";
import {
  type HttpLoadResult,
  type HttpLoadSpec,
  type Latency,
  type LoadSpec,
  latencySummary,
  type OpenLoopSpec,
} from "./load-spec.ts";
import type { BenchOptions, ScenarioGroup } from "./options.ts";
import { onlyProcessNamed, openUsageWindow, round, type UsageWindow, type WindowResult } from "./proc.ts";
import {
  type BenchResults,
  MAX_ERROR_RATE,
  type MachineInfo,
  type OpenLoopSide,
  overloadAnswers,
  type ScenarioResult,
  type Side,
} from "./results.ts";
import { ruleEvaluation } from "./rules.ts";
import { assignAllSimsWithSql, baselineSimsFromCopyTable, truncateCopyTables, withClient } from "./seed.ts";
import {
  combine,
  costGrowthCheck,
  cpuRatioOf,
  peakRssCheck,
  type RequestScenario,
  requestChecks,
} from "./targets.ts";
import { usageIngestion } from "./usage.ts";
import { webhookFanOut } from "./webhooks.ts";

export interface RunHooks {
  log(message: string): void;
  /** Registers cleanup to run if the process is interrupted. */
  onInterrupt?(cleanup: () => Promise<void>): void;
}

export function machineInfo(): MachineInfo {
  let cpuModel = cpus()[0]?.model ?? "unknown";
  try {
    cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? cpuModel;
  } catch {
    // not Linux
  }
  return {
    nproc: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    cpuModel,
    node: process.version,
    os: `${process.platform} ${release()}`,
    loadAverage: loadavg(),
  };
}

interface Context {
  options: BenchOptions;
  log: (message: string) => void;
  scratch: string;
  infra: Infrastructure;
  namespace: string;
  dbs: BenchDatabases;
  settings: PlatformSettings;
  handle: PlatformHandle;
  api: Api;
  nc: NatsConnection;
  baseline: BaselineServer;
  org: { id: string; name: string };
  companies: { id: string; name: string }[];
  serviceDatabaseNames: string[];
  baselineDatabaseName: string;
}

type Measured = Omit<
  Side,
  "processes" | "postgresCpuSeconds" | "machineCpuBusyCores" | "windowSec" | "cpuPerOp" | "openLoop"
> & {
  /** Operations inside the CPU window (warm-up included), and how one is named. */
  operations?: { count: number; unit: "request" | "row" | "event"; includeLoad?: boolean };
};

/** The machine's NATS server, tracked when the bench's NATS runs on this machine. */
const NATS_SERVER = "nats-server";

/** One server on this machine (a NATS_URL may name several, or none with a scheme: then not). */
function isLocal(url: string): boolean {
  if (!URL.canParse(url) || url.includes(",")) return false;
  const { hostname } = new URL(url);
  return hostname === "127.0.0.1" || hostname === "localhost" || hostname === "[::1]";
}

/** Server-side CPU (everything but the load generator and the broker, plus PostgreSQL) per operation, in total and by process. */
function cpuPerOp(usage: WindowResult, operations: Measured["operations"]): Side["cpuPerOp"] {
  if (!operations || operations.count <= 0) return null;
  const perRequest = operations.unit === "request";
  const scale = perRequest ? 1000 : 1e6;
  const digits = perRequest ? 2 : 1;
  const byProcess: Record<string, number> = {};
  let seconds = 0;
  const add = (name: string, cpuSeconds: number, counted = true) => {
    if (counted) seconds += cpuSeconds;
    byProcess[name] = round((cpuSeconds * scale) / operations.count, digits);
  };
  for (const [name, process] of Object.entries(usage.processes)) {
    if (name === NATS_SERVER) add(name, process.cpuSeconds, false);
    else if (name !== "load" || operations.includeLoad) add(name, process.cpuSeconds);
  }
  if (usage.postgresCpuSeconds !== null) add("postgres", usage.postgresCpuSeconds);
  // PostgreSQL's share by database (bench_<run>_<context>), already counted in "postgres".
  for (const [database, cpuSeconds] of Object.entries(usage.postgresCpuSecondsByDatabase ?? {})) {
    add(`postgres:${database.slice(database.lastIndexOf("_") + 1)}`, cpuSeconds, false);
  }
  return {
    value: round((seconds * scale) / operations.count, digits),
    unit: perRequest ? "ms/req" : `µs/${operations.unit}`,
    byProcess,
  };
}

/** Runs `work` inside a CPU/RSS window over one side's processes. */
async function measure(
  context: Context,
  side: "simhub" | "baseline",
  work: (window: UsageWindow) => Promise<Measured>,
): Promise<Side & { window: WindowResult; timelines: Record<string, [number, number][]> }> {
  const pids: Record<string, number> =
    side === "simhub" ? { ...context.handle.pids() } : { baseline: context.baseline.pid };
  const databases = side === "simhub" ? context.serviceDatabaseNames : [context.baselineDatabaseName];
  const window = await openUsageWindow(pids, {
    postgresBackends: postgresBackends(context.infra.postgres.url, databases),
  });
  // The broker's CPU is shown beside simhub's (every event crosses it) but
  // not counted in CPU per operation: it is the machine's shared server, not
  // a simhub process, and earlier figures left it out.
  const broker =
    side === "simhub" && isLocal(context.infra.nats.url) ? onlyProcessNamed(NATS_SERVER) : undefined;
  if (broker !== undefined) window.add(NATS_SERVER, broker, false);
  const measured = await work(window);
  const usage = await window.stop();
  const timelines = Object.fromEntries(Object.keys(pids).map((name) => [name, window.timeline(name)]));
  const { operations, ...rest } = measured;
  return {
    ...rest,
    cpuPerOp: cpuPerOp(usage, operations),
    processes: usage.processes,
    postgresCpuSeconds: usage.postgresCpuSeconds,
    machineCpuBusyCores: usage.machineCpuBusyCores,
    windowSec: usage.wallSeconds,
    window: usage,
    timelines,
  };
}

function plainSide(side: Side & { window?: unknown; timelines?: unknown }): Side {
  const { window: _window, timelines: _timelines, ...rest } = side;
  return rest;
}

/**
 * Two runs of the same baseline as one side: rate, duration and CPU per
 * operation averaged; the per-process figures are the first run's.
 */
function meanOfRuns<S extends Side>(first: S, second: Side): S {
  const mean = (a: number, b: number) => (a + b) / 2;
  const cpuPerOp =
    first.cpuPerOp && second.cpuPerOp
      ? {
          ...first.cpuPerOp,
          value: round(mean(first.cpuPerOp.value, second.cpuPerOp.value), 3),
          byProcess: Object.fromEntries(
            Object.entries(first.cpuPerOp.byProcess).map(([name, value]) => [
              name,
              round(mean(value, second.cpuPerOp?.byProcess[name] ?? value), 3),
            ]),
          ),
        }
      : first.cpuPerOp;
  return {
    ...first,
    value: Math.round(mean(first.value, second.value)),
    durationSec: round(mean(first.durationSec, second.durationSec), 2),
    cpuPerOp,
  };
}

async function runHttpLoad(
  context: Context,
  window: UsageWindow,
  spec: HttpLoadSpec,
): Promise<HttpLoadResult> {
  return awaitLoad(window, startLoad(spec, context.scratch));
}

/** Tracks the load generator in the window and records its own CPU/RSS figures when it is done. */
async function awaitLoad<S extends LoadSpec>(window: UsageWindow, run: LoadRun<S>) {
  window.add("load", run.pid);
  const result = await run.result;
  if (result.usage)
    window.settle("load", { cpuSeconds: result.usage.cpuSeconds, peakRssMiB: result.usage.maxRssMiB });
  return result;
}

function httpMeasured(result: HttpLoadResult): Measured {
  return {
    value: result.throughput,
    unit: "req/s",
    latencyMs: result.latencyMs,
    requests: result.requests,
    errors: result.errors,
    statusCounts: result.statusCounts,
    errorSamples: result.errorSamples,
    durationSec: result.durationSec,
    operations: { count: result.requests + result.warmupRequests, unit: "request" },
  };
}

/**
 * An open-loop request unanswered this long after its scheduled send is
 * aborted and counted as a timeout: far above every latency target (≤ 100
 * ms), and short enough that a side offered more than it can serve still
 * ends its run within seconds of the schedule instead of draining a queue.
 */
const OPEN_LOOP_TIMEOUT_SEC = 10;

type OpenLoopTarget = Omit<OpenLoopSpec, "kind" | "ratePerSec" | "durationSec" | "maxSockets" | "timeoutSec">;

/**
 * One side's open-loop run at `ratePerSec` (see open-loop.ts), measured like
 * the saturated runs; null when --open-loop-sec=0 or there is no rate to offer.
 */
async function openLoopRun(
  context: Context,
  side: "simhub" | "baseline",
  ratePerSec: number,
  target: OpenLoopTarget,
): Promise<{ side: OpenLoopSide; nextRequest: number } | null> {
  const { options } = context;
  if (options.openLoopSec <= 0 || !(ratePerSec > 0)) return null;
  let nextRequest = 0;
  let extra!: Pick<
    OpenLoopSide,
    "offeredRate" | "scheduled" | "sendLagMs" | "maxInFlight" | "queuedForSocket"
  >;
  const measured = await measure(context, side, async (window) => {
    const spec: OpenLoopSpec = {
      kind: "open-loop",
      ...target,
      ratePerSec,
      durationSec: options.openLoopSec,
      maxSockets: options.openLoopSockets,
      timeoutSec: OPEN_LOOP_TIMEOUT_SEC,
    };
    const result = await awaitLoad(window, startLoad(spec, context.scratch));
    nextRequest = result.nextRequest;
    const { offeredRate, scheduled, sendLagMs, maxInFlight, queuedForSocket } = result;
    extra = { offeredRate, scheduled, sendLagMs, maxInFlight, queuedForSocket };
    return {
      value: result.throughput,
      unit: "req/s",
      latencyMs: result.latencyMs,
      requests: result.sent,
      errors: result.errors,
      statusCounts: result.statusCounts,
      errorSamples: result.errorSamples,
      durationSec: result.durationSec,
      operations: { count: result.sent, unit: "request" },
    };
  });
  return { side: { ...plainSide(measured), ...extra }, nextRequest };
}

/** The offered rate of the open-loop runs: a share of the baseline's saturated throughput in this run. */
function offeredRate(context: Context, baselineThroughput: number): number {
  return Math.round(((baselineThroughput * context.options.openLoopRatePercent) / 100) * 10) / 10;
}

/** Issue 13 asks the table to say so when assign reaches the baseline's throughput. */
function reachesBaseline(target: ReturnType<typeof combine>, reached: boolean) {
  return reached ? { ...target, description: `${target.description}; ≥ 1.0× reached` } : target;
}

/** The row's target from its figures (see targets.ts). */
function requestTarget(kind: RequestScenario, simhub: Side, baseline: Side) {
  return requestChecks(kind, {
    throughputRatio: ratio(simhub.value, baseline.value),
    cpuRatio: cpuRatioOf({ simhub, baseline }),
    openLoopP99Ms: simhub.openLoop?.latencyMs?.p99 ?? null,
  });
}

function scenario(
  parts: Omit<ScenarioResult, "requests" | "errors" | "errorRate" | "notes" | "details" | "cpuRatio"> & {
    details?: Record<string, unknown>;
    notes?: string[];
    requests?: number;
    errors?: number;
  },
): ScenarioResult {
  // Open-loop requests count for the error rate like the saturated runs'
  // requests, except the answers of a side offered more than it can serve
  // (timeouts, the gateway's 503/504; see overloadAnswers): that is a missed
  // latency target, reported in the open-loop table, not a failed run.
  const closed = [parts.simhub, parts.baseline];
  const open = [parts.simhub.openLoop, parts.baseline?.openLoop];
  const requests =
    parts.requests ?? [...closed, ...open].reduce((sum, side) => sum + (side?.requests ?? 0), 0);
  const errors =
    parts.errors ??
    closed.reduce((sum, side) => sum + (side?.errors ?? 0), 0) +
      open.reduce((sum, side) => sum + (side ? side.errors - overloadAnswers(side) : 0), 0);
  return {
    ...parts,
    simhub: plainSide(parts.simhub),
    baseline: parts.baseline ? plainSide(parts.baseline) : null,
    cpuRatio: cpuRatioOf(parts),
    requests,
    errors,
    errorRate: requests > 0 ? errors / requests : 0,
    details: parts.details ?? {},
    notes: parts.notes ?? [],
  };
}

const ratio = (a: number, b: number) => (b > 0 ? round(a / b, 2) : null);

async function token(context: Context): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await context.api.accessToken()}` };
}

// ---------------------------------------------------------------- seeding

async function seed(context: Context, seeding: Record<string, unknown>) {
  const { api, options, log } = context;
  const org = await api.expect("POST", "/v1/organizations", { name: "Bench Mobile" }, 201);
  context.org = { id: org.id, name: org.name };
  // The webhook fan-out and the usage ingestion need only the organization.
  if (options.only?.every((group) => group === "webhooks" || group === "usage")) return;

  log(`seeding ${options.companies} companies through the API (${options.seedConcurrency} at a time)`);
  const companiesStarted = performance.now();
  const companies: { id: string; name: string }[] = new Array(options.companies);
  await inParallel(options.companies, options.seedConcurrency, async (i) => {
    const name = `Bench Company ${String(i).padStart(5, "0")}`;
    const company = await api.expect("POST", `/v1/organizations/${org.id}/companies`, { name }, 201);
    companies[i] = { id: company.id, name };
  });
  context.companies = companies;
  const companiesSec = (performance.now() - companiesStarted) / 1000;
  seeding.companies = {
    count: options.companies,
    seconds: round(companiesSec, 2),
    perSecond: Math.round(options.companies / companiesSec),
  };

  log(`seeding ${options.poolSims} SIMs through the CSV import`);
  const poolFile = join(context.scratch, "pool.csv");
  await writeCsvFile(poolFile, DATASET.pool, options.poolSims, true);
  const upload = await startLoad(
    {
      kind: "upload",
      url: `${context.handle.platform.gatewayUrl}/v1/organizations/${org.id}/sims/import`,
      file: poolFile,
      headers: { ...(await token(context)), "content-type": "text/csv" },
    },
    context.scratch,
  ).result;
  const imported = (upload.body as { imported?: number })?.imported;
  if (upload.status !== 201 || imported !== options.poolSims) {
    throw new Error(`seeding import failed: ${upload.status} ${JSON.stringify(upload.body).slice(0, 500)}`);
  }
  seeding.poolImport = {
    rows: imported,
    seconds: upload.durationSec,
    rowsPerSecond: Math.round(imported / upload.durationSec),
  };

  await prepareBaselineDatabase(context.dbs.baseline, context.org, companies);
  const copied = await startLoad(
    {
      kind: "copy",
      databaseUrl: context.dbs.baseline,
      file: poolFile,
      table: "sims_copy",
      columns: ["iccid", "imsi", "msisdn"],
    },
    context.scratch,
  ).result;
  if (copied.rows !== options.poolSims) throw new Error(`baseline seeding copied ${copied.rows} rows`);
  await baselineSimsFromCopyTable(context.dbs.baseline, org.id);
}

// ---------------------------------------------------------------- scenario 1 + 4a

async function assignScenario(context: Context): Promise<{ results: ScenarioResult[]; nextRequest: number }> {
  const { options } = context;
  const companies = context.companies.slice(0, options.assignCompanies).map((company) => company.id);
  const pattern = (pathPrefix: string, firstRequest: number) =>
    ({
      type: "assign",
      pathPrefix,
      dataset: DATASET.pool,
      poolSize: options.poolSims,
      companies,
      firstRequest,
    }) as const;
  const spec = (url: string, pathPrefix: string, headers: Record<string, string>): HttpLoadSpec => ({
    kind: "http",
    url,
    connections: options.connections,
    durationSec: options.assignDurationSec,
    warmupSec: options.warmupSec,
    headers,
    pattern: pattern(pathPrefix, 0),
  });

  const stream = streamName(context.namespace, "sim");
  // One filter subject at most: NATS servers before 2.10 know no multi-subject filters.
  const probe = await startEventProbe(context.nc, stream, {
    match: (event) => event.type === "SimAssigned" || event.type === "SimUnassigned",
  });
  let result!: HttpLoadResult;
  const simhub = await measure(context, "simhub", async (window) => {
    result = await runHttpLoad(
      context,
      window,
      spec(context.handle.platform.gatewayUrl, "/v1/sims/", await token(context)),
    );
    return httpMeasured(result);
  });
  // Every successful change published exactly one event: wait for the stragglers.
  const succeeded =
    result.warmupOk +
    Object.entries(result.statusCounts)
      .filter(([status]) => /^2\d\d$/.test(status))
      .reduce((sum, [, count]) => sum + count, 0);
  const allArrived = await probe.waitFor(succeeded, 30_000);
  await probe.stop();
  const latencies = probe.latencies(result.measuredFromEpochMs);
  const missing = Math.max(0, succeeded - probe.count());
  context.log(`assign: ${simhub.value} req/s; ${probe.count()}/${succeeded} events received`);

  let baselineResult!: HttpLoadResult;
  const baseline = await measure(context, "baseline", async (window) => {
    baselineResult = await runHttpLoad(
      context,
      window,
      spec(context.baseline.url, "/sims/", await token(context)),
    );
    return httpMeasured(baselineResult);
  });

  // Open loop, same rate on both sides. Each side continues its own count of
  // changes where its saturated run stopped, so every request still flips a
  // SIM (assign on even passes over the pool, unassign on odd ones).
  const rate = offeredRate(context, baseline.value);
  const simhubOpen = await openLoopRun(context, "simhub", rate, {
    url: context.handle.platform.gatewayUrl,
    headers: await token(context),
    pattern: pattern("/v1/sims/", result.nextRequest),
  });
  const baselineOpen = await openLoopRun(context, "baseline", rate, {
    url: context.baseline.url,
    headers: await token(context),
    pattern: pattern("/sims/", baselineResult.nextRequest),
  });
  simhub.openLoop = simhubOpen?.side ?? null;
  baseline.openLoop = baselineOpen?.side ?? null;
  if (simhub.openLoop)
    context.log(
      `assign open loop @ ${rate} req/s: p99 ${simhub.openLoop.latencyMs?.p99} ms (baseline ${baseline.openLoop?.latencyMs?.p99} ms)`,
    );

  const assignRatio = ratio(simhub.value, baseline.value);
  const reached = assignRatio !== null && assignRatio >= 1;
  const assign = scenario({
    id: "assign",
    title: "1 assign SIM",
    dataset: `${options.poolSims.toLocaleString("en-US")} SIMs, ${companies.length} companies, ${options.connections} conns`,
    simhub,
    baseline,
    baselineDescription:
      "naive single-process Express + pg (pool 10): UPDATE sims + INSERT outbox in one transaction",
    ratio: assignRatio,
    ratioMeaning: "simhub req/s ÷ baseline req/s",
    target: reachesBaseline(combine(requestTarget("assign", simhub, baseline)), reached),
    details: {
      requestsPerPass: options.poolSims,
      pattern: "assign on even passes over the pool, unassign on odd ones",
      openLoopRatePercent: options.openLoopRatePercent,
      reachesBaseline: reached,
    },
    notes: reached ? [`reaches the baseline: ${assignRatio?.toFixed(2)}× its throughput (≥ 1.0×)`] : [],
  });

  const latency: Latency = latencySummary(latencies);
  const measuredEvents = latencies.length;
  const eventsSide: Side = {
    value: round(measuredEvents / Math.max(0.001, result.durationSec), 0),
    unit: "events/s",
    latencyMs: latency,
    requests: succeeded,
    errors: missing,
    durationSec: result.durationSec,
    processes: {},
    postgresCpuSeconds: null,
    cpuPerOp: null,
    machineCpuBusyCores: simhub.machineCpuBusyCores,
    windowSec: simhub.windowSec,
  };
  const events = scenario({
    id: "event-latency",
    title: "4 commit → subscriber",
    dataset: "under scenario 1's load",
    simhub: eventsSide,
    baseline: null,
    baselineDescription: "none: the naive monolith publishes nothing",
    ratio: null,
    ratioMeaning: "no baseline; absolute target",
    target: { description: "p99 ≤ 100 ms", met: latency.p99 <= 100 && allArrived },
    requests: succeeded,
    errors: missing,
    details: { eventsExpected: succeeded, eventsReceived: probe.count(), measuredEvents },
    notes: missing > 0 ? [`${missing} events did not arrive within 30 s`] : [],
  });
  return {
    results: [assign, events],
    nextRequest: simhubOpen?.nextRequest ?? result.nextRequest,
  };
}

/**
 * A trace backend that costs the platform what a real one would (the
 * exporter's HTTP requests are answered) and nothing more: it reads each
 * export and counts it.
 */
async function startTraceSink(): Promise<{ url: string; exports: () => number; close(): Promise<void> }> {
  let exports = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      exports++;
      res.writeHead(200, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    exports: () => exports,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const TRACED_SAMPLE_RATIO = 0.1;

/**
 * Scenario 1's load twice more, each on a platform just restarted the same
 * way and warmed up alike: once with tracing off, once with every process's
 * OTLP exporter pointed at a local sink and 10 % of requests sampled
 * (parentbased_traceidratio). Comparing with scenario 1's own run would
 * compare a warm platform with a cold one. Continues the SIMs' flips where
 * scenario 1 stopped.
 */
async function tracedAssignScenario(context: Context, firstRequest: number): Promise<ScenarioResult> {
  const { options } = context;
  const sink = await startTraceSink();
  const tracingEnv = {
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.url,
    OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
    OTEL_TRACES_SAMPLER_ARG: String(TRACED_SAMPLE_RATIO),
  };
  const tracingOff = Object.fromEntries(Object.keys(tracingEnv).map((variable) => [variable, undefined]));
  const companies = context.companies.slice(0, options.assignCompanies).map((company) => company.id);
  let next = firstRequest;
  const run = async () => {
    let result!: HttpLoadResult;
    const side = await measure(context, "simhub", async (window) => {
      result = await runHttpLoad(context, window, {
        kind: "http",
        url: context.handle.platform.gatewayUrl,
        connections: options.connections,
        durationSec: options.assignDurationSec,
        // A restarted process compiles its hot paths again: give both runs the same warm-up.
        warmupSec: Math.max(options.warmupSec, 5),
        headers: await token(context),
        pattern: {
          type: "assign",
          pathPrefix: "/v1/sims/",
          dataset: DATASET.pool,
          poolSize: options.poolSims,
          companies,
          firstRequest: next,
        },
      });
      return httpMeasured(result);
    });
    next = result.nextRequest;
    return side;
  };
  try {
    await context.handle.restartWith(tracingOff);
    const untraced = await run();
    await context.handle.restartWith(tracingEnv);
    const traced = await run();
    const throughputRatio = ratio(traced.value, untraced.value);
    context.log(
      `assign after a restart: ${untraced.value} req/s tracing off, ${traced.value} req/s tracing on (${TRACED_SAMPLE_RATIO * 100} %, ${throughputRatio}×); ${sink.exports()} exports`,
    );
    return scenario({
      id: "assign-traced",
      title: `1b assign SIM, tracing on (${TRACED_SAMPLE_RATIO * 100} % sampled)`,
      dataset: "as scenario 1, each side just restarted; OTLP/HTTP to a local sink",
      simhub: traced,
      baseline: untraced,
      baselineDescription: "simhub with tracing off, restarted and warmed up alike",
      ratio: throughputRatio,
      ratioMeaning: "tracing on req/s ÷ tracing off req/s",
      target: {
        description: "≥ 0.9× the throughput with tracing off",
        met: throughputRatio !== null && throughputRatio >= 0.9,
      },
      details: { sampleRatio: TRACED_SAMPLE_RATIO, exportRequests: sink.exports() },
    });
  } finally {
    await context.handle.restartWith(tracingOff);
    await sink.close();
  }
}

// ---------------------------------------------------------------- scenario 3

async function readScenarios(
  context: Context,
  scale: "small" | "large",
  simCount: number,
  companyCount: number,
) {
  const { options } = context;
  const sample = <T>(items: T[], n: number) =>
    Array.from(
      { length: Math.min(n, items.length) },
      (_, i) => items[Math.floor((i * items.length) / Math.min(n, items.length))]!,
    );
  const companies = sample(context.companies.slice(0, companyCount), 2_000).map((company) => company.id);
  const iccids: string[] = [];
  const poolShare = scale === "small" ? simCount : options.poolSims;
  for (let i = 0; i < Math.min(2_000, simCount); i++) {
    const position = Math.floor((i * simCount) / Math.min(2_000, simCount));
    iccids.push(
      position < poolShare ? iccidOf(DATASET.pool, position) : iccidOf(DATASET.bulk, position - poolShare),
    );
  }
  const label = `${simCount.toLocaleString("en-US")} SIMs, ${companyCount.toLocaleString("en-US")} companies`;
  const results: ScenarioResult[] = [];
  for (const route of ["list", "detail"] as const) {
    const paths = (prefix: string) =>
      route === "list"
        ? companies.map((id) => `${prefix}?companyId=${id}&limit=100`)
        : iccids.map((iccid) => `${prefix}/${iccid}`);
    const spec = (url: string, prefix: string, headers: Record<string, string>): HttpLoadSpec => ({
      kind: "http",
      url,
      connections: options.connections,
      durationSec: options.readDurationSec,
      warmupSec: options.warmupSec,
      headers,
      pattern: { type: "paths", paths: paths(prefix) },
    });
    const simhub = await measure(context, "simhub", async (window) =>
      httpMeasured(
        await runHttpLoad(
          context,
          window,
          spec(context.handle.platform.gatewayUrl, "/v1/sims", await token(context)),
        ),
      ),
    );
    const baseline = await measure(context, "baseline", async (window) =>
      httpMeasured(await runHttpLoad(context, window, spec(context.baseline.url, "/sims", {}))),
    );
    const rate = offeredRate(context, baseline.value);
    const simhubOpen = await openLoopRun(context, "simhub", rate, {
      url: context.handle.platform.gatewayUrl,
      headers: await token(context),
      pattern: { type: "paths", paths: paths("/v1/sims") },
    });
    const baselineOpen = await openLoopRun(context, "baseline", rate, {
      url: context.baseline.url,
      headers: {},
      pattern: { type: "paths", paths: paths("/sims") },
    });
    simhub.openLoop = simhubOpen?.side ?? null;
    baseline.openLoop = baselineOpen?.side ?? null;
    context.log(
      `read ${route} @ ${label}: ${simhub.value} req/s; open loop @ ${rate} req/s p99 ${simhub.openLoop?.latencyMs?.p99 ?? "—"} ms`,
    );
    results.push(
      scenario({
        id: `read-${route}-${scale}`,
        title: route === "list" ? "3 list a company's SIMs" : "3 composed SIM detail",
        dataset: label,
        simhub,
        baseline,
        baselineDescription:
          route === "list"
            ? "naive server: one SELECT … WHERE company_id = $1 ORDER BY iccid LIMIT 101"
            : "naive server: one SELECT joining sims, organizations, companies",
        ratio: ratio(simhub.value, baseline.value),
        ratioMeaning: "simhub req/s ÷ baseline req/s",
        target: combine(requestTarget(route, simhub, baseline)),
        details: {
          route: route === "list" ? "GET /v1/sims?companyId=…&limit=100" : "GET /v1/sims/{iccid}",
          sims: simCount,
          companies: companyCount,
          openLoopRatePercent: options.openLoopRatePercent,
        },
      }),
    );
  }
  return results;
}

/**
 * The large dataset's read figures against the small one's: cost must stay
 * flat with the table's size. Cost is CPU per request (the figure the noise
 * moves least); p50 at the fixed offered rate is reported beside it.
 */
function compareScales(small: ScenarioResult[], large: ScenarioResult[]) {
  for (const row of large) {
    const route = row.id.replace("-large", "");
    const before = small.find((candidate) => candidate.id === `${route}-small`);
    const growth = costGrowthCheck(
      before?.simhub.cpuPerOp?.value ?? null,
      row.simhub.cpuPerOp?.value ?? null,
    );
    const p50Small = round(before?.simhub.openLoop?.latencyMs?.p50 ?? 0, 1);
    const p50Large = round(row.simhub.openLoop?.latencyMs?.p50 ?? 0, 1);
    const p50Growth = p50Small > 0 ? round(p50Large / p50Small, 2) : null;
    row.details.costGrowthOverSmall = growth.actual;
    row.details.openLoopP50GrowthOverSmall = p50Growth;
    row.target = combine([...(row.target.checks ?? []), growth]);
    row.notes.push(
      `CPU/op ${row.simhub.cpuPerOp?.value} vs ${before?.simhub.cpuPerOp?.value} ms/req on the small table (${growth.actual}); open-loop p50 ${p50Large} vs ${p50Small} ms (${p50Growth ?? "—"}×)`,
    );
  }
}

// ---------------------------------------------------------------- scenario 2

function peakIn(timeline: [number, number][], from: number, to: number): number {
  let peak = 0;
  for (const [at, rss] of timeline) if (at >= from && at <= to) peak = Math.max(peak, rss);
  return round(peak, 1);
}

async function importScenario(context: Context): Promise<ScenarioResult> {
  const { options } = context;
  const file = join(context.scratch, "bulk.csv");
  const bytes = await writeCsvFile(file, DATASET.bulk, options.importRows, true);
  context.log(
    `import: ${options.importRows.toLocaleString("en-US")} rows, ${round(bytes / 2 ** 20, 1)} MiB of CSV`,
  );

  await truncateCopyTables(context.dbs.baseline);
  const copyInto = (table: string) =>
    measure(context, "baseline", async (window) => {
      const run = startLoad(
        {
          kind: "copy",
          databaseUrl: context.dbs.baseline,
          file,
          table,
          columns: ["iccid", "imsi", "msisdn"],
        },
        context.scratch,
      );
      const copied = await awaitLoad(window, run);
      return {
        value: Math.round(copied.rows / copied.durationSec),
        unit: "rows/s",
        latencyMs: null,
        requests: options.importRows,
        errors: options.importRows - copied.rows,
        durationSec: copied.durationSec,
        operations: { count: copied.rows, unit: "row" },
      };
    });
  // The fair baseline: the same schema, indexes and constraints as `sims`.
  const baselineBefore = await copyInto("sims_like");
  // The narrow reference: only the two unique indexes.
  const narrow = await copyInto("sims_copy");
  // The baseline's sims table gets the same SIMs for the large read dataset.
  await baselineSimsFromCopyTable(context.dbs.baseline, context.org.id);
  // Both COPY targets emptied and a checkpoint, so simhub starts as the baseline did.
  await truncateCopyTables(context.dbs.baseline);

  let uploadBody: unknown;
  let phases: ImportPhases = { receivingSec: null, applyingSec: null };
  const simhub = await measure(context, "simhub", async (window) => {
    const watch = await watchImportPhases(context.dbs.services["sim-service"], context.org.id);
    const run = startLoad(
      {
        kind: "upload",
        url: `${context.handle.platform.gatewayUrl}/v1/organizations/${context.org.id}/sims/import`,
        file,
        headers: { ...(await token(context)), "content-type": "text/csv" },
      },
      context.scratch,
    );
    const upload = await awaitLoad(window, run);
    phases = await watch.stop();
    uploadBody = upload.body;
    const imported = upload.status === 201 ? ((upload.body as { imported?: number }).imported ?? 0) : 0;
    return {
      value: Math.round(imported / upload.durationSec),
      unit: "rows/s",
      latencyMs: null,
      requests: options.importRows,
      errors: options.importRows - imported,
      statusCounts: { [String(upload.status)]: 1 },
      ...(upload.status !== 201 ? { errorSamples: [JSON.stringify(upload.body).slice(0, 500)] } : {}),
      durationSec: upload.durationSec,
      operations: { count: imported, unit: "row" },
    };
  });
  // COPY again after simhub's import: its rate on this machine drifts by
  // tens of percent within minutes (checkpoints, the page cache), so the
  // baseline is the mean of a run before and a run after.
  const baselineAfter = await copyInto("sims_like");
  await truncateCopyTables(context.dbs.baseline);
  const baseline = meanOfRuns(baselineBefore, baselineAfter);
  const end = simhub.window.wallSeconds * 1000;
  const memory: Record<string, unknown> = {};
  let flat = true;
  for (const name of ["api-gateway", "sim-service"]) {
    const timeline = simhub.timelines[name] ?? [];
    const firstHalf = peakIn(timeline, 0, end / 2);
    const secondHalf = peakIn(timeline, end / 2, end);
    const usage = simhub.processes[name];
    // Flat: memory levels off instead of growing with the rows read. Growth in
    // the second half of the import must stay under half of the first half's
    // growth (or 32 MiB): memory that grows with the file grows as much in
    // both halves.
    const start = usage?.startRssMiB ?? firstHalf;
    const grew = secondHalf - firstHalf > Math.max(32, 0.5 * (firstHalf - start));
    if (grew) flat = false;
    memory[name] = {
      startRssMiB: usage?.startRssMiB,
      peakRssMiB: usage?.peakRssMiB,
      peakFirstHalfMiB: firstHalf,
      peakSecondHalfMiB: secondHalf,
      flat: !grew,
    };
  }
  const importRatio = ratio(simhub.value, baseline.value);
  const narrowRatio = ratio(simhub.value, narrow.value);
  context.log(
    `import: ${simhub.value} rows/s vs COPY into the same schema ${baseline.value} rows/s (${importRatio}×), into the narrow table ${narrow.value} rows/s (${narrowRatio}×)`,
  );
  return scenario({
    id: "import",
    title: "2 bulk CSV import",
    dataset: `${options.importRows.toLocaleString("en-US")} rows, ${round(bytes / 2 ** 20, 1)} MiB`,
    simhub,
    baseline,
    baselineDescription:
      "COPY of the same CSV into a table created LIKE sims INCLUDING ALL (the same indexes and constraints)",
    ratio: importRatio,
    ratioMeaning: "simhub rows/s ÷ COPY rows/s into the same schema",
    target: { description: "≥ 0.6× COPY (same schema), flat memory", met: (importRatio ?? 0) >= 0.6 && flat },
    details: {
      memory,
      phases,
      response: uploadBody,
      csvBytes: bytes,
      copyRuns: { beforeRowsPerSecond: baselineBefore.value, afterRowsPerSecond: baselineAfter.value },
      narrowCopy: {
        description: "COPY of the same CSV into a table with only the two unique indexes (ICCID, IMSI)",
        rowsPerSecond: narrow.value,
        durationSec: narrow.durationSec,
        ratio: narrowRatio,
      },
    },
    notes: [
      `COPY into the same schema: ${baselineBefore.value} rows/s before simhub's import, ${baselineAfter.value} after; the baseline is their mean`,
      `narrow COPY (two unique indexes only): ${narrow.value} rows/s, simhub ${narrowRatio}× of it`,
      `receiving ${phases.receivingSec ?? "—"} s, applying ${phases.applyingSec ?? "—"} s`,
      ...Object.entries(memory).map(
        ([name, figures]) =>
          `${name} RSS ${(figures as { startRssMiB: number }).startRssMiB} → peak ${(figures as { peakRssMiB: number }).peakRssMiB} MiB (first half ${(figures as { peakFirstHalfMiB: number }).peakFirstHalfMiB}, second half ${(figures as { peakSecondHalfMiB: number }).peakSecondHalfMiB})`,
      ),
    ],
  });
}

// ---------------------------------------------------------------- scenario 4b

async function relayScenario(context: Context): Promise<ScenarioResult> {
  const { options, namespace } = context;
  const marker = crypto.randomUUID();
  const subject = namespacedSubject(namespace, "simhub.sim.imported");
  const probe = await startEventProbe(context.nc, streamName(namespace, "sim"), {
    filterSubject: subject,
    match: (event) => (event.data as { importId?: string } | undefined)?.importId === marker,
  });
  const simUrl = context.dbs.services["sim-service"];
  let insertedAt = 0;
  let emptiedAt = 0;
  const simhub = await measure(context, "simhub", async () => {
    await withClient(simUrl, async (client) => {
      await client.query(
        `INSERT INTO outbox (event_id, subject, type, payload)
         SELECT id, $1, 'SimsImported', jsonb_build_object(
                  'specversion', '1.0', 'id', id, 'source', 'simhub/sim-service', 'type', 'SimsImported',
                  'subject', $3::text,
                  'time', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                  'datacontenttype', 'application/json', 'orgid', $2::text,
                  'data', jsonb_build_object('importId', $3::text, 'orgId', $2::text, 'count', 0, 'rejected', 0))
           FROM (SELECT gen_random_uuid() AS id FROM generate_series(1, $4::int)) AS generated`,
        [subject, context.org.id, marker, options.backlog],
      );
      insertedAt = performance.now();
      const deadline = Date.now() + 300_000;
      while (Date.now() < deadline) {
        const { rows } = await client.query("SELECT EXISTS (SELECT 1 FROM outbox) AS pending");
        if (!rows[0].pending) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      emptiedAt = performance.now();
    });
    await probe.waitFor(options.backlog, 60_000);
    const received = probe.count();
    const seconds = (emptiedAt - insertedAt) / 1000;
    return {
      value: Math.round(options.backlog / seconds),
      unit: "events/s",
      latencyMs: null,
      requests: options.backlog,
      errors: options.backlog - received,
      durationSec: round(seconds, 2),
      operations: { count: options.backlog, unit: "event" },
    };
  });
  const receivedSeconds = ((probe.lastReceiptMs() ?? emptiedAt) - insertedAt) / 1000;
  await probe.stop();

  // Baseline: a plain publish loop, 256 in flight, to a stream configured like the services'.
  const jsm = await context.nc.jetstreamManager();
  const benchStream = `${namespace.toUpperCase()}_BENCH_PUBLISH`;
  await jsm.streams.add({
    name: benchStream,
    subjects: [namespacedSubject(namespace, "bench.publish")],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    duplicate_window: nanos(2 * 60 * 1000),
  });
  const baseline = await measure(context, "baseline", async (window) => {
    const run = startLoad(
      {
        kind: "publish",
        natsUrl: context.infra.nats.url,
        subject: namespacedSubject(namespace, "bench.publish"),
        count: options.backlog,
        inFlight: 256,
        payloadBytes: 380,
      },
      context.scratch,
    );
    const published = await awaitLoad(window, run);
    return {
      value: Math.round(published.published / published.durationSec),
      unit: "msg/s",
      latencyMs: null,
      requests: options.backlog,
      errors: published.errors,
      durationSec: published.durationSec,
      // The publish loop is the system under test here, not a load generator.
      operations: { count: published.published, unit: "event", includeLoad: true },
    };
  });
  await jsm.streams.delete(benchStream).catch(() => {});
  context.log(`outbox relay: ${simhub.value} events/s vs publish loop ${baseline.value} msg/s`);
  return scenario({
    id: "outbox-relay",
    title: "4 outbox relay backlog",
    dataset: `${options.backlog.toLocaleString("en-US")} outbox rows`,
    simhub,
    baseline,
    baselineDescription: "plain JetStream publish loop, 256 in flight, same stream settings",
    ratio: ratio(simhub.value, baseline.value),
    ratioMeaning: "relay rows/s ÷ publish-loop msg/s",
    target: { description: "≥ 10,000 events/s", met: simhub.value >= 10_000 },
    details: {
      secondsUntilOutboxEmpty: round((emptiedAt - insertedAt) / 1000, 2),
      secondsUntilLastReceipt: round(receivedSeconds, 2),
    },
  });
}

// ---------------------------------------------------------------- scenario 6 (webhooks.ts)

async function webhookScenario(context: Context): Promise<ScenarioResult> {
  const { options } = context;
  const result = await webhookFanOut({
    orgId: context.org.id,
    namespace: context.namespace,
    simDatabaseUrl: context.dbs.services["sim-service"],
    events: options.webhookEvents,
    endpoints: options.webhookEndpoints,
    rate: options.webhookRate,
    createWebhook: async (url) => {
      await context.api.expect(
        "POST",
        `/v1/organizations/${context.org.id}/webhooks`,
        { url, events: ["sim_card.imported"] },
        201,
      );
    },
    log: context.log,
    measure: async (side, work) => plainSide(await measure(context, side, work)),
  });
  const { simhub, baseline } = result;
  const p99 = simhub.latencyMs?.p99 ?? Number.POSITIVE_INFINITY;
  return scenario({
    id: "webhook-fan-out",
    title: "6 webhook fan-out",
    dataset: `${options.webhookEvents.toLocaleString("en-US")} events × ${options.webhookEndpoints} endpoints, ${options.webhookRate} events/s offered`,
    simhub,
    baseline,
    baselineDescription:
      "the same POSTs sent straight to the same receivers, keep-alive, 8 in flight per receiver",
    ratio: ratio(simhub.value, baseline.value),
    ratioMeaning: "deliveries/s ÷ plain POSTs/s",
    target: {
      description: "≥ 2,000 deliveries/s and commit → receiver p99 ≤ 250 ms",
      met: simhub.value >= 2_000 && p99 <= 250,
    },
    details: result.details,
  });
}

// ---------------------------------------------------------------- scenario 7 (usage.ts)

async function usageScenario(context: Context): Promise<ScenarioResult> {
  const { options } = context;
  const result = await usageIngestion({
    orgId: context.org.id,
    gatewayUrl: context.handle.platform.gatewayUrl,
    namespace: context.namespace,
    nc: context.nc,
    usageDatabaseUrl: context.dbs.services["usage-service"],
    baselineDatabaseUrl: context.dbs.baseline,
    scratch: context.scratch,
    records: options.usageRecords,
    sims: options.usageSims,
    batch: options.usageBatch,
    lanes: options.usageLanes,
    token: () => context.api.accessToken(),
    post: (path, body, status) => context.api.expect("POST", path, body, status),
    copy: async (file, table, columns) =>
      plainSide(
        await measure(context, "baseline", async (window) => {
          const copied = await awaitLoad(
            window,
            startLoad(
              { kind: "copy", databaseUrl: context.dbs.baseline, file, table, columns },
              context.scratch,
            ),
          );
          return {
            value: Math.round(copied.rows / copied.durationSec),
            unit: "records/s",
            latencyMs: null,
            requests: options.usageRecords,
            errors: options.usageRecords - copied.rows,
            durationSec: copied.durationSec,
            operations: { count: copied.rows, unit: "row" },
          };
        }),
      ),
    log: context.log,
    measure: async (side, work) => measure(context, side, work),
  });
  const { simhub, baseline } = result;
  const pairs = Number(result.details.simBatchPairs);
  const perSimPerBatch = Number(result.details.simUsageUpdated) === pairs;
  return scenario({
    id: "usage-ingest",
    title: "7 usage ingestion",
    dataset: `${options.usageRecords.toLocaleString("en-US")} records over ${options.usageSims.toLocaleString("en-US")} SIMs, JSON batches of ${options.usageBatch.toLocaleString("en-US")}, ${options.usageLanes} in flight`,
    simhub: plainSide(simhub),
    baseline,
    baselineDescription:
      "COPY of the same records (CSV) into a table keyed like usage_records (org, record id, month)",
    ratio: ratio(simhub.value, baseline.value),
    ratioMeaning: "simhub records/s ÷ COPY records/s",
    target: {
      description: "≥ 50,000 records/s through the gateway, flat RSS, one SimUsageUpdated per SIM per batch",
      met: simhub.value >= 50_000 && result.flat && perSimPerBatch,
    },
    details: result.details,
    notes: [
      `SimUsageUpdated: ${result.details.simUsageUpdated} for ${pairs} (SIM, batch) pairs`,
      ...Object.entries(
        result.details.memory as Record<string, { startRssMiB: number; peakRssMiB: number }>,
      ).map(([name, figures]) => `${name} RSS ${figures.startRssMiB} → peak ${figures.peakRssMiB} MiB`),
    ],
  });
}

// ---------------------------------------------------------------- scenario 8 (rules.ts)

async function rulesScenario(context: Context): Promise<ScenarioResult> {
  const { options } = context;
  const result = await ruleEvaluation({
    orgId: context.org.id,
    namespace: context.namespace,
    nc: context.nc,
    simDatabaseUrl: context.dbs.services["sim-service"],
    ruleDatabaseUrl: context.dbs.services["rule-service"],
    iccids: Array.from({ length: options.poolSims }, (_, index) => iccidOf(DATASET.pool, index)),
    companyIds: context.companies.map((company) => company.id),
    rules: options.rules,
    firingSims: Math.min(options.ruleFiringSims, options.poolSims),
    firingRate: options.ruleFiringRate,
    createRule: async (body) => {
      await context.api.expect("POST", `/v1/organizations/${context.org.id}/rules`, body, 201);
    },
    log: context.log,
    measure: async (side, work) => plainSide(await measure(context, side, work)),
  });
  const { simhub } = result;
  const p99 = simhub.latencyMs?.p99 ?? Number.POSITIVE_INFINITY;
  return scenario({
    id: "rule-evaluation",
    title: "8 automation rules",
    dataset: `${options.rules.toLocaleString("en-US")} rules over ${options.poolSims.toLocaleString("en-US")} SIMs, ${(2 * options.poolSims).toLocaleString("en-US")} usage updates`,
    simhub,
    baseline: null,
    baselineDescription: "none: the target is absolute",
    ratio: null,
    ratioMeaning: "",
    target: {
      description: "≥ 10,000 usage updates/s evaluated and trigger → status change p99 ≤ 500 ms",
      met: simhub.value >= 10_000 && p99 <= 500,
    },
    details: result.details,
  });
}

// ---------------------------------------------------------------- scenario 5

async function coldStartScenario(context: Context, firstStartMs: number): Promise<ScenarioResult> {
  const { options } = context;
  const platformTimes: number[] = [];
  const baselineTimes: number[] = [];
  for (let i = 0; i < options.restarts; i++) {
    await context.handle.stop();
    context.handle = await launchPlatform(context.settings);
    platformTimes.push(context.handle.startMs);
    await context.baseline.stop();
    context.baseline = await startBaselineServer(context.dbs.baseline);
    baselineTimes.push(context.baseline.startMs);
  }
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const platformSec = round(median(platformTimes) / 1000, 2);
  const baselineSec = round(median(baselineTimes) / 1000, 2);
  context.log(`cold start: ${platformSec} s (first start ${round(firstStartMs / 1000, 2)} s)`);
  const side = (value: number, times: number[]): Side => ({
    value,
    unit: "s",
    latencyMs: null,
    requests: times.length,
    errors: 0,
    durationSec: value,
    processes: {},
    postgresCpuSeconds: null,
    cpuPerOp: null,
    machineCpuBusyCores: 0,
    windowSec: value,
  });
  return scenario({
    id: "cold-start",
    title: "5 cold start",
    dataset: "databases migrated, 5 processes",
    simhub: side(platformSec, platformTimes),
    baseline: side(baselineSec, baselineTimes),
    baselineDescription: "the naive single-process server: spawn to first 200 from /readyz",
    ratio: ratio(baselineSec, platformSec),
    ratioMeaning: "baseline seconds ÷ simhub seconds (higher is better)",
    target: { description: "≤ 10 s", met: platformSec <= 10 },
    details: {
      restartsMs: platformTimes.map((ms) => Math.round(ms)),
      baselineStartsMs: baselineTimes.map((ms) => Math.round(ms)),
      firstStartWithMigrationsMs: Math.round(firstStartMs),
    },
    notes: [`first start on empty databases (migrations included): ${round(firstStartMs / 1000, 2)} s`],
  });
}

// ---------------------------------------------------------------- the run

export async function runBench(options: BenchOptions, hooks: RunHooks): Promise<BenchResults> {
  const log = hooks.log;
  const startedAt = new Date();
  const machine = machineInfo();
  const scratch = mkdtempSync(join(tmpdir(), "simhub-bench-"));
  const infra = await provideInfrastructure(log);
  const runId = newRunId();
  const namespace = `bench${runId}`;
  const dbs = await createDatabases(infra.postgres.url, runId);
  const serviceDatabaseNames = dbs.names.filter((name) => !name.endsWith("_baseline"));
  if (options.profileDir) mkdirSync(options.profileDir, { recursive: true });
  const settings: PlatformSettings = {
    databaseUrls: dbs.services,
    natsUrl: infra.nats.url,
    namespace,
    adminPassword: `bench-${runId}-${crypto.randomUUID()}`,
    logLevel: options.logLevel,
    profileDir: options.profileDir,
    processEnv: options.processEnv,
  };

  const scenarios: ScenarioResult[] = [];
  const seeding: Record<string, unknown> = {};
  const crashes: string[] = [];
  const failures: string[] = [];
  let context: Context | undefined;
  // One cleanup, however many callers (the run's end and an interrupt may race).
  let cleaning: Promise<void> | undefined;
  const cleanup = () => {
    cleaning ??= cleanUp();
    return cleaning;
  };
  const cleanUp = async () => {
    if (context) {
      crashes.push(...context.handle.crashes);
      await context.baseline?.stop().catch(() => {});
      await context.handle.stop().catch(() => {});
      await context.nc.close().catch(() => {});
    }
    await deleteNamespaceStreams(infra.nats.url, namespace).catch(() => {});
    await dropBenchDatabases(infra.postgres.url, dbs.names).catch((error: unknown) =>
      log(`could not drop databases: ${String(error)}`),
    );
    await infra.nats.stop().catch(() => {});
    await infra.postgres.stop().catch(() => {});
    rmSync(scratch, { recursive: true, force: true });
  };
  hooks.onInterrupt?.(cleanup);

  try {
    log(`starting the platform (namespace ${namespace}, databases bench_${runId}_*)`);
    const handle = await launchPlatform(settings);
    const firstStartMs = handle.startMs;
    log(`all processes ready in ${round(firstStartMs / 1000, 2)} s`);
    const nc = await connect({ servers: infra.nats.url, name: `bench-${namespace}` });
    context = {
      options,
      log,
      scratch,
      infra,
      namespace,
      dbs,
      settings,
      handle,
      api: new Api(handle.platform.gatewayUrl, "admin", settings.adminPassword),
      nc,
      baseline: undefined as unknown as BaselineServer,
      org: { id: "", name: "" },
      companies: [],
      serviceDatabaseNames,
      baselineDatabaseName: `bench_${runId}_baseline`,
    };
    const seedStarted = performance.now();
    await seed(context, seeding);
    context.baseline = await startBaselineServer(dbs.baseline);
    seeding.seconds = round((performance.now() - seedStarted) / 1000, 1);
    // The seeding's events (10,000 CompanyCreated in a full run) are still
    // being consumed for a while after its last answer. Every scenario's
    // window opens once each durable has caught up, so that it counts the
    // scenario's own work alone.
    const settleStarted = performance.now();
    for (const stream of ["org", "company", "identity", "sim"] as const) {
      if (!(await waitForConsumers(nc, streamName(namespace, stream), 120_000)))
        log(`the consumers of ${stream} events had not caught up after 120 s; measuring anyway`);
    }
    seeding.settleSeconds = round((performance.now() - settleStarted) / 1000, 1);
    log(`seeding's events consumed ${seeding.settleSeconds} s after its last request`);

    const check = () => {
      if (context!.handle.crashes.length)
        throw new Error(`a process crashed:\n${context!.handle.crashes.join("\n")}`);
    };

    const runs = (name: ScenarioGroup) => options.only === undefined || options.only.includes(name);
    const sqlTargets = {
      simDatabaseUrl: dbs.services["sim-service"],
      baselineDatabaseUrl: dbs.baseline,
      orgId: context.org.id,
    };

    if (runs("assign")) {
      log("scenario 1: assignments (and 4: event latency under that load)");
      const assigned = await assignScenario(context);
      scenarios.push(...assigned.results);
      check();
      await waitForConsumers(nc, streamName(namespace, "sim"), 120_000);
      log("scenario 1b: assignments with tracing on");
      scenarios.push(await tracedAssignScenario(context, assigned.nextRequest));
      check();
      await waitForConsumers(nc, streamName(namespace, "sim"), 120_000);
    }

    let small: ScenarioResult[] = [];
    if (runs("read")) {
      const smallCompanies = Math.max(
        1,
        Math.min(options.companies, Math.floor(options.poolSims / options.simsPerCompanySmall)),
      );
      log(`read dataset: ${options.poolSims} SIMs over ${smallCompanies} companies (SQL assignment)`);
      await assignAllSimsWithSql(
        sqlTargets,
        context.companies.slice(0, smallCompanies).map((company) => company.id),
      );
      log("scenario 3: read path, small table");
      small = await readScenarios(context, "small", options.poolSims, smallCompanies);
      scenarios.push(...small);
      check();
    }

    if (runs("import")) {
      log("scenario 2: bulk CSV import");
      scenarios.push(await importScenario(context));
      check();
    }

    if (runs("read") && runs("import")) {
      const total = options.poolSims + options.importRows;
      log(`read dataset: ${total} SIMs over ${options.companies} companies (SQL assignment)`);
      const assignStarted = performance.now();
      await assignAllSimsWithSql(
        sqlTargets,
        context.companies.map((company) => company.id),
      );
      seeding.largeAssignmentSeconds = round((performance.now() - assignStarted) / 1000, 1);
      log("scenario 3: read path, large table");
      const large = await readScenarios(context, "large", total, options.companies);
      compareScales(small, large);
      scenarios.push(...large);
      check();
    }

    if (runs("relay")) {
      log("scenario 4: outbox relay with a backlog");
      scenarios.push(await relayScenario(context));
      check();
    }

    if (runs("webhooks")) {
      log("scenario 6: webhook fan-out");
      scenarios.push(await webhookScenario(context));
      check();
    }

    if (runs("usage")) {
      log("scenario 7: usage ingestion");
      scenarios.push(await usageScenario(context));
    }

    if (runs("rules")) {
      log(`rules dataset: ${options.poolSims} SIMs over ${options.companies} companies (SQL assignment)`);
      await assignAllSimsWithSql(
        sqlTargets,
        context.companies.map((company) => company.id),
      );
      log("scenario 8: automation rules");
      scenarios.push(await rulesScenario(context));
      check();
    }

    if (runs("cold-start")) {
      log("scenario 5: cold start");
      crashes.push(...context.handle.crashes);
      scenarios.push(await coldStartScenario(context, firstStartMs));
      check();
    }
  } catch (error) {
    failures.push(`the run stopped: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    await cleanup();
  }

  for (const result of scenarios) {
    if (result.errorRate > MAX_ERROR_RATE) {
      failures.push(
        `${result.title} (${result.dataset}): error rate ${(result.errorRate * 100).toFixed(2)} % > 0.1 %`,
      );
    }
  }
  if (crashes.length) failures.push(`${crashes.length} process crash(es)`);
  const finishedAt = new Date();
  return {
    version: 1,
    mode: options.mode,
    command: `pnpm bench${options.mode === "full" ? "" : ` --${options.mode}`}`,
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    durationSec: round((finishedAt.getTime() - startedAt.getTime()) / 1000, 1),
    machine: { ...machine, memoryGiB: machine.memoryGiB },
    postgres: infra.postgres.origin,
    nats: infra.nats.origin,
    options: {
      ...options,
      freeMemoryGiB: round(freemem() / 2 ** 30, 1),
      processes: backendServices.length + 1,
    },
    seeding,
    scenarios,
    peakRss: peakRssCheck(scenarios),
    crashes: [...new Set(crashes)],
    failures,
  };
}
