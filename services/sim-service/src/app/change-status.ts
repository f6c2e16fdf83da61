// Status changes through the state machine of domain/status.ts.
import { type AppError, forbidden, invalid, type Principal, requireUuid, ruleBroken } from "@simhub/platform";
import type { SimRecord } from "../db/sims.ts";
import { findSim } from "../db/sims.ts";
import {
  decideStatusChange,
  isSimStatus,
  SIM_STATUSES,
  type SimStatus,
  type StatusActorRole,
  type SuspensionReason,
} from "../domain/status.ts";
import { actorOf, type SimDeps } from "./deps.ts";
import { checkIccid, loadVisibleSim, mutateSim, type SimPlan, simNotFound } from "./mutate.ts";
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

function checkStatus(to: string): SimStatus {
  if (!isSimStatus(to)) {
    throw invalid(`status must be one of ${SIM_STATUSES.join(", ")}`, [
      { path: "status", message: "unknown status" },
    ]);
  }
  return to;
}

/** The change of `sim` to `to` by `actor`, decided by the state machine, as a plan for mutateSim. */
function statusChangePlan(
  sim: SimRecord,
  to: SimStatus,
  reason: SuspensionReason | null,
  actor: { userId: string; role: StatusActorRole },
): SimPlan {
  const decision = decideStatusChange({
    from: sim.status,
    to,
    reason,
    actorRole: actor.role,
    hasBeenActive: sim.hasBeenActive,
    currentSuspensionReason: sim.statusReason,
  });
  if (!decision.ok) throw refusal(decision.code, decision.message);
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
}

export async function changeSimStatus(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string; status: string; reason: string },
): Promise<SimRecord> {
  const to = checkStatus(input.status);
  return mutateSim(
    deps,
    () => loadVisibleSim(deps, principal, input.iccid),
    async (sim) => {
      const actor = actorOf(principal);
      // `service` is no status actor: the state machine refuses roles it does not know.
      return statusChangePlan(sim, to, (input.reason || null) as SuspensionReason | null, {
        userId: actor.userId,
        role: principal.role as StatusActorRole,
      });
    },
  );
}

/**
 * An automation rule's action: the platform (`system`) changes the status,
 * with reason `rule` for a suspension, through the same state machine and
 * the same one-statement write as every other change. A SIM already in the
 * status (a suspension by a rule, for `suspended`) is left as it is and
 * answered `changed: false`: rule-service retries an action whose answer it
 * did not get, and the second call must not count as a refusal.
 */
export async function changeSimStatusByRule(
  deps: SimDeps,
  input: { iccid: string; orgId: string; status: string; ruleId: string },
): Promise<{ sim: SimRecord; changed: boolean }> {
  const to = checkStatus(input.status);
  const orgId = requireUuid("orgId", input.orgId);
  const ruleId = requireUuid("ruleId", input.ruleId);
  const iccid = checkIccid(input.iccid);
  let changed = false;
  const sim = await mutateSim(
    deps,
    async () => {
      const found = await findSim(deps.db, iccid);
      if (!found || found.orgId !== orgId) throw simNotFound();
      return found;
    },
    async (current) => {
      changed = false;
      if (current.status === to && (to !== "suspended" || current.statusReason === "rule")) {
        return { kind: "unchanged" };
      }
      changed = true;
      return statusChangePlan(current, to, to === "suspended" ? "rule" : null, {
        userId: `rule:${ruleId}`,
        role: "system",
      });
    },
  );
  return { sim, changed };
}
