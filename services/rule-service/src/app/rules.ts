// Rule use cases: create, read, list, change, delete, and the log.
import { randomUUID } from "node:crypto";
import {
  AppError,
  checkCursor,
  checkLimit,
  checkName,
  checkUuid,
  cursorAfter,
  forbidden,
  notFound,
  type Principal,
  Problems,
  ruleBroken,
} from "@simhub/platform";
import { type FiringRow, listFirings } from "../db/firings.ts";
import { deleteRuleRow, findRule, insertRule, listRules, updateRuleRow } from "../db/rules.ts";
import {
  type Action,
  canManageRulesOf,
  canSeeRulesOf,
  checkActions,
  checkTrigger,
  checkTriggerAllowsActions,
  dueAt,
  parseJson,
  type Rule,
  type RuleOwner,
  type Trigger,
  usageTriggerTypes,
} from "../domain/rule.ts";
import type { RuleDeps } from "./deps.ts";

const ruleNotFound = () => notFound("RULE_NOT_FOUND", "rule not found");
const organizationNotFound = () => notFound("ORGANIZATION_NOT_FOUND", "organization not found");
const companyNotFound = () => notFound("COMPANY_NOT_FOUND", "company not found");
const mayNotManage = () =>
  forbidden(
    "only the platform admin, the organization's admin or the company's admin manage its rules",
    "RULE_MANAGEMENT_FORBIDDEN",
  );

const isCompanyUser = (principal: Principal) =>
  principal.role === "company_admin" || principal.role === "company_staff";

/** The company's organization, resolved by company-service with the caller's token (404 when not visible). */
async function companyOrg(deps: RuleDeps, principal: Principal, companyId: string) {
  if (principal.role === "end_user" || (isCompanyUser(principal) && principal.companyId !== companyId)) {
    throw companyNotFound();
  }
  try {
    const resolved = await deps.company.ResolveCompany({ companyId });
    if (!resolved.company?.orgId) throw companyNotFound();
    return { orgId: resolved.company.orgId, active: resolved.company.status === "active" };
  } catch (error) {
    if (error instanceof AppError && (error.kind === "not_found" || error.kind === "forbidden")) {
      throw companyNotFound();
    }
    throw error;
  }
}

const planNotApplicable = () =>
  new AppError("rule", "RULE_PLAN_NOT_APPLICABLE", "planId is no plan of this organization", {
    errors: [{ path: "planId", message: "is no plan of this organization" }],
  });

/**
 * A rule narrowed to a plan: the plan must be the organization's. Known
 * from the plan events, else asked of org-service with the caller's token
 * (a plan created a moment ago); unknown and foreign plans are refused alike.
 */
async function checkPlanOf(deps: RuleDeps, planId: string, orgId: string): Promise<void> {
  const known = (await deps.db("rule_plans").where({ plan_id: planId }).first("org_id")) as
    | { org_id: string }
    | undefined;
  let planOrg = known?.org_id;
  if (!planOrg) {
    try {
      planOrg = (await deps.org.GetPlan({ id: planId })).orgId;
    } catch (error) {
      const answered =
        error instanceof AppError &&
        (error.kind === "not_found" || error.kind === "forbidden" || error.kind === "invalid");
      if (!answered) throw error;
    }
  }
  if (planOrg !== orgId) throw planNotApplicable();
}

/** Whether a SIM is checked against the rule as soon as it is created (usage and date triggers). */
function sweepsOnCreation(trigger: Trigger): boolean {
  return usageTriggerTypes.includes(trigger.type) || trigger.type === "date";
}

function checkDefinition(
  problems: Problems,
  input: { triggerJson: string; actionsJson: string },
): { trigger: Trigger | undefined; actions: Action[] } {
  const rawTrigger = parseJson(problems, "trigger", input.triggerJson);
  const trigger = rawTrigger === undefined ? undefined : checkTrigger(problems, "trigger", rawTrigger);
  const rawActions = parseJson(problems, "actions", input.actionsJson);
  const actions = rawActions === undefined ? [] : checkActions(problems, "actions", rawActions);
  return { trigger, actions };
}

export async function createRule(
  deps: RuleDeps,
  principal: Principal,
  input: {
    orgId: string;
    companyId: string;
    planId: string;
    name: string;
    triggerJson: string;
    actionsJson: string;
    enabled: boolean;
    hasEnabled: boolean;
  },
): Promise<Rule> {
  const problems = new Problems();
  const level = input.orgId ? "organization" : "company";
  const orgIdInput = input.orgId ? checkUuid(problems, "orgId", input.orgId) : "";
  const companyId = input.companyId ? checkUuid(problems, "companyId", input.companyId) : null;
  if (!input.orgId && !companyId) problems.add("orgId", "give orgId or companyId");
  const planId = input.planId ? checkUuid(problems, "planId", input.planId) : null;
  const name = checkName(problems, "name", input.name);
  const { trigger, actions } = checkDefinition(problems, input);
  problems.throwIfAny();

  let owner: RuleOwner;
  if (level === "organization") {
    owner = { orgId: orgIdInput, companyId: null, level };
    if (!canSeeRulesOf(principal, owner)) throw organizationNotFound();
    if (!canManageRulesOf(principal, owner)) throw mayNotManage();
    if (companyId) {
      // The narrowing must be a company of this organization.
      const company = await companyOrg(deps, principal, companyId).catch((error: unknown) => {
        if (error instanceof AppError && error.kind === "not_found") return undefined;
        throw error;
      });
      if (!company || company.orgId !== owner.orgId) {
        throw new AppError(
          "rule",
          "RULE_COMPANY_NOT_IN_ORGANIZATION",
          "companyId is no company of this organization",
          {
            errors: [{ path: "companyId", message: "is no company of this organization" }],
          },
        );
      }
    }
  } else {
    const company = await companyOrg(deps, principal, companyId!);
    owner = { orgId: company.orgId, companyId, level };
    if (!canSeeRulesOf(principal, owner)) throw companyNotFound();
    if (!canManageRulesOf(principal, owner)) throw mayNotManage();
    if (!company.active) throw ruleBroken("COMPANY_ARCHIVED", "an archived company cannot have rules");
  }
  if (planId) await checkPlanOf(deps, planId, owner.orgId);
  checkTriggerAllowsActions(trigger!, actions);

  const enabled = input.hasEnabled ? input.enabled : true;
  const rule = await deps.db.transaction(async (trx) => {
    const created = await insertRule(trx, {
      id: randomUUID(),
      orgId: owner.orgId,
      companyId,
      planId,
      level,
      name,
      trigger: trigger!,
      actions,
      enabled,
      dueAt: dueAt(trigger!),
    });
    if (!sweepsOnCreation(trigger!)) {
      await trx("rules").where({ id: created.id }).update({ sweep_pending: false });
    }
    return created;
  });
  deps.onRuleChanged();
  return rule;
}

async function visibleRule(deps: RuleDeps, principal: Principal, id: string): Promise<Rule> {
  const problems = new Problems();
  const ruleId = checkUuid(problems, "id", id);
  problems.throwIfAny();
  const rule = await findRule(deps.db, ruleId);
  if (!rule || !canSeeRulesOf(principal, rule)) throw ruleNotFound();
  return rule;
}

export async function getRule(deps: RuleDeps, principal: Principal, id: string): Promise<Rule> {
  return visibleRule(deps, principal, id);
}

export async function listRulesOf(
  deps: RuleDeps,
  principal: Principal,
  input: { orgId: string; companyId: string; limit: number; cursor: string },
): Promise<{ items: Rule[]; nextCursor: string }> {
  const problems = new Problems();
  const limit = checkLimit(problems, input.limit);
  const afterSeq = checkCursor(problems, input.cursor);
  if (input.companyId) {
    const companyId = checkUuid(problems, "companyId", input.companyId);
    problems.throwIfAny();
    const company = await companyOrg(deps, principal, companyId);
    if (!canSeeRulesOf(principal, { orgId: company.orgId, companyId, level: "company" }))
      throw companyNotFound();
    return page(await listRules(deps.db, { companyId }, { limit, afterSeq }), limit);
  }
  const orgId = checkUuid(problems, "orgId", input.orgId);
  problems.throwIfAny();
  if (!canSeeRulesOf(principal, { orgId, companyId: null, level: "organization" }))
    throw organizationNotFound();
  return page(await listRules(deps.db, { orgId }, { limit, afterSeq }), limit);
}

function page<T extends { seq: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorAfter(items.at(-1)!.seq) : "" };
}

export async function updateRule(
  deps: RuleDeps,
  principal: Principal,
  input: {
    id: string;
    name: string;
    triggerJson: string;
    actionsJson: string;
    enabled: boolean;
    changeEnabled: boolean;
  },
): Promise<Rule> {
  const current = await visibleRule(deps, principal, input.id);
  if (!canManageRulesOf(principal, current)) throw mayNotManage();
  const problems = new Problems();
  const name = input.name ? checkName(problems, "name", input.name) : undefined;
  const rawTrigger = input.triggerJson ? parseJson(problems, "trigger", input.triggerJson) : undefined;
  const trigger = rawTrigger === undefined ? undefined : checkTrigger(problems, "trigger", rawTrigger);
  const rawActions = input.actionsJson ? parseJson(problems, "actions", input.actionsJson) : undefined;
  const actions = rawActions === undefined ? undefined : checkActions(problems, "actions", rawActions);
  problems.throwIfAny();
  checkTriggerAllowsActions(trigger ?? current.trigger, actions ?? current.actions);
  const enabled = input.changeEnabled ? input.enabled : undefined;
  const newTrigger = trigger ?? current.trigger;
  // A new trigger, or a rule enabled again, is checked against its SIMs at once.
  const resweep =
    sweepsOnCreation(newTrigger) && (trigger !== undefined || (enabled === true && !current.enabled));
  const updated = await deps.db.transaction(async (trx) => {
    const locked = await findRule(trx, current.id, true);
    if (!locked) throw ruleNotFound();
    return updateRuleRow(
      trx,
      current.id,
      {
        ...(name !== undefined ? { name } : {}),
        ...(trigger !== undefined ? { trigger, dueAt: dueAt(trigger) } : {}),
        ...(actions !== undefined ? { actions } : {}),
        ...(enabled !== undefined ? { enabled } : {}),
      },
      resweep,
    );
  });
  if (resweep) deps.onRuleChanged();
  return updated;
}

export async function deleteRule(deps: RuleDeps, principal: Principal, id: string): Promise<void> {
  const rule = await visibleRule(deps, principal, id);
  if (!canManageRulesOf(principal, rule)) throw mayNotManage();
  await deps.db.transaction((trx) => deleteRuleRow(trx, rule.id));
}

export async function listRuleLogs(
  deps: RuleDeps,
  principal: Principal,
  input: { ruleId: string; limit: number; cursor: string },
): Promise<{ items: FiringRow[]; nextCursor: string }> {
  const rule = await visibleRule(deps, principal, input.ruleId);
  const problems = new Problems();
  const limit = checkLimit(problems, input.limit);
  const beforeSeq = checkCursor(problems, input.cursor);
  problems.throwIfAny();
  const rows = await listFirings(deps.db, rule.id, { limit, beforeSeq });
  return page(
    rows.map((row) => ({ ...row, seq: String(row.seq) })),
    limit,
  );
}
