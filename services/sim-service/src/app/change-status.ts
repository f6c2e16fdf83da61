// Status changes through the state machine of domain/status.ts.
import { type AppError, forbidden, invalid, type Principal, ruleBroken } from "@simhub/platform";
import type { SimRecord } from "../db/sims.ts";
import {
  decideStatusChange,
  isSimStatus,
  SIM_STATUSES,
  type StatusActorRole,
  type SuspensionReason,
} from "../domain/status.ts";
import { actorOf, type SimDeps } from "./deps.ts";
import { loadVisibleSim, mutateSim } from "./mutate.ts";
import { statusChanged } from "./sim-events.ts";

function refusal(code: string, message: string): AppError {
  switch (code) {
    case "INVALID_STATUS_TRANSITION":
      return ruleBroken(code, message);
    case "STATUS_REASON_REQUIRED":
    case "STATUS_REASON_NOT_ALLOWED":
      return invalid(message, [{ path: "reason", message }], code);
    default:
      return forbidden(message, code);
  }
}

export async function changeSimStatus(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string; status: string; reason: string },
): Promise<SimRecord> {
  const to = input.status;
  if (!isSimStatus(to)) {
    throw invalid(`status must be one of ${SIM_STATUSES.join(", ")}`, [
      { path: "status", message: "unknown status" },
    ]);
  }
  return mutateSim(
    deps,
    () => loadVisibleSim(deps, principal, input.iccid),
    async (sim) => {
      const decision = decideStatusChange({
        from: sim.status,
        to,
        reason: (input.reason || null) as SuspensionReason | null,
        // `service` is no status actor: the state machine refuses roles it does not know.
        actorRole: principal.role as StatusActorRole,
        hasBeenActive: sim.hasBeenActive,
        currentSuspensionReason: sim.statusReason,
      });
      if (!decision.ok) throw refusal(decision.code, decision.message);
      const actor = actorOf(principal);
      const before = { status: sim.status, statusReason: sim.statusReason };
      return {
        kind: "change",
        changes: {
          status: decision.status,
          statusReason: decision.reason,
          hasBeenActive: decision.hasBeenActive,
        },
        history: {
          kind: "status_changed",
          actorUserId: actor.userId,
          actorRole: actor.role,
          before,
          after: { status: decision.status, statusReason: decision.reason },
        },
        events: [
          statusChanged(sim, {
            from: before.status,
            to: decision.status,
            reason: decision.reason,
            actor: actor.userId,
          }),
        ],
      };
    },
  );
}
