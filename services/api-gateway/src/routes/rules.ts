// Automation rule routes (API.md, "Automation rules"). rule-service decides
// everything (tenant scope, who manages, the trigger–action rules); the
// gateway validates the shapes, so the OpenAPI document shows them, and
// passes trigger and actions on as JSON.
import { type RuleServiceMethods, simStatuses } from "@simhub/contracts";
import { z } from "zod";
import type { GatewayClients } from "../clients.ts";
import { defineRoute, nullIfEmpty, type RouteSpec } from "../http/route.ts";
import { PageQuery, pageResponse } from "./page.ts";

type RuleMessage = RuleServiceMethods["GetRule"]["responseOut"];
type LogMessage = RuleServiceMethods["ListRuleLogs"]["responseOut"]["items"][number];

const OrgParams = z.object({ orgId: z.uuid() });
const CompanyParams = z.object({ companyId: z.uuid() });
const RuleParams = z.object({ ruleId: z.uuid() });

const count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const period = z.enum(["day", "month"]).meta({ description: "UTC day or calendar month" });
const simStatus = z.enum(simStatuses);

const Trigger = z
  .discriminatedUnion("type", [
    z.strictObject({ type: z.literal("data_used"), thresholdBytes: count, period }),
    z.strictObject({ type: z.literal("sms_used"), thresholdCount: count, period }),
    z.strictObject({ type: z.literal("voice_used"), thresholdSeconds: count, period }),
    z.strictObject({
      type: z.literal("data_left"),
      thresholdBytes: count.meta({
        description:
          "fires when the plan's dataMb (1 MB = 10^6 bytes) minus this month's data is at or below this",
      }),
    }),
    z.strictObject({ type: z.literal("status_changed"), to: simStatus, from: simStatus.optional() }),
    z.strictObject({ type: z.literal("imei_changed") }),
    z.strictObject({ type: z.literal("date"), at: z.iso.datetime({ offset: true }) }),
  ])
  .meta({ id: "RuleTrigger" });

const Action = z
  .discriminatedUnion("type", [
    z.strictObject({
      type: z.literal("change_status"),
      status: z.enum(["active", "suspended", "archived", "pending", "invalid"]),
    }),
    z.strictObject({ type: z.literal("notify") }),
  ])
  .meta({ id: "RuleAction" });

const Actions = z.array(Action).min(1).max(2).meta({
  description: "one or two actions, at most one of each type; an imei_changed rule may only suspend",
});
const name = z.string().min(1).max(200);

const CreateOrgRuleBody = z
  .strictObject({
    name,
    trigger: Trigger,
    actions: Actions,
    companyId: z
      .uuid()
      .optional()
      .meta({ description: "narrows the rule to one company of the organization" }),
    planId: z.uuid().optional().meta({ description: "narrows the rule to the SIMs on this plan" }),
    enabled: z.boolean().optional().meta({ description: "default true" }),
  })
  .meta({ id: "CreateOrganizationRuleRequest" });

const CreateCompanyRuleBody = z
  .strictObject({
    name,
    trigger: Trigger,
    actions: Actions,
    planId: z.uuid().optional().meta({ description: "narrows the rule to the SIMs on this plan" }),
    enabled: z.boolean().optional().meta({ description: "default true" }),
  })
  .meta({ id: "CreateCompanyRuleRequest" });

const UpdateRuleBody = z
  .strictObject({
    name: name.optional(),
    trigger: Trigger.optional(),
    actions: Actions.optional(),
    enabled: z.boolean().optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "give name, trigger, actions and/or enabled" })
  .meta({ id: "UpdateRuleRequest" });

const RuleResponse = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    companyId: z.uuid().nullable(),
    planId: z.uuid().nullable(),
    level: z.enum(["organization", "company"]),
    name: z.string(),
    trigger: Trigger,
    actions: z.array(Action),
    enabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Rule" });

const RuleLogResponse = z
  .object({
    id: z.uuid(),
    ruleId: z.uuid(),
    iccid: z.string(),
    trigger: z.string(),
    observed: z.record(z.string(), z.unknown()),
    firedAt: z.iso.datetime(),
    actions: z.array(
      z.object({
        type: z.enum(["change_status", "notify"]),
        outcome: z.enum(["pending", "applied", "skipped", "failed"]).meta({
          description: "pending while the action is being applied (or retried after a failure)",
        }),
        detail: z.string(),
      }),
    ),
  })
  .meta({ id: "RuleLogEntry" });

function toRuleJson(rule: RuleMessage) {
  return {
    id: rule.id,
    orgId: rule.orgId,
    companyId: nullIfEmpty(rule.companyId),
    planId: nullIfEmpty(rule.planId),
    level: rule.level as "organization" | "company",
    name: rule.name,
    trigger: JSON.parse(rule.triggerJson) as z.infer<typeof Trigger>,
    actions: JSON.parse(rule.actionsJson) as z.infer<typeof Action>[],
    enabled: rule.enabled,
    createdAt: rule.createdAt,
    updatedAt: rule.updatedAt,
  };
}

function toLogJson(log: LogMessage) {
  return {
    id: log.id,
    ruleId: log.ruleId,
    iccid: log.iccid,
    trigger: log.trigger,
    observed: JSON.parse(log.observedJson) as Record<string, unknown>,
    firedAt: log.firedAt,
    actions: log.actions.map((action) => ({
      type: action.type as "change_status" | "notify",
      outcome: action.outcome as "pending" | "applied" | "skipped" | "failed",
      detail: action.detail,
    })),
  };
}

/** A rule of an organization or of a company (the two create routes). */
async function createRule(
  clients: GatewayClients,
  scope: { orgId: string; companyId: string },
  body: {
    planId?: string | undefined;
    name: string;
    trigger: unknown;
    actions: unknown;
    enabled?: boolean | undefined;
  },
) {
  const rule = await clients.rule.CreateRule({
    ...scope,
    planId: body.planId ?? "",
    name: body.name,
    triggerJson: JSON.stringify(body.trigger),
    actionsJson: JSON.stringify(body.actions),
    enabled: body.enabled ?? true,
    hasEnabled: body.enabled !== undefined,
  });
  return { status: 201 as const, body: toRuleJson(rule) };
}

/** A page of an organization's or a company's rules (the two list routes). */
async function listRules(
  clients: GatewayClients,
  scope: { orgId: string } | { companyId: string },
  query: { limit?: number | undefined; cursor?: string | undefined },
) {
  const page = await clients.rule.ListRules({
    ...scope,
    limit: query.limit ?? 0,
    cursor: query.cursor ?? "",
  });
  return pageResponse(page, toRuleJson);
}

const rulePage = z.object({ items: z.array(RuleResponse), nextCursor: z.string().nullable() });
const createDescription =
  "422 RULE_ACTION_NOT_ALLOWED for an imei_changed rule whose status action is not suspended. The SIMs the rule covers are checked at once.";

export const ruleRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/rules",
    operationId: "createOrganizationRule",
    summary: "A rule over the organization's SIMs (optionally one company's, or one plan's)",
    description: createDescription,
    tags: ["Rules"],
    params: OrgParams,
    body: CreateOrgRuleBody,
    responses: { 201: RuleResponse },
    handler: ({ params, body, clients }) =>
      createRule(clients, { orgId: params.orgId, companyId: body.companyId ?? "" }, body),
  }),
  defineRoute({
    method: "post",
    path: "/v1/companies/:companyId/rules",
    operationId: "createCompanyRule",
    summary: "A rule over the company's SIMs",
    description: createDescription,
    tags: ["Rules"],
    params: CompanyParams,
    body: CreateCompanyRuleBody,
    responses: { 201: RuleResponse },
    handler: ({ params, body, clients }) =>
      createRule(clients, { orgId: "", companyId: params.companyId }, body),
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/rules",
    operationId: "listOrganizationRules",
    summary: "The organization's own rules",
    tags: ["Rules"],
    params: OrgParams,
    query: PageQuery,
    responses: { 200: rulePage },
    handler: ({ params, query, clients }) => listRules(clients, { orgId: params.orgId }, query),
  }),
  defineRoute({
    method: "get",
    path: "/v1/companies/:companyId/rules",
    operationId: "listCompanyRules",
    summary: "The company's rules",
    tags: ["Rules"],
    params: CompanyParams,
    query: PageQuery,
    responses: { 200: rulePage },
    handler: ({ params, query, clients }) => listRules(clients, { companyId: params.companyId }, query),
  }),
  defineRoute({
    method: "get",
    path: "/v1/rules/:ruleId",
    operationId: "getRule",
    summary: "A rule",
    tags: ["Rules"],
    params: RuleParams,
    responses: { 200: RuleResponse },
    handler: async ({ params, clients }) => ({
      status: 200,
      body: toRuleJson(await clients.rule.GetRule({ id: params.ruleId })),
    }),
  }),
  defineRoute({
    method: "patch",
    path: "/v1/rules/:ruleId",
    operationId: "updateRule",
    summary: "Change a rule's name, trigger, actions or whether it is enabled",
    description: "A new trigger, or a rule enabled again, is checked against its SIMs at once.",
    tags: ["Rules"],
    params: RuleParams,
    body: UpdateRuleBody,
    responses: { 200: RuleResponse },
    handler: async ({ params, body, clients }) => {
      const rule = await clients.rule.UpdateRule({
        id: params.ruleId,
        name: body.name ?? "",
        triggerJson: body.trigger ? JSON.stringify(body.trigger) : "",
        actionsJson: body.actions ? JSON.stringify(body.actions) : "",
        enabled: body.enabled ?? false,
        changeEnabled: body.enabled !== undefined,
      });
      return { status: 200, body: toRuleJson(rule) };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/rules/:ruleId",
    operationId: "deleteRule",
    summary: "Delete a rule and its log",
    tags: ["Rules"],
    params: RuleParams,
    responses: { 204: null },
    handler: async ({ params, clients }) => {
      await clients.rule.DeleteRule({ id: params.ruleId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/rules/:ruleId/logs",
    operationId: "listRuleLogs",
    summary: "The rule's firings, newest first",
    description: `Pruned after the retention period (RULE_LOG_RETENTION_DAYS, default 90 days).`,
    tags: ["Rules"],
    params: RuleParams,
    query: PageQuery,
    responses: { 200: z.object({ items: z.array(RuleLogResponse), nextCursor: z.string().nullable() }) },
    handler: async ({ params, query, clients }) => {
      const page = await clients.rule.ListRuleLogs({
        ruleId: params.ruleId,
        limit: query.limit ?? 0,
        cursor: query.cursor ?? "",
      });
      return pageResponse(page, toLogJson);
    },
  }),
];
