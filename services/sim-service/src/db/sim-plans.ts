// Plan assignment rows: the SIMs of a request locked in ICCID order (so two
// overlapping bulk requests never deadlock), their plan set in one statement,
// and a company's SIMs counted by plan type.
import type { Knex } from "@simhub/platform";
import type { PlanType } from "../domain/plans.ts";
import type { SimStatus } from "../domain/status.ts";

export interface LockedSim {
  iccid: string;
  orgId: string;
  companyId: string | null;
  endUserId: string | null;
  planId: string | null;
  status: SimStatus;
}

interface LockedRow {
  iccid: string;
  org_id: string;
  company_id: string | null;
  end_user_id: string | null;
  plan_id: string | null;
  status: SimStatus;
}

/** The SIMs among `iccids` that exist, locked FOR UPDATE until the transaction ends. */
export async function lockSimsForPlan(
  trx: Knex.Transaction,
  iccids: readonly string[],
): Promise<Map<string, LockedSim>> {
  if (iccids.length === 0) return new Map();
  const result = await trx.raw<{ rows: LockedRow[] }>(
    `SELECT iccid, org_id, company_id, end_user_id, plan_id, status
     FROM sims WHERE iccid = ANY(?::text[])
     ORDER BY iccid
     FOR UPDATE`,
    [iccids as unknown as Knex.RawBinding],
  );
  return new Map(
    result.rows.map((row) => [
      row.iccid,
      {
        iccid: row.iccid,
        orgId: row.org_id,
        companyId: row.company_id,
        endUserId: row.end_user_id,
        planId: row.plan_id,
        status: row.status,
      },
    ]),
  );
}

/** Gives every listed SIM the plan and its new status, bumping versions (optimistic writers re-read). */
export async function setSimPlans(
  trx: Knex.Transaction,
  plan: { id: string; type: PlanType; companyId: string | null },
  changes: readonly { iccid: string; status: SimStatus }[],
): Promise<void> {
  if (changes.length === 0) return;
  await trx.raw(
    `UPDATE sims
     SET plan_id = ?::uuid, plan_type = ?, plan_company_id = ?::uuid, status = u.status,
         version = sims.version + 1, updated_at = now()
     FROM unnest(?::text[], ?::text[]) AS u(iccid, status)
     WHERE sims.iccid = u.iccid`,
    [
      plan.id,
      plan.type,
      plan.companyId,
      changes.map((change) => change.iccid),
      changes.map((change) => change.status),
    ] as unknown as Knex.RawBinding[],
  );
}

export type PlanTypeCounts = Record<PlanType | "none", number>;

export async function countSimsByPlanType(
  db: Knex,
  scope: { companyId: string; orgId?: string },
): Promise<PlanTypeCounts> {
  const query = db("sims").select("plan_type").count({ count: "*" }).where("company_id", scope.companyId);
  if (scope.orgId) query.where("org_id", scope.orgId);
  const rows = (await query.groupBy("plan_type")) as { plan_type: PlanType | null; count: string }[];
  const counts: PlanTypeCounts = { prepaid: 0, subscription: 0, paygo: 0, none: 0 };
  for (const row of rows) counts[row.plan_type ?? "none"] = Number(row.count);
  return counts;
}
