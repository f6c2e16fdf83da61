// Reactions to usage-service's events. Both are idempotent, so a redelivery
// changes nothing: the first usage moves a SIM out of `activation` once
// (a SIM in any other status is left as it is), and a device is stored
// only when it differs from the stored one.
import type { CloudEvent, EventData } from "@simhub/contracts";
import type { Knex } from "@simhub/platform";
import type { SimDeps } from "../app/deps.ts";
import { mutateSim } from "../app/mutate.ts";
import { findSim } from "../db/sims.ts";
import { decideStatusChange } from "../domain/status.ts";

/**
 * SimFirstUsage: `activation` ("ready, waiting for first usage") → `active`
 * by `system`, through the same one-statement write as every status change
 * (history row and SimStatusChanged with it).
 */
export async function onSimFirstUsage(
  deps: SimDeps,
  _trx: Knex.Transaction,
  event: CloudEvent,
): Promise<void> {
  const { iccid } = event.data as EventData<"SimFirstUsage">;
  if (!(await findSim(deps.db, iccid))) return;
  await mutateSim(
    deps,
    async () => (await findSim(deps.db, iccid))!,
    async (sim) => {
      if (sim.status !== "activation") return { kind: "unchanged" };
      const decision = decideStatusChange({
        from: sim.status,
        to: "active",
        actorRole: "system",
        hasBeenActive: sim.hasBeenActive,
      });
      if (!decision.ok) return { kind: "unchanged" };
      const before = { status: sim.status, statusReason: sim.statusReason };
      return {
        kind: "change",
        changes: { status: decision.status, statusReason: null, hasBeenActive: decision.hasBeenActive },
        history: {
          kind: "status_changed",
          actorUserId: "system",
          actorRole: "system",
          before,
          after: { status: decision.status, statusReason: null, cause: "first usage" },
        },
        events: [
          {
            type: "SimStatusChanged",
            subject: sim.iccid,
            orgId: sim.orgId,
            companyId: sim.companyId,
            data: {
              iccid: sim.iccid,
              orgId: sim.orgId,
              companyId: sim.companyId,
              from: before.status,
              to: decision.status,
              reason: "system",
              actor: "system",
            },
          },
        ],
      };
    },
  );
}

/** SimImeiChanged: the SIM's device as the network last reported it. */
export async function onSimImeiChanged(trx: Knex.Transaction, event: CloudEvent): Promise<void> {
  const { iccid, imei } = event.data as EventData<"SimImeiChanged">;
  await trx.raw(
    `UPDATE sims SET imei = ?, version = version + 1, updated_at = now()
      WHERE iccid = ? AND imei IS DISTINCT FROM ?`,
    [imei, iccid, imei],
  );
}
