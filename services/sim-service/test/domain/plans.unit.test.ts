// Plan assignment rules: who may assign, when a plan applies to a SIM, and
// the blank → activation move.
import { randomUUID } from "node:crypto";
import type { Principal } from "@simhub/platform";
import { describe, expect, it } from "vitest";
import {
  bulkPlanAccess,
  canAssignPlan,
  decidePlanAssignment,
  type PlanFacts,
  type SimPlanFacts,
} from "../../src/domain/plans.ts";
import { SIM_STATUSES } from "../../src/domain/status.ts";

const orgId = randomUUID();
const companyId = randomUUID();
const otherCompany = randomUUID();

const sim = (overrides: Partial<SimPlanFacts> = {}): SimPlanFacts => ({
  orgId,
  companyId,
  planId: null,
  status: "blank",
  ...overrides,
});
const plan = (overrides: Partial<PlanFacts> = {}): PlanFacts => ({
  id: randomUUID(),
  orgId,
  companyId: null,
  type: "prepaid",
  status: "active",
  ...overrides,
});

describe("decidePlanAssignment", () => {
  it("moves a blank SIM to activation and keeps every other status", () => {
    expect(decidePlanAssignment(sim(), plan())).toMatchObject({
      ok: true,
      kind: "change",
      from: "blank",
      status: "activation",
      previousPlanId: null,
    });
    for (const status of SIM_STATUSES.filter((s) => s !== "blank" && s !== "archived")) {
      expect(decidePlanAssignment(sim({ status }), plan())).toMatchObject({ ok: true, from: status, status });
    }
  });

  it("replaces a previous plan and names it", () => {
    const previous = randomUUID();
    expect(decidePlanAssignment(sim({ planId: previous, status: "active" }), plan())).toMatchObject({
      kind: "change",
      previousPlanId: previous,
      status: "active",
    });
  });

  it("changes nothing for the plan the SIM already has", () => {
    const same = plan();
    expect(decidePlanAssignment(sim({ planId: same.id, status: "activation" }), same)).toEqual({
      ok: true,
      kind: "unchanged",
    });
  });

  it("refuses another organization's plan, an archived plan, another company's plan", () => {
    const refusals = [
      decidePlanAssignment(sim(), plan({ orgId: randomUUID() })),
      decidePlanAssignment(sim(), plan({ status: "archived" })),
      decidePlanAssignment(sim(), plan({ companyId: otherCompany })),
      decidePlanAssignment(sim({ companyId: null }), plan({ companyId })),
    ];
    for (const refusal of refusals) expect(refusal).toMatchObject({ ok: false, code: "PLAN_NOT_APPLICABLE" });
    expect(decidePlanAssignment(sim(), plan({ companyId }))).toMatchObject({ ok: true, kind: "change" });
  });

  it("refuses an archived SIM", () => {
    expect(decidePlanAssignment(sim({ status: "archived" }), plan())).toMatchObject({
      ok: false,
      code: "SIM_ARCHIVED",
    });
  });
});

describe("who assigns plans", () => {
  const as = (role: Principal["role"], extra: Partial<Principal> = {}): Principal => ({
    userId: "u",
    role,
    ...extra,
  });

  it("the platform admin and the organization's users, any SIM of the organization", () => {
    expect(canAssignPlan(as("platform_admin"), sim())).toBe(true);
    expect(canAssignPlan(as("org_admin", { orgId }), sim({ companyId: null }))).toBe(true);
    expect(canAssignPlan(as("org_staff", { orgId }), sim())).toBe(true);
    expect(canAssignPlan(as("org_admin", { orgId: randomUUID() }), sim())).toBe(false);
  });

  it("a company admin, only the company's SIMs; company staff and end users never", () => {
    expect(canAssignPlan(as("company_admin", { orgId, companyId }), sim())).toBe(true);
    expect(canAssignPlan(as("company_admin", { orgId, companyId: otherCompany }), sim())).toBe(false);
    expect(canAssignPlan(as("company_admin", { orgId, companyId }), sim({ companyId: null }))).toBe(false);
    expect(canAssignPlan(as("company_staff", { orgId, companyId }), sim())).toBe(false);
    expect(canAssignPlan(as("end_user", { orgId, companyId }), sim())).toBe(false);
  });

  it("bulk: other organizations are invisible, company staff and end users forbidden", () => {
    expect(bulkPlanAccess(as("platform_admin"), orgId)).toBe("allowed");
    expect(bulkPlanAccess(as("org_staff", { orgId }), orgId)).toBe("allowed");
    expect(bulkPlanAccess(as("company_admin", { orgId, companyId }), orgId)).toBe("allowed");
    expect(bulkPlanAccess(as("org_admin", { orgId: randomUUID() }), orgId)).toBe("not_visible");
    expect(bulkPlanAccess(as("company_staff", { orgId, companyId }), orgId)).toBe("forbidden");
    expect(bulkPlanAccess(as("end_user", { orgId, companyId }), orgId)).toBe("forbidden");
  });
});
