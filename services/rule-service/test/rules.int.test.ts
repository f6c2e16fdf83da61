// Automation rules through the gateway on the whole stack: every trigger
// fires once at its threshold, not again in the same period and again in
// the next; data_left against a plan; a company rule never touches another
// company's SIMs; a refusal of the SIM's lifecycle is logged as skipped;
// notify publishes RuleTriggered and reaches a webhook receiver; the same
// event delivered twice fires once; who may see and manage rules; and, end
// to end, usage posted through the gateway suspending a SIM.

import { type Knex, openDatabase } from "@simhub/platform";
import {
  feedImeiChanges,
  feedUsage,
  type HttpClient,
  type Receiver,
  redeliverUsage,
  type Stack,
  startReceiver,
  startStack,
  waitFor,
  webhookTestEnv,
} from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../src/db/migrations.ts";
import {
  buildWorld,
  createCompany,
  createSims,
  iccid,
  logsOf,
  nextMonth,
  processedByRules,
  settledLogs,
  statusOf,
  thisMonth,
  tomorrow,
  usageTakenIn,
  useSim,
  type World,
} from "./support.ts";

let stack: Stack;
let world: World;
let api: HttpClient;
let receiver: Receiver;

const suspend = { type: "change_status", status: "suspended" } as const;
const notify = { type: "notify" } as const;

/**
 * An organization rule narrowed to `companyId`: each test has companies of
 * its own, since a new rule is checked at once against every SIM it covers.
 */
async function orgRule(companyId: string, body: Record<string, unknown>) {
  const created = await api.post(`/v1/organizations/${world.orgId}/rules`, {
    name: "rule",
    companyId,
    ...body,
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string };
}

async function companyRule(companyId: string, body: Record<string, unknown>, client = api) {
  const created = await client.post(`/v1/companies/${companyId}/rules`, { name: "company rule", ...body });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  return created.body as { id: string };
}

/** Two companies of the test's own. */
async function companies() {
  return { companyA: await createCompany(world, "A"), companyB: await createCompany(world, "B") };
}

/** Usage, waited for until rule-service has taken it in. */
async function use(sim: string, companyId: string | null, usage: Parameters<typeof useSim>[4]) {
  await useSim(stack, world, sim, companyId, usage);
  await usageTakenIn(stack);
}

beforeAll(async () => {
  stack = await startStack({
    envFor: {
      "rule-service": { RULE_SWEEP_POLL_MS: "200", RULE_ACTION_POLL_MS: "100" },
      "webhook-service": webhookTestEnv,
    },
  });
  world = await buildWorld(stack, "Rules org");
  api = world.api;
  receiver = await startReceiver();
}, 180_000);

afterAll(async () => {
  await receiver?.close();
  await stack?.stop();
});

describe("usage triggers", () => {
  it("data_used (month): fires once at the threshold, not again this month, again next month", async () => {
    const { companyA } = await companies();
    const [sim] = await createSims(world, 1, { companyId: companyA });
    const rule = await orgRule(companyA, {
      trigger: { type: "data_used", thresholdBytes: 1_000, period: "month" },
      actions: [suspend],
    });
    await use(sim!, companyA, { dataBytes: 999 });
    expect(await logsOf(api, rule.id)).toEqual([]);
    await use(sim!, companyA, { dataBytes: 1_000 });
    const [first] = await settledLogs(api, rule.id, 1);
    expect(first).toMatchObject({
      ruleId: rule.id,
      iccid: sim,
      trigger: "data_used",
      observed: { dataBytes: 1_000, period: thisMonth() },
      actions: [{ type: "change_status", outcome: "applied", detail: "status changed to suspended" }],
    });
    expect(await statusOf(api, sim!)).toBe("suspended");
    const read = await api.get(`/v1/sims/${sim}`);
    expect(read.body.statusReason).toBe("rule");

    await use(sim!, companyA, { dataBytes: 5_000 });
    expect(await logsOf(api, rule.id)).toHaveLength(1);

    await use(sim!, companyA, { period: nextMonth(), dataBytes: 1_200 });
    const entries = await settledLogs(api, rule.id, 2);
    expect(entries.map((entry) => entry.observed.period)).toEqual([nextMonth(), thisMonth()]);
    // Newest first; the SIM was already suspended by a rule: nothing to change, nothing refused.
    expect(entries[0]!.actions[0]).toMatchObject({
      outcome: "applied",
      detail: "already suspended by a rule",
    });
  });

  it("a backlog of interleaved updates fires once per SIM and keeps each SIM's latest totals", async () => {
    const { companyA } = await companies();
    const sims = await createSims(world, 3, { companyId: companyA });
    const rule = await orgRule(companyA, {
      trigger: { type: "data_used", thresholdBytes: 1_000, period: "month" },
      actions: [{ type: "notify" }],
    });
    // Four rising totals per SIM, interleaved, published at once: taken in
    // together (and by parallel loops), so which update crossed first is
    // whichever was applied first; each SIM fires once all the same.
    await feedUsage(
      stack,
      [500, 1_000, 1_500, 2_000].flatMap((dataBytes) =>
        sims.map((sim) => ({
          iccid: sim,
          orgId: world.orgId,
          companyId: companyA,
          period: thisMonth(),
          dataBytes,
          smsCount: 0,
          voiceSeconds: 0,
        })),
      ),
    );
    await usageTakenIn(stack);
    const entries = await settledLogs(api, rule.id, 3);
    expect(entries.map((entry) => entry.iccid).sort()).toEqual([...sims].sort());
    for (const entry of entries) expect(entry.observed.dataBytes).toBeGreaterThanOrEqual(1_000);
    expect(await logsOf(api, rule.id)).toHaveLength(3);
    const kept = await stack.query(
      "rule-service",
      "SELECT data_bytes FROM rule_usage WHERE iccid = ANY($1)",
      [sims],
    );
    expect(kept.map((row) => Number(row.data_bytes))).toEqual([2_000, 2_000, 2_000]);
  });

  it("sms_used (day): once a day, again the next day on that day's messages", async () => {
    const { companyA } = await companies();
    const [sim] = await createSims(world, 1, { companyId: companyA });
    const rule = await orgRule(companyA, {
      trigger: { type: "sms_used", thresholdCount: 5, period: "day" },
      actions: [notify],
    });
    await use(sim!, companyA, { smsCount: 4 });
    await use(sim!, companyA, { smsCount: 5 });
    await settledLogs(api, rule.id, 1);
    await use(sim!, companyA, { smsCount: 9 });
    expect(await logsOf(api, rule.id)).toHaveLength(1);
    // Tomorrow: 4 more is below the day's threshold, 5 more reaches it.
    await use(sim!, companyA, { smsCount: 13, time: tomorrow() });
    expect(await logsOf(api, rule.id)).toHaveLength(1);
    await use(sim!, companyA, { smsCount: 14, time: tomorrow() });
    const entries = await settledLogs(api, rule.id, 2);
    expect(entries[0]!.observed).toMatchObject({ smsCount: 5, period: tomorrow().slice(0, 10) });
    expect(entries[0]!.actions).toEqual([
      { type: "notify", outcome: "applied", detail: "RuleTriggered published" },
    ]);
  });

  it("voice_used (month): once a month", async () => {
    const { companyA } = await companies();
    const [sim] = await createSims(world, 1, { companyId: companyA });
    const rule = await orgRule(companyA, {
      trigger: { type: "voice_used", thresholdSeconds: 60, period: "month" },
      actions: [notify],
    });
    await use(sim!, companyA, { voiceSeconds: 61 });
    await settledLogs(api, rule.id, 1);
    await use(sim!, companyA, { voiceSeconds: 600 });
    expect(await logsOf(api, rule.id)).toHaveLength(1);
    await use(sim!, companyA, { period: nextMonth(), voiceSeconds: 60 });
    expect(await settledLogs(api, rule.id, 2)).toHaveLength(2);
  });

  it("data_left: against the SIM's plan allowance, checked at once when the plan is assigned", async () => {
    const { companyA } = await companies();
    const plan = await api.post(`/v1/organizations/${world.orgId}/plans`, {
      name: `Ten MB ${world.tag}`,
      type: "prepaid",
      currency: "EUR",
      price: 500,
      dataMb: 10,
      validityDays: 30,
    });
    expect(plan.status).toBe(201);
    await waitFor(
      async () =>
        (await stack.query("rule-service", "SELECT 1 FROM rule_plans WHERE plan_id = $1", [plan.body.id]))
          .length > 0,
      { what: "the plan's allowance in rule-service" },
    );
    const [onPlan, comingUnder, noPlan] = await createSims(world, 3, { companyId: companyA });
    expect((await api.post(`/v1/sims/${onPlan}/plan`, { planId: plan.body.id })).status).toBe(200);
    const rule = await orgRule(companyA, {
      trigger: { type: "data_left", thresholdBytes: 1_000_000 },
      actions: [notify],
      planId: plan.body.id,
    });
    await use(onPlan!, companyA, { dataBytes: 8_000_000 });
    await use(noPlan!, companyA, { dataBytes: 10_000_000 });
    expect(await logsOf(api, rule.id)).toEqual([]);
    await use(onPlan!, companyA, { dataBytes: 9_000_000 });
    const [fired] = await settledLogs(api, rule.id, 1);
    expect(fired).toMatchObject({
      iccid: onPlan,
      observed: { dataLeftBytes: 1_000_000, allowanceBytes: 10_000_000, dataBytes: 9_000_000 },
    });
    await use(onPlan!, companyA, { dataBytes: 9_900_000 });
    expect(await logsOf(api, rule.id)).toHaveLength(1);

    // A SIM that has used 9.5 MB comes under the rule when it is given the plan.
    await use(comingUnder!, companyA, { dataBytes: 9_500_000 });
    expect((await api.post(`/v1/sims/${comingUnder}/plan`, { planId: plan.body.id })).status).toBe(200);
    const entries = await settledLogs(api, rule.id, 2);
    expect(entries.map((entry) => entry.iccid).sort()).toEqual([onPlan, comingUnder].sort());

    await use(onPlan!, companyA, { period: nextMonth(), dataBytes: 9_999_999 });
    expect(await settledLogs(api, rule.id, 3)).toHaveLength(3);
    expect((await logsOf(api, rule.id)).some((entry) => entry.iccid === noPlan)).toBe(false);
  });

  it("a new rule is checked at once against the SIMs it covers", async () => {
    const { companyA } = await companies();
    const [sim] = await createSims(world, 1, { companyId: companyA });
    await use(sim!, companyA, { dataBytes: 50_000 });
    const rule = await orgRule(companyA, {
      trigger: { type: "data_used", thresholdBytes: 10_000, period: "month" },
      actions: [notify],
      companyId: companyA,
    });
    const entries = await settledLogs(api, rule.id, 1);
    expect(entries.some((entry) => entry.iccid === sim)).toBe(true);
  });

  describe("a SIM's usage and its facts written by two transactions at once", () => {
    /** Runs `write` in a transaction on rule-service's database that stays open while `meanwhile` runs. */
    async function heldOpen(
      write: (trx: Knex.Transaction) => Promise<unknown>,
      meanwhile: () => Promise<unknown>,
    ) {
      const db = await openDatabase({
        url: stack.services["rule-service"].databaseUrl,
        migrations, // applied already: nothing to do
        poolMax: 1,
        statementTimeoutMs: 30_000,
      });
      try {
        const trx = await db.transaction();
        await write(trx);
        await meanwhile();
        // The usage consumer meets the uncommitted row and waits for it.
        await new Promise((resolve) => setTimeout(resolve, 500));
        await trx.commit();
      } finally {
        await db.destroy();
      }
    }

    const rule = (companyId: string) =>
      orgRule(companyId, {
        trigger: { type: "data_used", thresholdBytes: 100, period: "month" },
        actions: [notify],
      });

    it("usage of a SIM whose first facts are being written is applied once they commit, and fires", async () => {
      const { companyA } = await companies();
      const { id } = await rule(companyA);
      const sim = iccid(world.nextSerial());
      await heldOpen(
        (trx) =>
          trx.raw("INSERT INTO rule_sims (iccid, org_id, company_id, company_at) VALUES (?, ?, ?, now())", [
            sim,
            world.orgId,
            companyA,
          ]),
        () => useSim(stack, world, sim, companyA, { dataBytes: 500 }),
      );
      await usageTakenIn(stack);
      expect(
        await stack.query("rule-service", "SELECT data_bytes FROM rule_usage WHERE iccid = $1", [sim]),
      ).toEqual([{ data_bytes: "500" }]);
      expect((await settledLogs(api, id, 1)).map((entry) => entry.iccid)).toEqual([sim]);
    });

    it("usage that arrives while the SIM's assignment is being recorded is evaluated on the new company", async () => {
      const { companyA } = await companies();
      const { id } = await rule(companyA);
      const sim = iccid(world.nextSerial());
      // Known without a company, below the threshold.
      await use(sim, null, { dataBytes: 50 });
      await heldOpen(
        (trx) =>
          trx.raw("UPDATE rule_sims SET company_id = ?, company_at = now() WHERE iccid = ?", [companyA, sim]),
        () => useSim(stack, world, sim, null, { dataBytes: 500 }),
      );
      await usageTakenIn(stack);
      expect((await settledLogs(api, id, 1)).map((entry) => entry.iccid)).toEqual([sim]);
    });
  });

  it("the same event delivered twice, or the same totals announced twice, fire once", async () => {
    const { companyA } = await companies();
    const [sim] = await createSims(world, 1, { companyId: companyA });
    const rule = await orgRule(companyA, {
      trigger: { type: "data_used", thresholdBytes: 100, period: "month" },
      actions: [notify],
    });
    const update = {
      iccid: sim!,
      orgId: world.orgId,
      companyId: companyA,
      period: thisMonth(),
      dataBytes: 100,
      smsCount: 0,
      voiceSeconds: 0,
    };
    const eventId = await useSim(stack, world, sim!, companyA, update);
    await usageTakenIn(stack);
    await redeliverUsage(stack, update, eventId);
    await use(sim!, companyA, { dataBytes: 100 });
    await settledLogs(api, rule.id, 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await logsOf(api, rule.id)).toHaveLength(1);
    const triggered = await stack.events("rule", { type: "RuleTriggered", count: 1 });
    expect(triggered.filter((event) => (event.data as { ruleId: string }).ruleId === rule.id)).toHaveLength(
      1,
    );
  });
});

describe("status, device and date triggers", () => {
  it("status_changed: each change to the status fires once", async () => {
    const { companyB } = await companies();
    const [sim] = await createSims(world, 1, { companyId: companyB });
    const rule = await orgRule(companyB, {
      trigger: { type: "status_changed", to: "suspended", from: "active" },
      actions: [notify],
    });
    expect((await api.post(`/v1/sims/${sim}/status`, { status: "suspended", reason: "user" })).status).toBe(
      200,
    );
    const [first] = await settledLogs(api, rule.id, 1);
    expect(first).toMatchObject({
      iccid: sim,
      trigger: "status_changed",
      observed: { from: "active", to: "suspended" },
    });
    expect((await api.post(`/v1/sims/${sim}/status`, { status: "active" })).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await logsOf(api, rule.id)).toHaveLength(1);
    expect((await api.post(`/v1/sims/${sim}/status`, { status: "suspended", reason: "user" })).status).toBe(
      200,
    );
    expect(await settledLogs(api, rule.id, 2)).toHaveLength(2);
  });

  it("imei_changed: only suspension is allowed; a new device suspends once; the first device is no change", async () => {
    const { companyB } = await companies();
    const refused = await api.post(`/v1/organizations/${world.orgId}/rules`, {
      name: "no",
      trigger: { type: "imei_changed" },
      actions: [{ type: "change_status", status: "active" }],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("RULE_ACTION_NOT_ALLOWED");
    const [sim] = await createSims(world, 1, { companyId: companyB });
    const rule = await orgRule(companyB, { trigger: { type: "imei_changed" }, actions: [suspend, notify] });
    const change = (previousImei: string | null, imei: string) =>
      feedImeiChanges(stack, [{ iccid: sim!, orgId: world.orgId, companyId: companyB, previousImei, imei }]);
    await processedByRules(stack, (await change(null, "356938035643809"))[0]!);
    expect(await logsOf(api, rule.id)).toEqual([]);
    await change("356938035643809", "490154203237518");
    const [fired] = await settledLogs(api, rule.id, 1);
    expect(fired!.observed).toEqual({ previousImei: "356938035643809", imei: "490154203237518" });
    expect(fired!.actions.map((action) => action.outcome)).toEqual(["applied", "applied"]);
    expect(await statusOf(api, sim!)).toBe("suspended");
  });

  it("date: at its time, once for every SIM it covers, and for a SIM that comes under it later", async () => {
    const { companyA } = await companies();
    const companyC = await createCompany(world, "C");
    const sims = await createSims(world, 2, { companyId: companyC });
    const [untouched] = await createSims(world, 1, { companyId: companyA });
    const at = new Date(Date.now() + 3_000).toISOString();
    const rule = await orgRule(companyA, {
      trigger: { type: "date", at },
      actions: [suspend, notify],
      companyId: companyC,
    });
    expect(await logsOf(api, rule.id)).toEqual([]);
    const entries = await settledLogs(api, rule.id, 2);
    expect(Date.parse(entries[0]!.firedAt)).toBeGreaterThanOrEqual(Date.parse(at));
    expect(entries.map((entry) => entry.iccid).sort()).toEqual([...sims].sort());
    for (const sim of sims) expect(await statusOf(api, sim)).toBe("suspended");
    expect(await statusOf(api, untouched!)).toBe("active");
    const [late] = await createSims(world, 1, { companyId: companyC });
    expect((await settledLogs(api, rule.id, 3)).map((entry) => entry.iccid)).toContain(late);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await logsOf(api, rule.id)).toHaveLength(3);
  });
});

describe("SIMs coming under rules", () => {
  it("SIMs assigned in a burst each come under a company's due date rule once, a SIM moved back and forth too", async () => {
    const { companyA } = await companies();
    const companyD = await createCompany(world, "D");
    const at = new Date(Date.now() + 1_000).toISOString();
    const rule = await orgRule(companyA, {
      trigger: { type: "date", at },
      actions: [notify],
      companyId: companyD,
    });
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    // Assigned at once, so rule-service takes their events in as one backlog.
    const sims = await createSims(world, 12, {});
    await Promise.all(
      sims.map(async (sim) => {
        expect((await api.post(`/v1/sims/${sim}/assign`, { companyId: companyD })).status).toBe(200);
      }),
    );
    const [moved] = sims;
    expect((await api.post(`/v1/sims/${moved}/unassign`, {})).status).toBe(200);
    expect((await api.post(`/v1/sims/${moved}/assign`, { companyId: companyD })).status).toBe(200);
    const entries = await settledLogs(api, rule.id, 12);
    expect(entries.map((entry) => entry.iccid).sort()).toEqual([...sims].sort());
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(await logsOf(api, rule.id)).toHaveLength(12);
  });
});

describe("scope, refusals and notifications", () => {
  it("a company rule never touches another company's SIMs", async () => {
    const { companyA, companyB } = await companies();
    const [own] = await createSims(world, 1, { companyId: companyA });
    const [foreign] = await createSims(world, 1, { companyId: companyB });
    const rule = await companyRule(companyA, {
      trigger: { type: "data_used", thresholdBytes: 100, period: "month" },
      actions: [suspend],
    });
    await use(foreign!, companyB, { dataBytes: 1_000_000 });
    await use(own!, companyA, { dataBytes: 1_000_000 });
    const entries = await settledLogs(api, rule.id, 1);
    expect(entries.map((entry) => entry.iccid)).toEqual([own]);
    expect(await statusOf(api, foreign!)).toBe("active");
    expect(await statusOf(api, own!)).toBe("suspended");
  });

  it("a transition the lifecycle refuses is logged as skipped, and not tried again", async () => {
    const { companyA } = await companies();
    const [blank] = await createSims(world, 1, { companyId: companyA, status: "blank" });
    const rule = await orgRule(companyA, {
      trigger: { type: "data_used", thresholdBytes: 10, period: "month" },
      actions: [suspend, notify],
    });
    await use(blank!, companyA, { dataBytes: 11 });
    const [entry] = await settledLogs(api, rule.id, 1);
    expect(entry!.actions[0]).toMatchObject({ type: "change_status", outcome: "skipped" });
    expect(entry!.actions[0]!.detail).toContain("blank");
    expect(entry!.actions[1]).toMatchObject({ type: "notify", outcome: "applied" });
    expect(await statusOf(api, blank!)).toBe("blank");
    const attempts = await stack.query(
      "rule-service",
      "SELECT attempts FROM rule_firings WHERE rule_id = $1",
      [rule.id],
    );
    expect(attempts).toEqual([{ attempts: 1 }]);
  });

  it("notify publishes RuleTriggered and delivers the product's rule payload to a webhook", async () => {
    const { companyB } = await companies();
    const hook = await api.post(`/v1/organizations/${world.orgId}/webhooks`, {
      url: receiver.url,
      events: ["rule.sim_card.current_usage.triggered", "rule.sim_card.remaining_usage.triggered"],
    });
    expect(hook.status).toBe(201);
    const [sim] = await createSims(world, 1, { companyId: companyB });
    const rule = await orgRule(companyB, {
      name: "Cost cap",
      trigger: { type: "data_used", thresholdBytes: 500, period: "month" },
      actions: [notify],
    });
    await use(sim!, companyB, { dataBytes: 700 });
    const event = await waitFor(async () =>
      (await stack.events("rule", { type: "RuleTriggered" })).find(
        (candidate) => (candidate.data as { ruleId: string }).ruleId === rule.id,
      ),
    );
    expect(event.data).toEqual({
      ruleId: rule.id,
      ruleName: "Cost cap",
      orgId: world.orgId,
      companyId: companyB,
      iccid: sim,
      trigger: "data_used",
      observed: { dataBytes: 700, thresholdReached: 500, period: thisMonth() },
      actions: [{ type: "notify", outcome: "applied" }],
    });
    const [delivery] = await receiver.waitFor(1, (candidate) => candidate.body.includes(rule.id), 30_000);
    const body = JSON.parse(delivery!.body);
    expect(body.type).toBe("rule.sim_card.current_usage.triggered");
    expect(body.data).toEqual({
      rule: {
        id: rule.id,
        name: "Cost cap",
        trigger: "data_used",
        observed: event.data && (event.data as { observed: unknown }).observed,
        actions: [{ type: "notify", outcome: "applied" }],
      },
      sim_card: { iccid: sim, orgId: world.orgId, companyId: companyB },
    });
  });
});

describe("rules as resources", () => {
  it("reads, lists (paginated), changes and deletes rules; logs are newest first and paginated", async () => {
    const { companyA } = await companies();
    const created = await orgRule(companyA, {
      name: "Cap A",
      trigger: { type: "data_used", thresholdBytes: 1, period: "day" },
      actions: [notify],
      companyId: companyA,
    });
    const read = await api.get(`/v1/rules/${created.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({
      orgId: world.orgId,
      companyId: companyA,
      level: "organization",
      enabled: true,
      trigger: { type: "data_used", thresholdBytes: 1, period: "day" },
      actions: [notify],
    });
    const first = await api.get(`/v1/organizations/${world.orgId}/rules?limit=1`);
    expect(first.body.items).toHaveLength(1);
    const second = await api.get(
      `/v1/organizations/${world.orgId}/rules?limit=1&cursor=${first.body.nextCursor}`,
    );
    expect(second.body.items[0].id).not.toBe(first.body.items[0].id);

    const sims = await createSims(world, 2, { companyId: companyA });
    for (const sim of sims) await use(sim, companyA, { dataBytes: 5 });
    const entries = await settledLogs(api, created.id, 2);
    const page = await api.get(`/v1/rules/${created.id}/logs?limit=1`);
    expect(page.body.items[0].id).toBe(entries[0]!.id);
    const next = await api.get(`/v1/rules/${created.id}/logs?limit=1&cursor=${page.body.nextCursor}`);
    expect(next.body.items[0].id).toBe(entries[1]!.id);
    expect(Date.parse(entries[0]!.firedAt)).toBeGreaterThanOrEqual(Date.parse(entries[1]!.firedAt));

    const changed = await api.patch(`/v1/rules/${created.id}`, { name: "Cap A2", enabled: false });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ name: "Cap A2", enabled: false });
    const [quiet] = await createSims(world, 1, { companyId: companyA });
    await use(quiet!, companyA, { dataBytes: 5 });
    expect(await logsOf(api, created.id)).toHaveLength(entries.length);

    expect((await api.delete(`/v1/rules/${created.id}`)).status).toBe(204);
    expect((await api.get(`/v1/rules/${created.id}`)).status).toBe(404);
    expect((await api.get(`/v1/rules/${created.id}/logs`)).status).toBe(404);
  });

  it("refuses malformed rules with every offending field", async () => {
    const bad = await api.post(`/v1/organizations/${world.orgId}/rules`, {
      name: "",
      trigger: { type: "data_used", thresholdBytes: -5, period: "week" },
      actions: [],
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.errors as { path: string }[]).map((error) => error.path).join(" ");
    expect(paths).toContain("name");
    expect(paths).toContain("trigger");
    expect(paths).toContain("actions");
    const notJson = await api.post(`/v1/organizations/${world.orgId}/rules`, "{", {
      raw: "{",
      contentType: "application/json",
    });
    expect(notJson.status).toBe(400);
    const foreignCompany = await api.post(`/v1/organizations/${world.orgId}/rules`, {
      name: "x",
      trigger: { type: "imei_changed" },
      actions: [notify],
      companyId: "00000000-0000-4000-8000-000000000000",
    });
    expect(foreignCompany.status).toBe(422);
  });

  it("roles: org staff read, company admins manage their company's rules only, end users see nothing", async () => {
    const { companyA, companyB } = await companies();
    const password = "rules password 2026";
    const staff = await api.post(`/v1/organizations/${world.orgId}/staff`, {
      username: `ostaff-${world.tag}`,
      email: `ostaff-${world.tag}@example.com`,
      password,
      role: "org_staff",
    });
    expect(staff.status).toBe(201);
    const companyAdmin = await api.post(`/v1/companies/${companyA}/staff`, {
      username: `cadmin-${world.tag}`,
      email: `cadmin-${world.tag}@example.com`,
      password,
      role: "company_admin",
    });
    expect(companyAdmin.status).toBe(201);
    const endUser = await api.post(`/v1/companies/${companyA}/end-users`, {
      username: `eu-${world.tag}`,
      email: `eu-${world.tag}@example.com`,
      password,
    });
    expect(endUser.status).toBe(201);
    const asStaff = stack.http(await stack.login(`ostaff-${world.tag}`, password));
    const asCompanyAdmin = stack.http(await stack.login(`cadmin-${world.tag}`, password));
    const asEndUser = stack.http(await stack.login(`eu-${world.tag}`, password));

    const org = await orgRule(companyA, { trigger: { type: "imei_changed" }, actions: [notify] });
    const own = await companyRule(
      companyA,
      { trigger: { type: "imei_changed" }, actions: [notify] },
      asCompanyAdmin,
    );
    const other = await companyRule(companyB, { trigger: { type: "imei_changed" }, actions: [notify] });

    expect((await asStaff.get(`/v1/rules/${org.id}`)).status).toBe(200);
    expect((await asStaff.patch(`/v1/rules/${org.id}`, { name: "x" })).status).toBe(403);
    expect(
      (
        await asStaff.post(`/v1/organizations/${world.orgId}/rules`, {
          name: "x",
          trigger: { type: "imei_changed" },
          actions: [notify],
        })
      ).status,
    ).toBe(403);

    expect((await asCompanyAdmin.get(`/v1/rules/${own.id}`)).status).toBe(200);
    expect((await asCompanyAdmin.patch(`/v1/rules/${own.id}`, { name: "mine" })).status).toBe(200);
    expect((await asCompanyAdmin.get(`/v1/rules/${org.id}`)).status).toBe(404);
    expect((await asCompanyAdmin.get(`/v1/rules/${other.id}`)).status).toBe(404);
    expect((await asCompanyAdmin.delete(`/v1/rules/${other.id}`)).status).toBe(404);
    expect((await asCompanyAdmin.get(`/v1/companies/${companyB}/rules`)).status).toBe(404);
    expect((await asCompanyAdmin.get(`/v1/organizations/${world.orgId}/rules`)).status).toBe(404);
    const listed = await asCompanyAdmin.get(`/v1/companies/${companyA}/rules`);
    expect(listed.body.items.map((rule: { id: string }) => rule.id)).toEqual([own.id]);

    for (const path of [
      `/v1/rules/${own.id}`,
      `/v1/rules/${own.id}/logs`,
      `/v1/companies/${companyA}/rules`,
    ]) {
      expect((await asEndUser.get(path)).status).toBe(404);
    }
    expect(
      (
        await asEndUser.post(`/v1/companies/${companyA}/rules`, {
          name: "x",
          trigger: { type: "imei_changed" },
          actions: [notify],
        })
      ).status,
    ).toBe(404);
  });
});

describe("end to end", () => {
  it("usage sent through the gateway crosses a data_used threshold, and the SIM is suspended once", async () => {
    const { companyA } = await companies();
    const [sim] = await createSims(world, 1, { companyId: companyA });
    const rule = await orgRule(companyA, {
      trigger: { type: "data_used", thresholdBytes: 1_000_000, period: "month" },
      actions: [suspend],
    });
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    const records = [1, 2].map((n) => ({
      recordId: `e2e-${sim}-${n}`,
      iccid: sim,
      type: "data",
      quantity: 600_000,
      startedAt,
    }));
    const sent = await api.post(`/v1/organizations/${world.orgId}/usage`, { records });
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body.accepted).toBe(2);
    const [entry] = await settledLogs(api, rule.id, 1);
    expect(entry).toMatchObject({
      iccid: sim,
      trigger: "data_used",
      observed: { dataBytes: 1_200_000, period: thisMonth() },
      actions: [{ type: "change_status", outcome: "applied" }],
    });
    expect(await statusOf(api, sim!)).toBe("suspended");
    // The same records again are duplicates: no new totals, no second firing.
    const again = await api.post(`/v1/organizations/${world.orgId}/usage`, { records });
    expect(again.body).toMatchObject({ accepted: 0, duplicates: 2 });
    expect(await logsOf(api, rule.id)).toHaveLength(1);
  });
});
