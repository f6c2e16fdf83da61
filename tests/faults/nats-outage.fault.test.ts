// 2. NATS down. nats-server stops for 10 s in the middle of a load of
// assignments. The API keeps accepting writes (their events wait in the
// outboxes), every process reports "degraded" readiness meanwhile (200, not
// 503: NATS is an optional dependency), and once NATS is back every event
// arrives, in commit order per SIM, and the consumers catch up.
import { afterAll, beforeAll, expect, it } from "vitest";
import { readiness, reportFigures, runLoad } from "../../packages/testing/src/index.ts";
import {
  AssignmentLoad,
  committedSimAssignments,
  compareLogs,
  type FaultStack,
  publishedSimAssignments,
  type Seed,
  seed,
  simsDisagreeingWithHistory,
  sleep,
  startFaultStack,
  stream,
  waitForChainReplicas,
  waitForEmptyOutboxes,
} from "./support.ts";

const WORKERS = 8;
const OUTAGE_MS = 10_000;

let f: FaultStack;
let data: Seed;

beforeAll(async () => {
  f = await startFaultStack();
  data = await seed(f.api, { companies: 10, sims: 240 });
});

afterAll(async () => {
  await f?.stop();
});

it("accepts writes while NATS is down and publishes every event in order once it is back", async () => {
  const { stack, infra } = f;
  const load = new AssignmentLoad(data, [f.api], WORKERS);
  let stop = false;
  const running = runLoad({ workers: WORKERS, until: () => stop, task: (_, worker) => load.step(worker) });

  await sleep(4_000);
  const processes = [...Object.values(stack.platform.processes)];
  await infra.nats.stop();
  const downAt = Date.now();
  const readinessSeen = new Map<string, Set<string>>();
  let backlogPeak = 0;
  while (Date.now() - downAt < OUTAGE_MS) {
    for (const process of processes) {
      const ready = await readiness(process.httpUrl);
      const seen = readinessSeen.get(process.name) ?? new Set<string>();
      seen.add(`${ready.status}:${ready.body.status}`);
      readinessSeen.set(process.name, seen);
    }
    const [row] = await stack.query<{ n: string }>("sim-service", "SELECT count(*) AS n FROM outbox");
    backlogPeak = Math.max(backlogPeak, Number(row!.n));
    await sleep(500);
  }
  const acceptedDuringOutage = load.outcomes.filter((o) => o.at >= downAt && o.status === 200).length;
  const failedDuringOutage = load.failed(downAt, Date.now()).length;
  await infra.nats.start();
  const upAt = Date.now();
  await sleep(4_000);
  stop = true;
  const requests = await running;

  await waitForEmptyOutboxes(stack, 60_000);
  const drainedMs = Date.now() - upAt;
  const published = publishedSimAssignments(await stream(stack, "sim"));
  const sims = compareLogs(await committedSimAssignments(stack), published.bySubject);
  const readModelMismatches = await waitForChainReplicas(stack);
  const halfApplied = await simsDisagreeingWithHistory(stack);
  const lostAcknowledged = await load.lostAcknowledged(stack);
  const degradedEverywhere = processes.every((p) => readinessSeen.get(p.name)?.has("200:degraded"));
  const notReadySeen = processes.filter((p) =>
    [...(readinessSeen.get(p.name) ?? [])].some((s) => !s.startsWith("200")),
  );

  reportFigures("nats-outage", {
    requests,
    outageSeconds: OUTAGE_MS / 1000,
    acceptedDuringOutage,
    failedDuringOutage,
    failed: load.failed().length,
    backlogPeak,
    changes: sims.committed,
    events: sims.events,
    lost: sims.lost,
    phantom: sims.phantom,
    duplicates: published.duplicates,
    outOfOrder: sims.outOfOrder,
    lostAcknowledged,
    readModelMismatches,
    drainedSecondsAfterReturn: Math.round(drainedMs / 100) / 10,
    readiness: degradedEverywhere ? "degraded" : "not-degraded",
  });
  console.log(
    `[faults] nats-outage: readiness ${JSON.stringify(Object.fromEntries([...readinessSeen].map(([k, v]) => [k, [...v]])))} statuses ${JSON.stringify(load.statuses())}`,
  );

  expect(acceptedDuringOutage).toBeGreaterThan(0);
  expect(backlogPeak).toBeGreaterThan(0);
  expect(failedDuringOutage).toBe(0);
  expect(degradedEverywhere).toBe(true);
  expect(notReadySeen.map((p) => p.name)).toEqual([]);
  expect({
    lost: sims.lost,
    phantom: sims.phantom,
    duplicates: published.duplicates,
    outOfOrder: sims.outOfOrder,
    lostAcknowledged,
    readModelMismatches,
    halfApplied,
  }).toEqual({
    lost: 0,
    phantom: 0,
    duplicates: 0,
    outOfOrder: 0,
    lostAcknowledged: 0,
    readModelMismatches: 0,
    halfApplied: 0,
  });
});
