// Rules: parameterised queries and row ↔ domain mapping.
import type { Knex } from "@simhub/platform";
import type { Action, Rule, Trigger, TriggerType } from "../domain/rule.ts";

export interface RuleRow {
  id: string;
  seq: string;
  org_id: string;
  company_id: string | null;
  plan_id: string | null;
  level: "organization" | "company";
  name: string;
  trigger_type: string;
  trigger: Trigger;
  actions: Action[];
  enabled: boolean;
  due_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const ruleColumns = [
  "id",
  "seq",
  "org_id",
  "company_id",
  "plan_id",
  "level",
  "name",
  "trigger_type",
  "trigger",
  "actions",
  "enabled",
  "due_at",
  "created_at",
  "updated_at",
];

export function toRule(row: RuleRow): Rule & { seq: string } {
  return {
    id: row.id,
    seq: String(row.seq),
    orgId: row.org_id,
    companyId: row.company_id,
    planId: row.plan_id,
    level: row.level,
    name: row.name,
    trigger: row.trigger,
    actions: row.actions,
    enabled: row.enabled,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function insertRule(
  trx: Knex.Transaction,
  rule: Omit<Rule, "createdAt" | "updatedAt"> & { dueAt: Date | null },
): Promise<Rule & { seq: string }> {
  const [row] = await trx("rules")
    .insert({
      id: rule.id,
      org_id: rule.orgId,
      company_id: rule.companyId,
      plan_id: rule.planId,
      level: rule.level,
      name: rule.name,
      trigger_type: rule.trigger.type,
      trigger: JSON.stringify(rule.trigger),
      actions: JSON.stringify(rule.actions),
      enabled: rule.enabled,
      due_at: rule.dueAt,
    })
    .returning(ruleColumns);
  return toRule(row as RuleRow);
}

export async function findRule(db: Knex | Knex.Transaction, id: string, lock = false) {
  const query = db("rules").where({ id }).first(ruleColumns);
  const row = (await (lock ? query.forUpdate() : query)) as RuleRow | undefined;
  return row ? toRule(row) : undefined;
}

/** The names of the rules of `ids` that still exist. */
export async function ruleNames(db: Knex | Knex.Transaction, ids: string[]): Promise<Map<string, string>> {
  const rows = (await db("rules").whereIn("id", ids).select("id", "name")) as { id: string; name: string }[];
  return new Map(rows.map((row) => [row.id, row.name]));
}

export async function listRules(
  db: Knex,
  owner: { orgId: string } | { companyId: string },
  page: { limit: number; afterSeq: number | undefined },
) {
  const query = db("rules")
    .select(ruleColumns)
    .orderBy("seq")
    .limit(page.limit + 1);
  if ("orgId" in owner) query.where({ org_id: owner.orgId, level: "organization" });
  else query.where({ company_id: owner.companyId, level: "company" });
  if (page.afterSeq !== undefined) query.where("seq", ">", page.afterSeq);
  const rows = (await query) as RuleRow[];
  return rows.map(toRule);
}

export async function updateRuleRow(
  trx: Knex.Transaction,
  id: string,
  changes: { name?: string; trigger?: Trigger; actions?: Action[]; enabled?: boolean; dueAt?: Date | null },
  resweep: boolean,
) {
  const [row] = await trx("rules")
    .where({ id })
    .update({
      ...(changes.name !== undefined ? { name: changes.name } : {}),
      ...(changes.trigger !== undefined
        ? { trigger: JSON.stringify(changes.trigger), trigger_type: changes.trigger.type }
        : {}),
      ...(changes.actions !== undefined ? { actions: JSON.stringify(changes.actions) } : {}),
      ...(changes.enabled !== undefined ? { enabled: changes.enabled } : {}),
      ...(changes.dueAt !== undefined ? { due_at: changes.dueAt } : {}),
      ...(resweep ? { sweep_pending: true, sweep_after: "" } : {}),
      updated_at: trx.fn.now(),
    })
    .returning(ruleColumns);
  return toRule(row as RuleRow);
}

export async function deleteRuleRow(trx: Knex.Transaction, id: string): Promise<void> {
  await trx("rules").where({ id }).delete();
}

/** The enabled rules of `types` that cover a SIM of this organization, company and plan. */
export async function coveringRules(
  db: Knex | Knex.Transaction,
  sim: { orgId: string; companyId: string | null; planId: string | null },
  types: readonly TriggerType[],
): Promise<Rule[]> {
  const result = await db.raw<{ rows: RuleRow[] }>(
    `SELECT ${ruleColumns.join(", ")} FROM rules
      WHERE enabled AND org_id = ? AND trigger_type = ANY(?::text[])
        AND (company_id IS NULL OR company_id = ?)
        AND (plan_id IS NULL OR plan_id = ?)`,
    [sim.orgId, [...types], sim.companyId, sim.planId],
  );
  return result.rows.map(toRule);
}

/** coveringRules for many SIMs in one statement: each SIM's rules (a SIM without any is left out). */
export async function coveringRulesOfSims(
  db: Knex | Knex.Transaction,
  sims: readonly { iccid: string; orgId: string; companyId: string | null; planId: string | null }[],
  types: readonly TriggerType[],
): Promise<Map<string, Rule[]>> {
  const byIccid = new Map<string, Rule[]>();
  if (sims.length === 0) return byIccid;
  const result = await db.raw<{ rows: (RuleRow & { sim_iccid: string })[] }>(
    `SELECT s.iccid AS sim_iccid, ${ruleColumns.map((column) => `r.${column}`).join(", ")}
       FROM unnest(?::text[], ?::uuid[], ?::uuid[], ?::uuid[]) AS s(iccid, org_id, company_id, plan_id)
       JOIN rules r ON r.enabled AND r.org_id = s.org_id AND r.trigger_type = ANY(?::text[])
        AND (r.company_id IS NULL OR r.company_id = s.company_id)
        AND (r.plan_id IS NULL OR r.plan_id = s.plan_id)`,
    [
      sims.map((sim) => sim.iccid),
      sims.map((sim) => sim.orgId),
      sims.map((sim) => sim.companyId),
      sims.map((sim) => sim.planId),
      [...types],
    ] as Knex.RawBinding[],
  );
  for (const row of result.rows) {
    const rules = byIccid.get(row.sim_iccid) ?? [];
    rules.push(toRule(row));
    byIccid.set(row.sim_iccid, rules);
  }
  return byIccid;
}
