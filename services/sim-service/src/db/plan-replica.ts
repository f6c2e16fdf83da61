// The plans sim-service has heard of (org-service owns them), kept for one
// fact: whether a plan may still be assigned. Fed by PlanCreated and
// PlanUpdated (events/plan-events.ts); an assignment that finds no row yet
// stores what GetPlan answered it. Like the chain replica, the writers
// commute: PlanUpdated (one subject, in order) overwrites, PlanCreated and a
// GetPlan answer only fill a row that is not there.
//
// An assignment locks its plan's row FOR SHARE in its own transaction, after
// the SIMs, and is refused when the row says archived. Recording an archival
// waits for those locks, so every assignment either commits before the
// archival is recorded here, or sees it and is refused; none lands after.
import type { Knex } from "@simhub/platform";

export interface ReplicaPlan {
  planId: string;
  orgId: string;
  companyId: string | null;
  archived: boolean;
}

const fillSql = `INSERT INTO plan_replica (plan_id, org_id, company_id, archived)
  VALUES (?, ?, ?, ?) ON CONFLICT (plan_id) DO NOTHING`;

/** Stores the plan unless the replica already has it (PlanCreated, GetPlan answers). */
export async function fillPlan(db: Knex | Knex.Transaction, plan: ReplicaPlan): Promise<void> {
  await db.raw(fillSql, [plan.planId, plan.orgId, plan.companyId, plan.archived]);
}

/** The plan as it is now (PlanUpdated), waiting for the assignments that hold its row. */
export async function recordPlan(trx: Knex.Transaction, plan: ReplicaPlan): Promise<void> {
  await trx.raw(
    `INSERT INTO plan_replica (plan_id, org_id, company_id, archived) VALUES (?, ?, ?, ?)
     ON CONFLICT (plan_id) DO UPDATE SET archived = EXCLUDED.archived, updated_at = now()`,
    [plan.planId, plan.orgId, plan.companyId, plan.archived],
  );
}

/**
 * Whether the plan may be assigned, its row locked FOR SHARE until the
 * transaction ends. `known` is what GetPlan answered, stored first when the
 * replica has not heard of the plan yet.
 */
export async function lockAssignablePlan(trx: Knex.Transaction, known: ReplicaPlan): Promise<boolean> {
  await fillPlan(trx, known);
  const result = await trx.raw<{ rows: { archived: boolean }[] }>(
    "SELECT archived FROM plan_replica WHERE plan_id = ? FOR SHARE",
    [known.planId],
  );
  return result.rows[0]?.archived === false;
}
