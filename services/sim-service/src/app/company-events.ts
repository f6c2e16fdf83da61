// Reactions to company-service's events.
import type { CloudEvent, EventData } from "@simhub/contracts";
import { enqueueEvents, type Knex } from "@simhub/platform";
import { rememberCompanyLink } from "../db/company-links.ts";
import { insertHistory } from "../db/history.ts";
import { type SimDeps, systemActor } from "./deps.ts";

/**
 * CompanyArchived: remember the archival (so the next assignment is refused
 * without a call), and take back any SIM still assigned to the company.
 * company-service refuses to archive a company with SIMs, so such a SIM can
 * only come from an assignment that raced the archival; unassigning it keeps
 * "an archived company never holds a SIM" true in the end.
 */
export async function onCompanyArchived(
  deps: Pick<SimDeps, "events" | "logger">,
  trx: Knex.Transaction,
  event: CloudEvent,
): Promise<void> {
  const { companyId, orgId } = event.data as EventData<"CompanyArchived">;
  await rememberCompanyLink(trx, { companyId, orgId, archived: true });
  const taken = await trx.raw<{ rows: { iccid: string; org_id: string; end_user_id: string | null }[] }>(
    `UPDATE sims AS s
        SET company_id = NULL, end_user_id = NULL, version = s.version + 1, updated_at = now()
       FROM (SELECT iccid, end_user_id FROM sims WHERE company_id = ? FOR UPDATE) AS old
      WHERE s.iccid = old.iccid
  RETURNING s.iccid, s.org_id, old.end_user_id`,
    [companyId],
  );
  if (taken.rows.length === 0) return;
  deps.logger.warn(
    { companyId, sims: taken.rows.length },
    "SIMs were still assigned to an archived company; unassigned them",
  );
  await insertHistory(
    trx,
    taken.rows.map((row) => ({
      iccid: row.iccid,
      kind: "unassigned" as const,
      actorUserId: systemActor.userId,
      actorRole: systemActor.role,
      before: { companyId, endUserId: row.end_user_id },
      after: { companyId: null, endUserId: null, reason: "company archived" },
    })),
  );
  await enqueueEvents(
    trx,
    deps.events,
    taken.rows.map((row) => ({
      type: "SimUnassigned" as const,
      subject: row.iccid,
      orgId: row.org_id,
      companyId,
      data: { iccid: row.iccid, orgId: row.org_id, previousCompanyId: companyId },
    })),
  );
}
