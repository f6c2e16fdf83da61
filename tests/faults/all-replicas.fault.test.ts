// 12. Two replicas of every process. Every backend service runs twice (each
// caller's address of it lists both instances, spread round-robin) and so
// does the gateway; a load of assignments is spread over both gateways while
// companies are archived and end users removed (events consumed by both
// sim-service replicas from one durable consumer). One replica of each
// service in turn is killed (kill -9) and started again 3 s later. No
// request fails except with a 503/504 within the breaker's window after a
// kill, no event is published twice (ids unique in every stream), every
// consumed event is recorded exactly once by its durable consumer, and no
// acknowledged assignment is lost.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type StreamContext, streamName } from "../../packages/contracts/src/index.ts";
import { plannedSubscriptions } from "../../packages/platform/src/index.ts";
import {
  httpClient,
  killProcess,
  type ManagedProcess,
  type ProcessName,
  readStream,
  reportFigures,
  runLoad,
  scrapeMetric,
  startProcess,
  waitFor,
} from "../../packages/testing/src/index.ts";
import {
  AssignmentLoad,
  attempt,
  committedSimAssignments,
  compareLogs,
  countBy,
  type FaultStack,
  type Outcome,
  patient,
  publishedSimAssignments,
  recentOutput,
  type Seed,
  seed,
  simsDisagreeingWithHistory,
  sleep,
  startFaultStack,
  waitForChainReplicas,
  waitForEmptyOutboxes,
} from "./support.ts";

const WORKERS = 12;
const SIDE_EFFECTS = 20;
const DOWN_MS = 3_000;
/** The breaker lets a probe through every 2 s; a killed replica's in-flight calls fail at once. */
const FAILURE_WINDOW_MS = 5_000;
const victims: ProcessName[] = [
  "identity-service",
  "org-service",
  "company-service",
  "sim-service",
  "webhook-service",
];

let f: FaultStack;
let data: Seed;
let second: Record<ProcessName, ManagedProcess>;

beforeAll(async () => {
  f = await startFaultStack();
  data = await seed(f.api, { companies: 10, sims: 360 });
  // The processes restart with both instances' addresses; identity keeps its signing keys, so the token holds.
  second = await f.stack.replicateAll();
  // Twelve processes restarted one pair at a time take minutes on a loaded 2-core machine.
}, 600_000);

afterAll(async () => {
  await f?.stop();
});

it("keeps every request answered, publishes each event once and applies each once while replicas of every service die", async () => {
  const { stack, api } = f;
  const apis = [api, patient(httpClient(second["api-gateway"].httpUrl, f.token))];
  const load = new AssignmentLoad(data, apis, WORKERS);

  const spare: string[] = [];
  for (let i = 0; i < SIDE_EFFECTS; i++) {
    const company = await api.post(`/v1/organizations/${data.orgId}/companies`, { name: `Spare ${i}` });
    if (company.status !== 201) throw new Error(`company: ${company.status} ${JSON.stringify(company.body)}`);
    spare.push(company.body.id);
  }
  const endUsers: string[] = [];
  for (let i = 0; i < SIDE_EFFECTS; i++) {
    const user = await api.post(`/v1/companies/${data.companyIds[0]}/end-users`, {
      username: `every-replica-user-${i}`,
      email: `every-replica-user-${i}@example.com`,
      password: `Replica-pass-${i}-long-enough`,
    });
    if (user.status !== 201) throw new Error(`end user: ${user.status} ${JSON.stringify(user.body)}`);
    endUsers.push(user.body.id);
  }

  let stop = false;
  const sideOutcomes: (Outcome & { op: string; at: number })[] = [];
  const side = (async () => {
    for (let i = 0; i < SIDE_EFFECTS && !stop; i++) {
      const gateway = apis[i % 2]!;
      for (const [op, send] of [
        ["archive", () => gateway.delete(`/v1/companies/${spare[i]}`)],
        ["remove", () => gateway.delete(`/v1/end-users/${endUsers[i]}`)],
      ] as const) {
        // Retried after a 503/504 (a replica killed meanwhile), each attempt counted.
        for (let retry = 0; retry < 10; retry++) {
          const at = Date.now();
          const outcome = await attempt(send);
          sideOutcomes.push({ ...outcome, op, at });
          if (outcome.status !== 503 && outcome.status !== 504) break;
          await sleep(500);
        }
      }
      await sleep(1_000);
    }
  })();
  const running = runLoad({ workers: WORKERS, until: () => stop, task: (_, worker) => load.step(worker) });

  await sleep(4_000);
  const kills: { name: ProcessName; at: number; restartedAt: number; readyMs: number }[] = [];
  for (const name of victims) {
    // The stack's own instance: it is the one most likely to hold the relay's lock.
    const victim = stack.platform.processes[name];
    const at = Date.now();
    await killProcess(victim);
    await sleep(DOWN_MS);
    const restartedAt = Date.now();
    const readyMs = await startProcess(victim);
    kills.push({ name, at, restartedAt, readyMs });
    await sleep(2_000);
  }
  await sleep(3_000);
  stop = true;
  const requests = await running;
  await side;

  await waitForEmptyOutboxes(stack);
  // By when it was answered: a request in flight at the kill started before it.
  const answeredWithin = (o: { at: number; ms: number }, from: number) =>
    o.at + o.ms >= from && o.at + o.ms < from + FAILURE_WINDOW_MS;
  const afterKill = (o: { at: number; ms: number }) => kills.some((kill) => answeredWithin(o, kill.at));
  const afterRejoin = (o: { at: number; ms: number }) =>
    kills.some((kill) => answeredWithin(o, kill.restartedAt + kill.readyMs));
  const inWindow = (o: { at: number; ms: number }) => afterKill(o) || afterRejoin(o);
  const failures = load.failed();
  const outsideWindow = failures.filter((o) => !inWindow(o) || (o.status !== 503 && o.status !== 504));
  const sideFailures = sideOutcomes.filter((o) => o.status >= 300);
  const sideOutsideWindow = sideFailures.filter(
    (o) => !inWindow(o) || (o.status !== 503 && o.status !== 504),
  );

  // Published twice: an event id stored twice in any stream.
  const streamsRead = Object.fromEntries(
    await Promise.all(
      (["org", "company", "identity", "sim", "webhook"] as StreamContext[]).map(
        async (context) =>
          [context, await readStream(stack.nc, streamName(stack.namespace, context))] as const,
      ),
    ),
  );
  const publishedTwice = Object.values(streamsRead).reduce((sum, events) => {
    const ids = events.map((m) => m.event.id);
    return sum + ids.length - new Set(ids).size;
  }, 0);
  const published = publishedSimAssignments(streamsRead.sim!);
  const sims = compareLogs(await committedSimAssignments(stack), published.bySubject);

  // Applied: each consumed event recorded once by its durable consumer (the
  // record and the effect commit together), none missing.
  const archived = new Set(
    streamsRead.company!.filter((m) => m.event.type === "CompanyArchived").map((m) => m.event.id),
  );
  const removed = new Set(
    streamsRead.identity!.filter((m) => m.event.type === "EndUserRemoved").map((m) => m.event.id),
  );
  const archivals = plannedSubscriptions(
    stack.namespace,
    "sim-service-companies",
    ["CompanyCreated", "CompanyArchived"],
    stack.nc.info?.version,
  ).find((subscription) => subscription.subjects.some((subject) => subject.endsWith(".company.archived")))!;
  const recorded = async (durable: string, type: string) =>
    stack.query<{ event_id: string }>(
      "sim-service",
      "SELECT event_id FROM processed_events WHERE consumer = $1 AND type = $2",
      [durable, type],
    );
  await waitFor(
    async () =>
      (await recorded(archivals.durable, "CompanyArchived")).length >= archived.size &&
      (await recorded("sim-service-end-users", "EndUserRemoved")).length >= removed.size,
    { timeoutMs: 30_000, what: "the sim-service replicas to consume every event" },
  );
  await sleep(1_000);
  const archivalRecords = (await recorded(archivals.durable, "CompanyArchived")).map((r) => r.event_id);
  const removalRecords = (await recorded("sim-service-end-users", "EndUserRemoved")).map((r) => r.event_id);
  // Counted by the two sim-service instances since their last start: never more than the events.
  const simInstances = [stack.services["sim-service"].process, second["sim-service"]];
  const processedByInstances = (
    await Promise.all(
      simInstances.flatMap((p) =>
        ["CompanyArchived", "EndUserRemoved"].map((type) =>
          scrapeMetric(p.httpUrl, "simhub_events_consumed_total", { type, result: "processed" }),
        ),
      ),
    )
  ).reduce((a, b) => a + b, 0);
  const readModelMismatches = await waitForChainReplicas(stack);
  const halfApplied = await simsDisagreeingWithHistory(stack);
  const lostAcknowledged = await load.lostAcknowledged(stack);
  const perGatewayOk = countBy(
    load.outcomes.filter((o) => o.status === 200),
    (o) => `gateway${o.gateway}`,
  );

  reportFigures("all-replicas", {
    requests,
    acknowledged: load.acknowledged,
    gateway0: perGatewayOk.gateway0 ?? 0,
    gateway1: perGatewayOk.gateway1 ?? 0,
    killed: kills.map((k) => k.name.replace("-service", "")).join("+"),
    readyMs: kills.map((k) => k.readyMs).join("+"),
    failedAfterKill: failures.filter(afterKill).length,
    failedAfterRejoin: failures.filter((o) => !afterKill(o) && afterRejoin(o)).length,
    failedOutsideWindow: outsideWindow.length,
    sideRetried: sideFailures.length - sideOutsideWindow.length,
    sideFailed: sideOutsideWindow.length,
    events: Object.values(streamsRead).reduce((sum, events) => sum + events.length, 0),
    publishedTwice,
    lost: sims.lost,
    phantom: sims.phantom,
    outOfOrder: sims.outOfOrder,
    consumedEvents: archived.size + removed.size,
    recorded: archivalRecords.length + removalRecords.length,
    appliedTwice:
      archivalRecords.length -
      new Set(archivalRecords).size +
      removalRecords.length -
      new Set(removalRecords).size,
    processedByInstancesSinceStart: processedByInstances,
    lostAcknowledged,
    halfApplied,
    readModelMismatches,
  });
  console.log(
    `[faults] all-replicas: statuses ${JSON.stringify(load.statuses())} side ${JSON.stringify(countBy(sideOutcomes, (o) => `${o.op}:${o.status}`))}`,
  );
  if (outsideWindow.length > 0 || sideOutsideWindow.length > 0) console.log(recentOutput(stack));

  expect(outsideWindow).toEqual([]);
  expect(sideOutsideWindow).toEqual([]);
  expect(Math.min(perGatewayOk.gateway0 ?? 0, perGatewayOk.gateway1 ?? 0)).toBeGreaterThan(
    load.acknowledged / 3,
  );
  expect(publishedTwice).toBe(0);
  expect({ lost: sims.lost, phantom: sims.phantom, outOfOrder: sims.outOfOrder }).toEqual({
    lost: 0,
    phantom: 0,
    outOfOrder: 0,
  });
  expect(archived.size).toBe(SIDE_EFFECTS);
  expect(removed.size).toBe(SIDE_EFFECTS);
  expect(new Set(archivalRecords)).toEqual(archived);
  expect(new Set(removalRecords)).toEqual(removed);
  expect(archivalRecords).toHaveLength(archived.size);
  expect(removalRecords).toHaveLength(removed.size);
  expect(processedByInstances).toBeLessThanOrEqual(archived.size + removed.size);
  expect(lostAcknowledged).toBe(0);
  expect(halfApplied).toBe(0);
  expect(readModelMismatches).toBe(0);
});
