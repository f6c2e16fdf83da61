// 7. Graceful shutdown. SIGTERM goes to every process at once — the gateway
// and the four services, as on a node drain or `docker compose down` — in
// the middle of a load of assignments and reads. Every request the gateway
// accepted gets its answer (no 5xx, no connection cut mid-request; once it
// stops listening new connections are refused, which a client or load
// balancer retries elsewhere), every process exits with code 0 well within
// 30 s, and nothing committed is lost: after a restart every change has its
// event.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  killProcess,
  type ProcessOutcome,
  reportFigures,
  runLoad,
  startProcess,
} from "../../packages/testing/src/index.ts";
import {
  AssignmentLoad,
  attempt,
  committedSimAssignments,
  compareLogs,
  countBy,
  type FaultStack,
  type Outcome,
  publishedSimAssignments,
  type Seed,
  seed,
  sleep,
  startFaultStack,
  stream,
  waitForEmptyOutboxes,
} from "./support.ts";

const WORKERS = 10;
const startOrder = [
  "identity-service",
  "org-service",
  "company-service",
  "sim-service",
  "api-gateway",
] as const;

let f: FaultStack;
let data: Seed;

beforeAll(async () => {
  f = await startFaultStack();
  data = await seed(f.api, { companies: 6, sims: 200 });
});

afterAll(async () => {
  await f?.stop();
});

/** Refused: the connection was never accepted (nothing was sent); the request may be retried elsewhere. */
const refused = (o: Outcome) => o.status === 0 && o.error === "ECONNREFUSED";

it("answers every accepted request and exits within 30 s on SIGTERM to every process", async () => {
  const { stack, api } = f;
  const load = new AssignmentLoad(data, [api], WORKERS);
  const reads: (Outcome & { at: number })[] = [];
  let stop = false;
  const running = runLoad({
    workers: WORKERS,
    until: () => stop,
    task: async (index, worker) => {
      let outcome: Outcome | undefined;
      if (index % 3 === 0) {
        const at = Date.now();
        const sim = data.iccids[index % data.iccids.length]!;
        const read = { ...(await attempt(() => api.get(`/v1/sims/${sim}`))), at };
        reads.push(read);
        outcome = read;
      } else {
        await load.step(worker);
        outcome = load.outcomes.at(-1);
      }
      // A client turned away waits a moment before it knocks again.
      if (outcome && refused(outcome)) await sleep(50);
    },
  });

  await sleep(4_000);
  const processes = startOrder.map((name) => stack.platform.processes[name]);
  const signalledAt = Date.now();
  const exits: ProcessOutcome[] = await Promise.all(processes.map((p) => killProcess(p, "SIGTERM")));
  const allExitedMs = Date.now() - signalledAt;
  // Keep the load on until every worker has met the closed door.
  await sleep(500);
  stop = true;
  const requests = await running;

  const all = [...load.outcomes, ...reads];
  const after = all.filter((o) => o.at >= signalledAt);
  const failed = all.filter((o) => !refused(o) && (o.status === 0 || o.status >= 500));
  const answeredAfterSignal = after.filter((o) => o.status > 0 && o.status < 500).length;

  // Start again: whatever was committed and not yet published goes out now.
  for (const p of processes) await startProcess(p);
  await waitForEmptyOutboxes(stack);
  const published = publishedSimAssignments(await stream(stack, "sim"));
  const sims = compareLogs(await committedSimAssignments(stack), published.bySubject);
  const lostAcknowledged = await load.lostAcknowledged(stack);

  reportFigures("graceful-shutdown", {
    requests,
    inFlightAtSignal: all.filter((o) => o.at < signalledAt && o.at + o.ms >= signalledAt).length,
    answeredAfterSignal,
    refusedAfterClose: all.filter(refused).length,
    failed: failed.length,
    exitCodes: exits.map((e) => e.code).join(","),
    slowestExitMs: Math.max(...exits.map((e) => e.exitMs)),
    allExitedMs,
    changes: sims.committed,
    events: sims.events,
    lost: sims.lost,
    phantom: sims.phantom,
    lostAcknowledged,
  });
  const before = all.filter((o) => o.at < signalledAt);
  console.log(
    `[faults] graceful-shutdown: before the signal ${JSON.stringify(countBy(before, (o) => `${o.status}:${o.code ?? o.error ?? ""}`))}`,
  );
  console.log(
    `[faults] graceful-shutdown: exits ${JSON.stringify(processes.map((p, i) => [p.name, exits[i]]))} failed ${JSON.stringify(failed.slice(0, 10).map((o) => `${o.status} ${o.code ?? o.error ?? ""} ${o.at - signalledAt}ms`))}`,
  );

  expect(failed.map((o) => `${o.status} ${o.code ?? o.error ?? ""}`)).toEqual([]);
  expect(exits.map((e) => e.code)).toEqual([0, 0, 0, 0, 0]);
  expect(Math.max(...exits.map((e) => e.exitMs))).toBeLessThan(10_000);
  expect({ lost: sims.lost, phantom: sims.phantom, lostAcknowledged }).toEqual({
    lost: 0,
    phantom: 0,
    lostAcknowledged: 0,
  });
});
