// 12. Usage ingestion survives kill -9 of usage-service. A client sends
// usage records through the gateway in JSON batches, two at a time, and
// sends a batch again after any error (a refused connection, a 503, a reset
// stream); usage-service is killed (SIGKILL) twice in the middle, placed by
// the client's progress. At the end every record is counted exactly once:
// as many raw rows as records, per-day and per-month totals equal to the
// sums of the records, and each SIM's last SimUsageUpdated carries its
// final totals (a batch's events commit with it, so a batch that was lost
// announced nothing, and one sent again announced only what it added).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { killProcess, reportFigures, startProcess, waitFor } from "../../packages/testing/src/index.ts";
import { type FaultStack, iccid, startFaultStack, stream } from "./support.ts";

const BATCHES = Number(process.env.FAULTS_USAGE_BATCHES ?? 60);
const BATCH = 5_000;
const SIMS = 300;

let f: FaultStack;
let orgId: string;
let sims: string[];

beforeAll(async () => {
  f = await startFaultStack();
  orgId = (await f.api.post("/v1/organizations", { name: "Usage crash org" })).body.id;
  sims = Array.from({ length: SIMS }, (_, i) => iccid(i, "894471"));
  const imported = await f.api.post(`/v1/organizations/${orgId}/sims`, {
    sims: sims.map((value) => ({ iccid: value })),
  });
  expect(imported.status).toBe(201);
});

afterAll(async () => {
  await f?.stop();
});

it("counts every record exactly once when usage-service is killed during ingestion and the client retries", async () => {
  const runId = randomUUID().slice(0, 8);
  const lastMonthStart = (() => {
    const now = new Date();
    return Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1);
  })();
  const recordOf = (index: number) => ({
    recordId: `${runId}-${index}`,
    iccid: sims[index % SIMS]!,
    type: "data",
    quantity: 1 + (index % 1_000),
    startedAt: new Date(lastMonthStart + (index % (20 * 24 * 60)) * 60_000).toISOString(),
  });
  const expectedBytes = new Map<string, number>();
  for (let i = 0; i < BATCHES * BATCH; i++) {
    const record = recordOf(i);
    expectedBytes.set(record.iccid, (expectedBytes.get(record.iccid) ?? 0) + record.quantity);
  }

  let confirmed = 0;
  let retries = 0;
  let accepted = 0;
  let duplicates = 0;
  const failures = new Map<string, number>();
  let next = 0;
  const lane = async () => {
    while (next < BATCHES) {
      const batch = next++;
      const records = Array.from({ length: BATCH }, (_, i) => recordOf(batch * BATCH + i));
      for (let attempt = 0; ; attempt++) {
        if (attempt > 200) throw new Error(`batch ${batch} never went through`);
        try {
          const response = await f.api.post(`/v1/organizations/${orgId}/usage`, { records });
          if (response.status === 202) {
            accepted += response.body.accepted;
            duplicates += response.body.duplicates;
            expect(response.body.rejectedCount).toBe(0);
            confirmed++;
            break;
          }
          failures.set(String(response.status), (failures.get(String(response.status)) ?? 0) + 1);
        } catch (error) {
          const name = (error as Error).name || "error";
          failures.set(name, (failures.get(name) ?? 0) + 1);
        }
        retries++;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }
  };

  const usage = f.stack.services["usage-service"].process;
  const kills: number[] = [];
  const chaos = (async () => {
    for (const at of [Math.floor(BATCHES / 4), Math.floor(BATCHES / 2)]) {
      await waitFor(async () => confirmed >= at, {
        timeoutMs: 240_000,
        intervalMs: 20,
        what: `${at} batches`,
      });
      // Mid-batch: a batch is in flight on each lane whenever one was just confirmed.
      await new Promise((resolve) => setTimeout(resolve, 30));
      await killProcess(usage, "SIGKILL");
      kills.push(confirmed);
      await new Promise((resolve) => setTimeout(resolve, 500));
      await startProcess(usage);
    }
  })();
  await Promise.all([lane(), lane(), chaos]);

  const total = BATCHES * BATCH;
  // Counted exactly once, however often a batch was sent.
  expect(accepted).toBe(total - duplicates);
  const [raw] = await f.stack.query<{ n: number }>(
    "usage-service",
    "SELECT count(*)::int AS n FROM usage_records WHERE org_id = $1",
    [orgId],
  );
  expect(raw!.n).toBe(total);
  const monthly = await f.stack.query<{ iccid: string; data_bytes: string }>(
    "usage-service",
    "SELECT iccid, data_bytes FROM usage_monthly WHERE iccid = ANY($1)",
    [sims],
  );
  const daily = await f.stack.query<{ iccid: string; data_bytes: string }>(
    "usage-service",
    "SELECT iccid, sum(data_bytes)::bigint AS data_bytes FROM usage_daily WHERE iccid = ANY($1) GROUP BY iccid",
    [sims],
  );
  const asMap = (rows: { iccid: string; data_bytes: string }[]) =>
    new Map(rows.map((row) => [row.iccid, Number(row.data_bytes)]));
  expect(asMap(monthly)).toEqual(expectedBytes);
  expect(asMap(daily)).toEqual(expectedBytes);

  // Each SIM's last SimUsageUpdated carries its final totals.
  await waitFor(
    async () => {
      const [row] = await f.stack.query<{ n: number }>(
        "usage-service",
        "SELECT count(*)::int AS n FROM outbox",
      );
      return row!.n === 0;
    },
    { timeoutMs: 60_000, intervalMs: 200, what: "usage-service's outbox to be published" },
  );
  const lastTotals = new Map<string, number>();
  let updates = 0;
  for (const { event } of await stream(f.stack, "usage")) {
    if (event.type !== "SimUsageUpdated") continue;
    updates++;
    const data = event.data as { iccid: string; dataBytes: number };
    lastTotals.set(data.iccid, data.dataBytes);
  }
  expect(lastTotals).toEqual(expectedBytes);

  reportFigures("usage-ingest", {
    records: total,
    batches: BATCHES,
    kills: kills.length,
    retries,
    duplicatesAfterRetry: duplicates,
    simUsageUpdated: updates,
    failures: [...failures].map(([what, n]) => `${what}×${n}`).join(","),
  });
  expect(kills).toHaveLength(2);
}, 300_000);
