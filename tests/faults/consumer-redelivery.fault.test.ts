// 5. Consumer redelivery. company-service keeps its read model of SIM
// assignments from SimAssigned / SimUnassigned. With a 1 s ack wait it is
// killed with SIGKILL three times in the middle of a backlog (a trigger
// slows each handler down so the backlog lasts), and every effect must
// still happen exactly once: the trigger also logs every row the handlers
// change, and that log must match the events one for one. Two poison events
// (a trigger makes their handler fail every time) go to the dead-letter
// subject after their maximum deliveries, are counted in
// simhub_consumer_dead_letters_total, and never hold back the events behind
// them.
import { afterAll, beforeAll, expect, it } from "vitest";
import { deadLetterStreamName, streamName } from "../../packages/contracts/src/index.ts";
import {
  killProcess,
  readStream,
  reportFigures,
  runLoad,
  scrapeMetric,
  startProcess,
  waitFor,
} from "../../packages/testing/src/index.ts";
import {
  attempt,
  compareLogs,
  type FaultStack,
  publishedSimAssignments,
  type Seed,
  seed,
  sleep,
  startFaultStack,
} from "./support.ts";

const DURABLE = "company-service-sim-assignments";
const MAX_DELIVER = 5;
const SIMS = 400;
const BEHIND_POISON = 100;

let f: FaultStack;
let data: Seed;

beforeAll(async () => {
  f = await startFaultStack({
    envFor: {
      "company-service": { CONSUMER_ACK_WAIT_MS: "1000", CONSUMER_MAX_DELIVER: String(MAX_DELIVER) },
    },
  });
  data = await seed(f.api, { companies: 4, sims: SIMS + 2 });
  // Every row change of the read model is logged (in the handler's own
  // transaction, so only committed effects count); a poison SIM's change
  // always fails; `delay_ms` slows every change down.
  await f.stack.query(
    "company-service",
    `CREATE TABLE fault_settings (delay_ms integer NOT NULL);
     INSERT INTO fault_settings VALUES (0);
     CREATE TABLE fault_poison (iccid text PRIMARY KEY);
     CREATE TABLE fault_effects (id bigserial PRIMARY KEY, op text NOT NULL, iccid text NOT NULL, company_id uuid);
     CREATE FUNCTION fault_effects() RETURNS trigger LANGUAGE plpgsql AS $$
     DECLARE
       row_iccid text := CASE WHEN TG_OP = 'DELETE' THEN OLD.iccid ELSE NEW.iccid END;
       row_company uuid := CASE WHEN TG_OP = 'DELETE' THEN OLD.company_id ELSE NEW.company_id END;
     BEGIN
       IF EXISTS (SELECT 1 FROM fault_poison WHERE iccid = row_iccid) THEN
         RAISE EXCEPTION 'injected fault: this event always fails';
       END IF;
       PERFORM pg_sleep((SELECT delay_ms FROM fault_settings) / 1000.0);
       INSERT INTO fault_effects (op, iccid, company_id) VALUES (TG_OP, row_iccid, row_company);
       RETURN NULL;
     END $$;
     CREATE TRIGGER fault_effects AFTER INSERT OR UPDATE OR DELETE ON company_sims
       FOR EACH ROW EXECUTE FUNCTION fault_effects();`,
  );
});

afterAll(async () => {
  await f?.stop();
});

async function processedCount(): Promise<number> {
  const [row] = await f.stack.query<{ n: string }>(
    "company-service",
    "SELECT count(*) AS n FROM processed_events WHERE consumer = $1",
    [DURABLE],
  );
  return Number(row!.n);
}

/** Assigns (or unassigns) each SIM once, 8 at a time; every request must succeed (after a retry or two: company-service restarts here). */
async function forEachSim(iccids: string[], op: "assign" | "unassign") {
  let failures = 0;
  await runLoad({
    workers: 8,
    total: iccids.length,
    task: async (index) => {
      const sim = iccids[index]!;
      const companyId = data.companyIds[index % data.companyIds.length]!;
      for (let retry = 0; ; retry++) {
        const outcome = await attempt(() =>
          op === "assign"
            ? f.api.post(`/v1/sims/${sim}/assign`, { companyId })
            : f.api.post(`/v1/sims/${sim}/unassign`),
        );
        if (outcome.status === 200) return;
        if (retry === 5 || (outcome.status !== 503 && outcome.status !== 0)) {
          failures++;
          return;
        }
        await sleep(500);
      }
    },
  });
  expect(failures).toBe(0);
}

it("applies every event exactly once across kills and dead-letters poison without blocking", async () => {
  const { stack } = f;
  const company = stack.services["company-service"].process;
  const sims = data.iccids.slice(0, SIMS);
  const [poisonLive, poisonBehind] = data.iccids.slice(SIMS);

  // Phase 1, live: every SIM assigned, one of them poison.
  await stack.query("company-service", "INSERT INTO fault_poison VALUES ($1)", [poisonLive]);
  await forEachSim([...sims, poisonLive!], "assign");

  // Phase 2, a backlog: company-service is down (SIGKILL) while every SIM is
  // unassigned; then, handlers slowed down, it drains the backlog and is
  // killed with SIGKILL at a quarter, a half and three quarters of it.
  await waitFor(async () => (await processedCount()) >= SIMS, {
    timeoutMs: 60_000,
    what: "phase 1 to be consumed",
  });
  await stack.query("company-service", "UPDATE fault_settings SET delay_ms = 25");
  await killProcess(company, "SIGKILL");
  const base = await processedCount();
  await forEachSim(sims, "unassign");
  await startProcess(company);
  const kills: number[] = [];
  for (let kill = 1; kill <= 3; kill++) {
    const at = await waitFor(
      async () => {
        const done = (await processedCount()) - base;
        return done >= (kill * SIMS) / 4 ? done : false;
      },
      { timeoutMs: 60_000, intervalMs: 25, what: `the backlog to be ${kill}/4 consumed` },
    );
    await killProcess(company, "SIGKILL");
    kills.push(at);
    await sleep(500);
    await startProcess(company);
  }

  // Phase 3: a poison event with BEHIND_POISON events right behind it.
  await stack.query("company-service", "UPDATE fault_settings SET delay_ms = 0");
  await stack.query("company-service", "INSERT INTO fault_poison VALUES ($1)", [poisonBehind]);
  await forEachSim([poisonBehind!], "assign");
  const behind = sims.slice(0, BEHIND_POISON);
  await forEachSim(behind, "assign");

  const dlqStream = deadLetterStreamName(stack.namespace);
  const deadLetters = await waitFor(
    async () => {
      const messages = await readStream(stack.nc, dlqStream).catch(() => []);
      return messages.length >= 2 ? messages : false;
    },
    { timeoutMs: 60_000, what: "both poison events to be dead-lettered" },
  );
  const simEvents = await readStream(stack.nc, streamName(stack.namespace, "sim"));
  const assignmentEvents = simEvents.filter((m) => ["SimAssigned", "SimUnassigned"].includes(m.event.type));
  const poisonIccids = new Set([poisonLive, poisonBehind]);
  const goodEvents = assignmentEvents.filter((m) => !poisonIccids.has(m.event.subject!));
  await waitFor(async () => (await processedCount()) >= goodEvents.length, {
    timeoutMs: 60_000,
    what: "every good event to be processed",
  });

  // Exactly once: the effects the handlers committed, per SIM, are the events, one for one.
  const effects = await stack.query<{ op: string; iccid: string; company_id: string }>(
    "company-service",
    "SELECT op, iccid, company_id FROM fault_effects ORDER BY id",
  );
  const committed = new Map<string, string[]>();
  for (const effect of effects) {
    const list = committed.get(effect.iccid) ?? [];
    list.push(effect.op === "DELETE" ? `unassigned:${effect.company_id}` : `assigned:${effect.company_id}`);
    committed.set(effect.iccid, list);
  }
  const published = publishedSimAssignments(goodEvents);
  const exactlyOnce = compareLogs(committed, published.bySubject);
  const processedIds = new Set(
    (
      await stack.query<{ event_id: string }>(
        "company-service",
        "SELECT event_id FROM processed_events WHERE consumer = $1",
        [DURABLE],
      )
    ).map((row) => row.event_id),
  );
  const notProcessed = goodEvents.filter((m) => !processedIds.has(m.event.id)).length;
  const poisonProcessed = assignmentEvents.filter(
    (m) =>
      poisonIccids.has(m.event.subject!) && m.event.type === "SimAssigned" && processedIds.has(m.event.id),
  ).length;

  // Not blocking: the events behind the second poison were applied before it was dead-lettered.
  const behindPoisonDlq = deadLetters.find((m) => m.event.subject === poisonBehind)!;
  const behindEventIds = assignmentEvents
    .filter(
      (m) =>
        behind.includes(m.event.subject!) &&
        m.seq >
          (simEvents.find((e) => e.event.subject === poisonBehind && e.event.type === "SimAssigned")?.seq ??
            0),
    )
    .map((m) => m.event.id);
  const behindApplied = await stack.query<{ n: string }>(
    "company-service",
    "SELECT count(*) AS n FROM processed_events WHERE consumer = $1 AND event_id = ANY($2) AND processed_at <= to_timestamp($3 / 1000.0)",
    [DURABLE, behindEventIds, behindPoisonDlq.time],
  );
  const appliedBeforeDeadLetter = Number(behindApplied[0]!.n);

  const jsm = await stack.nc.jetstreamManager();
  const consumer = await jsm.consumers.info(streamName(stack.namespace, "sim"), DURABLE);
  const streamInfo = await jsm.streams.info(streamName(stack.namespace, "sim"));
  const redeliveries = consumer.delivered.consumer_seq - streamInfo.state.messages;
  const deadLetterMetric = await scrapeMetric(company.httpUrl, "simhub_consumer_dead_letters_total", {
    consumer: DURABLE,
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
    `[faults] consumer-redelivery: kills after ${kills.join(", ")} of ${SIMS}; reasons ${JSON.stringify(reasons)}`,
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
  expect(deadLetters.map((m) => m.event.subject).sort()).toEqual([poisonBehind, poisonLive].sort());
  for (const reason of reasons) expect(reason).toBe(`failed ${MAX_DELIVER} deliveries`);
  expect(deadLetterMetric).toBeGreaterThanOrEqual(1);
  expect(behindEventIds.length).toBe(BEHIND_POISON);
  expect(appliedBeforeDeadLetter).toBe(BEHIND_POISON);
});
