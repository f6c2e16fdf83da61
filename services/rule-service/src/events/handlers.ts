// Inbound events → local state → evaluation, each in the consumer's
// transaction (the platform consumer records the event id there too, so a
// redelivered event changes nothing and fires nothing). No handler calls
// another service: what a rule needs is in the local tables.
import type { CloudEvent, EventData } from "@simhub/contracts";
import type { EventHandler, Knex } from "@simhub/platform";
import type { RuleDeps } from "../app/deps.ts";
import { evaluateComingUnder, evaluateOnEvent } from "../app/evaluation.ts";
import {
  allowancesOf,
  lockUsage,
  noteSim,
  type SimFacts,
  saveUsage,
  setPlanAllowance,
  setSimFact,
} from "../db/state.ts";
import { applyUsageUpdate } from "../domain/evaluate.ts";
import { usageTriggerTypes } from "../domain/rule.ts";

const eventTime = (event: CloudEvent) => new Date(event.time);

/** SIM → organization, company, plan and status, from sim-service's events. */
export function simHandlers(deps: RuleDeps): Record<string, EventHandler> {
  // A SIM whose company or plan changed may have come under rules: check them now.
  const cameUnder = async (trx: Knex.Transaction, changed: SimFacts | undefined) => {
    if (changed) await evaluateComingUnder(deps, trx, changed, new Date());
  };
  return {
    SimAssigned: async (trx, event) => {
      const data = event.data as EventData<"SimAssigned">;
      const changed = await setSimFact(trx, data, "company", data.companyId, eventTime(event));
      await cameUnder(trx, changed);
    },
    SimUnassigned: async (trx, event) => {
      const data = event.data as EventData<"SimUnassigned">;
      await setSimFact(trx, data, "company", null, eventTime(event));
    },
    SimPlanAssigned: async (trx, event) => {
      const data = event.data as EventData<"SimPlanAssigned">;
      const changed = await setSimFact(trx, data, "plan", data.planId, eventTime(event));
      await cameUnder(trx, changed);
    },
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
export function usageHandlers(deps: RuleDeps): Record<string, EventHandler> {
  return {
    SimUsageUpdated: async (trx, event) => {
      const data = event.data as EventData<"SimUsageUpdated">;
      const sim = await noteSim(trx, data);
      const stored = await lockUsage(trx, data.iccid);
      const totals = applyUsageUpdate(stored, data, eventTime(event));
      if (!totals) return; // a month that is over
      await saveUsage(trx, data.iccid, totals);
      const allowanceMb = sim.planId
        ? ((await allowancesOf(trx, [sim.planId])).get(sim.planId) ?? null)
        : null;
      await evaluateOnEvent(deps, trx, sim, usageTriggerTypes, { kind: "usage", usage: totals, allowanceMb });
    },
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
