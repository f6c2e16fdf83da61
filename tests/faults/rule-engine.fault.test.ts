// Rule engine under a crash. An organization rule suspends a SIM once its
// data this month reaches 1 MB. Usage flows for 1,000 active SIMs in ten
// rounds of growing totals (nine in ten SIMs pass the threshold at round
// five, the others never do) while rule-service is killed with SIGKILL
// twice and started again. Afterwards every SIM past the threshold has been
// suspended exactly once (one SimStatusChanged to `suspended` on the
// stream, reason `rule`), has exactly one entry in the rule's log with its
// action applied, and no SIM below the threshold was touched: the firing
// log's unique key holds across the crash (the usage consumer records no
// processed events: an update delivered again after the kill is applied
// again and changes nothing), and firings whose actions the crash
// interrupted are taken up again after their lease.
import { afterAll, beforeAll, expect, it } from "vitest";
import { streamName } from "../../packages/contracts/src/index.ts";
import {
  feedUsage,
  killProcess,
  readStream,
  reportFigures,
  startProcess,
  waitFor,
} from "../../packages/testing/src/index.ts";
import { type FaultStack, iccid, sleep, startFaultStack } from "./support.ts";

const SIMS = 1_000;
const ROUNDS = 10;
const STEP_BYTES = 200_000;
const THRESHOLD_BYTES = 1_000_000;
/** Every tenth SIM stays below the threshold. */
const staysBelow = (index: number) => index % 10 === 0;

let f: FaultStack;
let orgId: string;
let ruleId: string;
let sims: string[];

beforeAll(async () => {
  f = await startFaultStack({
    envFor: {
      // A killed consumer's unacknowledged events come back after 2 s; a
      // killed worker's claimed firings after 3 s.
      "rule-service": {
        CONSUMER_ACK_WAIT_MS: "2000",
        RULE_ACTION_LEASE_MS: "3000",
        RULE_ACTION_POLL_MS: "200",
      },
    },
  });
  const org = await f.api.post("/v1/organizations", { name: "Rule Fault Org" });
  orgId = org.body.id;
  const operator = await f.api.post(`/v1/organizations/${orgId}/operators`, {
    operatorName: "Rule Fault Operator",
    mcc: "262",
    mnc: "01",
    integration: "api",
  });
  sims = Array.from({ length: SIMS }, (_, i) => iccid(i, "894470"));
  const imported = await f.api.post(`/v1/organizations/${orgId}/sims`, {
    sims: sims.map((value) => ({ iccid: value, operatorId: operator.body.id })),
  });
  expect(imported.status).toBe(201);
  // Activated in parallel, a few at a time.
  for (let i = 0; i < sims.length; i += 20) {
    const statuses = await Promise.all(
      sims.slice(i, i + 20).map((sim) => f.api.post(`/v1/sims/${sim}/status`, { status: "active" })),
    );
    expect(statuses.every((response) => response.status === 200)).toBe(true);
  }
  const rule = await f.api.post(`/v1/organizations/${orgId}/rules`, {
    name: "Suspend past 1 MB",
    trigger: { type: "data_used", thresholdBytes: THRESHOLD_BYTES, period: "month" },
    actions: [{ type: "change_status", status: "suspended" }],
  });
  expect(rule.status).toBe(201);
  ruleId = rule.body.id;
}, 300_000);

afterAll(async () => {
  await f?.stop();
});

it("every SIM past the threshold is suspended exactly once, with exactly one log entry, across two kills", async () => {
  const { stack } = f;
  const ruleService = stack.services["rule-service"].process;
  const period = new Date().toISOString().slice(0, 7);
  const kills: number[] = [];
  for (let round = 1; round <= ROUNDS; round++) {
    await feedUsage(
      stack,
      sims.map((sim, index) => ({
        iccid: sim,
        orgId,
        companyId: null,
        period,
        // Those below the threshold grow by less: 9 × 100,000 at the most.
        dataBytes: round * (staysBelow(index) ? STEP_BYTES / 2 - 10_000 : STEP_BYTES),
        smsCount: 0,
        voiceSeconds: 0,
      })),
    );
    // Kill while the rounds that cross the threshold are being evaluated and acted on.
    if (round === 4 || round === 6) {
      await sleep(round === 4 ? 1_500 : 300);
      await killProcess(ruleService);
      kills.push(round);
      await sleep(1_000);
      await startProcess(ruleService);
    }
  }

  const crossing = sims.filter((_, index) => !staysBelow(index));
  const settled = await waitFor(
    async () => {
      const rows = await stack.query<{ pending: string; done: string }>(
        "rule-service",
        `SELECT count(*) FILTER (WHERE state = 'pending') AS pending, count(*) FILTER (WHERE state = 'done') AS done
           FROM rule_firings WHERE rule_id = $1`,
        [ruleId],
      );
      const row = rows[0]!;
      return Number(row.pending) === 0 && Number(row.done) >= crossing.length ? row : undefined;
    },
    { timeoutMs: 180_000, intervalMs: 1_000, what: "every firing done" },
  );

  const log = await stack.query<{ iccid: string; entries: string; outcomes: string[] }>(
    "rule-service",
    `SELECT iccid, count(*) AS entries, array_agg(actions->0->>'outcome') AS outcomes
       FROM rule_firings WHERE rule_id = $1 GROUP BY iccid`,
    [ruleId],
  );
  const logged = new Map(log.map((row) => [row.iccid, row]));
  expect(logged.size).toBe(crossing.length);
  for (const sim of crossing) {
    expect(Number(logged.get(sim)?.entries), sim).toBe(1);
    expect(logged.get(sim)?.outcomes, sim).toEqual(["applied"]);
  }

  const suspended = await stack.query<{ iccid: string; status_reason: string }>(
    "sim-service",
    "SELECT iccid, status_reason FROM sims WHERE org_id = $1 AND status = 'suspended'",
    [orgId],
  );
  expect(suspended.map((row) => row.iccid).sort()).toEqual([...crossing].sort());
  expect(suspended.every((row) => row.status_reason === "rule")).toBe(true);

  // Exactly one suspension per SIM on the stream, and none of the others.
  const events = await readStream(stack.nc, streamName(stack.namespace, "sim"));
  const suspensions = new Map<string, number>();
  for (const stored of events) {
    if (stored.event.type !== "SimStatusChanged") continue;
    const data = stored.event.data as { iccid: string; to: string; reason: string | null };
    if (data.to === "suspended") suspensions.set(data.iccid, (suspensions.get(data.iccid) ?? 0) + 1);
  }
  expect(suspensions.size).toBe(crossing.length);
  expect([...suspensions.values()].every((count) => count === 1)).toBe(true);

  const redelivered = await stack.query<{ attempts: string }>(
    "rule-service",
    "SELECT count(*) FILTER (WHERE attempts > 1) AS attempts FROM rule_firings WHERE rule_id = $1",
    [ruleId],
  );
  reportFigures("rule-engine", {
    sims: SIMS,
    pastThreshold: crossing.length,
    kills: kills.length,
    firings: Number(settled.done),
    firingsRetriedAfterLease: Number(redelivered[0]!.attempts),
    usageEvents: SIMS * ROUNDS,
  });
});
