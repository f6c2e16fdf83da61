// 1. Outbox atomicity. 10,000 changes through the API across three services
// (SIM assignments and unassignments in sim-service, companies in
// company-service, organizations in org-service) while the services — and
// so their outbox relays — are killed with SIGKILL and restarted, and while
// a trigger makes about one transaction in twenty fail at its outbox insert,
// after the business rows were written. Then the committed changes (the
// databases) and the events (the streams) must be the same sets: zero lost,
// zero phantom, and in commit order per aggregate.
import { afterAll, beforeAll, expect, it } from "vitest";
import { reportFigures, restartProcess, runLoad } from "../../packages/testing/src/index.ts";
import {
  attempt,
  committedSimAssignments,
  compareLogs,
  countBy,
  eventsBySubject,
  type FaultStack,
  type Outcome,
  publishedSimAssignments,
  recentOutput,
  type Seed,
  seed,
  simsDisagreeingWithHistory,
  sleep,
  startFaultStack,
  stream,
  waitForEmptyOutboxes,
} from "./support.ts";

const TARGET_CHANGES = Number(process.env.FAULTS_CHANGES ?? 5_000);
const WORKERS = 16;
const ROLLBACK_RATE = 0.05;

let f: FaultStack;
let data: Seed;

/** Fails a share of the transactions that write one of `types` to the outbox, after their business rows. */
function rollbackTrigger(types: string[]) {
  const list = types.map((type) => `'${type}'`).join(", ");
  return `
    CREATE FUNCTION fault_rollback() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF NEW.type IN (${list}) AND random() < ${ROLLBACK_RATE} THEN
        RAISE EXCEPTION 'injected fault: this transaction rolls back';
      END IF;
      RETURN NEW;
    END $$;
    CREATE TRIGGER fault_rollback BEFORE INSERT ON outbox FOR EACH ROW EXECUTE FUNCTION fault_rollback();`;
}

beforeAll(async () => {
  f = await startFaultStack();
  data = await seed(f.api, { companies: 20, sims: 480 });
  await f.stack.query("sim-service", rollbackTrigger(["SimAssigned", "SimUnassigned"]));
  await f.stack.query("company-service", rollbackTrigger(["CompanyCreated"]));
  await f.stack.query("org-service", rollbackTrigger(["OrganizationCreated"]));
});

afterAll(async () => {
  await f?.stop();
});

it("publishes exactly the committed changes while relays are killed and transactions roll back", async () => {
  const { stack, api } = f;
  const outcomes: (Outcome & { op: string })[] = [];
  let acknowledged = 0;
  let stop = false;
  // Each worker owns its SIMs, so no two requests race on one SIM.
  const assignedTo = new Map<string, string | undefined>();

  async function change(index: number, worker: number) {
    const roll = Math.random();
    if (roll < 0.06) {
      const outcome = await attempt(() =>
        api.post(`/v1/organizations/${data.orgId}/companies`, { name: `Load ${index}-${Math.random()}` }),
      );
      outcomes.push({ ...outcome, op: "company" });
      if (outcome.status === 201) acknowledged++;
      return;
    }
    if (roll < 0.08) {
      const outcome = await attempt(() => api.post("/v1/organizations", { name: `Load Org ${index}` }));
      outcomes.push({ ...outcome, op: "organization" });
      if (outcome.status === 201) acknowledged++;
      return;
    }
    const own = data.iccids.filter((_, i) => i % WORKERS === worker);
    const sim = own[Math.floor(Math.random() * own.length)]!;
    const current = assignedTo.get(sim);
    if (current === undefined) {
      const companyId = data.companyIds[Math.floor(Math.random() * data.companyIds.length)]!;
      const outcome = await attempt(() => api.post(`/v1/sims/${sim}/assign`, { companyId }));
      outcomes.push({ ...outcome, op: "assign" });
      if (outcome.status === 200) {
        assignedTo.set(sim, companyId);
        acknowledged++;
      } else if (outcome.status === 409) {
        assignedTo.set(sim, "unknown"); // an earlier ambiguous attempt had committed
      }
    } else {
      const outcome = await attempt(() => api.post(`/v1/sims/${sim}/unassign`));
      outcomes.push({ ...outcome, op: "unassign" });
      if (outcome.status === 200) {
        assignedTo.delete(sim);
        acknowledged++;
      }
    }
  }

  const kills: string[] = [];
  // Kills are placed by progress, not by the clock, so a fast or a slow
  // machine sees the same three kills in the middle of the load.
  const killer = (async () => {
    const victims = ["sim-service", "company-service", "sim-service"] as const;
    const atShare = [0.2, 0.45, 0.7];
    for (let round = 0; round < victims.length && !stop; round++) {
      while (!stop && acknowledged < TARGET_CHANGES * atShare[round]!) await sleep(50);
      if (stop) break;
      const name = victims[round]!;
      await restartProcess(stack.services[name].process, { signal: "SIGKILL" });
      kills.push(name);
    }
  })();

  const started = Date.now();
  let lastAcknowledged = -1;
  const progress = setInterval(() => {
    if (acknowledged === lastAcknowledged) console.log(recentOutput(stack));
    lastAcknowledged = acknowledged;
    console.log(
      `[faults] outbox-atomicity: ${Math.round((Date.now() - started) / 1000)} s acknowledged=${acknowledged} ${JSON.stringify(countBy(outcomes, (o) => String(o.status)))}`,
    );
  }, 10_000);
  const tried = await runLoad({
    workers: WORKERS,
    until: () => acknowledged >= TARGET_CHANGES,
    task: change,
  });
  stop = true;
  clearInterval(progress);
  await killer;
  const loadMs = Date.now() - started;

  await waitForEmptyOutboxes(stack, 90_000);

  // sim-service: every assignment change in sim_history ↔ SimAssigned/SimUnassigned on SIMHUB_SIM.
  const simEvents = await stream(stack, "sim");
  const published = publishedSimAssignments(simEvents);
  const sims = compareLogs(await committedSimAssignments(stack), published.bySubject);

  // company-service and org-service: every row ↔ its Created event.
  const companyRows = await stack.query<{ id: string }>("company-service", "SELECT id FROM companies");
  const companyEvents = eventsBySubject(await stream(stack, "company"), ["CompanyCreated"], () => "created");
  const companies = compareLogs(
    new Map(companyRows.map((row) => [row.id, ["created"]])),
    companyEvents.bySubject,
  );
  const orgRows = await stack.query<{ id: string }>("org-service", "SELECT id FROM organizations");
  const orgEvents = eventsBySubject(await stream(stack, "org"), ["OrganizationCreated"], () => "created");
  const orgs = compareLogs(new Map(orgRows.map((row) => [row.id, ["created"]])), orgEvents.bySubject);

  const halfApplied = await simsDisagreeingWithHistory(stack);
  const statuses = countBy(outcomes, (o) => (o.status === 0 ? `net:${o.error}` : String(o.status)));
  const rolledBack = outcomes.filter((o) => o.code === "INTERNAL" || o.status === 500).length;
  const changes = sims.committed + companies.committed + orgs.committed;
  const events = sims.events + companies.events + orgs.events;
  const lost = sims.lost + companies.lost + orgs.lost;
  const phantom = sims.phantom + companies.phantom + orgs.phantom;
  const duplicates = published.duplicates + companyEvents.duplicates + orgEvents.duplicates;
  reportFigures("outbox-atomicity", {
    requests: tried,
    changes,
    events,
    lost,
    phantom,
    duplicates,
    outOfOrder: sims.outOfOrder,
    halfApplied,
    kills: kills.length,
    failedRequests: outcomes.filter((o) => o.status === 0 || o.status >= 500).length,
    rolledBack,
    loadSeconds: Math.round(loadMs / 1000),
  });
  console.log(`[faults] outbox-atomicity: statuses ${JSON.stringify(statuses)} kills ${kills.join(",")}`);

  expect(changes).toBeGreaterThanOrEqual(TARGET_CHANGES);
  expect(kills.length).toBeGreaterThanOrEqual(3);
  expect(rolledBack).toBeGreaterThan(0);
  expect({ lost, phantom, duplicates, outOfOrder: sims.outOfOrder, halfApplied }).toEqual({
    lost: 0,
    phantom: 0,
    duplicates: 0,
    outOfOrder: 0,
    halfApplied: 0,
  });
  expect(events).toBe(changes);
});
