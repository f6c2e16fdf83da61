// Which SIM is assigned to which company, as sim-service's events told us.
// One row per SIM (not a counter): replaying or reordering duplicates of an
// event cannot drift the count, and a reassignment simply moves the row.
import type { Knex } from "@simhub/platform";

export async function recordAssignment(
  trx: Knex.Transaction,
  input: { iccid: string; companyId: string; orgId: string },
): Promise<void> {
  await trx("company_sims")
    .insert({ iccid: input.iccid, company_id: input.companyId, org_id: input.orgId })
    .onConflict("iccid")
    .merge({ company_id: input.companyId, org_id: input.orgId, updated_at: trx.fn.now() });
}

export async function recordUnassignment(
  trx: Knex.Transaction,
  input: { iccid: string; previousCompanyId: string },
): Promise<void> {
  await trx("company_sims").where({ iccid: input.iccid, company_id: input.previousCompanyId }).delete();
}

export async function countAssignedSims(db: Knex | Knex.Transaction, companyId: string): Promise<number> {
  const [row] = await db("company_sims").where({ company_id: companyId }).count({ n: "*" });
  return Number(row?.n ?? 0);
}
