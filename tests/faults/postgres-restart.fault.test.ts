// 4. PostgreSQL restart under load: once cleanly (fast shutdown, every
// session ended) and once as a crash (immediate shutdown, WAL recovery).
// Every service reconnects by itself — same process, no restart — no request
// is half-applied (a SIM row always agrees with its history, every committed
// change has its event), no acknowledged change is lost, and no event is
// dead-lettered because the database was away for a moment.
import { afterAll, beforeAll, expect, it } from "vitest";
import { deadLetterStreamName } from "../../packages/contracts/src/index.ts";
import { readStream, reportFigures, runLoad, waitFor } from "../../packages/testing/src/index.ts";
import {
  AssignmentLoad,
  attempt,
  committedSimAssignments,
  compareLogs,
  eventsBySubject,
  type FaultStack,
  type Outcome,
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

let f: FaultStack;
let data: Seed;

beforeAll(async () => {
  f = await startFaultStack();
  data = await seed(f.api, { companies: 10, sims: 240 });
});

afterAll(async () => {
  await f?.stop();
});

it("reconnects every service without a restart and applies every request whole or not at all", async () => {
  const { stack, infra, api } = f;
  const processes = Object.values(stack.platform.processes);
  const pids = processes.map((p) => p.child?.pid);
  const load = new AssignmentLoad(data, [api], WORKERS);
  const companyOutcomes: (Outcome & { at: number })[] = [];
  let stop = false;
  const running = runLoad({
    workers: WORKERS,
    until: () => stop,
    task: async (index, worker) => {
      if (index % 10 === 0) {
        const at = Date.now();
        const outcome = await attempt(() =>
          api.post(`/v1/organizations/${data.orgId}/companies`, {
            name: `Restart ${index}-${Math.random()}`,
          }),
        );
        companyOutcomes.push({ ...outcome, at });
      } else {
        await load.step(worker);
      }
    },
  });

  const restarts: { mode: string; downMs: number; recoveryMs: number }[] = [];
  for (const mode of ["fast", "immediate"] as const) {
    await sleep(4_000);
    const stoppedAt = Date.now();
    await infra.postgres.restart({ mode, downMs: 2_000 });
    const upAt = Date.now();
    // Recovered when an assignment made after PostgreSQL came back succeeds.
    await waitFor(() => load.outcomes.some((o) => o.at >= upAt && o.status === 200), {
      timeoutMs: 30_000,
      what: `an assignment to succeed after the ${mode} restart`,
    });
    const recoveredAt = load.outcomes.find((o) => o.at >= upAt && o.status === 200)!.at;
    restarts.push({ mode, downMs: upAt - stoppedAt, recoveryMs: recoveredAt - upAt });
  }
  await sleep(3_000);
  stop = true;
  const requests = await running;

  await waitForEmptyOutboxes(stack, 60_000);
  const published = publishedSimAssignments(await stream(stack, "sim"));
  const sims = compareLogs(await committedSimAssignments(stack), published.bySubject);
  const companyRows = await stack.query<{ id: string }>("company-service", "SELECT id FROM companies");
  const companyEvents = eventsBySubject(await stream(stack, "company"), ["CompanyCreated"], () => "created");
  const companies = compareLogs(
    new Map(companyRows.map((row) => [row.id, ["created"]])),
    companyEvents.bySubject,
  );
  const halfApplied = await simsDisagreeingWithHistory(stack);
  const lostAcknowledged = await load.lostAcknowledged(stack);
  const readModelMismatches = await waitForChainReplicas(stack);
  const deadLettered = (await readStream(stack.nc, deadLetterStreamName(stack.namespace)).catch(() => []))
    .length;
  const sameProcesses = processes.every((p, i) => p.child?.pid === pids[i] && p.child?.exitCode === null);
  const all = [...load.outcomes, ...companyOutcomes];

  reportFigures("postgres-restart", {
    requests,
    restarts: restarts.map((r) => `${r.mode}:${r.downMs}ms`).join(","),
    recoveryMs: restarts.map((r) => r.recoveryMs).join(","),
    failed: all.filter((o) => o.status === 0 || o.status >= 500).length,
    status500: all.filter((o) => o.status === 500).length,
    changes: sims.committed + companies.committed,
    events: sims.events + companies.events,
    lost: sims.lost + companies.lost,
    phantom: sims.phantom + companies.phantom,
    halfApplied,
    lostAcknowledged,
    readModelMismatches,
    deadLettered,
    processRestarts: sameProcesses ? 0 : 1,
  });
  console.log(`[faults] postgres-restart: statuses ${JSON.stringify(load.statuses())}`);

  expect(sameProcesses).toBe(true);
  expect(all.filter((o) => o.status === 500)).toEqual([]);
  expect({
    lost: sims.lost + companies.lost,
    phantom: sims.phantom + companies.phantom,
    outOfOrder: sims.outOfOrder,
    halfApplied,
    lostAcknowledged,
    readModelMismatches,
    deadLettered,
  }).toEqual({
    lost: 0,
    phantom: 0,
    outOfOrder: 0,
    halfApplied: 0,
    lostAcknowledged: 0,
    readModelMismatches: 0,
    deadLettered: 0,
  });
  for (const restart of restarts) expect(restart.recoveryMs).toBeLessThan(10_000);
});
