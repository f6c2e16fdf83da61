// 5. Consumer redelivery. sim-service keeps its chain replica of companies
// from CompanyCreated (ARCHITECTURE.md). With a 1 s ack wait it is killed
// with SIGKILL three times in the middle of a backlog (a trigger slows each
// handler down so the backlog lasts), and every effect must still happen
// exactly once: the trigger also logs every replica row the handler
// changes, and that log must match the events one for one. Two poison
// events (a trigger makes their handler fail every time: companies of a
// "poisoned" organization) go to the dead-letter subject after their
// maximum deliveries, are counted in simhub_consumer_dead_letters_total,
// and never hold back the events behind them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { deadLetterStreamName, streamName } from "../../packages/contracts/src/index.ts";
import { plannedSubscriptions } from "../../packages/platform/src/index.ts";
import {
  killProcess,
  readStream,
  reportFigures,
  runLoad,
  scrapeMetric,
  startProcess,
  waitFor,
} from "../../packages/testing/src/index.ts";
import { compareLogs, eventsBySubject, type FaultStack, sleep, startFaultStack } from "./support.ts";

const MAX_DELIVER = 5;
const COMPANIES = 400;
const BEHIND_POISON = 100;

let f: FaultStack;
let orgId: string;
let poisonOrgs: [string, string];
/** sim-service's durable consumer of CompanyCreated (its name depends on the server: consumer.ts). */
let durable: string;

beforeAll(async () => {
  f = await startFaultStack({
    envFor: {
      "sim-service": { CONSUMER_ACK_WAIT_MS: "1000", CONSUMER_MAX_DELIVER: String(MAX_DELIVER) },
    },
  });
  const org = async (name: string) => {
    const created = await f.api.post("/v1/organizations", { name });
    if (created.status !== 201) throw new Error(`organization: ${created.status}`);
    return created.body.id as string;
  };
  orgId = await org("Redelivery Org");
  poisonOrgs = [await org("Poison Live"), await org("Poison Behind")];
  durable = plannedSubscriptions(
    f.stack.namespace,
    "sim-service-companies",
    ["CompanyCreated", "CompanyArchived"],
    f.stack.nc.info?.version,
  ).find((subscription) =>
    subscription.subjects.some((subject) => subject.endsWith(".company.created")),
  )!.durable;
  // Every row change of the replica is logged (in the handler's own
  // transaction, so only committed effects count); a poisoned
  // organization's company always fails; `delay_ms` slows every change down.
  await f.stack.query(
    "sim-service",
    `CREATE TABLE fault_settings (delay_ms integer NOT NULL);
     INSERT INTO fault_settings VALUES (0);
     CREATE TABLE fault_poison (org_id uuid PRIMARY KEY);
     CREATE TABLE fault_effects (id bigserial PRIMARY KEY, op text NOT NULL, company_id uuid NOT NULL);
     CREATE FUNCTION fault_effects() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF EXISTS (SELECT 1 FROM fault_poison WHERE org_id = NEW.org_id) THEN
         RAISE EXCEPTION 'injected fault: this event always fails';
       END IF;
       PERFORM pg_sleep((SELECT delay_ms FROM fault_settings) / 1000.0);
       INSERT INTO fault_effects (op, company_id) VALUES (TG_OP, NEW.company_id);
       RETURN NULL;
     END $$;
     CREATE TRIGGER fault_effects AFTER INSERT OR UPDATE ON chain_companies
       FOR EACH ROW EXECUTE FUNCTION fault_effects();`,
  );
  await f.stack.query("sim-service", "INSERT INTO fault_poison VALUES ($1), ($2)", poisonOrgs);
});

afterAll(async () => {
  await f?.stop();
});

async function processedCount(): Promise<number> {
  const [row] = await f.stack.query<{ n: string }>(
    "sim-service",
    "SELECT count(*) AS n FROM processed_events WHERE consumer = $1",
    [durable],
  );
  return Number(row!.n);
}

/** Creates `count` companies of `inOrg`, 8 at a time; every request must succeed. */
async function createCompanies(count: number, label: string, inOrg = orgId): Promise<string[]> {
  const ids: string[] = [];
  let failures = 0;
  await runLoad({
    workers: 8,
    total: count,
    task: async (index) => {
      const created = await f.api.post(`/v1/organizations/${inOrg}/companies`, { name: `${label} ${index}` });
      if (created.status === 201) ids.push(created.body.id);
      else failures++;
    },
  });
  expect(failures).toBe(0);
  return ids;
}

it("applies every event exactly once across kills and dead-letters poison without blocking", async () => {
  const { stack } = f;
  const sim = stack.services["sim-service"].process;

  // Phase 1, live: companies created, one of them poison.
  await createCompanies(1, "Poison live", poisonOrgs[0]);
  await createCompanies(COMPANIES, "Live");

  // Phase 2, a backlog: sim-service is down (SIGKILL) while as many
  // companies are created again; then, handlers slowed down, it drains the
  // backlog and is killed with SIGKILL at a quarter, a half and three
  // quarters of it.
  await waitFor(async () => (await processedCount()) >= COMPANIES, {
    timeoutMs: 60_000,
    what: "phase 1 to be consumed",
  });
  await stack.query("sim-service", "UPDATE fault_settings SET delay_ms = 25");
  await killProcess(sim, "SIGKILL");
  const base = await processedCount();
  await createCompanies(COMPANIES, "Backlog");
  await startProcess(sim);
  const kills: number[] = [];
  for (let kill = 1; kill <= 3; kill++) {
    const at = await waitFor(
      async () => {
        const done = (await processedCount()) - base;
        return done >= (kill * COMPANIES) / 4 ? done : false;
      },
      { timeoutMs: 60_000, intervalMs: 25, what: `the backlog to be ${kill}/4 consumed` },
    );
    await killProcess(sim, "SIGKILL");
    kills.push(at);
    await sleep(500);
    await startProcess(sim);
  }

  // Phase 3: a poison event with BEHIND_POISON events right behind it.
  await stack.query("sim-service", "UPDATE fault_settings SET delay_ms = 0");
  const [poisonBehind] = await createCompanies(1, "Poison behind", poisonOrgs[1]);
  const behind = await createCompanies(BEHIND_POISON, "Behind");

  const dlqStream = deadLetterStreamName(stack.namespace);
  const deadLetters = await waitFor(
    async () => {
      const messages = await readStream(stack.nc, dlqStream).catch(() => []);
      return messages.length >= 2 ? messages : false;
    },
    { timeoutMs: 60_000, what: "both poison events to be dead-lettered" },
  );
  const companyEvents = await readStream(stack.nc, streamName(stack.namespace, "company"));
  const createdEvents = companyEvents.filter((m) => m.event.type === "CompanyCreated");
  const poisonCompanies = new Set(
    createdEvents
      .filter((m) => poisonOrgs.includes((m.event.data as { orgId: string }).orgId))
      .map((m) => m.event.subject!),
  );
  const goodEvents = createdEvents.filter((m) => !poisonCompanies.has(m.event.subject!));
  await waitFor(async () => (await processedCount()) >= goodEvents.length, {
    timeoutMs: 60_000,
    what: "every good event to be processed",
  });

  // Exactly once: the effects the handler committed, per company, are the events, one for one.
  const effects = await stack.query<{ op: string; company_id: string }>(
    "sim-service",
    "SELECT op, company_id FROM fault_effects ORDER BY id",
  );
  const committed = new Map<string, string[]>();
  for (const effect of effects) {
    const list = committed.get(effect.company_id) ?? [];
    list.push(effect.op === "INSERT" ? "created" : `changed:${effect.op}`);
    committed.set(effect.company_id, list);
  }
  const published = eventsBySubject(goodEvents, ["CompanyCreated"], () => "created");
  const exactlyOnce = compareLogs(committed, published.bySubject);
  const processedIds = new Set(
    (
      await stack.query<{ event_id: string }>(
        "sim-service",
        "SELECT event_id FROM processed_events WHERE consumer = $1",
        [durable],
      )
    ).map((row) => row.event_id),
  );
  const notProcessed = goodEvents.filter((m) => !processedIds.has(m.event.id)).length;
  const poisonProcessed = createdEvents.filter(
    (m) => poisonCompanies.has(m.event.subject!) && processedIds.has(m.event.id),
  ).length;

  // Not blocking: the events behind the second poison were applied before it was dead-lettered.
  const behindPoisonDlq = deadLetters.find((m) => m.event.subject === poisonBehind)!;
  const poisonSeq = createdEvents.find((e) => e.event.subject === poisonBehind)?.seq ?? 0;
  const behindEventIds = createdEvents
    .filter((m) => behind.includes(m.event.subject!) && m.seq > poisonSeq)
    .map((m) => m.event.id);
  const behindApplied = await stack.query<{ n: string }>(
    "sim-service",
    "SELECT count(*) AS n FROM processed_events WHERE consumer = $1 AND event_id = ANY($2) AND processed_at <= to_timestamp($3 / 1000.0)",
    [durable, behindEventIds, behindPoisonDlq.time],
  );
  const appliedBeforeDeadLetter = Number(behindApplied[0]!.n);

  const jsm = await stack.nc.jetstreamManager();
  const consumer = await jsm.consumers.info(streamName(stack.namespace, "company"), durable);
  const redeliveries = consumer.delivered.consumer_seq - createdEvents.length;
  const deadLetterMetric = await scrapeMetric(sim.httpUrl, "simhub_consumer_dead_letters_total", {
    consumer: durable,
  });
  const reasons = deadLetters.map((m) => m.headers["Simhub-Dead-Letter-Reason"]);

  reportFigures("consumer-redelivery", {
    events: goodEvents.length,
    effects: effects.length,
    lost: exactlyOnce.lost + notProcessed,
    doubled: exactlyOnce.phantom,
    kills: kills.length,
    redeliveries,
    deadLettered: deadLetters.length,
    deadLetterMetric,
    poisonProcessed,
    behindPoison: behindEventIds.length,
    appliedBeforeDeadLetter,
  });
  console.log(
    `[faults] consumer-redelivery: kills after ${kills.join(", ")} of ${COMPANIES}; reasons ${JSON.stringify(reasons)}`,
  );

  expect(kills.length).toBe(3);
  expect(redeliveries).toBeGreaterThan(0);
  expect({ lost: exactlyOnce.lost, doubled: exactlyOnce.phantom, notProcessed, poisonProcessed }).toEqual({
    lost: 0,
    doubled: 0,
    notProcessed: 0,
    poisonProcessed: 0,
  });
  expect(effects.length).toBe(goodEvents.length);
  expect(deadLetters.map((m) => m.event.subject).sort()).toEqual([...poisonCompanies].sort());
  // Dead-lettered at its MAX_DELIVER-th delivery or later: a delivery can be
  // spent without a failure (a kill inside it, or its ack wait running out
  // while the slowed handler works), and the server's own limit
  // (MAX_DELIVER + 5, the backstop) was never reached.
  for (const reason of reasons) {
    const deliveries = Number(/^failed (\d+) deliveries$/.exec(reason ?? "")?.[1]);
    expect(deliveries, reason).toBeGreaterThanOrEqual(MAX_DELIVER);
    expect(deliveries, reason).toBeLessThan(MAX_DELIVER + 5);
  }
  expect(deadLetterMetric).toBeGreaterThanOrEqual(1);
  expect(behindEventIds.length).toBe(BEHIND_POISON);
  expect(appliedBeforeDeadLetter).toBe(BEHIND_POISON);
});
