// Webhook routes (API.md, "Webhooks"). webhook-service decides everything
// (tenant scope, the echo check, safe targets); the gateway validates shapes
// and turns messages into JSON. Creating and changing an endpoint waits for
// its echo check, so those calls get a longer deadline than the default.
import type { WebhookServiceMethods } from "@simhub/contracts";
import { z } from "zod";
import type { GatewayClients } from "../clients.ts";
import { defineRoute, nullIfEmpty, type RouteSpec } from "../http/route.ts";
import { pageResponse } from "./page.ts";

type EndpointMessage = WebhookServiceMethods["GetEndpoint"]["responseOut"];
type DeliveryMessage = WebhookServiceMethods["ListDeliveries"]["responseOut"]["items"][number];

/** The echo check may take WEBHOOK_VALIDATION_TIMEOUT_MS (5 s); the request budget is 10 s. */
const ECHO_DEADLINE_MS = 8_000;

const OrgParams = z.object({ orgId: z.uuid() });
const CompanyParams = z.object({ companyId: z.uuid() });
const WebhookParams = z.object({ webhookId: z.uuid() });

const url = z
  .string()
  .min(1)
  .max(2048)
  .meta({ description: "https URL that answers the echo check; no user info or fragment" });
const events = z
  .array(z.string().min(1).max(100))
  .min(1)
  .max(64)
  .meta({ description: '["*"] for every type, or webhook event types such as "sim_card.status_changed"' });
const description = z.string().max(500);

const CreateWebhookBody = z
  .strictObject({ url, events, description: description.optional() })
  .meta({ id: "CreateWebhookRequest" });

const UpdateWebhookBody = z
  .strictObject({
    url: url.optional(),
    events: events.optional(),
    description: description.optional(),
    status: z.enum(["active", "disabled"]).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "give url, events, description and/or status" })
  .meta({ id: "UpdateWebhookRequest" });

const WebhookResponse = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    companyId: z.uuid().nullable(),
    url: z.string(),
    events: z.array(z.string()),
    status: z.enum(["active", "disabled"]),
    description: z.string(),
    disabledReason: z.string().nullable(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    validatedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Webhook" });

const CreatedWebhookResponse = WebhookResponse.extend({
  secret: z.string().meta({ description: "whsec_…: shown once, verify signatures with it" }),
}).meta({ id: "CreatedWebhook" });

const DeliveryResponse = z
  .object({
    id: z.uuid(),
    eventId: z.uuid().meta({ description: "Also the webhook-id header" }),
    type: z.string(),
    status: z.enum(["pending", "delivered", "failed", "dead"]),
    attempts: z.number().int(),
    lastResponseStatus: z.number().int().nullable(),
    lastAttemptAt: z.iso.datetime().nullable(),
    nextAttemptAt: z.iso.datetime().nullable(),
    lastError: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "WebhookDelivery" });

const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).optional().meta({ description: "1–500, default 50" }),
  cursor: z.string().max(512).optional().meta({ description: "nextCursor of the previous page" }),
});
const DeliveriesQuery = PageQuery.extend({
  status: z.enum(["pending", "delivered", "failed", "dead"]).optional(),
});

const ReplayBody = z
  .strictObject({
    since: z.iso.datetime({ offset: true }),
    until: z.iso.datetime({ offset: true }).optional().meta({ description: "default: now" }),
  })
  .meta({ id: "ReplayWebhookRequest" });

function toWebhookJson(endpoint: EndpointMessage) {
  return {
    id: endpoint.id,
    orgId: endpoint.orgId,
    companyId: nullIfEmpty(endpoint.companyId),
    url: endpoint.url,
    events: endpoint.events,
    status: endpoint.status as "active" | "disabled",
    description: endpoint.description,
    disabledReason: nullIfEmpty(endpoint.disabledReason),
    createdAt: endpoint.createdAt,
    updatedAt: endpoint.updatedAt,
    validatedAt: nullIfEmpty(endpoint.validatedAt),
  };
}

function toDeliveryJson(delivery: DeliveryMessage) {
  return {
    id: delivery.id,
    eventId: delivery.eventId,
    type: delivery.type,
    status: delivery.status,
    attempts: delivery.attempts,
    lastResponseStatus: delivery.lastResponseStatus || null,
    lastAttemptAt: nullIfEmpty(delivery.lastAttemptAt),
    nextAttemptAt: nullIfEmpty(delivery.nextAttemptAt),
    lastError: nullIfEmpty(delivery.lastError),
    createdAt: delivery.createdAt,
  };
}

const createDescription =
  "The URL is sent the echo check first: 422 WEBHOOK_VALIDATION_FAILED (with the reason) when it does not echo, or when its address is refused (https only; no loopback, private, link-local, unique-local, multicast or unspecified address; no redirects). The secret is shown once.";

const listPage = z.object({ items: z.array(WebhookResponse), nextCursor: z.string().nullable() });

/** A page of an organization's or a company's webhooks. */
async function listWebhooks(
  clients: GatewayClients,
  owner: { orgId: string } | { companyId: string },
  query: { limit?: number | undefined; cursor?: string | undefined },
) {
  const page = await clients.webhook.ListEndpoints({
    ...owner,
    limit: query.limit ?? 0,
    cursor: query.cursor ?? "",
  });
  return pageResponse(page, toWebhookJson);
}

export const webhookRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/webhooks",
    operationId: "createOrganizationWebhook",
    summary: "Subscribe a URL to the organization's events",
    description: createDescription,
    tags: ["Webhooks"],
    params: OrgParams,
    body: CreateWebhookBody,
    responses: { 201: CreatedWebhookResponse },
    handler: async ({ params, body, clients }) => {
      const created = await clients.webhook.CreateEndpoint(
        { orgId: params.orgId, url: body.url, events: body.events, description: body.description ?? "" },
        { deadlineMs: ECHO_DEADLINE_MS },
      );
      return { status: 201, body: { ...toWebhookJson(created.endpoint!), secret: created.secret } };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/companies/:companyId/webhooks",
    operationId: "createCompanyWebhook",
    summary: "Subscribe a URL to the company's events only",
    description: createDescription,
    tags: ["Webhooks"],
    params: CompanyParams,
    body: CreateWebhookBody,
    responses: { 201: CreatedWebhookResponse },
    handler: async ({ params, body, clients }) => {
      const created = await clients.webhook.CreateEndpoint(
        {
          companyId: params.companyId,
          url: body.url,
          events: body.events,
          description: body.description ?? "",
        },
        { deadlineMs: ECHO_DEADLINE_MS },
      );
      return { status: 201, body: { ...toWebhookJson(created.endpoint!), secret: created.secret } };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/webhooks",
    operationId: "listOrganizationWebhooks",
    summary: "The organization's webhooks, its companies' included (never the secret)",
    tags: ["Webhooks"],
    params: OrgParams,
    query: PageQuery,
    responses: { 200: listPage },
    handler: ({ params, query, clients }) => listWebhooks(clients, { orgId: params.orgId }, query),
  }),
  defineRoute({
    method: "get",
    path: "/v1/companies/:companyId/webhooks",
    operationId: "listCompanyWebhooks",
    summary: "The company's webhooks (never the secret)",
    tags: ["Webhooks"],
    params: CompanyParams,
    query: PageQuery,
    responses: { 200: listPage },
    handler: ({ params, query, clients }) => listWebhooks(clients, { companyId: params.companyId }, query),
  }),
  defineRoute({
    method: "get",
    path: "/v1/webhooks/:webhookId",
    operationId: "getWebhook",
    summary: "A webhook (never the secret)",
    tags: ["Webhooks"],
    params: WebhookParams,
    responses: { 200: WebhookResponse },
    handler: async ({ params, clients }) => ({
      status: 200,
      body: toWebhookJson(await clients.webhook.GetEndpoint({ id: params.webhookId })),
    }),
  }),
  defineRoute({
    method: "patch",
    path: "/v1/webhooks/:webhookId",
    operationId: "updateWebhook",
    summary: "Change a webhook's URL, events, description or status",
    description:
      "A new URL, and a disabled webhook made active again, pass the echo check first (422 WEBHOOK_VALIDATION_FAILED). Deliveries of a disabled webhook wait; they resume when it is active again.",
    tags: ["Webhooks"],
    params: WebhookParams,
    body: UpdateWebhookBody,
    responses: { 200: WebhookResponse },
    handler: async ({ params, body, clients }) => {
      const endpoint = await clients.webhook.UpdateEndpoint(
        {
          id: params.webhookId,
          url: body.url ?? "",
          events: body.events ?? [],
          changeEvents: body.events !== undefined,
          status: body.status ?? "",
          description: body.description ?? "",
          changeDescription: body.description !== undefined,
        },
        { deadlineMs: ECHO_DEADLINE_MS },
      );
      return { status: 200, body: toWebhookJson(endpoint) };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/webhooks/:webhookId",
    operationId: "deleteWebhook",
    summary: "Delete a webhook and its delivery log",
    tags: ["Webhooks"],
    params: WebhookParams,
    responses: { 204: null },
    handler: async ({ params, clients }) => {
      await clients.webhook.DeleteEndpoint({ id: params.webhookId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/webhooks/:webhookId/rotate-secret",
    operationId: "rotateWebhookSecret",
    summary: "A new signing secret; for 24 h deliveries carry signatures with both",
    tags: ["Webhooks"],
    params: WebhookParams,
    responses: {
      200: z
        .object({ secret: z.string(), previousSecretExpiresAt: z.iso.datetime() })
        .meta({ id: "RotatedWebhookSecret" }),
    },
    handler: async ({ params, clients }) => {
      const rotated = await clients.webhook.RotateSecret({ id: params.webhookId });
      return {
        status: 200,
        body: { secret: rotated.secret, previousSecretExpiresAt: rotated.previousSecretExpiresAt },
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/webhooks/:webhookId/deliveries",
    operationId: "listWebhookDeliveries",
    summary: "The webhook's deliveries, newest first",
    tags: ["Webhooks"],
    params: WebhookParams,
    query: DeliveriesQuery,
    responses: { 200: z.object({ items: z.array(DeliveryResponse), nextCursor: z.string().nullable() }) },
    handler: async ({ params, query, clients }) => {
      const page = await clients.webhook.ListDeliveries({
        endpointId: params.webhookId,
        limit: query.limit ?? 0,
        cursor: query.cursor ?? "",
        status: query.status ?? "",
      });
      return pageResponse(page, toDeliveryJson);
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/webhooks/:webhookId/replay",
    operationId: "replayWebhook",
    summary: "Deliver the webhook's events of a time window again (same webhook-id)",
    description:
      "Events that occurred in [since, until) (at most 31 days) are scheduled again from a first attempt.",
    tags: ["Webhooks"],
    params: WebhookParams,
    body: ReplayBody,
    responses: { 202: z.object({ scheduled: z.number().int() }).meta({ id: "ReplayScheduled" }) },
    handler: async ({ params, body, clients }) => {
      const replayed = await clients.webhook.Replay({
        endpointId: params.webhookId,
        since: body.since,
        until: body.until ?? "",
      });
      return { status: 202, body: { scheduled: replayed.scheduled } };
    },
  }),
];
