// Shared ground for the tenant-isolation and role matrices: a world of two
// tenants built through the API (two organizations, each with two companies,
// staff at every level, end users and SIMs), and request templates derived
// from the gateway's own route registry (allRoutes) so a new endpoint is
// exercised without anyone listing it here. Every id-like field of a route —
// path parameter, query parameter or body field — becomes a slot that a
// matrix fills with the caller's own ids, another tenant's, or ids that do
// not exist at all.
import { randomBytes, randomUUID } from "node:crypto";
import { backendServices } from "@simhub/launcher";
import { type HttpResponse, httpClient, type Stack } from "@simhub/testing";
import { z } from "zod";
import type { RouteSpec } from "../src/http/route.ts";
import { iccid } from "./identity-support.ts";

export type Kind =
  | "org"
  | "company"
  | "endUser"
  | "sim"
  | "operator"
  | "plan"
  | "webhook"
  | "import"
  | "apiKey"
  | "rule";
export type RoleName = "org_admin" | "org_staff" | "company_admin" | "company_staff" | "end_user";
export const tenantRoles: RoleName[] = [
  "org_admin",
  "org_staff",
  "company_admin",
  "company_staff",
  "end_user",
];

/** Which kind of object a field of this name refers to. A new id-like name must be added here. */
export const kindOfField: Record<string, Kind> = {
  orgId: "org",
  companyId: "company",
  userId: "endUser",
  endUserId: "endUser",
  iccid: "sim",
  iccids: "sim",
  q: "sim",
  operatorId: "operator",
  planId: "plan",
  webhookId: "webhook",
  importId: "import",
  keyId: "apiKey",
  ruleId: "rule",
};

/** The URL webhook bodies carry: a receiver of the test's that answers the echo check (set by buildWorld). */
let webhookUrl = "https://hooks.example.com/matrix";

export const PASSWORD = "matrix password 2026";
const hex = () => randomBytes(4).toString("hex");
let serial = 500_000 + Math.floor(Math.random() * 400_000);
export const freshIccid = () => iccid(serial++, "89490");

export interface TenantWorld {
  label: "A" | "B";
  org: { id: string; name: string };
  operator: { id: string; name: string };
  companies: { c1: { id: string; name: string }; c2: { id: string; name: string } };
  users: Record<
    | "orgAdmin"
    | "orgStaff"
    | "companyAdmin"
    | "companyStaff"
    | "endUser"
    | "endUser2"
    | "companyAdmin2"
    | "endUserC2",
    { id: string; username: string; email: string }
  >;
  sims: Record<"endUser" | "sibling" | "free" | "c2" | "unassigned", string>;
  /** The import that brought the SIMs in. */
  importId: string;
  plans: { orgWide?: string; c1?: string; c2?: string };
  webhooks: { org?: string; c1?: string };
  apiKeys: { org?: string; c1?: string; c2?: string };
  /** An organization rule and a rule of company c1. */
  rules: { org?: string; c1?: string };
}

export interface World {
  admin: string;
  tenants: { A: TenantWorld; B: TenantWorld };
  tokens: Record<RoleName, string>;
  /**
   * Integrations of tenant A: API keys of the organization (org_admin) and of
   * its first company (company_admin), each calling with a token of the
   * client-credentials grant (machineToken renews it before it expires).
   */
  machines: MachineCaller[];
}

export interface MachineCaller {
  /** The role the key acts with, whose tenant view applies to it. */
  role: RoleName;
  clientId: string;
  clientSecret: string;
}

const machineTokens = new Map<string, { token: string; expiresAt: number }>();

/** A current access token of the machine caller, from POST /v1/auth/token. */
export async function machineToken(baseUrl: string, caller: MachineCaller): Promise<string> {
  const cached = machineTokens.get(caller.clientId);
  if (cached && cached.expiresAt - Date.now() > 60_000) return cached.token;
  const response = await fetch(`${baseUrl}/v1/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({
      grant_type: "client_credentials",
      client_id: caller.clientId,
      client_secret: caller.clientSecret,
    }),
  });
  const body = (await response.json()) as { access_token: string; expires_in: number };
  if (response.status !== 200) throw new Error(`token of ${caller.role} key: ${JSON.stringify(body)}`);
  machineTokens.set(caller.clientId, {
    token: body.access_token,
    expiresAt: Date.now() + body.expires_in * 1000,
  });
  return body.access_token;
}

async function ok(response: HttpResponse, what: string, statuses = [200, 201]) {
  if (!statuses.includes(response.status)) {
    throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return response.body;
}

export async function buildTenant(
  stack: Stack,
  admin: string,
  label: "A" | "B",
  routes: RouteSpec[],
  receiverUrl?: string,
): Promise<TenantWorld> {
  const api = stack.http(admin);
  const tag = `${label.toLowerCase()}-${hex()}`;
  const org = await ok(await api.post("/v1/organizations", { name: `Org ${tag}` }), "organization");
  const operator = await ok(
    await api.post(`/v1/organizations/${org.id}/operators`, {
      operatorName: `Operator ${tag}`,
      mcc: "262",
      mnc: label === "A" ? "01" : "02",
      integration: "none",
    }),
    "operator",
  );
  const c1 = await ok(
    await api.post(`/v1/organizations/${org.id}/companies`, { name: `Company ${tag}-1` }),
    "company",
  );
  const c2 = await ok(
    await api.post(`/v1/organizations/${org.id}/companies`, { name: `Company ${tag}-2` }),
    "company",
  );
  const user = async (path: string, key: string, role?: string) => {
    const username = `${key}-${tag}`;
    const email = `${username}@example.com`;
    const body = await ok(
      await api.post(path, { username, email, password: PASSWORD, ...(role ? { role } : {}) }),
      `user ${username}`,
    );
    return { id: body.id as string, username, email };
  };
  const users = {
    orgAdmin: await user(`/v1/organizations/${org.id}/staff`, "org-admin", "org_admin"),
    orgStaff: await user(`/v1/organizations/${org.id}/staff`, "org-staff", "org_staff"),
    companyAdmin: await user(`/v1/companies/${c1.id}/staff`, "company-admin", "company_admin"),
    companyStaff: await user(`/v1/companies/${c1.id}/staff`, "company-staff", "company_staff"),
    endUser: await user(`/v1/companies/${c1.id}/end-users`, "end-user"),
    endUser2: await user(`/v1/companies/${c1.id}/end-users`, "end-user-two"),
    companyAdmin2: await user(`/v1/companies/${c2.id}/staff`, "company2-admin", "company_admin"),
    endUserC2: await user(`/v1/companies/${c2.id}/end-users`, "company2-end-user"),
  };
  const sims = {
    endUser: freshIccid(),
    sibling: freshIccid(),
    free: freshIccid(),
    c2: freshIccid(),
    unassigned: freshIccid(),
  };
  const imported = await ok(
    await api.post(`/v1/organizations/${org.id}/sims`, {
      sims: Object.values(sims).map((value) => ({
        iccid: value,
        operatorId: operator.id,
        activationCode: `ACT-${value}`,
      })),
    }),
    "SIM import",
  );
  if (imported.imported !== 5) throw new Error(`SIM import: ${JSON.stringify(imported)}`);
  for (const [value, companyId] of [
    [sims.endUser, c1.id],
    [sims.sibling, c1.id],
    [sims.free, c1.id],
    [sims.c2, c2.id],
  ] as const) {
    await ok(await api.post(`/v1/sims/${value}/assign`, { companyId }), "SIM assignment");
  }
  for (const [value, endUserId] of [
    [sims.endUser, users.endUser.id],
    [sims.sibling, users.endUser2.id],
    [sims.c2, users.endUserC2.id],
  ] as const) {
    await ok(await api.post(`/v1/sims/${value}/end-user`, { endUserId }), "end-user assignment");
  }
  const plans: TenantWorld["plans"] = {};
  const createPlan = routes.find((route) => route.operationId === "createPlan");
  if (createPlan) {
    const plan = async (companyId?: string) => {
      const response = await api.post(createPlan.path.replace(":orgId", org.id), {
        name: `Plan ${tag}-${hex()}`,
        type: "prepaid",
        currency: "EUR",
        price: 999,
        dataMb: 1024,
        validityDays: 30,
        ...(companyId ? { companyId } : {}),
      });
      return response.status === 201 ? (response.body.id as string) : undefined;
    };
    plans.orgWide = await plan();
    plans.c1 = await plan(c1.id);
    plans.c2 = await plan(c2.id);
  }
  const webhooks: TenantWorld["webhooks"] = {};
  if (receiverUrl && routes.some((route) => route.operationId === "createOrganizationWebhook")) {
    const hook = async (path: string) =>
      (await ok(await api.post(path, { url: receiverUrl, events: ["*"] }), `webhook ${path}`)).id as string;
    webhooks.org = await hook(`/v1/organizations/${org.id}/webhooks`);
    webhooks.c1 = await hook(`/v1/companies/${c1.id}/webhooks`);
  }
  const apiKeys: TenantWorld["apiKeys"] = {};
  if (routes.some((route) => route.operationId === "createOrganizationApiKey")) {
    const key = async (path: string, role: string) =>
      (await ok(await api.post(path, { name: `Key ${tag} ${role}`, role }), `API key ${path}`)).id as string;
    apiKeys.org = await key(`/v1/organizations/${org.id}/api-keys`, "org_staff");
    apiKeys.c1 = await key(`/v1/companies/${c1.id}/api-keys`, "company_staff");
    apiKeys.c2 = await key(`/v1/companies/${c2.id}/api-keys`, "company_staff");
  }
  const rules: TenantWorld["rules"] = {};
  if (routes.some((route) => route.operationId === "createOrganizationRule")) {
    const rule = async (path: string) =>
      (
        await ok(
          await api.post(path, {
            name: `Matrix rule ${tag}`,
            trigger: { type: "imei_changed" },
            actions: [{ type: "notify" }],
          }),
          `rule ${path}`,
        )
      ).id as string;
    rules.org = await rule(`/v1/organizations/${org.id}/rules`);
    rules.c1 = await rule(`/v1/companies/${c1.id}/rules`);
  }
  return {
    label,
    webhooks,
    apiKeys,
    rules,
    org: { id: org.id, name: org.name },
    operator: { id: operator.id, name: operator.operatorName ?? `Operator ${tag}` },
    companies: { c1: { id: c1.id, name: c1.name }, c2: { id: c2.id, name: c2.name } },
    users,
    sims,
    importId: imported.importId,
    plans,
  };
}

/**
 * Both tenants; with `receiverUrl` (a receiver that echoes, see
 * startReceiver in @simhub/testing) each also gets an organization and a company webhook.
 */
export async function buildWorld(stack: Stack, routes: RouteSpec[], receiverUrl?: string): Promise<World> {
  if (receiverUrl) webhookUrl = receiverUrl;
  const admin = await stack.login(stack.admin.username, stack.admin.password);
  const A = await buildTenant(stack, admin, "A", routes, receiverUrl);
  const B = await buildTenant(stack, admin, "B", routes, receiverUrl);
  const tokens: Record<RoleName, string> = {
    org_admin: await stack.login(A.users.orgAdmin.username, PASSWORD),
    org_staff: await stack.login(A.users.orgStaff.username, PASSWORD),
    company_admin: await stack.login(A.users.companyAdmin.username, PASSWORD),
    company_staff: await stack.login(A.users.companyStaff.username, PASSWORD),
    end_user: await stack.login(A.users.endUser.username, PASSWORD),
  };
  const machines: MachineCaller[] = [];
  if (routes.some((route) => route.operationId === "createOrganizationApiKey")) {
    const api = stack.http(admin);
    for (const [role, path] of [
      ["org_admin", `/v1/organizations/${A.org.id}/api-keys`],
      ["company_admin", `/v1/companies/${A.companies.c1.id}/api-keys`],
    ] as const) {
      const key = await ok(await api.post(path, { name: `Matrix ${role} integration`, role }), `${role} key`);
      machines.push({ role, clientId: key.clientId, clientSecret: key.clientSecret });
    }
  }
  return { admin, tenants: { A, B }, tokens, machines };
}

/** Ids a role of tenant A acts on as its own. */
export function ownIds(world: World): Record<Kind, string> {
  const { A } = world.tenants;
  return {
    org: A.org.id,
    company: A.companies.c1.id,
    endUser: A.users.endUser.id,
    sim: A.sims.endUser,
    operator: A.operator.id,
    plan: A.plans.orgWide ?? randomUUID(),
    webhook: A.webhooks.c1 ?? randomUUID(),
    import: A.importId,
    apiKey: A.apiKeys.c1 ?? randomUUID(),
    rule: A.rules.c1 ?? randomUUID(),
  };
}

/**
 * Objects of other tenants, as seen by a role of tenant A: organization B
 * and everything in it for everyone; for company-level roles also the other
 * company of A and what belongs to it; for the end user also the other end
 * user of its company and that user's SIM.
 */
export function foreignIds(world: World, role: RoleName): Record<Kind, string[]> {
  const { A, B } = world.tenants;
  const pool: Record<Kind, string[]> = {
    org: [B.org.id],
    company: [B.companies.c1.id, B.companies.c2.id],
    endUser: [B.users.endUser.id, B.users.endUser2.id, B.users.endUserC2.id],
    sim: Object.values(B.sims),
    operator: [B.operator.id],
    plan: Object.values(B.plans).filter((id): id is string => Boolean(id)),
    webhook: Object.values(B.webhooks).filter((id): id is string => Boolean(id)),
    import: [B.importId],
    apiKey: Object.values(B.apiKeys).filter((id): id is string => Boolean(id)),
    rule: Object.values(B.rules).filter((id): id is string => Boolean(id)),
  };
  if (role !== "org_admin" && role !== "org_staff") {
    pool.company.push(A.companies.c2.id);
    pool.endUser.push(A.users.endUserC2.id);
    pool.sim.push(A.sims.c2, A.sims.unassigned);
    if (A.plans.c2) pool.plan.push(A.plans.c2);
    if (A.webhooks.org) pool.webhook.push(A.webhooks.org);
    for (const key of [A.apiKeys.org, A.apiKeys.c2]) if (key) pool.apiKey.push(key);
    if (A.rules.org) pool.rule.push(A.rules.org);
  }
  if (role === "end_user") {
    pool.endUser.push(A.users.endUser2.id);
    pool.sim.push(A.sims.sibling, A.sims.free);
  }
  return pool;
}

/** Everything that identifies another tenant's objects: ids, ICCIDs, names, usernames, e-mail addresses. */
export function foreignMarkers(world: World, role: RoleName): string[] {
  const { A, B } = world.tenants;
  const ids = Object.values(foreignIds(world, role)).flat();
  const markers = [
    ...ids,
    B.org.name,
    B.operator.name,
    B.companies.c1.name,
    B.companies.c2.name,
    ...Object.values(B.users).flatMap((u) => [u.id, u.username, u.email]),
  ];
  if (role !== "org_admin" && role !== "org_staff") {
    markers.push(A.companies.c2.name, A.users.companyAdmin2.username, A.users.endUserC2.username);
  }
  if (role === "end_user") markers.push(A.users.endUser2.username, A.users.endUser2.email);
  return [...new Set(markers)];
}

export function randomIdOf(kind: Kind): string {
  return kind === "sim" ? freshIccid() : randomUUID();
}

// --- Request templates from the route registry ------------------------------

export interface Slot {
  kind: Kind;
  location: "path" | "query" | "body";
  name: string;
}

export interface RequestTemplate {
  route: RouteSpec;
  slots: Slot[];
  /** Builds the request with one value per slot. */
  build(values: string[]): { path: string; body?: unknown; raw?: string; contentType?: string };
}

type JsonSchema = Record<string, unknown>;

function resolve(schema: JsonSchema, root: JsonSchema): JsonSchema {
  const ref = schema.$ref as string | undefined;
  if (ref?.startsWith("#/$defs/")) {
    return resolve((root.$defs as Record<string, JsonSchema>)[ref.slice(8)]!, root);
  }
  return schema;
}

const SLOT = Symbol("slot");
type SlotMarker = { [SLOT]: number };

/** A plausible value for a field, by its name first and its schema second. */
function sample(
  rawSchema: JsonSchema,
  root: JsonSchema,
  name: string,
  slots: Slot[],
  location: Slot["location"],
): unknown {
  const schema = resolve(rawSchema, root);
  const kind = kindOfField[name];
  if (kind) {
    slots.push({ kind, location, name });
    const marker: SlotMarker = { [SLOT]: slots.length - 1 };
    return name === "iccids" ? [marker] : marker;
  }
  const byName: Record<string, unknown> = {
    name: `Matrix ${hex()}`,
    operatorName: `Matrix operator ${hex()}`,
    username: `matrix-${hex()}`,
    email: `matrix-${hex()}@example.com`,
    password: PASSWORD,
    newPassword: `${PASSWORD} new`,
    currentPassword: "not the current password",
    mcc: "262",
    mnc: "07",
    currency: "EUR",
    code: "123456",
    activationCode: "ACT-MATRIX",
    refreshToken: "rt_matrix_unknown",
    mfaToken: "mfa_matrix_unknown",
    reason: "user",
    publishableKey: "pk_test_51MatrixAbcdefghijklmnopqrstuv",
    secretKey: "sk_test_51MatrixAbcdefghijklmnopqrstuv",
    price: 999,
    validityDays: 30,
    url: webhookUrl,
    since: new Date(Date.now() - 3_600_000).toISOString(),
    startedAt: new Date(Date.now() - 3_600_000).toISOString(),
    recordId: `matrix-${hex()}`,
    quantity: 1024,
  };
  if (name in byName) return byName[name];
  const options = (schema.oneOf ?? schema.anyOf) as JsonSchema[] | undefined;
  if (options) {
    const first = options.map((option) => resolve(option, root)).find((option) => option.type !== "null");
    return sample(first ?? options[0]!, root, name, slots, location);
  }
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum)) {
    const values = schema.enum as unknown[];
    return values.includes("suspended") ? "suspended" : values[0];
  }
  const type = Array.isArray(schema.type) ? (schema.type as string[]).find((t) => t !== "null") : schema.type;
  switch (type) {
    case "object": {
      const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
      const required = new Set((schema.required ?? []) as string[]);
      const out: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(properties)) {
        // Optional id fields too, but not the "immutable" ones that accept anything only to refuse it.
        const typed = Object.keys(resolve(value, root)).some((k) => k !== "description");
        // Fields that are optional in the schema but required by a rule of the body (prepaid plans).
        const ruleRequired = key === "price" || key === "validityDays";
        if (required.has(key) || (kindOfField[key] && typed) || ruleRequired) {
          out[key] = sample(value, root, key, slots, location);
        }
      }
      if (Object.keys(out).length === 0) {
        const firstOptional = Object.keys(properties)[0];
        if (firstOptional)
          out[firstOptional] = sample(properties[firstOptional]!, root, firstOptional, slots, location);
      }
      return out;
    }
    case "array":
      return [sample((schema.items ?? {}) as JsonSchema, root, name, slots, location)];
    case "integer":
    case "number":
      return typeof schema.minimum === "number" ? Math.max(schema.minimum, 1) : 1;
    case "boolean":
      return false;
    case "string": {
      if (schema.format === "uuid") return randomUUID();
      if (schema.format === "email") return `matrix-${hex()}@example.com`;
      const min = typeof schema.minLength === "number" ? schema.minLength : 1;
      return `matrix-${hex()}`.padEnd(min, "x");
    }
    default:
      return `matrix-${hex()}`;
  }
}

function fill(value: unknown, values: string[]): unknown {
  if (value && typeof value === "object") {
    if (SLOT in value) return values[(value as SlotMarker)[SLOT]];
    if (Array.isArray(value)) return value.map((item) => fill(item, values));
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, fill(item, values)]));
  }
  return value;
}

const toJson = (schema: z.ZodType) =>
  z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as unknown as JsonSchema;

/** The request template of a route; throws on a path parameter of an unknown kind. */
export function templateOf(route: RouteSpec): RequestTemplate {
  const slots: Slot[] = [];
  const pathParams = [...route.path.matchAll(/:(\w+)/g)].map((match) => match[1]!);
  for (const param of pathParams) {
    const kind = kindOfField[param];
    if (!kind) throw new Error(`${route.operationId}: path parameter :${param} has no kind in kindOfField`);
    slots.push({ kind, location: "path", name: param });
  }
  const query: Record<string, unknown> = {};
  if (route.query) {
    const schema = toJson(route.query);
    for (const [key, value] of Object.entries((schema.properties ?? {}) as Record<string, JsonSchema>)) {
      if (kindOfField[key]) query[key] = sample(value, schema, key, slots, "query");
    }
  }
  let body: unknown;
  let csv = false;
  const streamJson = route.streamSchemas?.["application/json"];
  if (route.bodyType === "stream" && streamJson) {
    // A streamed body that is JSON too (usage records): sampled like any JSON body.
    const schema = toJson(streamJson);
    body = sample(schema, schema, "body", slots, "body");
  } else if (route.bodyType === "stream") {
    csv = true;
    slots.push({ kind: "sim", location: "body", name: "iccid" });
  } else if (route.body) {
    const schema = toJson(route.body);
    body = sample(schema, schema, "body", slots, "body");
  }
  return {
    route,
    slots,
    build(values) {
      let path = route.path;
      pathParams.forEach((param, index) => {
        path = path.replace(`:${param}`, encodeURIComponent(values[index]!));
      });
      const filledQuery = fill(query, values) as Record<string, string>;
      const search = new URLSearchParams(filledQuery).toString();
      if (search) path += `?${search}`;
      if (csv) {
        const iccidIndex = slots.findIndex((slot) => slot.location === "body");
        return {
          path,
          raw: `iccid,activationCode\n${values[iccidIndex]},ACT-MATRIX\n`,
          contentType: "text/csv",
        };
      }
      return { path, ...(body !== undefined ? { body: fill(body, values) } : {}) };
    },
  };
}

export async function send(
  baseUrl: string,
  token: string | undefined,
  method: string,
  request: ReturnType<RequestTemplate["build"]>,
): Promise<HttpResponse> {
  const client = httpClient(baseUrl, token);
  const options =
    request.raw !== undefined ? { raw: request.raw, contentType: request.contentType } : undefined;
  switch (method) {
    case "get":
      return client.get(request.path);
    case "delete":
      return client.delete(request.path);
    case "patch":
      return client.patch(request.path, request.body, options);
    case "put":
      return client.put(request.path, request.body, options);
    default:
      return client.post(request.path, request.body, options);
  }
}

/** Rows of every service database that mention one of `markers`, as sorted JSON lines. */
export async function rowsMentioning(stack: Stack, markers: string[]): Promise<string[]> {
  const skipped = new Set([
    "outbox",
    "processed_events",
    "knex_migrations",
    "knex_migrations_lock",
    // Brute-force counters count everyone's attempts, whoever owns the account or SIM.
    "login_throttle",
    // The fan-out of the caller's own events to every endpoint entitled to
    // them (its organization's, which a company user may not see, included)
    // is delivery work, not a change to another tenant's object; the
    // endpoints themselves stay checked.
    "webhook_events",
    "deliveries",
    "delivery_attempts",
    // An import's record of the lines its uploader sent and was told were
    // rejected (a foreign ICCID is a DUPLICATE_ICCID, as the response says):
    // what the caller sent, in the caller's own import, not a change of
    // another tenant's objects.
    "sim_import_rejections",
    "activation_failures",
  ]);
  const lines: string[] = [];
  for (const service of backendServices.map((backend) => backend.name)) {
    const tables = await stack.query(
      service,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    for (const { table_name: table } of tables as { table_name: string }[]) {
      if (skipped.has(table)) continue;
      // The table name comes from the catalogue, quoted as an identifier.
      const rows = await stack.query(
        service,
        `SELECT row_to_json(t)::text AS j FROM "${table.replaceAll('"', '""')}" t`,
      );
      for (const { j } of rows as { j: string }[]) {
        if (markers.some((marker) => j.includes(marker))) lines.push(`${service}.${table} ${j}`);
      }
    }
  }
  return lines.sort();
}
