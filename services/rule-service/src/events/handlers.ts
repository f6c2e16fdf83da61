// Inbound events → local state → evaluation, each in the consumer's
// transaction (the platform consumer records the event id there too, so a
// redelivered event changes nothing and fires nothing). No handler calls
// another service: what a rule needs is in the local tables.
import type { CloudEvent, EventData } from "@simhub/contracts";
import type { EventBatchHandler, EventHandler, EventHandlers, Knex } from "@simhub/platform";
import type { RuleDeps } from "../app/deps.ts";
import { evaluateAllComingUnder, evaluateOnEvent, firingsOf, recordFirings } from "../app/evaluation.ts";
import { UsageRuleCache } from "../app/rule-cache.ts";
import { UsageTotalsCache } from "../app/usage-cache.ts";
import type { NewFiring } from "../db/firings.ts";
import {
  allowancesOf,
  lockUsages,
  noteSim,
  noteSims,
  readUsages,
  type SimFact,
  type StoredUsage,
  setPlanAllowance,
  setSimFact,
  setSimFacts,
  writeUsages,
} from "../db/state.ts";
import { applyUsageUpdate, type UsageTotals } from "../domain/evaluate.ts";

const eventTime = (event: CloudEvent) => new Date(event.time);

/** SIM → organization, company, plan and status, from sim-service's events. */
export function simHandlers(deps: RuleDeps): EventHandlers {
  /**
   * Every SIM change reaches this consumer: a run of one type is one
   * statement for the facts and one query of the rules the SIMs whose fact
   * changed came under (a SIM whose company or plan changed is checked at
   * once). A run that names a SIM twice goes event by event, so the second
   * change of a SIM sees the first.
   */
  const factRun = (
    fact: SimFact,
    factValue: (data: { companyId?: string | null; planId?: string }) => string | null,
    comesUnder: boolean,
  ): EventBatchHandler => {
    const apply = async (trx: Knex.Transaction, changes: Parameters<typeof setSimFacts>[2]) => {
      const changed = await setSimFacts(trx, fact, changes);
      if (comesUnder) await evaluateAllComingUnder(deps, trx, changed, new Date());
    };
    return {
      batch: async (trx, events) => {
        const changes = events.map((event) => {
          const data = event.data as {
            iccid: string;
            orgId: string;
            companyId?: string | null;
            planId?: string;
          };
          return { iccid: data.iccid, orgId: data.orgId, value: factValue(data), at: eventTime(event) };
        });
        if (new Set(changes.map((change) => change.iccid)).size === changes.length)
          return apply(trx, changes);
        for (const change of changes) await apply(trx, [change]);
      },
    };
  };
  return {
    SimAssigned: factRun("company", (data) => data.companyId ?? null, true),
    SimUnassigned: factRun("company", () => null, false),
    SimPlanAssigned: factRun("plan", (data) => data.planId ?? null, true),
    SimStatusChanged: async (trx, event) => {
      const data = event.data as EventData<"SimStatusChanged">;
      const known = await noteSim(trx, data);
      await setSimFact(trx, data, "status", data.to, eventTime(event));
      await evaluateOnEvent(deps, trx, known, ["status_changed"], {
        kind: "status_changed",
        eventId: event.id,
        from: data.from,
        to: data.to,
      });
    },
  };
}

/** Usage totals and device changes, from usage-service's events. */
export function usageHandlers(deps: RuleDeps, options: { cachedSims: number }): EventHandlers {
  const caches = { rules: new UsageRuleCache(), totals: new UsageTotalsCache(options.cachedSims) };
  return {
    // Usage updates come by the thousand: a run of them is read, applied
    // and recorded in a few statements, and evaluated one by one in order,
    // on the totals each update left, as handling them one at a time would.
    SimUsageUpdated: { batch: (trx, events) => applyUsageUpdates(deps, caches, trx, events) },
    SimImeiChanged: async (trx, event) => {
      const data = event.data as EventData<"SimImeiChanged">;
      const sim = await noteSim(trx, data);
      await evaluateOnEvent(deps, trx, sim, ["imei_changed"], {
        kind: "imei_changed",
        eventId: event.id,
        previousImei: data.previousImei,
        imei: data.imei,
      });
    },
  };
}

/** Plan allowances, from org-service's events. */
export function planHandlers(): Record<string, EventHandler> {
  const onPlan: EventHandler = async (trx, event) => {
    const data = event.data as EventData<"PlanCreated">;
    await setPlanAllowance(
      trx,
      { planId: data.planId, orgId: data.orgId, dataMb: data.dataMb ?? null },
      eventTime(event),
    );
  };
  return { PlanCreated: onPlan, PlanUpdated: onPlan };
}

/**
 * A run of usage updates: the SIMs made known in one statement, their
 * covering rules taken from the cache of each organization's rules
 * (app/rule-cache.ts: one read of rule_generation), their totals from the
 * cache of totals (app/usage-cache.ts; the SIMs not in it read in one
 * statement); then each update applied and evaluated in order on the totals
 * it left (an update of a month that is over changes nothing), the new totals
 * written in one statement over the versions they were computed from, and
 * the firings in one. A SIM whose totals another transaction wrote meanwhile
 * is read again, locked, and its updates applied and evaluated anew.
 */
async function applyUsageUpdates(
  deps: RuleDeps,
  caches: { rules: UsageRuleCache; totals: UsageTotalsCache },
  trx: Knex.Transaction,
  events: CloudEvent[],
) {
  const updates = events.map((event) => ({
    data: event.data as EventData<"SimUsageUpdated">,
    time: eventTime(event),
  }));
  const sims = await noteSims(
    trx,
    updates.map(({ data }) => data),
  );
  const rulesBySim = await caches.rules.coveringRulesOf(trx, sims.values());
  // Allowances only matter to data_left rules.
  const planIds = new Set<string>();
  for (const [iccid, covering] of rulesBySim) {
    const planId = sims.get(iccid)?.planId;
    if (planId && covering.some((rule) => rule.trigger.type === "data_left")) planIds.add(planId);
  }
  const allowances = await allowancesOf(trx, [...planIds]);
  const start = new Map<string, StoredUsage>();
  const unknown: string[] = [];
  for (const iccid of sims.keys()) {
    const cached = caches.totals.get(iccid);
    if (cached) start.set(iccid, cached);
    else unknown.push(iccid);
  }
  if (unknown.length > 0)
    for (const [iccid, stored] of await readUsages(trx, unknown)) start.set(iccid, stored);

  const evaluations = new Map<string, number>();
  /** Applies and evaluates, in order, the updates of the SIMs in `from`, each from its stored totals. */
  const run = (from: ReadonlyMap<string, StoredUsage>) => {
    const current = new Map<string, UsageTotals | undefined>();
    for (const [iccid, stored] of from) current.set(iccid, stored.totals);
    const applied = new Map<string, UsageTotals>();
    const firings = new Map<string, NewFiring[]>();
    for (const { data, time } of updates) {
      if (!from.has(data.iccid)) continue;
      const totals = applyUsageUpdate(current.get(data.iccid), data, time);
      if (!totals) continue;
      current.set(data.iccid, totals);
      applied.set(data.iccid, totals);
      const sim = sims.get(data.iccid)!;
      const covering = rulesBySim.get(data.iccid);
      if (!covering) continue;
      const allowanceMb = sim.planId ? (allowances.get(sim.planId) ?? null) : null;
      const observation = { kind: "usage" as const, usage: totals, allowanceMb };
      const fired = firingsOf(deps, covering, sim, () => observation, evaluations);
      if (fired.length > 0) firings.set(data.iccid, [...(firings.get(data.iccid) ?? []), ...fired]);
    }
    return { applied, firings };
  };
  const write = (from: ReadonlyMap<string, StoredUsage>, applied: ReadonlyMap<string, UsageTotals>) =>
    writeUsages(
      trx,
      [...applied].map(([iccid, totals]) => ({ iccid, expected: from.get(iccid)!.version, totals })),
    );

  const { applied, firings } = run(start);
  const written = await write(start, applied);
  const stale = [...applied.keys()].filter((iccid) => !written.has(iccid));
  if (stale.length > 0) {
    const locked = await lockUsages(trx, stale);
    const again = run(locked);
    const rewritten = await write(locked, again.applied);
    if (rewritten.size !== again.applied.size) throw new Error("usage totals changed under their row lock");
    for (const iccid of stale) {
      start.set(iccid, locked.get(iccid)!);
      firings.delete(iccid);
      const totals = again.applied.get(iccid);
      if (totals) applied.set(iccid, totals);
      else applied.delete(iccid);
      const fired = again.firings.get(iccid);
      if (fired) firings.set(iccid, fired);
    }
  }
  for (const [trigger, count] of evaluations) deps.metrics.evaluations.inc({ trigger }, count);
  await recordFirings(deps, trx, [...firings.values()].flat());
  trx.executionPromise.then(
    () => {
      for (const [iccid, stored] of start) {
        const totals = applied.get(iccid);
        caches.totals.set(iccid, totals ? { totals, version: stored.version + 1 } : stored);
      }
    },
    () => {},
  );
}
