// Organization routes (API.md, "Organizations"): the organizations
// themselves, their operator contracts and their payment-provider settings.
// org-service decides everything (tenant scope included); the gateway
// validates shapes and turns messages into JSON.
import type { OrgServiceMethods } from "@simhub/contracts";
import { z } from "zod";
import { defineRoute, type RouteSpec } from "../http/route.ts";
import { PageQuery } from "./page.ts";

type Messages<K extends keyof OrgServiceMethods> = OrgServiceMethods[K]["responseOut"];

const NAME_MAX = 200;
const name = z
  .string()
  .min(1)
  .max(NAME_MAX)
  .meta({ description: `1–${NAME_MAX} characters, trimmed; unique case-insensitively` });

const OrgParams = z.object({ orgId: z.uuid() });
const OperatorParams = z.object({ orgId: z.uuid(), operatorId: z.uuid() });

const OrganizationResponse = z
  .object({
    id: z.uuid(),
    name: z.string(),
    status: z.enum(["active", "archived"]),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Organization" });

const OrganizationListResponse = z.object({
  items: z.array(OrganizationResponse),
  nextCursor: z.string().nullable(),
});

const CreateOrganizationBody = z.strictObject({ name }).meta({ id: "CreateOrganizationRequest" });

const UpdateOrganizationBody = z
  .strictObject({
    name: name.optional(),
    status: z.enum(["active", "archived"]).optional().meta({
      description:
        "archived: the organization's admin or the platform admin; active again: the platform admin",
    }),
  })
  .refine((body) => body.name !== undefined || body.status !== undefined, {
    message: "give name and/or status",
  })
  .meta({ id: "UpdateOrganizationRequest" });

const OperatorResponse = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    operatorName: z.string(),
    mcc: z.string(),
    mnc: z.string(),
    integration: z.enum(["none", "api"]),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Operator" });

const AddOperatorBody = z
  .strictObject({
    operatorName: name,
    mcc: z
      .string()
      .regex(/^\d{3}$/, "must be exactly 3 digits")
      .meta({ example: "262" }),
    mnc: z
      .string()
      .regex(/^\d{2,3}$/, "must be 2 or 3 digits")
      .meta({ example: "02" }),
    integration: z
      .enum(["none", "api"])
      .meta({ description: "api: the platform talks to the operator; none: inventory only" }),
  })
  .meta({ id: "AddOperatorRequest" });

const secret = (description: string) =>
  z
    .string()
    .min(1)
    .max(512)
    .meta({ description: `${description}; write-only, never returned`, writeOnly: true });

const StripeBody = z.strictObject({
  provider: z.literal("stripe"),
  publishableKey: z.string().min(1).max(512).meta({ example: "pk_live_…" }),
  secretKey: secret("Stripe secret or restricted key (sk_… / rk_…)"),
  webhookSecret: secret("Stripe webhook signing secret (whsec_…)").optional(),
});

const PaypalBody = z.strictObject({
  provider: z.literal("paypal"),
  clientId: z.string().min(1).max(512),
  clientSecret: secret("PayPal REST client secret"),
  mode: z.enum(["sandbox", "live"]),
});

const SetPaymentProviderBody = z
  .discriminatedUnion("provider", [StripeBody, PaypalBody])
  .meta({ id: "SetPaymentProviderRequest" });

const PaymentProviderResponse = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    provider: z.enum(["stripe", "paypal"]),
    settings: z
      .record(z.string(), z.string())
      .meta({ description: "Public settings: publishableKey (stripe); clientId and mode (paypal)" }),
    secretFields: z
      .array(z.string())
      .meta({ description: "Which secrets are on file; their values are never returned" }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "PaymentProvider" });

function toOrganizationJson(org: Messages<"GetOrganization">) {
  return {
    id: org.id,
    name: org.name,
    status: org.status,
    createdAt: org.createdAt,
    updatedAt: org.updatedAt,
  };
}

function toOperatorJson(operator: Messages<"GetOperator">) {
  return {
    id: operator.id,
    orgId: operator.orgId,
    operatorName: operator.operatorName,
    mcc: operator.mcc,
    mnc: operator.mnc,
    integration: operator.integration,
    createdAt: operator.createdAt,
  };
}

function toPaymentProviderJson(provider: NonNullable<Messages<"SetPaymentProvider">["provider"]>) {
  return {
    id: provider.id,
    orgId: provider.orgId,
    provider: provider.provider,
    settings: { ...provider.settings },
    secretFields: provider.secretFields,
    createdAt: provider.createdAt,
    updatedAt: provider.updatedAt,
  };
}

const nextCursor = (cursor: string) => (cursor ? cursor : null);

export const organizationsRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations",
    operationId: "createOrganization",
    summary: "Create an organization (platform admin)",
    tags: ["Organizations"],
    body: CreateOrganizationBody,
    responses: { 201: OrganizationResponse },
    handler: async ({ body, clients }) => {
      const org = await clients.org.CreateOrganization({ name: body.name });
      return { status: 201, body: toOrganizationJson(org) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations",
    operationId: "listOrganizations",
    summary: "List organizations: all for the platform admin, the caller's own for everyone else",
    tags: ["Organizations"],
    query: PageQuery,
    responses: { 200: OrganizationListResponse },
    handler: async ({ query, clients }) => {
      const page = await clients.org.ListOrganizations({
        limit: query.limit ?? 0,
        cursor: query.cursor ?? "",
      });
      return {
        status: 200,
        body: { items: page.items.map(toOrganizationJson), nextCursor: nextCursor(page.nextCursor) },
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId",
    operationId: "getOrganization",
    summary: "An organization",
    tags: ["Organizations"],
    params: OrgParams,
    responses: { 200: OrganizationResponse },
    handler: async ({ params, clients }) => {
      const org = await clients.org.GetOrganization({ id: params.orgId });
      return { status: 200, body: toOrganizationJson(org) };
    },
  }),
  defineRoute({
    method: "patch",
    path: "/v1/organizations/:orgId",
    operationId: "updateOrganization",
    summary: "Rename or archive an organization",
    tags: ["Organizations"],
    params: OrgParams,
    body: UpdateOrganizationBody,
    responses: { 200: OrganizationResponse },
    handler: async ({ params, body, clients }) => {
      const org = await clients.org.UpdateOrganization({
        id: params.orgId,
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.status !== undefined ? { status: body.status } : {}),
      });
      return { status: 200, body: toOrganizationJson(org) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/operators",
    operationId: "addOperator",
    summary: "Add an operator contract to an organization",
    tags: ["Organizations"],
    params: OrgParams,
    body: AddOperatorBody,
    responses: { 201: OperatorResponse },
    handler: async ({ params, body, clients }) => {
      const operator = await clients.org.AddOperator({ orgId: params.orgId, ...body });
      return { status: 201, body: toOperatorJson(operator) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/operators",
    operationId: "listOperators",
    summary: "An organization's operator contracts",
    tags: ["Organizations"],
    params: OrgParams,
    query: PageQuery,
    responses: { 200: z.object({ items: z.array(OperatorResponse), nextCursor: z.string().nullable() }) },
    handler: async ({ params, query, clients }) => {
      const page = await clients.org.ListOperators({
        orgId: params.orgId,
        limit: query.limit ?? 0,
        cursor: query.cursor ?? "",
      });
      return {
        status: 200,
        body: { items: page.items.map(toOperatorJson), nextCursor: nextCursor(page.nextCursor) },
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/operators/:operatorId",
    operationId: "getOperator",
    summary: "One operator contract of an organization",
    tags: ["Organizations"],
    params: OperatorParams,
    responses: { 200: OperatorResponse },
    handler: async ({ params, clients }) => {
      const operator = await clients.org.GetOperator({ orgId: params.orgId, operatorId: params.operatorId });
      return { status: 200, body: toOperatorJson(operator) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/payment-providers",
    operationId: "setPaymentProvider",
    summary: "Connect a payment provider, or replace its settings and secrets",
    description:
      "201 when the provider is connected for the first time, 200 when an existing connection is replaced. Secrets are encrypted at rest and never returned: responses list only which secret fields are on file.",
    tags: ["Organizations"],
    params: OrgParams,
    body: SetPaymentProviderBody,
    responses: { 200: PaymentProviderResponse, 201: PaymentProviderResponse },
    handler: async ({ params, body, clients }) => {
      const { settings, secrets } =
        body.provider === "stripe"
          ? {
              settings: { publishableKey: body.publishableKey },
              secrets: {
                secretKey: body.secretKey,
                ...(body.webhookSecret !== undefined ? { webhookSecret: body.webhookSecret } : {}),
              },
            }
          : {
              settings: { clientId: body.clientId, mode: body.mode },
              secrets: { clientSecret: body.clientSecret },
            };
      const result = await clients.org.SetPaymentProvider({
        orgId: params.orgId,
        provider: body.provider,
        settings,
        secrets,
      });
      return { status: result.created ? 201 : 200, body: toPaymentProviderJson(result.provider!) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/payment-providers",
    operationId: "listPaymentProviders",
    summary: "An organization's payment providers (without secrets)",
    tags: ["Organizations"],
    params: OrgParams,
    responses: {
      200: z.object({ items: z.array(PaymentProviderResponse), nextCursor: z.string().nullable() }),
    },
    handler: async ({ params, clients }) => {
      const list = await clients.org.ListPaymentProviders({ orgId: params.orgId });
      // At most one connection per provider: always a single page.
      return { status: 200, body: { items: list.items.map(toPaymentProviderJson), nextCursor: null } };
    },
  }),
];
