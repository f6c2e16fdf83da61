// The SIM status state machine of API.md ("SIM status"): which transitions
// exist, which reasons they carry, and which actor may make them. Pure: the
// caller supplies the SIM's current facts and persists the decision.
import {
  isCompanyRole,
  type SimStatus,
  simStatuses,
  type UserRole,
  userRoles,
} from "@simhub/platform/domain";

export type { SimStatus };

/**
 * Status titles with the ids of the product's webhook Status Model: the
 * numbers of the proto enum SimStatus (sim_service.proto).
 */
export const SIM_STATUS_IDS = {
  pending: 1,
  invalid: 2,
  active: 3,
  suspended: 4,
  not_available: 5,
  blank: 6,
  activation: 7,
  archived: 8,
} as const satisfies Record<SimStatus, number>;

export type SimStatusId = (typeof SIM_STATUS_IDS)[SimStatus];

export const SIM_STATUSES: readonly SimStatus[] = simStatuses;

/** Who suspended a SIM: its user, an automation rule, or the platform itself. */
export type SuspensionReason = "user" | "rule" | "system";
const SUSPENSION_REASONS: readonly SuspensionReason[] = ["user", "rule", "system"];

/** A status change is made by a user in one of the roles, or by the platform itself (`system`). */
export type StatusActorRole = UserRole | "system";
const STATUS_ACTOR_ROLES: readonly StatusActorRole[] = [...userRoles, "system"];

/** The transition table of API.md, verbatim. `archived` is terminal. */
export const SIM_STATUS_TRANSITIONS: Readonly<Record<SimStatus, readonly SimStatus[]>> = {
  not_available: ["pending", "archived"],
  blank: ["pending", "activation", "active", "archived"],
  pending: ["activation", "active", "suspended", "invalid"],
  invalid: ["pending", "archived"],
  activation: ["active", "suspended", "archived"],
  active: ["suspended", "archived"],
  suspended: ["active", "archived"],
  archived: [],
};

// Statuses that mean "not yet in service"; a SIM that has been active never
// goes back to them.
const PRE_SERVICE_STATUSES: readonly SimStatus[] = ["blank", "activation"];

export function isSimStatus(value: unknown): value is SimStatus {
  return typeof value === "string" && Object.hasOwn(SIM_STATUS_IDS, value);
}

export function isSuspensionReason(value: unknown): value is SuspensionReason {
  return typeof value === "string" && (SUSPENSION_REASONS as readonly string[]).includes(value);
}

export function simStatusId(status: SimStatus): SimStatusId {
  return SIM_STATUS_IDS[status];
}

export function simStatusFromId(id: number): SimStatus | undefined {
  return SIM_STATUSES.find((status) => SIM_STATUS_IDS[status] === id);
}

/** Whether the table has the edge `from → to` (ignoring history, reasons and roles). */
function isTransitionInTable(from: SimStatus, to: SimStatus): boolean {
  return SIM_STATUS_TRANSITIONS[from].includes(to);
}

/** Where an import puts a new SIM: ready for a plan when an operator integration exists, otherwise stored only. */
export function initialStatusForImport(hasOperatorIntegration: boolean): SimStatus {
  return hasOperatorIntegration ? "blank" : "not_available";
}

/** Assigning a plan moves a `blank` SIM to `activation` (ready, waiting for first use); other statuses stay. */
export function statusAfterPlanAssigned(status: SimStatus): SimStatus {
  return status === "blank" ? "activation" : status;
}

type StatusChangeErrorCode =
  | "INVALID_STATUS_TRANSITION"
  | "STATUS_REASON_REQUIRED"
  | "STATUS_REASON_NOT_ALLOWED"
  | "STATUS_CHANGE_FORBIDDEN";

export interface StatusChangeRequest {
  readonly from: SimStatus;
  readonly to: SimStatus;
  /** Required when `to` is `suspended`, refused otherwise. */
  readonly reason?: SuspensionReason | null | undefined;
  readonly actorRole: StatusActorRole;
  /** Whether the SIM has ever been `active` (kept by the caller; `from: "active"` implies it). */
  readonly hasBeenActive: boolean;
  /** The reason of the current suspension when `from` is `suspended`. */
  readonly currentSuspensionReason?: SuspensionReason | null | undefined;
}

export type StatusChangeDecision =
  | {
      readonly ok: true;
      readonly status: SimStatus;
      /** The suspension reason to store: set exactly when `status` is `suspended`. */
      readonly reason: SuspensionReason | null;
      /** The SIM's new "has been active" fact, to persist alongside the status. */
      readonly hasBeenActive: boolean;
    }
  | { readonly ok: false; readonly code: StatusChangeErrorCode; readonly message: string };

function refuse(code: StatusChangeErrorCode, message: string): StatusChangeDecision {
  return { ok: false, code, message };
}

// Roles that may make any transition of the table. The one exception, lifting a
// `system` suspension, is checked separately below.
const UNRESTRICTED_ROLES: readonly StatusActorRole[] = ["system", "platform_admin", "org_admin", "org_staff"];

// API.md: "a suspension by `system` lifts only by `system` or an org admin".
// platform_admin may lift it too: the platform admin stands above every
// organization's admins and could otherwise act through one of them anyway.
const SYSTEM_SUSPENSION_LIFTERS: readonly StatusActorRole[] = ["system", "org_admin", "platform_admin"];

/**
 * Decides one status change. The checks run in this order, so the first
 * failing one names the problem:
 *
 * 1. end users may never change status (STATUS_CHANGE_FORBIDDEN), whatever
 *    the transition;
 * 2. the edge must be in the table, `archived` is terminal, and a SIM that has
 *    been active never returns to `blank` or `activation`
 *    (INVALID_STATUS_TRANSITION);
 * 3. `suspended` needs a reason, every other status refuses one
 *    (STATUS_REASON_REQUIRED / STATUS_REASON_NOT_ALLOWED);
 * 4. the actor's role must allow this edge (STATUS_CHANGE_FORBIDDEN).
 *
 * Decisions taken where API.md is silent:
 * - A change to the same status (e.g. suspended → suspended with another
 *   reason) is not in the table, hence INVALID_STATUS_TRANSITION.
 * - Company users suspend only an `active` SIM, only with reason `user`, and
 *   resume (suspended → active) any suspension but a `system` one.
 * - Organization users, platform_admin and `system` may give any reason, so an
 *   organization can impose a suspension that only an org admin lifts.
 * - "Lifting" a suspension means suspended → active. Archiving a
 *   system-suspended SIM does not put it back in service, so org_staff may.
 * - A suspended SIM whose current reason is unknown is treated as suspended
 *   by `system`: an authorization rule fails closed.
 */
export function decideStatusChange(request: StatusChangeRequest): StatusChangeDecision {
  const { from, to, actorRole } = request;
  const reason = request.reason ?? null;

  if (!isSimStatus(from))
    return refuse("INVALID_STATUS_TRANSITION", `unknown current status "${String(from)}"`);
  if (!isSimStatus(to)) return refuse("INVALID_STATUS_TRANSITION", `unknown status "${String(to)}"`);
  if (!STATUS_ACTOR_ROLES.includes(actorRole)) {
    return refuse("STATUS_CHANGE_FORBIDDEN", "this actor may not change a SIM's status");
  }

  if (actorRole === "end_user") {
    return refuse("STATUS_CHANGE_FORBIDDEN", "end users cannot change a SIM's status");
  }

  if (from === "archived") {
    return refuse("INVALID_STATUS_TRANSITION", "an archived SIM cannot change status (archived is terminal)");
  }
  if (!isTransitionInTable(from, to)) {
    return refuse("INVALID_STATUS_TRANSITION", `a SIM cannot go from ${from} to ${to}`);
  }
  const hasBeenActive = request.hasBeenActive || from === "active";
  if (hasBeenActive && PRE_SERVICE_STATUSES.includes(to)) {
    return refuse("INVALID_STATUS_TRANSITION", `a SIM that has been active never returns to ${to}`);
  }

  if (to === "suspended") {
    if (reason === null) {
      return refuse("STATUS_REASON_REQUIRED", "a suspension needs a reason: user, rule or system");
    }
    if (!isSuspensionReason(reason)) {
      return refuse("STATUS_REASON_NOT_ALLOWED", "a suspension reason is one of user, rule or system");
    }
  } else if (reason !== null) {
    return refuse("STATUS_REASON_NOT_ALLOWED", `only a suspension takes a reason, not a change to ${to}`);
  }

  if (isCompanyRole(actorRole)) {
    const isSuspend = from === "active" && to === "suspended";
    const isResume = from === "suspended" && to === "active";
    if (!isSuspend && !isResume) {
      return refuse(
        "STATUS_CHANGE_FORBIDDEN",
        `company users may only suspend an active SIM or resume a suspended one, not move it from ${from} to ${to}`,
      );
    }
    if (isSuspend && reason !== "user") {
      return refuse("STATUS_CHANGE_FORBIDDEN", `company users suspend with reason user, not ${reason}`);
    }
  } else if (!UNRESTRICTED_ROLES.includes(actorRole)) {
    return refuse("STATUS_CHANGE_FORBIDDEN", "this actor may not change a SIM's status");
  }

  if (from === "suspended" && to === "active") {
    const current = isSuspensionReason(request.currentSuspensionReason)
      ? request.currentSuspensionReason
      : "system";
    if (current === "system" && !SYSTEM_SUSPENSION_LIFTERS.includes(actorRole)) {
      return refuse(
        "STATUS_CHANGE_FORBIDDEN",
        "a suspension by system is lifted only by system or an org admin",
      );
    }
  }

  return {
    ok: true,
    status: to,
    reason: to === "suspended" ? reason : null,
    hasBeenActive: hasBeenActive || to === "active",
  };
}
