// Reactions to identity-service's events.
import type { CloudEvent, EventData } from "@simhub/contracts";
import type { Knex } from "@simhub/platform";
import { insertHistory } from "../db/history.ts";
import { systemActor } from "./deps.ts";

/**
 * EndUserRemoved: the SIMs the user held stay with their company, without an
 * end user, so the company can hand them to someone else. (No event is
 * published: the catalogue has none for this, and the removal event itself
 * tells subscribers what happened.)
 */
export async function onEndUserRemoved(trx: Knex.Transaction, event: CloudEvent): Promise<void> {
  const { userId } = event.data as EventData<"EndUserRemoved">;
  const released = (await trx("sims")
    .where({ end_user_id: userId })
    .update({ end_user_id: null, version: trx.raw("version + 1"), updated_at: trx.fn.now() })
    .returning(["iccid"])) as { iccid: string }[];
  await insertHistory(
    trx,
    released.map((row) => ({
      iccid: row.iccid,
      kind: "end_user_unassigned" as const,
      actorUserId: systemActor.userId,
      actorRole: systemActor.role,
      before: { endUserId: userId },
      after: { endUserId: null, reason: "end user removed" },
    })),
  );
}
