// Reactions to identity-service's events.
import type { CloudEvent, EventData } from "@simhub/contracts";
import { buildOutboxRows, type Knex } from "@simhub/platform";
import type { SimDeps } from "../app/deps.ts";
import { endUserUnassigned } from "../app/sim-events.ts";
import { insertSystemHistory } from "../db/history.ts";

/**
 * EndUserRemoved: the SIMs the user held stay with their company, without an
 * end user, so the company can hand them to someone else; each gets a
 * history row and a SimEndUserUnassigned (reason `end_user_removed`), so
 * subscribers learn which SIMs lost their user.
 */
export async function onEndUserRemoved(
  deps: Pick<SimDeps, "events">,
  trx: Knex.Transaction,
  event: CloudEvent,
): Promise<void> {
  const { userId } = event.data as EventData<"EndUserRemoved">;
  const released = await trx.raw<{ rows: { iccid: string; org_id: string; company_id: string }[] }>(
    `UPDATE sims SET end_user_id = NULL, version = version + 1, updated_at = now()
      WHERE end_user_id = ?
  RETURNING iccid, org_id, company_id`,
    [userId],
  );
  if (released.rows.length === 0) return;
  await insertSystemHistory(
    trx,
    released.rows.map((row) => ({
      iccid: row.iccid,
      kind: "end_user_unassigned",
      before: { endUserId: userId },
      after: { endUserId: null, reason: "end user removed" },
    })),
    buildOutboxRows(
      deps.events,
      released.rows.map((row) =>
        endUserUnassigned(
          { iccid: row.iccid, orgId: row.org_id, companyId: row.company_id },
          userId,
          "end_user_removed",
        ),
      ),
    ),
  );
}
