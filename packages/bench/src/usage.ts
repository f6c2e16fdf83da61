// Scenario 7: usage ingestion. The bench organization gets `sims` SIMs
// through the API; then `records` usage records over them are sent through
// the gateway as JSON batches of `batch` records, `lanes` requests in
// flight (records/s counted from the answers' `accepted`). Baseline: COPY of
// the same records, as CSV, into a table with the key simhub dedupes on.
// Also measured: the RSS of the gateway and usage-service over the run
// (flat: the second half grows no more than the first), and how many
// SimUsageUpdated events were published — one per SIM per batch, never one
// per record.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { namespacedSubject, streamName } from "@simhub/contracts";
import type { NatsConnection } from "nats";
import { iccidOf } from "./dataset.ts";
import { round } from "./proc.ts";
import type { Side } from "./results.ts";
import { withClient } from "./seed.ts";

/** The SIMs of this scenario: a dataset tag of their own. */
const USAGE_DATASET = 7;
const types = ["data", "sms", "voice"] as const;

type Measured = Omit<
  Side,
  "processes" | "postgresCpuSeconds" | "machineCpuBusyCores" | "windowSec" | "cpuPerOp"
> & {
  operations?: { count: number; unit: "request" | "row" | "event"; includeLoad?: boolean };
};

export interface UsageInput {
  orgId: string;
  gatewayUrl: string;
  namespace: string;
  nc: NatsConnection;
  usageDatabaseUrl: string;
  baselineDatabaseUrl: string;
  scratch: string;
  records: number;
  sims: number;
  batch: number;
  lanes: number;
  token(): Promise<string>;
  /** POSTs as the bench admin and expects the status. */
  post(path: string, body: unknown, status: number): Promise<unknown>;
  /** COPY of a CSV file into a table of the baseline database, measured. */
  copy(file: string, table: string, columns: string[]): Promise<Side>;
  log(message: string): void;
  measure(
    side: "simhub",
    work: () => Promise<Measured>,
  ): Promise<Side & { timelines: Record<string, [number, number][]> }>;
}

export interface UsageResult {
  simhub: Side;
  baseline: Side;
  flat: boolean;
  details: Record<string, unknown>;
}

/**
 * Record `index` of the run: spread over the SIMs, and in time order as a
 * mediation feed sends them (a batch covers a hundred minutes of last month),
 * so a batch adds to about one day per SIM.
 */
function recordOf(runId: string, index: number, sims: number, monthStartMs: number) {
  const type = types[index % 3]!;
  return {
    recordId: `${runId}-${index}`,
    iccid: iccidOf(USAGE_DATASET, index % sims),
    type,
    quantity: type === "data" ? 1_000 + (index % 5_000) : type === "sms" ? 1 : 30 + (index % 300),
    startedAt: new Date(monthStartMs + (Math.floor(index / 100) % (27 * 24 * 60)) * 60_000).toISOString(),
  };
}

function peakIn(timeline: [number, number][], from: number, to: number): number {
  return timeline.filter(([at]) => at >= from && at <= to).reduce((peak, [, rss]) => Math.max(peak, rss), 0);
}

async function seedSims(input: UsageInput) {
  for (let start = 0; start < input.sims; start += 1_000) {
    const count = Math.min(1_000, input.sims - start);
    const sims = Array.from({ length: count }, (_, i) => ({ iccid: iccidOf(USAGE_DATASET, start + i) }));
    await input.post(`/v1/organizations/${input.orgId}/sims`, { sims }, 201);
  }
}

export async function usageIngestion(input: UsageInput): Promise<UsageResult> {
  const runId = crypto.randomUUID().slice(0, 8);
  const now = new Date();
  const monthStartMs = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
  const period = new Date(monthStartMs).toISOString().slice(0, 10);
  input.log(`usage: ${input.sims} SIMs through the API`);
  await seedSims(input);

  // The baseline's file: the same records as CSV, with the columns simhub stores.
  const file = join(input.scratch, "usage.csv");
  const lines = ["org_id,record_id,period,iccid,type,quantity,started_at"];
  let written = false;
  for (let i = 0; i < input.records; i++) {
    const record = recordOf(runId, i, input.sims, monthStartMs);
    lines.push(
      `${input.orgId},${record.recordId},${period},${record.iccid},${record.type},${record.quantity},${record.startedAt}`,
    );
    if (lines.length >= 100_000 || i === input.records - 1) {
      writeFileSync(file, `${lines.join("\n")}\n`, { flag: written ? "a" : "w" });
      written = true;
      lines.length = 0;
    }
  }
  await withClient(input.baselineDatabaseUrl, (client) =>
    client.query(`DROP TABLE IF EXISTS usage_copy;
      CREATE TABLE usage_copy (
        org_id uuid NOT NULL, record_id text NOT NULL, period date NOT NULL, iccid text NOT NULL,
        type text NOT NULL, quantity bigint NOT NULL, started_at timestamptz NOT NULL,
        PRIMARY KEY (org_id, record_id, period))`),
  );
  const baseline = await input.copy(file, "usage_copy", [
    "org_id",
    "record_id",
    "period",
    "iccid",
    "type",
    "quantity",
    "started_at",
  ]);
  input.log(`usage: COPY ${baseline.value} records/s`);

  const batches = Math.ceil(input.records / input.batch);
  let accepted = 0;
  let errors = 0;
  const statusCounts: Record<string, number> = {};
  const errorSamples: string[] = [];
  const latencies: number[] = [];
  let simsPerBatch = 0;
  const simhub = await input.measure("simhub", async () => {
    const started = performance.now();
    let next = 0;
    const lane = async () => {
      while (next < batches) {
        const batch = next++;
        const first = batch * input.batch;
        const count = Math.min(input.batch, input.records - first);
        const records = Array.from({ length: count }, (_, i) =>
          recordOf(runId, first + i, input.sims, monthStartMs),
        );
        simsPerBatch += new Set(records.map((record) => record.iccid)).size;
        const sent = performance.now();
        const response = await fetch(`${input.gatewayUrl}/v1/organizations/${input.orgId}/usage`, {
          method: "POST",
          headers: { authorization: `Bearer ${await input.token()}`, "content-type": "application/json" },
          body: JSON.stringify({ records }),
        });
        const body = (await response.json().catch(() => ({}))) as { accepted?: number };
        latencies.push(performance.now() - sent);
        statusCounts[String(response.status)] = (statusCounts[String(response.status)] ?? 0) + 1;
        if (response.status === 202) accepted += body.accepted ?? 0;
        else {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(JSON.stringify(body).slice(0, 300));
        }
      }
    };
    await Promise.all(Array.from({ length: input.lanes }, lane));
    const durationSec = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (q: number) =>
      round(latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? 0, 1);
    return {
      value: Math.round(accepted / durationSec),
      unit: "records/s",
      latencyMs: { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: at(1) },
      requests: batches,
      errors,
      statusCounts,
      ...(errorSamples.length ? { errorSamples } : {}),
      durationSec: round(durationSec, 2),
      operations: { count: accepted, unit: "row" },
    } as Measured;
  });
  input.log(`usage: simhub ${simhub.value} records/s (${accepted} accepted)`);

  // Memory: flat when the second half of the run grows no more than the first.
  const end = simhub.windowSec * 1000;
  const memory: Record<string, unknown> = {};
  let flat = true;
  for (const name of ["api-gateway", "usage-service"]) {
    const timeline = simhub.timelines[name] ?? [];
    const firstHalf = peakIn(timeline, 0, end / 2);
    const secondHalf = peakIn(timeline, end / 2, end);
    const start = simhub.processes[name]?.startRssMiB ?? firstHalf;
    const grew = secondHalf - firstHalf > Math.max(32, 0.5 * (firstHalf - start));
    if (grew) flat = false;
    memory[name] = {
      startRssMiB: start,
      peakRssMiB: simhub.processes[name]?.peakRssMiB,
      peakFirstHalfMiB: firstHalf,
      peakSecondHalfMiB: secondHalf,
      flat: !grew,
    };
  }

  // Events: every batch's SimUsageUpdated, once the outbox has been published.
  const deadline = Date.now() + 300_000;
  while (Date.now() < deadline) {
    const left = await withClient(input.usageDatabaseUrl, async (client) =>
      Number((await client.query("SELECT count(*) AS n FROM outbox")).rows[0].n),
    );
    if (left === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const subject = namespacedSubject(input.namespace, "simhub.usage.sim-updated");
  const jsm = await input.nc.jetstreamManager();
  const info = await jsm.streams.info(streamName(input.namespace, "usage"), { subjects_filter: subject });
  const usageUpdated = info.state.subjects?.[subject] ?? 0;
  input.log(
    `usage: ${usageUpdated} SimUsageUpdated for ${simsPerBatch} (SIM, batch) pairs and ${accepted} records`,
  );
  return {
    simhub,
    baseline,
    flat,
    details: {
      memory,
      batches,
      batchSize: input.batch,
      lanes: input.lanes,
      sims: input.sims,
      simUsageUpdated: usageUpdated,
      simBatchPairs: simsPerBatch,
      eventsPerRecord: accepted > 0 ? round(usageUpdated / accepted, 4) : null,
    },
  };
}
