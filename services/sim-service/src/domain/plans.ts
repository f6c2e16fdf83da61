// Assigning a plan to a SIM: who may, whether the plan applies to the SIM,
// and what changes. Pure: the caller brings the SIM (as locked in its
// transaction) and the plan (as org-service answered).
import type { PlanType, Principal } from "@simhub/platform/domain";
import { isOrgRole, planTypes } from "@simhub/platform/domain";
import { type SimStatus, statusAfterPlanAssigned } from "./status.ts";

export type { PlanType };

export function isPlanType(value: unknown): value is PlanType {
  return typeof value === "string" && (planTypes as readonly string[]).includes(value);
}

/** What an assignment needs to know of a plan. */
export interface PlanFacts {
  readonly id: string;
  readonly orgId: string;
  /** null: organization-wide. */
  readonly companyId: string | null;
  readonly type: PlanType;
  readonly status: string;
}

/**
 * The plan a SIM loses when it leaves its company: one offered to that
 * company only (no other company may hold it, and a SIM without a company
 * has no use for it). An organization-wide plan stays. Null when none goes.
 */
export function planLeavingWithCompany(sim: {
  planId: string | null;
  planCompanyId: string | null;
}): string | null {
  return sim.planId !== null && sim.planCompanyId !== null ? sim.planId : null;
}

/** What an assignment needs to know of a SIM. */
export interface SimPlanFacts {
  readonly orgId: string;
  readonly companyId: string | null;
  readonly planId: string | null;
  readonly status: SimStatus;
}

/**
 * Who assigns plans to a SIM the caller can see: the platform admin and the
 * organization's users (any plan of the organization); a company's admin for
 * the SIMs of the company (and only plans the company can see: org-service
 * answers GetPlan for those alone). Company staff and end users do not: a
 * plan is what the SIM costs, which is the company admin's decision.
 */
export function canAssignPlan(
  principal: Principal,
  sim: { orgId: string; companyId: string | null },
): boolean {
  if (principal.role === "platform_admin") return true;
  if (isOrgRole(principal.role)) return principal.orgId === sim.orgId;
  if (principal.role === "company_admin")
    return sim.companyId !== null && principal.companyId === sim.companyId;
  return false;
}

/** Whether the caller may assign plans in bulk to SIMs of organization `orgId` (each SIM is still checked). */
export function bulkPlanAccess(principal: Principal, orgId: string): "allowed" | "not_visible" | "forbidden" {
  if (principal.role === "platform_admin") return "allowed";
  if (principal.orgId !== orgId) return "not_visible";
  if (isOrgRole(principal.role) || principal.role === "company_admin") return "allowed";
  return "forbidden";
}

type PlanAssignmentRefusal = "PLAN_NOT_APPLICABLE" | "SIM_ARCHIVED";

export type PlanAssignmentDecision =
  | { readonly ok: true; readonly kind: "unchanged" }
  | {
      readonly ok: true;
      readonly kind: "change";
      readonly previousPlanId: string | null;
      readonly from: SimStatus;
      /** The SIM's status afterwards: `blank` becomes `activation`, others stay. */
      readonly status: SimStatus;
    }
  | { readonly ok: false; readonly code: PlanAssignmentRefusal; readonly message: string };

/**
 * The plan must belong to the SIM's organization, be active, and, when it is
 * offered to one company, the SIM must be assigned to that company. An
 * archived SIM takes no plan. The same plan again changes nothing.
 */
export function decidePlanAssignment(sim: SimPlanFacts, plan: PlanFacts): PlanAssignmentDecision {
  if (sim.status === "archived") {
    return { ok: false, code: "SIM_ARCHIVED", message: "an archived SIM takes no plan" };
  }
  if (plan.orgId !== sim.orgId) {
    return { ok: false, code: "PLAN_NOT_APPLICABLE", message: "the plan belongs to another organization" };
  }
  if (plan.status !== "active") {
    return { ok: false, code: "PLAN_NOT_APPLICABLE", message: "the plan is archived" };
  }
  if (plan.companyId !== null && plan.companyId !== sim.companyId) {
    return {
      ok: false,
      code: "PLAN_NOT_APPLICABLE",
      message: "the plan is offered to one company and the SIM is not assigned to it",
    };
  }
  if (sim.planId === plan.id) return { ok: true, kind: "unchanged" };
  return {
    ok: true,
    kind: "change",
    previousPlanId: sim.planId,
    from: sim.status,
    status: statusAfterPlanAssigned(sim.status),
  };
}
