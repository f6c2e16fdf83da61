// Plan routes (API.md, "Plans"): an organization's plans (org-service) and
// their assignment to SIMs (sim-service), the last step of onboarding.
// The services decide everything (each type's terms, the immutable fields,
// tenant scope, whether a plan applies to a SIM); the gateway validates
// shapes and turns messages into JSON.
import { type OrgServiceMethods, planTypes } from "@simhub/contracts";
import { z } from "zod";
import { defineRoute, nullIfEmpty, type RouteSpec } from "../http/route.ts";
import { pageQuery, pageResponse } from "./page.ts";
import { SimResponse, toSimJson } from "./sims.ts";

type PlanMessage = OrgServiceMethods["GetPlan"]["responseOut"];

const billingPeriods = ["monthly", "yearly"] as const;
const planStatuses = ["active", "archived"] as const;
const MAX_MINOR_UNITS = 1_000_000_000_000;
const MAX_ALLOWANCE = 1_000_000_000;

const NAME_MAX = 200;
const name = z
  .string()
  .min(1)
  .max(NAME_MAX)
  .meta({ description: `1–${NAME_MAX} characters, trimmed; unique in the organization, case-insensitively` });

const money = (description: string) =>
  z
    .number()
    .int()
    .min(0)
    .max(MAX_MINOR_UNITS)
    .meta({ description: `${description}; integer minor units of the currency (cents for EUR)` });

const allowance = (description: string) =>
  z
    .number()
    .int()
    .min(0)
    .max(MAX_ALLOWANCE)
    .meta({ description: `${description} (prepaid, subscription)` });

const terms = {
  price: money(
    "prepaid: one-off price; subscription: price per billing period; paygo: monthly fee (optional, 0 when absent)",
  ),
  dataMb: allowance("Data allowance in MB"),
  smsCount: allowance("SMS allowance"),
  voiceMinutes: allowance("Voice allowance in minutes"),
  validityDays: z.number().int().min(1).max(3_650).meta({ description: "Prepaid only, required" }),
  billingPeriod: z.enum(billingPeriods).meta({ description: "Subscription only, required" }),
  ratePerMbMinor: money("Paygo only, required: the price of one MB"),
};

const OrgParams = z.object({ orgId: z.uuid() });
const PlanParams = z.object({ planId: z.uuid() });
const IccidParams = z.object({
  iccid: z
    .string()
    .regex(/^[0-9]{19,20}$/, "an ICCID is 19 or 20 digits")
    .meta({ description: "ICCID (19–20 digits, starts with 89, Luhn check digit)" }),
});

const ListPlansQuery = z.object({
  ...pageQuery,
  status: z.enum(planStatuses).optional(),
  type: z.enum(planTypes).optional(),
});

export const PlanResponse = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    companyId: z
      .uuid()
      .nullable()
      .meta({ description: "The one company it is offered to; null: organization-wide" }),
    name: z.string(),
    type: z.enum(planTypes),
    currency: z.string().meta({ description: "ISO 4217", example: "EUR" }),
    price: z.number().int(),
    dataMb: z.number().int().nullable(),
    smsCount: z.number().int().nullable(),
    voiceMinutes: z.number().int().nullable(),
    validityDays: z.number().int().nullable(),
    billingPeriod: z.enum(billingPeriods).nullable(),
    ratePerMbMinor: z.number().int().nullable(),
    status: z.enum(planStatuses),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Plan" });

const PlanListResponse = z.object({ items: z.array(PlanResponse), nextCursor: z.string().nullable() });

const CreatePlanBody = z
  .strictObject({
    name,
    type: z.enum(planTypes),
    currency: z
      .string()
      .regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code such as EUR")
      .meta({ description: "ISO 4217; never changes", example: "EUR" }),
    price: terms.price.optional(),
    dataMb: terms.dataMb.nullish(),
    smsCount: terms.smsCount.nullish(),
    voiceMinutes: terms.voiceMinutes.nullish(),
    validityDays: terms.validityDays.nullish(),
    billingPeriod: terms.billingPeriod.nullish(),
    ratePerMbMinor: terms.ratePerMbMinor.nullish(),
    companyId: z
      .uuid()
      .nullish()
      .meta({ description: "Offer the plan to this company of the organization only; never changes" }),
  })
  .meta({ id: "CreatePlanRequest" });

const immutable = (field: string) =>
  z
    .unknown()
    .optional()
    .meta({
      description: `Immutable: a value other than the plan's own ${field} is refused with 400 IMMUTABLE_FIELD`,
    });

const UpdatePlanBody = z
  .strictObject({
    name: name.optional(),
    price: terms.price.optional(),
    dataMb: terms.dataMb.nullable().optional().meta({ description: "null: none included" }),
    smsCount: terms.smsCount.nullable().optional().meta({ description: "null: none included" }),
    voiceMinutes: terms.voiceMinutes.nullable().optional().meta({ description: "null: none included" }),
    validityDays: terms.validityDays.nullable().optional(),
    billingPeriod: terms.billingPeriod.nullable().optional(),
    ratePerMbMinor: terms.ratePerMbMinor.nullable().optional(),
    status: z.enum(planStatuses).optional().meta({
      description: "archived: retired for new assignments (SIMs that have it keep it); active: offered again",
    }),
    orgId: immutable("orgId"),
    type: immutable("type"),
    currency: immutable("currency"),
    companyId: immutable("companyId"),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "give at least one field to change" })
  .meta({ id: "UpdatePlanRequest" });

const AssignPlanBody = z.strictObject({ planId: z.uuid() }).meta({ id: "AssignPlanRequest" });

const AssignPlanBulkBody = z
  .strictObject({
    planId: z.uuid(),
    iccids: z.array(z.string().max(64)).min(1).max(1_000).meta({ description: "1 to 1,000 ICCIDs" }),
  })
  .meta({ id: "AssignPlanBulkRequest" });

const AssignPlanBulkResponse = z
  .object({
    assigned: z.number().int().meta({
      description: "SIMs that hold the plan after the request (those that already had it included)",
    }),
    rejected: z.array(
      z.object({
        iccid: z.string(),
        code: z.string().meta({
          description:
            "INVALID_ICCID, DUPLICATE_ICCID, SIM_NOT_FOUND, SIM_ARCHIVED, PLAN_NOT_APPLICABLE, FORBIDDEN",
        }),
        message: z.string(),
      }),
    ),
  })
  .meta({ id: "AssignPlanBulkResponse" });

const optionalNumber = (value: number | string | undefined) => (value === undefined ? null : Number(value));

export function toPlanJson(plan: PlanMessage) {
  return {
    id: plan.id,
    orgId: plan.orgId,
    companyId: nullIfEmpty(plan.companyId),
    name: plan.name,
    type: plan.type,
    currency: plan.currency,
    price: Number(plan.price),
    dataMb: optionalNumber(plan.dataMb),
    smsCount: optionalNumber(plan.smsCount),
    voiceMinutes: optionalNumber(plan.voiceMinutes),
    validityDays: optionalNumber(plan.validityDays),
    billingPeriod: nullIfEmpty(plan.billingPeriod),
    ratePerMbMinor: optionalNumber(plan.ratePerMbMinor),
    status: plan.status,
    createdAt: plan.createdAt,
    updatedAt: plan.updatedAt,
  };
}

/** Present-but-null terms are sent as "clear"; present values as themselves. */
const clearable = [
  "dataMb",
  "smsCount",
  "voiceMinutes",
  "validityDays",
  "billingPeriod",
  "ratePerMbMinor",
] as const;

/** An immutable field as org-service compares it: a string, where null for companyId means organization-wide. */
function givenImmutable(
  field: "orgId" | "type" | "currency" | "companyId",
  value: unknown,
): string | undefined {
  if (value === undefined) return undefined;
  if (field === "companyId" && value === null) return "";
  return typeof value === "string" ? value : JSON.stringify(value);
}

export const plansRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/plans",
    operationId: "createPlan",
    summary: "Create a plan (prepaid, subscription or paygo)",
    description:
      "The platform admin or the organization's admin. prepaid needs price and validityDays; subscription needs price and billingPeriod; paygo needs ratePerMbMinor (price is its optional monthly fee) and takes no allowances. A field another type owns is refused with 400 naming it. `companyId` offers the plan to that company only: 422 PLAN_COMPANY_UNRESOLVED when it does not exist in the organization or is archived. 409 PLAN_NAME_TAKEN; 422 ORGANIZATION_ARCHIVED.",
    tags: ["Plans"],
    params: OrgParams,
    body: CreatePlanBody,
    responses: { 201: PlanResponse },
    handler: async ({ params, body, clients }) => {
      const plan = await clients.org.CreatePlan({
        orgId: params.orgId,
        companyId: body.companyId ?? "",
        name: body.name,
        type: body.type,
        currency: body.currency,
        ...(body.price !== undefined ? { price: body.price } : {}),
        ...(body.dataMb != null ? { dataMb: body.dataMb } : {}),
        ...(body.smsCount != null ? { smsCount: body.smsCount } : {}),
        ...(body.voiceMinutes != null ? { voiceMinutes: body.voiceMinutes } : {}),
        ...(body.validityDays != null ? { validityDays: body.validityDays } : {}),
        ...(body.billingPeriod != null ? { billingPeriod: body.billingPeriod } : {}),
        ...(body.ratePerMbMinor != null ? { ratePerMbMinor: body.ratePerMbMinor } : {}),
      });
      return { status: 201, body: toPlanJson(plan) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/plans",
    operationId: "listPlans",
    summary: "An organization's plans",
    description:
      "Organization users see every plan; company users the organization-wide plans and those offered to their company; end users may not list plans (403).",
    tags: ["Plans"],
    params: OrgParams,
    query: ListPlansQuery,
    responses: { 200: PlanListResponse },
    handler: async ({ params, query, clients }) => {
      const page = await clients.org.ListPlans({
        orgId: params.orgId,
        limit: query.limit ?? 0,
        cursor: query.cursor ?? "",
        status: query.status ?? "",
        type: query.type ?? "",
      });
      return pageResponse(page, toPlanJson);
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/plans/:planId",
    operationId: "getPlan",
    summary: "A plan",
    description: "404 when the plan does not exist or is not visible to the caller (end users see no plan).",
    tags: ["Plans"],
    params: PlanParams,
    responses: { 200: PlanResponse },
    handler: async ({ params, clients }) => {
      const plan = await clients.org.GetPlan({ id: params.planId });
      return { status: 200, body: toPlanJson(plan) };
    },
  }),
  defineRoute({
    method: "patch",
    path: "/v1/plans/:planId",
    operationId: "updatePlan",
    summary: "Change a plan's name, price or terms, archive or reactivate it",
    description:
      "The platform admin or the organization's admin. The terms after the change must satisfy the plan's type (400 naming the field); null removes an optional term. `orgId`, `type`, `currency` and `companyId` never change: 400 IMMUTABLE_FIELD. `status: archived` retires the plan for new assignments; SIMs that have it keep it.",
    tags: ["Plans"],
    params: PlanParams,
    body: UpdatePlanBody,
    responses: { 200: PlanResponse },
    handler: async ({ params, body, clients }) => {
      const clear = clearable.filter((field) => body[field] === null);
      const set = <K extends (typeof clearable)[number]>(field: K) =>
        body[field] != null ? { [field]: body[field] } : {};
      const immutableFields = (["orgId", "type", "currency", "companyId"] as const).flatMap((field) => {
        const value = givenImmutable(field, body[field]);
        return value === undefined ? [] : [[field, value] as const];
      });
      const plan = await clients.org.UpdatePlan({
        id: params.planId,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.price !== undefined ? { price: body.price } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
        ...set("dataMb"),
        ...set("smsCount"),
        ...set("voiceMinutes"),
        ...set("validityDays"),
        ...set("billingPeriod"),
        ...set("ratePerMbMinor"),
        clear,
        ...Object.fromEntries(immutableFields),
      });
      return { status: 200, body: toPlanJson(plan) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/sims/:iccid/plan",
    operationId: "assignPlan",
    summary: "Assign a plan to a SIM",
    description:
      "Organization users assign any plan of the organization; a company admin the plans available to its company, to the company's SIMs; company staff and end users may not (403). A `blank` SIM moves to `activation`. 422 PLAN_NOT_APPLICABLE when the plan does not exist for the caller, belongs to another organization, is archived, or is offered to a company the SIM is not assigned to; 422 SIM_ARCHIVED. The same plan again changes nothing.",
    tags: ["Plans", "SIMs"],
    params: IccidParams,
    body: AssignPlanBody,
    responses: { 200: SimResponse },
    handler: async ({ params, body, clients }) => {
      const sim = await clients.sim.AssignPlan({ iccid: params.iccid, planId: body.planId });
      return { status: 200, body: toSimJson(sim) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/sims/plan",
    operationId: "assignPlanBulk",
    summary: "Assign a plan to up to 1,000 SIMs of the organization",
    description:
      "Each SIM is decided on its own: the ones that cannot take the plan are listed in `rejected` with their reason, every other one is assigned (together, in one transaction). A plan that does not apply to the organization at all (unknown, another organization's, archived) refuses the whole request with 422 PLAN_NOT_APPLICABLE. Company admins may assign to their company's SIMs only.",
    tags: ["Plans", "SIMs"],
    params: OrgParams,
    body: AssignPlanBulkBody,
    responses: { 200: AssignPlanBulkResponse },
    handler: async ({ params, body, clients }) => {
      const response = await clients.sim.AssignPlanBulk({
        orgId: params.orgId,
        planId: body.planId,
        iccids: body.iccids,
      });
      return {
        status: 200,
        body: {
          assigned: response.assigned,
          rejected: response.rejected.map(({ iccid, code, message }) => ({ iccid, code, message })),
        },
      };
    },
  }),
];
