// The firing log: one row per (rule, SIM, period), its actions and their outcomes.
import { randomUUID } from "node:crypto";
import type { Knex } from "@simhub/platform";
import type { ActionOutcome, ActionType } from "../domain/rule.ts";

export interface LoggedAction {
  type: ActionType;
  /** The target status of a change_status action. */
  status?: string;
  outcome: ActionOutcome;
  detail: string;
}

export interface NewFiring {
  ruleId: string;
  iccid: string;
  orgId: string;
  companyId: string | null;
  periodKey: string;
  triggerType: string;
  observed: Record<string, unknown>;
  actions: LoggedAction[];
}

export interface FiringRow {
  id: string;
  seq: string;
  rule_id: string;
  iccid: string;
  org_id: string;
  company_id: string | null;
  period_key: string;
  trigger_type: string;
  observed: Record<string, unknown>;
  actions: LoggedAction[];
  state: "pending" | "done";
  attempts: number;
  fired_at: Date;
}

/**
 * Records firings; those already in the log (the same rule, SIM and period)
 * are left alone. Returns the firings that are new.
 */
export async function insertFirings(
  trx: Knex.Transaction,
  firings: NewFiring[],
): Promise<{ id: string; trigger_type: string }[]> {
  if (firings.length === 0) return [];
  const result = await trx.raw<{ rows: { id: string; trigger_type: string }[] }>(
    `INSERT INTO rule_firings (id, rule_id, iccid, org_id, company_id, period_key, trigger_type, observed, actions)
     SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::text[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::jsonb[], ?::jsonb[])
     ON CONFLICT (rule_id, iccid, period_key) DO NOTHING
     RETURNING id, trigger_type`,
    [
      firings.map(() => randomUUID()),
      firings.map((firing) => firing.ruleId),
      firings.map((firing) => firing.iccid),
      firings.map((firing) => firing.orgId),
      // pg sends null elements as NULL; knex's binding type knows no nullable arrays.
      firings.map((firing) => firing.companyId) as string[],
      firings.map((firing) => firing.periodKey),
      firings.map((firing) => firing.triggerType),
      firings.map((firing) => JSON.stringify(firing.observed)),
      firings.map((firing) => JSON.stringify(firing.actions)),
    ],
  );
  return result.rows;
}

/**
 * Claims up to `limit` due pending firings for `leaseMs`: another replica
 * skips them, and they come due again if this one stops before it is done.
 */
export async function claimDueFirings(db: Knex, limit: number, leaseMs: number): Promise<FiringRow[]> {
  const result = await db.raw<{ rows: FiringRow[] }>(
    `UPDATE rule_firings f
        SET next_attempt_at = now() + make_interval(secs => ? / 1000.0), attempts = f.attempts + 1
      WHERE f.id IN (
        SELECT id FROM rule_firings
         WHERE state = 'pending' AND next_attempt_at <= now()
         ORDER BY next_attempt_at
         LIMIT ? FOR UPDATE SKIP LOCKED)
      RETURNING f.*`,
    [leaseMs, limit],
  );
  return result.rows;
}

/**
 * Finishes pending firings with their decided actions, in one statement;
 * returns the ids finished here (a firing another replica finished after its
 * lease ran out is left alone).
 */
export async function completeFirings(
  trx: Knex.Transaction,
  firings: readonly { id: string; actions: LoggedAction[] }[],
): Promise<Set<string>> {
  if (firings.length === 0) return new Set();
  const { rows } = await trx.raw<{ rows: { id: string }[] }>(
    `UPDATE rule_firings f SET state = 'done', actions = d.actions
       FROM unnest(?::uuid[], ?::jsonb[]) AS d(id, actions)
      WHERE f.id = d.id AND f.state = 'pending'
      RETURNING f.id`,
    [
      firings.map((firing) => firing.id),
      firings.map((firing) => JSON.stringify(firing.actions)),
    ] as Knex.RawBinding[],
  );
  return new Set(rows.map((row) => row.id));
}

/** Keeps the firing pending with the outcomes so far, tried again at `nextAttemptAt`. */
export async function postponeFiring(db: Knex, id: string, actions: LoggedAction[], nextAttemptAt: Date) {
  await db("rule_firings")
    .where({ id, state: "pending" })
    .update({ actions: JSON.stringify(actions), next_attempt_at: nextAttemptAt });
}

export async function countDueFirings(db: Knex): Promise<number> {
  const row = (await db("rule_firings")
    .where({ state: "pending" })
    .andWhere("next_attempt_at", "<=", db.fn.now())
    .count({ count: "*" })
    .first()) as { count: string } | undefined;
  return Number(row?.count ?? 0);
}

export async function listFirings(
  db: Knex,
  ruleId: string,
  page: { limit: number; beforeSeq: number | undefined },
): Promise<FiringRow[]> {
  const query = db("rule_firings")
    .where({ rule_id: ruleId })
    .orderBy("seq", "desc")
    .limit(page.limit + 1);
  if (page.beforeSeq !== undefined) query.andWhere("seq", "<", page.beforeSeq);
  return (await query) as FiringRow[];
}

/**
 * Deletes finished firings older than `before`, a batch at a time; returns
 * how many went. A `date` rule's firings (period `once`) stay as long as the
 * rule: they are what keeps it from firing again for a SIM.
 */
export async function pruneFirings(db: Knex, before: Date, batch = 5_000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.raw<{ rowCount: number }>(
      `DELETE FROM rule_firings WHERE id IN (
         SELECT id FROM rule_firings
          WHERE state = 'done' AND fired_at < ? AND period_key <> 'once' LIMIT ?)`,
      [before, batch],
    );
    total += deleted.rowCount;
    if (deleted.rowCount < batch) return total;
  }
}
