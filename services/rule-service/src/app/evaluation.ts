// Evaluating the rules that cover one SIM, inside the transaction that
// brought the facts (a consumed event, a sweep's page): the firings are
// recorded there, so a redelivered event or a repeated sweep finds them in
// the log and fires nothing twice. The actions run afterwards (actions.ts).
import type { Knex } from "@simhub/platform";
import { insertFirings, type NewFiring } from "../db/firings.ts";
import { coveringRules, coveringRulesOfSims } from "../db/rules.ts";
import { findUsage, planAllowanceMb, type SimFacts } from "../db/state.ts";
import { currentUsage, evaluate, type Observation, type UsageTotals } from "../domain/evaluate.ts";
import { type Rule, type TriggerType, usageTriggerTypes } from "../domain/rule.ts";
import type { RuleDeps } from "./deps.ts";

function newFiring(
  rule: Rule,
  sim: SimFacts,
  firing: { periodKey: string; observed: Record<string, unknown> },
): NewFiring {
  return {
    ruleId: rule.id,
    iccid: sim.iccid,
    orgId: sim.orgId,
    companyId: sim.companyId,
    periodKey: firing.periodKey,
    triggerType: rule.trigger.type,
    observed: firing.observed,
    actions: rule.actions.map((action) => ({
      type: action.type,
      ...(action.type === "change_status" ? { status: action.status } : {}),
      outcome: "pending",
      detail: "",
    })),
  };
}

/**
 * Evaluates `rules` on the observation each one needs; the firings, not yet
 * recorded. With `counted`, the evaluations are added up there by trigger
 * (for the caller to count at once) instead of counted one by one.
 */
export function firingsOf(
  deps: Pick<RuleDeps, "metrics">,
  rules: readonly Rule[],
  sim: SimFacts,
  observationFor: (rule: Rule) => Observation | undefined,
  counted?: Map<string, number>,
): NewFiring[] {
  const firings: NewFiring[] = [];
  for (const rule of rules) {
    const observation = observationFor(rule);
    if (!observation) continue;
    if (counted) counted.set(rule.trigger.type, (counted.get(rule.trigger.type) ?? 0) + 1);
    else deps.metrics.evaluations.inc({ trigger: rule.trigger.type });
    const firing = evaluate(rule.trigger, observation);
    if (firing) firings.push(newFiring(rule, sim, firing));
  }
  return firings;
}

/** Records `firings`; counts the new ones and wakes the action worker once the transaction commits. */
export async function recordFirings(deps: RuleDeps, trx: Knex.Transaction, firings: NewFiring[]) {
  const created = await insertFirings(trx, firings);
  if (created.length > 0) {
    // Only the new ones count (the log decides which are new), once committed.
    trx.executionPromise.then(
      () => {
        for (const firing of created) deps.metrics.firings.inc({ trigger: firing.trigger_type });
        deps.onFired();
      },
      () => {},
    );
  }
  return created.length;
}

/** The rules of `types` covering the SIM, evaluated on one observation. */
export async function evaluateOnEvent(
  deps: RuleDeps,
  trx: Knex.Transaction,
  sim: SimFacts,
  types: readonly TriggerType[],
  observation: Observation,
): Promise<number> {
  const rules = await coveringRules(trx, sim, types);
  if (rules.length === 0) return 0;
  return recordFirings(
    deps,
    trx,
    firingsOf(deps, rules, sim, () => observation),
  );
}

/** What a SIM that comes under rules is checked on at `now`: its usage so far, and the date. */
export function comingUnderObservation(
  rule: Rule,
  usage: UsageTotals,
  allowanceMb: number | null,
  now: Date,
): Observation | undefined {
  if (rule.trigger.type === "date") return { kind: "date", now };
  if (usageTriggerTypes.includes(rule.trigger.type)) return { kind: "usage", usage, allowanceMb };
  // Status and IMEI triggers are changes: a SIM coming under the rule is no change.
  return undefined;
}

const comingUnderTypes: readonly TriggerType[] = [...usageTriggerTypes, "date"];

/**
 * SIMs have come under rules (assigned to a company, given a plan): every
 * rule now covering each is checked at once on its current usage and the
 * date, not only on its next event. The covering rules of all of them are
 * one query; a SIM without any is left at once.
 */
export async function evaluateAllComingUnder(
  deps: RuleDeps,
  trx: Knex.Transaction,
  sims: readonly SimFacts[],
  now: Date,
): Promise<void> {
  const covering = await coveringRulesOfSims(trx, sims, comingUnderTypes);
  for (const sim of sims) {
    const rules = covering.get(sim.iccid);
    if (!rules) continue;
    const usage = currentUsage(await findUsage(trx, sim.iccid), now);
    const allowanceMb = await planAllowanceMb(trx, sim.planId);
    await recordFirings(
      deps,
      trx,
      firingsOf(deps, rules, sim, (rule) => comingUnderObservation(rule, usage, allowanceMb, now)),
    );
  }
}
