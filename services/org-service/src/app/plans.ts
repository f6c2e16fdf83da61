// Use cases of plans. One transaction per command with its event in the
// outbox; tenant scope on every call: a plan the caller may not see is 404
// (PLAN_NOT_FOUND), never 403.
import { randomUUID } from "node:crypto";
import {
  AppError,
  conflict,
  enqueueEvent,
  forbidden,
  isUniqueViolation,
  notFound,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { checkCursor, checkLimit, checkUuid, cursorAfter, Problems } from "@simhub/platform/domain";
import {
  findPlan,
  insertPlan,
  listPlans as listPlanRows,
  PLAN_NAME_INDEX,
  updatePlan as updatePlanRow,
} from "../db/plans.ts";
import { canManagePlans, canSeePlan, planListScope } from "../domain/access.ts";
import {
  decidePlanUpdate,
  forbiddenToManage,
  type ImmutableGiven,
  isNoChange,
  type Plan,
  type PlanStatus,
  type PlanType,
  planStatuses,
  planTypes,
  type RawTerms,
  validateNewPlan,
  validateUpdatePlan,
} from "../domain/plan.ts";
import type { OrgDeps } from "./deps.ts";
import { requireVisibleOrganization } from "./organizations.ts";

const planNotFound = () => notFound("PLAN_NOT_FOUND", "plan not found");
const nameTaken = () => conflict("PLAN_NAME_TAKEN", "the organization already has a plan with this name");

function eventData(plan: Plan) {
  return {
    planId: plan.id,
    orgId: plan.orgId,
    companyId: plan.companyId,
    name: plan.name,
    type: plan.type,
    currency: plan.currency,
    price: plan.price,
    status: plan.status,
    dataMb: plan.dataMb,
  };
}

const companyUnresolved = (message: string) =>
  new AppError("rule", "PLAN_COMPANY_UNRESOLVED", message, { errors: [{ path: "companyId", message }] });

/**
 * A plan offered to one company needs that company to exist, be active and
 * belong to the plan's organization. The chain replica answers (fed by
 * CompanyCreated and CompanyArchived); company-service is asked, with the
 * caller's token, only about a company the replica has not heard of yet, and
 * a company the caller cannot see does not resolve.
 */
async function assertCompanyOfOrganization(deps: OrgDeps, companyId: string, orgId: string) {
  const link = await deps.chain.company(companyId, undefined, { companyOnly: true });
  if (!link || link.orgId !== orgId) {
    throw companyUnresolved("the company does not exist in this organization");
  }
  if (link.companyArchived) throw companyUnresolved("the company is archived");
}

export async function createPlan(
  deps: OrgDeps,
  principal: Principal,
  input: { orgId: string; companyId: string; name: string; type: string; currency: string } & RawTerms,
): Promise<Plan> {
  const valid = validateNewPlan(input);
  // Who may, before anyone else is asked.
  const org = await requireVisibleOrganization(deps.db, principal, valid.orgId);
  if (!canManagePlans(principal, org.id)) throw forbiddenToManage();
  if (valid.companyId) await assertCompanyOfOrganization(deps, valid.companyId, org.id);
  try {
    return await deps.db.transaction(async (trx) => {
      // FOR SHARE: an archive of the organization waits for this plan, or this waits for it.
      const locked = await requireVisibleOrganization(trx, principal, org.id, { forShare: true });
      if (locked.status !== "active") {
        throw ruleBroken("ORGANIZATION_ARCHIVED", "an archived organization cannot create plans");
      }
      const plan = await insertPlan(trx, randomUUID(), valid);
      await enqueueEvent(trx, deps.events, {
        type: "PlanCreated",
        subject: plan.id,
        orgId: plan.orgId,
        companyId: plan.companyId,
        data: eventData(plan),
      });
      return plan;
    });
  } catch (error) {
    if (isUniqueViolation(error, PLAN_NAME_INDEX)) throw nameTaken();
    throw error;
  }
}

export async function getPlan(deps: OrgDeps, principal: Principal, input: { id: string }): Promise<Plan> {
  const problems = new Problems();
  const id = checkUuid(problems, "planId", input.id);
  problems.throwIfAny();
  const plan = await findPlan(deps.db, id);
  if (!plan || !canSeePlan(principal, plan)) throw planNotFound();
  return plan;
}

export async function listPlans(
  deps: OrgDeps,
  principal: Principal,
  input: { orgId: string; limit: number; cursor: string; status: string; type: string },
): Promise<{ items: Plan[]; nextCursor: string }> {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  const limit = checkLimit(problems, input.limit);
  const afterSeq = checkCursor(problems, input.cursor);
  if (input.status && !(planStatuses as readonly string[]).includes(input.status)) {
    problems.add("status", `must be one of ${planStatuses.join(", ")}`);
  }
  if (input.type && !(planTypes as readonly string[]).includes(input.type)) {
    problems.add("type", `must be one of ${planTypes.join(", ")}`);
  }
  problems.throwIfAny();
  const org = await requireVisibleOrganization(deps.db, principal, orgId);
  const scope = planListScope(principal, org.id);
  if (scope.kind === "forbidden") throw forbidden("end users cannot list plans");
  const rows = await listPlanRows(deps.db, {
    orgId: org.id,
    forCompanyId: scope.kind === "company" ? scope.companyId : undefined,
    status: (input.status || undefined) as PlanStatus | undefined,
    type: (input.type || undefined) as PlanType | undefined,
    afterSeq,
    limit: limit + 1,
  });
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorAfter(items[items.length - 1]!.seq) : "";
  return { items, nextCursor };
}

/**
 * Renames, re-prices, changes the terms its type allows, archives (retires
 * the plan for new assignments; SIMs that have it keep it) or reactivates.
 */
export async function updatePlan(
  deps: OrgDeps,
  principal: Principal,
  input: {
    id: string;
    name?: string | undefined;
    status?: string | undefined;
    clear: string[];
  } & RawTerms &
    ImmutableGiven,
): Promise<Plan> {
  const { id, changes } = validateUpdatePlan(input);
  const immutable: ImmutableGiven = {
    orgId: input.orgId,
    type: input.type,
    currency: input.currency,
    companyId: input.companyId,
  };
  try {
    return await deps.db.transaction(async (trx) => {
      const current = await findPlan(trx, id, { forUpdate: true });
      if (!current || !canSeePlan(principal, current)) throw planNotFound();
      const update = decidePlanUpdate(principal, current, changes, immutable);
      if (isNoChange(update)) return current;
      const plan = await updatePlanRow(trx, id, update);
      await enqueueEvent(trx, deps.events, {
        type: "PlanUpdated",
        subject: plan.id,
        orgId: plan.orgId,
        companyId: plan.companyId,
        data: eventData(plan),
      });
      return plan;
    });
  } catch (error) {
    if (isUniqueViolation(error, PLAN_NAME_INDEX)) throw nameTaken();
    throw error;
  }
}
