// RuleService over gRPC: request → use case → response.
import type { RuleServiceMethods } from "@simhub/contracts";
import type { ServiceImplementation } from "@simhub/platform";
import type { RuleDeps } from "../app/deps.ts";
import { createRule, deleteRule, getRule, listRuleLogs, listRulesOf, updateRule } from "../app/rules.ts";
import type { FiringRow } from "../db/firings.ts";
import type { Rule } from "../domain/rule.ts";

function ruleMessage(rule: Rule) {
  return {
    id: rule.id,
    orgId: rule.orgId,
    companyId: rule.companyId ?? "",
    planId: rule.planId ?? "",
    name: rule.name,
    triggerJson: JSON.stringify(rule.trigger),
    actionsJson: JSON.stringify(rule.actions),
    enabled: rule.enabled,
    createdAt: rule.createdAt.toISOString(),
    updatedAt: rule.updatedAt.toISOString(),
    level: rule.level,
  };
}

function logMessage(row: FiringRow) {
  return {
    id: row.id,
    ruleId: row.rule_id,
    iccid: row.iccid,
    trigger: row.trigger_type,
    observedJson: JSON.stringify(row.observed),
    firedAt: row.fired_at.toISOString(),
    actions: row.actions.map((action) => ({
      type: action.type,
      outcome: action.outcome,
      detail: action.detail,
    })),
  };
}

export function ruleHandlers(deps: RuleDeps): ServiceImplementation<RuleServiceMethods> {
  return {
    CreateRule: async (request, { principal }) => ruleMessage(await createRule(deps, principal, request)),
    GetRule: async (request, { principal }) => ruleMessage(await getRule(deps, principal, request.id)),
    ListRules: async (request, { principal }) => {
      const page = await listRulesOf(deps, principal, request);
      return { items: page.items.map(ruleMessage), nextCursor: page.nextCursor };
    },
    UpdateRule: async (request, { principal }) => ruleMessage(await updateRule(deps, principal, request)),
    DeleteRule: async (request, { principal }) => {
      await deleteRule(deps, principal, request.id);
      return {};
    },
    ListRuleLogs: async (request, { principal }) => {
      const page = await listRuleLogs(deps, principal, request);
      return { items: page.items.map(logMessage), nextCursor: page.nextCursor };
    },
  };
}
