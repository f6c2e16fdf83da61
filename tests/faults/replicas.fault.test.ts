// 6. Several replicas. A second sim-service and a second gateway (which
// calls the second sim-service) run against the same databases and NATS,
// and a load of assignments is spread over both gateways while companies
// are archived and end users removed (events both sim-service replicas
// consume from one shared durable consumer). No event is published twice
// (the relays' publish counters add up to the stream), no consumer effect
// happens twice (the consumers' processed counters add up to the events),
// and no acknowledged assignment is lost.
import { afterAll, beforeAll, expect, it } from "vitest";
import { streamName } from "../../packages/contracts/src/index.ts";
import { plannedSubscriptions } from "../../packages/platform/src/index.ts";
import {
  httpClient,
  type ManagedProcess,
  readStream,
  reportFigures,
  runLoad,
  scrapeMetric,
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
  type Seed,
  seed,
  sleep,
  startFaultStack,
  waitForChainReplicas,
  waitForEmptyOutboxes,
} from "./support.ts";

const WORKERS = 12;
const LOAD_MS = 20_000;
const SIDE_EFFECTS = 24;

let f: FaultStack;
let data: Seed;
let simReplica: ManagedProcess;
let gatewayReplica: ManagedProcess;

beforeAll(async () => {
  f = await startFaultStack();
  data = await seed(f.api, { companies: 10, sims: 360 });
  simReplica = await f.stack.addReplica("sim-service");
  gatewayReplica = await f.stack.addReplica("api-gateway", { SIM_SERVICE_ADDR: simReplica.grpcAddress! });
});

afterAll(async () => {
  await f?.stop();
});

it("publishes each event once, applies each effect once and loses no assignment across two replicas", async () => {
  const { stack, api } = f;
  const apis = [api, patient(httpClient(gatewayReplica.httpUrl, f.token))];
  const load = new AssignmentLoad(data, apis, WORKERS);

  // Companies to archive and end users to remove while the load runs: their
  // events are consumed by the two sim-service replicas.
  const spare: string[] = [];
  for (let i = 0; i < SIDE_EFFECTS; i++) {
    const company = await api.post(`/v1/organizations/${data.orgId}/companies`, { name: `Spare ${i}` });
    spare.push(company.body.id);
  }
  const endUsers: string[] = [];
  for (let i = 0; i < SIDE_EFFECTS; i++) {
    const user = await api.post(`/v1/companies/${data.companyIds[0]}/end-users`, {
      username: `replica-user-${i}`,
      email: `replica-user-${i}@example.com`,
      password: `Replica-pass-${i}-long-enough`,
    });
    if (user.status !== 201) throw new Error(`end user: ${user.status} ${JSON.stringify(user.body)}`);
    endUsers.push(user.body.id);
  }

  const started = Date.now();
  const sideOutcomes: (Outcome & { op: string })[] = [];
  const side = (async () => {
    for (let i = 0; i < SIDE_EFFECTS; i++) {
      const gateway = apis[i % 2]!;
      // An archive asks sim-service whether SIMs are assigned; a 503 or 504
      // (sim-service being killed meanwhile) is retried and counted
      // (see docs/reliability.md).
      for (let retry = 0; retry < 10; retry++) {
        const outcome = await attempt(() => gateway.delete(`/v1/companies/${spare[i]}`));
        sideOutcomes.push({ ...outcome, op: "archive" });
        if (outcome.status !== 503 && outcome.status !== 504) break;
        await sleep(500);
      }
      sideOutcomes.push({
        ...(await attempt(() => gateway.delete(`/v1/end-users/${endUsers[i]}`))),
        op: "remove",
      });
      await sleep(LOAD_MS / SIDE_EFFECTS);
    }
  })();
  const requests = await runLoad({
    workers: WORKERS,
    until: () => Date.now() - started > LOAD_MS,
    task: (_, worker) => load.step(worker),
  });
  await side;

  await waitForEmptyOutboxes(stack);
  const simStream = await readStream(stack.nc, streamName(stack.namespace, "sim"));
  const published = publishedSimAssignments(simStream);
  const sims = compareLogs(await committedSimAssignments(stack), published.bySubject);
  const simProcesses = [stack.services["sim-service"].process, simReplica];
  const publishedBy = await Promise.all(
    simProcesses.map((p) => scrapeMetric(p.httpUrl, "simhub_events_published_total", { result: "ok" })),
  );

  const archived = (await readStream(stack.nc, streamName(stack.namespace, "company"))).filter(
    (m) => m.event.type === "CompanyArchived",
  ).length;
  const removed = (await readStream(stack.nc, streamName(stack.namespace, "identity"))).filter(
    (m) => m.event.type === "EndUserRemoved",
  ).length;
  const consumedBy = async (type: string) =>
    Promise.all(
      simProcesses.map((p) =>
        scrapeMetric(p.httpUrl, "simhub_events_consumed_total", { type, result: "processed" }),
      ),
    );
  await waitFor(
    async () => {
      const a = (await consumedBy("CompanyArchived")).reduce((x, y) => x + y, 0);
      const r = (await consumedBy("EndUserRemoved")).reduce((x, y) => x + y, 0);
      return a >= archived && r >= removed;
    },
    { timeoutMs: 30_000, what: "the sim-service replicas to consume every event" },
  );
  await sleep(1_000); // anything applied twice would show up by now
  const archivedBy = await consumedBy("CompanyArchived");
  const removedBy = await consumedBy("EndUserRemoved");
  const processedRows = await stack.query<{ consumer: string; n: string }>(
    "sim-service",
    "SELECT consumer, count(*) AS n FROM processed_events GROUP BY consumer",
  );
  const readModelMismatches = await waitForChainReplicas(stack);
  const lostAcknowledged = await load.lostAcknowledged(stack);
  const perGateway = countBy(load.outcomes, (o) => `gateway${o.gateway}`);
  const perGatewayOk = countBy(
    load.outcomes.filter((o) => o.status === 200),
    (o) => `gateway${o.gateway}`,
  );
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

  reportFigures("replicas", {
    requests,
    acknowledged: load.acknowledged,
    gateway0: perGatewayOk.gateway0 ?? 0,
    gateway1: perGatewayOk.gateway1 ?? 0,
    failed: load.failed().length,
    events: simStream.length,
    publishedByReplicas: publishedBy.join("+"),
    publishedTwice: sum(publishedBy) - simStream.length,
    duplicates: published.duplicates,
    lost: sims.lost,
    phantom: sims.phantom,
    consumedEvents: archived + removed,
    consumedByReplicas: `${archivedBy[0]! + removedBy[0]!}+${archivedBy[1]! + removedBy[1]!}`,
    appliedTwice: sum(archivedBy) + sum(removedBy) - (archived + removed),
    lostAcknowledged,
    readModelMismatches,
    archiveRefused: sideOutcomes.filter((o) => o.op === "archive" && o.status >= 500).length,
  });
  console.log(
    `[faults] replicas: requests per gateway ${JSON.stringify(perGateway)} side ${JSON.stringify(countBy(sideOutcomes, (o) => `${o.op}:${o.status}`))} processed rows ${JSON.stringify(processedRows)}`,
  );

  expect(load.failed()).toEqual([]);
  expect(sideOutcomes.filter((o) => o.status >= 300 && o.status !== 503 && o.status !== 504)).toEqual([]);
  expect(Math.min(perGatewayOk.gateway0 ?? 0, perGatewayOk.gateway1 ?? 0)).toBeGreaterThan(
    load.acknowledged / 3,
  );
  expect(sum(publishedBy)).toBe(simStream.length);
  expect({
    lost: sims.lost,
    phantom: sims.phantom,
    duplicates: published.duplicates,
    outOfOrder: sims.outOfOrder,
  }).toEqual({
    lost: 0,
    phantom: 0,
    duplicates: 0,
    outOfOrder: 0,
  });
  expect(archived).toBe(SIDE_EFFECTS);
  expect(removed).toBe(SIDE_EFFECTS);
  expect(sum(archivedBy)).toBe(archived);
  expect(sum(removedBy)).toBe(removed);
  const rows = Object.fromEntries(processedRows.map((row) => [row.consumer, Number(row.n)]));
  // The durable consumer of CompanyArchived (one per subject on NATS 2.9: consumer.ts).
  const archivals = plannedSubscriptions(
    stack.namespace,
    "sim-service-companies",
    ["CompanyCreated", "CompanyArchived"],
    stack.nc.info?.version,
  ).find((subscription) => subscription.subjects.some((subject) => subject.endsWith(".company.archived")))!;
  if (archivals.subjects.length === 1) expect(rows[archivals.durable]).toBe(archived);
  else expect(rows[archivals.durable]).toBeGreaterThanOrEqual(archived);
  expect(rows["sim-service-end-users"]).toBe(removed);
  expect(lostAcknowledged).toBe(0);
  expect(readModelMismatches).toBe(0);
});
