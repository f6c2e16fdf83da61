// Plan assignment: one SIM or up to 1,000 of one organization, and a
// company's SIMs counted by plan type.
//
// Plans belong to org-service. The plan is asked once per request with
// GetPlan, carrying the caller's token, so org-service's own visibility
// applies: a company admin gets an answer only for the plans available to
// its company. A plan that does not exist or that the caller may not see is
// refused like any plan that does not apply (422 PLAN_NOT_APPLICABLE), so the
// answer never tells whether another tenant's plan exists.
//
// The SIMs are then locked (FOR UPDATE, in ICCID order) and decided on the
// locked rows, so the company a company-scoped plan needs is the company the
// SIM has when the change commits; then the plan's row in the plan replica
// is locked FOR SHARE and must not say archived (db/plan-replica.ts), so a
// plan whose archival sim-service has recorded is never assigned, however
// long ago GetPlan answered. The plan, its history rows and its events
// (SimPlanAssigned, and SimStatusChanged when a `blank` SIM moves to
// `activation`) are written in that one transaction. SIMs that have an
// archived plan keep it; a SIM that leaves the company its plan is offered
// to loses the plan (assign-sims.ts).
import type { EventType } from "@simhub/contracts";
import {
  AppError,
  type EventToPublish,
  enqueueEvents,
  forbidden,
  invalid,
  type Knex,
  notFound,
  type Principal,
  requireUuid,
  ruleBroken,
} from "@simhub/platform";
import { insertHistory, type NewHistoryEntry } from "../db/history.ts";
import { lockAssignablePlan } from "../db/plan-replica.ts";
import {
  countSimsByPlanType,
  type LockedSim,
  lockSimsForPlan,
  type PlanTypeCounts,
  setSimPlans,
} from "../db/sim-plans.ts";
import { findSim, type SimRecord } from "../db/sims.ts";
import { canSeeSim, isCompanyRole, isOrgRole } from "../domain/access.ts";
import { validateIccid } from "../domain/identifiers.ts";
import {
  bulkPlanAccess,
  canAssignPlan,
  decidePlanAssignment,
  isPlanType,
  type PlanFacts,
} from "../domain/plans.ts";
import type { SimStatus } from "../domain/status.ts";
import { type Actor, actorOf, type SimDeps } from "./deps.ts";
import { loadVisibleSim, simNotFound } from "./mutate.ts";
import { planAssigned, statusChanged } from "./sim-events.ts";

const MAX_BULK_ICCIDS = 1_000;

const notApplicable = (message: string) => ruleBroken("PLAN_NOT_APPLICABLE", message);
const unknownPlan = () => notApplicable("the plan does not exist or is not available here");
const archivedPlan = () => notApplicable("the plan is archived");

/** Refuses the request unless the plan replica lets the plan be assigned (its row stays locked). */
async function requireAssignablePlan(trx: Knex.Transaction, plan: PlanFacts): Promise<void> {
  const assignable = await lockAssignablePlan(trx, {
    planId: plan.id,
    orgId: plan.orgId,
    companyId: plan.companyId,
    archived: plan.status !== "active",
  });
  if (!assignable) throw archivedPlan();
}
const mayNotAssign = () =>
  forbidden("plans are assigned by the organization's users and by the admin of the SIM's company");

/** The plan as the caller may see it, or undefined when org-service says it does not exist for the caller. */
async function fetchPlan(deps: SimDeps, planId: string): Promise<PlanFacts | undefined> {
  try {
    const plan = await deps.org.GetPlan({ id: planId });
    if (!isPlanType(plan.type)) return undefined;
    return {
      id: plan.id,
      orgId: plan.orgId,
      companyId: plan.companyId || null,
      type: plan.type,
      status: plan.status,
    };
  } catch (error) {
    if (error instanceof AppError && ["not_found", "forbidden", "invalid"].includes(error.kind)) {
      return undefined;
    }
    throw error;
  }
}

interface Assignment {
  sim: LockedSim;
  previousPlanId: string | null;
  from: SimStatus;
  status: SimStatus;
}

/** Writes the plan of every assignment with its history rows and events, in the caller's transaction. */
async function applyAssignments(
  trx: Knex.Transaction,
  deps: SimDeps,
  plan: PlanFacts,
  actor: Actor,
  assignments: readonly Assignment[],
): Promise<void> {
  if (assignments.length === 0) return;
  await setSimPlans(
    trx,
    plan,
    assignments.map(({ sim, status }) => ({ iccid: sim.iccid, status })),
  );
  const history: NewHistoryEntry[] = [];
  const events: EventToPublish<EventType>[] = [];
  for (const { sim, previousPlanId, from, status } of assignments) {
    const who = { actorUserId: actor.userId, actorRole: actor.role };
    history.push({
      iccid: sim.iccid,
      kind: "plan_assigned",
      ...who,
      before: { planId: previousPlanId },
      after: { planId: plan.id, planType: plan.type },
    });
    events.push(planAssigned(sim, { planId: plan.id, planType: plan.type, previousPlanId }));
    if (status !== from) {
      history.push({
        iccid: sim.iccid,
        kind: "status_changed",
        ...who,
        before: { status: from, statusReason: null },
        after: { status, statusReason: null },
      });
      events.push(statusChanged(sim, { from, to: status, reason: null, actor: actor.userId }));
    }
  }
  await insertHistory(trx, history);
  await enqueueEvents(trx, deps.events, events);
}

export async function assignPlan(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string; planId: string },
): Promise<SimRecord> {
  const planId = requireUuid("planId", input.planId);
  const visible = await loadVisibleSim(deps, principal, input.iccid);
  if (!canAssignPlan(principal, visible)) throw mayNotAssign();
  const plan = await fetchPlan(deps, planId);
  if (!plan) throw unknownPlan();
  const actor = actorOf(principal);
  return deps.db.transaction(async (trx) => {
    const sim = (await lockSimsForPlan(trx, [visible.iccid])).get(visible.iccid);
    // Checked again on the locked row: the SIM may have changed company meanwhile.
    if (!sim || !canSeeSim(principal, sim)) throw simNotFound();
    if (!canAssignPlan(principal, sim)) throw mayNotAssign();
    const decision = decidePlanAssignment(sim, plan);
    if (!decision.ok) throw ruleBroken(decision.code, decision.message);
    if (decision.kind === "change") {
      await requireAssignablePlan(trx, plan);
      await applyAssignments(trx, deps, plan, actor, [{ sim, ...decision }]);
    }
    return (await findSim(trx, sim.iccid))!;
  });
}

export interface RejectedAssignment {
  iccid: string;
  code: string;
  message: string;
}

/**
 * One plan for up to 1,000 SIMs of organization `orgId`. A problem of the
 * request as a whole (the plan does not apply to the organization, or is
 * archived) refuses it all; a problem of one SIM rejects that SIM only, and
 * every other SIM is assigned, together, in one transaction. `assigned`
 * counts the SIMs that hold the plan afterwards, those that already had it
 * included (a repeated request answers the same; only real changes leave
 * history and events).
 */
export async function assignPlanBulk(
  deps: SimDeps,
  principal: Principal,
  input: { orgId: string; planId: string; iccids: string[] },
): Promise<{ assigned: number; rejected: RejectedAssignment[] }> {
  const orgId = requireUuid("orgId", input.orgId);
  const planId = requireUuid("planId", input.planId);
  if (input.iccids.length === 0 || input.iccids.length > MAX_BULK_ICCIDS) {
    throw invalid(`give 1 to ${MAX_BULK_ICCIDS} ICCIDs`, [
      { path: "iccids", message: `must hold 1 to ${MAX_BULK_ICCIDS} ICCIDs` },
    ]);
  }
  const access = bulkPlanAccess(principal, orgId);
  if (access === "not_visible") throw notFound("ORGANIZATION_NOT_FOUND", "organization not found");
  if (access === "forbidden") throw mayNotAssign();
  const plan = await fetchPlan(deps, planId);
  if (!plan || plan.orgId !== orgId) throw unknownPlan();
  if (plan.status !== "active") throw archivedPlan();

  const rejected: RejectedAssignment[] = [];
  const wanted: string[] = [];
  const seen = new Set<string>();
  for (const given of input.iccids) {
    const checked = validateIccid(given);
    if (!checked.ok) {
      rejected.push({ iccid: given, code: checked.code, message: checked.message });
    } else if (seen.has(checked.value)) {
      rejected.push({ iccid: given, code: "DUPLICATE_ICCID", message: "the ICCID is listed more than once" });
    } else {
      seen.add(checked.value);
      wanted.push(checked.value);
    }
  }

  const actor = actorOf(principal);
  const assigned = await deps.db.transaction(async (trx) => {
    const sims = await lockSimsForPlan(trx, wanted);
    const assignments: Assignment[] = [];
    let unchanged = 0;
    for (const iccid of wanted) {
      const sim = sims.get(iccid);
      if (!sim || sim.orgId !== orgId || !canSeeSim(principal, sim)) {
        rejected.push({ iccid, code: "SIM_NOT_FOUND", message: "SIM not found" });
        continue;
      }
      if (!canAssignPlan(principal, sim)) {
        rejected.push({ iccid, code: "FORBIDDEN", message: "the caller may not assign plans to this SIM" });
        continue;
      }
      const decision = decidePlanAssignment(sim, plan);
      if (!decision.ok) rejected.push({ iccid, code: decision.code, message: decision.message });
      else if (decision.kind === "unchanged") unchanged++;
      else assignments.push({ sim, ...decision });
    }
    if (assignments.length > 0) await requireAssignablePlan(trx, plan);
    await applyAssignments(trx, deps, plan, actor, assignments);
    return assignments.length + unchanged;
  });
  return { assigned, rejected };
}

/** A company's SIMs by the type of their plan, for the company view (scoped like the status counts). */
export async function countCompanySimsByPlanType(
  deps: SimDeps,
  principal: Principal,
  input: { companyId: string },
): Promise<PlanTypeCounts> {
  const companyId = requireUuid("companyId", input.companyId);
  if (principal.role === "platform_admin" || principal.role === "service") {
    return countSimsByPlanType(deps.db, { companyId });
  }
  if (isOrgRole(principal.role) && principal.orgId) {
    // Scoped to the caller's organization: another organization's company counts nothing.
    return countSimsByPlanType(deps.db, { companyId, orgId: principal.orgId });
  }
  if (isCompanyRole(principal.role) && principal.companyId === companyId) {
    return countSimsByPlanType(deps.db, { companyId });
  }
  throw notFound("COMPANY_NOT_FOUND", "company not found");
}
