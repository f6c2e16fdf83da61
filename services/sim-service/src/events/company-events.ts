// Reactions to company-service's events: the chain replica's own handlers
// (CompanyCreated), and the archival, which also takes SIMs back.
import type { CloudEvent, EventData } from "@simhub/contracts";
import { buildOutboxRows, type Knex } from "@simhub/platform";
import type { SimDeps } from "../app/deps.ts";
import { endUserUnassigned } from "../app/sim-events.ts";
import { insertSystemHistory } from "../db/history.ts";

/**
 * CompanyArchived: record the archival in the chain replica first — that
 * update waits for every assignment holding the replica row, so the unassign
 * below sees each assignment that relied on the company being live — then
 * take back every SIM still assigned to the company (with a plan offered to
 * the company only, which goes too), with history rows and one SimUnassigned
 * (and SimEndUserUnassigned for a SIM an end user held) each. company-service refuses to archive a company with SIMs, so such a
 * SIM can only come from an assignment that raced the archival; unassigning
 * it keeps "an archived company never holds a SIM" true in the end.
 */
export async function onCompanyArchived(
  deps: Pick<SimDeps, "events" | "logger" | "chain">,
  trx: Knex.Transaction,
  event: CloudEvent,
): Promise<void> {
  const { companyId, orgId } = event.data as EventData<"CompanyArchived">;
  await deps.chain.markCompanyArchived(trx, companyId, orgId);
  const taken = await trx.raw<{
    rows: { iccid: string; org_id: string; end_user_id: string | null; removed_plan_id: string | null }[];
  }>(
    `UPDATE sims AS s
        SET company_id = NULL, end_user_id = NULL,
            plan_id = CASE WHEN old.plan_company_id IS NULL THEN s.plan_id END,
            plan_type = CASE WHEN old.plan_company_id IS NULL THEN s.plan_type END,
            plan_company_id = NULL,
            version = s.version + 1, updated_at = now()
       FROM (SELECT iccid, end_user_id, plan_id, plan_company_id FROM sims WHERE company_id = ? FOR UPDATE) AS old
      WHERE s.iccid = old.iccid
  RETURNING s.iccid, s.org_id, old.end_user_id,
            CASE WHEN old.plan_company_id IS NOT NULL THEN old.plan_id END AS removed_plan_id`,
    [companyId],
  );
  if (taken.rows.length === 0) return;
  deps.logger.warn(
    { companyId, sims: taken.rows.length },
    "SIMs were still assigned to an archived company; unassigned them",
  );
  const history = taken.rows.map((row) => ({
    iccid: row.iccid,
    kind: "unassigned",
    before: {
      companyId,
      endUserId: row.end_user_id,
      ...(row.removed_plan_id ? { planId: row.removed_plan_id } : {}),
    },
    after: {
      companyId: null,
      endUserId: null,
      ...(row.removed_plan_id ? { planId: null } : {}),
      reason: "company archived",
    },
  }));
  const outbox = buildOutboxRows(
    deps.events,
    taken.rows.flatMap((row) => [
      ...(row.end_user_id
        ? [
            endUserUnassigned(
              { iccid: row.iccid, orgId: row.org_id, companyId },
              row.end_user_id,
              "unassigned",
            ),
          ]
        : []),
      {
        type: "SimUnassigned" as const,
        subject: row.iccid,
        orgId: row.org_id,
        companyId,
        data: {
          iccid: row.iccid,
          orgId: row.org_id,
          previousCompanyId: companyId,
          removedPlanId: row.removed_plan_id,
        },
      },
    ]),
  );
  await insertSystemHistory(trx, history, outbox);
}
