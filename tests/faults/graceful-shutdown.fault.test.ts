// 7. Graceful shutdown. SIGTERM goes to every process at once — the gateway
// and the four services, as on a node drain or `docker compose down` — in
// the middle of a load of assignments and reads. The load comes through a
// load balancer as in production (simulated: it polls the gateway's
// /readyz every 100 ms and stops routing once it answers 503). Every request
// sent is answered, none with a 5xx or a cut connection; every process exits
// with code 0 well within 30 s; and nothing committed is lost: after a
// restart every change has its event.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  killProcess,
  type ProcessOutcome,
  readiness,
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

it("answers every request and exits well within 30 s on SIGTERM to every process", async () => {
  const { stack, api } = f;
  const load = new AssignmentLoad(data, [api], WORKERS);
  const reads: (Outcome & { at: number })[] = [];
  let stop = false;
  // The load balancer: routes to the gateway while its readiness says so.
  let routable = true;
  let routedAfterSignal = 0;
  let signalledAt = Number.POSITIVE_INFINITY;
  const balancer = (async () => {
    while (!stop) {
      routable = (await readiness(stack.gatewayUrl)).status === 200;
      await sleep(100);
    }
  })();
  const running = runLoad({
    workers: WORKERS,
    until: () => stop,
    task: async (index, worker) => {
      if (!routable) {
        await sleep(20);
        return;
      }
      if (Date.now() >= signalledAt) routedAfterSignal++;
      if (index % 3 === 0) {
        const at = Date.now();
        const sim = data.iccids[index % data.iccids.length]!;
        reads.push({ ...(await attempt(() => api.get(`/v1/sims/${sim}`))), at });
      } else {
        await load.step(worker);
      }
    },
  });

  await sleep(4_000);
  const processes = startOrder.map((name) => stack.platform.processes[name]);
  signalledAt = Date.now();
  const exits: ProcessOutcome[] = await Promise.all(processes.map((p) => killProcess(p, "SIGTERM")));
  const allExitedMs = Date.now() - signalledAt;
  stop = true;
  await balancer;
  await running;

  const all = [...load.outcomes, ...reads];
  const failed = all.filter((o) => o.status === 0 || o.status >= 500);
  const answeredAfterSignal = all.filter((o) => o.at >= signalledAt && o.status > 0 && o.status < 500).length;

  // Start again: whatever was committed and not yet published goes out now.
  for (const p of processes) await startProcess(p);
  await waitForEmptyOutboxes(stack);
  const published = publishedSimAssignments(await stream(stack, "sim"));
  const sims = compareLogs(await committedSimAssignments(stack), published.bySubject);
  const lostAcknowledged = await load.lostAcknowledged(stack);

  reportFigures("graceful-shutdown", {
    requests: all.length,
    inFlightAtSignal: all.filter((o) => o.at < signalledAt && o.at + o.ms >= signalledAt).length,
    sentAfterSignal: routedAfterSignal,
    answeredAfterSignal,
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
