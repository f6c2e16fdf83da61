// Inbound events → local state → evaluation, each in the consumer's
// transaction (the platform consumer records the event id there too, so a
// redelivered event changes nothing and fires nothing). No handler calls
// another service: what a rule needs is in the local tables.
import type { CloudEvent, EventData } from "@simhub/contracts";
import type { EventBatchHandler, EventHandler, EventHandlers, Knex } from "@simhub/platform";
import type { RuleDeps } from "../app/deps.ts";
import { evaluateAllComingUnder, evaluateOnEvent, firingsOf, recordFirings } from "../app/evaluation.ts";
import type { NewFiring } from "../db/firings.ts";
import { coveringRulesOfSims } from "../db/rules.ts";
import {
  allowancesOf,
  lockUsages,
  noteSim,
  noteSims,
  type SimFact,
  saveUsages,
  setPlanAllowance,
  setSimFact,
  setSimFacts,
} from "../db/state.ts";
import { applyUsageUpdate, type UsageTotals } from "../domain/evaluate.ts";
import { usageTriggerTypes } from "../domain/rule.ts";

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
export function usageHandlers(deps: RuleDeps): EventHandlers {
  return {
    // Usage updates come by the thousand: a run of them is read, applied
    // and recorded in a few statements, and evaluated one by one in order,
    // on the totals each update left, as handling them one at a time would.
    SimUsageUpdated: { batch: (trx, events) => applyUsageUpdates(deps, trx, events) },
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
 * A run of usage updates: the SIMs made known, their totals locked, their
 * covering rules and plan allowances read, each in one statement for the
 * run; then each update applied and evaluated in order (an update of a month
 * that is over changes nothing), and the new totals and the firings written
 * in one statement each.
 */
async function applyUsageUpdates(deps: RuleDeps, trx: Knex.Transaction, events: CloudEvent[]) {
  const updates = events.map((event) => ({
    data: event.data as EventData<"SimUsageUpdated">,
    time: eventTime(event),
  }));
  const sims = await noteSims(
    trx,
    updates.map(({ data }) => data),
  );
  const current = await lockUsages(
    trx,
    updates.map(({ data }) => data.iccid),
  );
  const applied = new Map<string, UsageTotals>();
  const planIds = [...new Set([...sims.values()].flatMap((sim) => (sim.planId ? [sim.planId] : [])))];
  const allowances = await allowancesOf(trx, planIds);
  const rulesBySim = await coveringRulesOfSims(trx, [...sims.values()], usageTriggerTypes);
  const firings: NewFiring[] = [];
  for (const { data, time } of updates) {
    const totals = applyUsageUpdate(current.get(data.iccid), data, time);
    if (!totals) continue;
    current.set(data.iccid, totals);
    applied.set(data.iccid, totals);
    const sim = sims.get(data.iccid)!;
    const rules = rulesBySim.get(data.iccid);
    if (!rules) continue;
    const allowanceMb = sim.planId ? (allowances.get(sim.planId) ?? null) : null;
    firings.push(...firingsOf(deps, rules, sim, () => ({ kind: "usage", usage: totals, allowanceMb })));
  }
  await saveUsages(trx, applied);
  await recordFirings(deps, trx, firings);
}
