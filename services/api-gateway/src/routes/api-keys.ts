// API-key routes (API.md, "Machine credentials"): creating, listing and
// revoking the keys of an organization or a company. identity-service
// decides everything (who may, tenant scope, the chain); the gateway
// validates shapes. Creation takes no part in Idempotency-Key: its answer
// holds the client secret, which must never rest in the gateway's bucket.
import type { IdentityServiceMethods } from "@simhub/contracts";
import { companyRoles, orgRoles } from "@simhub/platform";
import { z } from "zod";
import type { GatewayClients } from "../clients.ts";
import { defineRoute, nullIfEmpty, type RouteSpec } from "../http/route.ts";
import { PageQuery } from "./page.ts";

type ApiKeyMessage = NonNullable<IdentityServiceMethods["ListApiKeys"]["responseOut"]["items"]>[number];

const OrgParams = z.object({ orgId: z.uuid() });
const CompanyParams = z.object({ companyId: z.uuid() });
const KeyParams = z.object({ keyId: z.uuid() });

const name = z.string().min(1).max(200).meta({ description: "What the key is for, e.g. the integration" });

const CreateOrgApiKeyBody = z
  .strictObject({ name, role: z.enum(orgRoles) })
  .meta({ id: "CreateOrganizationApiKeyRequest" });
const CreateCompanyApiKeyBody = z
  .strictObject({ name, role: z.enum(companyRoles) })
  .meta({ id: "CreateCompanyApiKeyRequest" });

const apiKeyFields = {
  id: z.uuid(),
  name: z.string(),
  role: z.enum([...orgRoles, ...companyRoles]),
  orgId: z.uuid(),
  companyId: z.uuid().nullable(),
  clientId: z.string().meta({ description: "`client_id` for POST /v1/auth/token; not a secret" }),
  createdAt: z.iso.datetime(),
  lastUsedAt: z.iso
    .datetime()
    .nullable()
    .meta({ description: "When a token was last issued for the key, to the minute; null: never" }),
};

const ApiKeyResponse = z.object(apiKeyFields).meta({ id: "ApiKey" });
const CreatedApiKeyResponse = z
  .object({
    ...apiKeyFields,
    clientSecret: z
      .string()
      .meta({ description: "`client_secret` for POST /v1/auth/token: shown once, stored only hashed" }),
  })
  .meta({ id: "CreatedApiKey" });
const ApiKeyPage = z
  .object({ items: z.array(ApiKeyResponse), nextCursor: z.string().nullable() })
  .meta({ id: "ApiKeyPage" });

function toApiKeyJson(key: ApiKeyMessage) {
  return {
    id: key.id,
    name: key.name,
    role: key.role,
    orgId: key.orgId,
    companyId: nullIfEmpty(key.companyId),
    clientId: key.clientId,
    createdAt: key.createdAt,
    lastUsedAt: nullIfEmpty(key.lastUsedAt),
  };
}

async function createApiKey(
  clients: GatewayClients,
  owner: { orgId?: string; companyId?: string },
  body: { name: string; role: string },
) {
  const created = await clients.identity.CreateApiKey({
    orgId: owner.orgId ?? "",
    companyId: owner.companyId ?? "",
    name: body.name,
    role: body.role,
  });
  return {
    status: 201,
    headers: { "cache-control": "no-store" },
    body: { ...toApiKeyJson(created.key!), clientSecret: created.clientSecret },
  };
}

async function listApiKeys(
  clients: GatewayClients,
  owner: { orgId?: string; companyId?: string },
  query: { limit?: number | undefined; cursor?: string | undefined },
) {
  const page = await clients.identity.ListApiKeys({
    orgId: owner.orgId ?? "",
    companyId: owner.companyId ?? "",
    limit: query.limit ?? 0,
    cursor: query.cursor ?? "",
  });
  return {
    status: 200,
    body: { items: (page.items ?? []).map(toApiKeyJson), nextCursor: nullIfEmpty(page.nextCursor) },
  };
}

const createDescription =
  "The `clientSecret` is in this answer only (store it now: it is kept only as a hash). Exchange `clientId` and `clientSecret` for an access token at POST /v1/auth/token. A key acts with its role in its tenant; API keys themselves are managed by people only (a key's own token gets 403 here). Takes no part in Idempotency-Key (the answer holds the secret).";

export const apiKeyRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/api-keys",
    operationId: "createOrganizationApiKey",
    idempotency: false,
    summary: "Create an API key of the organization (org admin)",
    description: createDescription,
    tags: ["API keys"],
    params: OrgParams,
    body: CreateOrgApiKeyBody,
    responses: { 201: CreatedApiKeyResponse },
    handler: ({ params, body, clients }) => createApiKey(clients, { orgId: params.orgId }, body),
  }),
  defineRoute({
    method: "post",
    path: "/v1/companies/:companyId/api-keys",
    operationId: "createCompanyApiKey",
    idempotency: false,
    summary: "Create an API key of the company (company admin or the organization's admins)",
    description: `${createDescription} 422 COMPANY_CHAIN_UNRESOLVED when the company or its organization is archived.`,
    tags: ["API keys"],
    params: CompanyParams,
    body: CreateCompanyApiKeyBody,
    responses: { 201: CreatedApiKeyResponse },
    handler: ({ params, body, clients }) => createApiKey(clients, { companyId: params.companyId }, body),
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/api-keys",
    operationId: "listOrganizationApiKeys",
    summary: "The organization's own live API keys (never the secret)",
    description: "Keys of its companies are listed under each company. Revoked keys are not listed.",
    tags: ["API keys"],
    params: OrgParams,
    query: PageQuery,
    responses: { 200: ApiKeyPage },
    handler: ({ params, query, clients }) => listApiKeys(clients, { orgId: params.orgId }, query),
  }),
  defineRoute({
    method: "get",
    path: "/v1/companies/:companyId/api-keys",
    operationId: "listCompanyApiKeys",
    summary: "The company's live API keys (never the secret)",
    tags: ["API keys"],
    params: CompanyParams,
    query: PageQuery,
    responses: { 200: ApiKeyPage },
    handler: ({ params, query, clients }) => listApiKeys(clients, { companyId: params.companyId }, query),
  }),
  defineRoute({
    method: "delete",
    path: "/v1/api-keys/:keyId",
    operationId: "revokeApiKey",
    summary: "Revoke an API key",
    description:
      "No token is issued for it any more. Access tokens issued before stay valid until they expire (at most 5 minutes): access tokens are verified without asking identity-service. 404 API_KEY_NOT_FOUND for a revoked key too.",
    tags: ["API keys"],
    params: KeyParams,
    responses: { 204: null },
    handler: async ({ params, clients }) => {
      await clients.identity.RevokeApiKey({ id: params.keyId });
      return { status: 204 };
    },
  }),
];
