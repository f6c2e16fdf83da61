// The role matrix: every mutating endpoint of the gateway's route registry ×
// every role (and no token at all), each call on a target inside the
// caller's own tenant, prepared fresh so an allowed call can succeed. Only
// the allowed pairs may succeed (2xx); every other pair is refused with 401
// (no token), 403 (visible but not allowed) or 404 (not visible). A mutating
// endpoint without an entry here fails the test, so new endpoints get one.
import { randomUUID } from "node:crypto";
import {
  type HttpResponse,
  httpClient,
  type Receiver,
  type Stack,
  startReceiver,
  startStack,
  webhookTestEnv,
} from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allRoutes } from "../src/routes/index.ts";
import { awayFromStepEdge, totp } from "./identity-support.ts";
import { buildWorld, freshIccid, PASSWORD, type RoleName, type World } from "./matrix-support.ts";

type MatrixRole = "platform_admin" | RoleName | "anonymous";
const roles: MatrixRole[] = [
  "platform_admin",
  "org_admin",
  "org_staff",
  "company_admin",
  "company_staff",
  "end_user",
  "anonymous",
];
const everyone = roles;
const signedIn = roles.filter((role) => role !== "anonymous");

interface Prepared {
  path: string;
  body?: unknown;
  raw?: string;
  contentType?: string;
  /** The caller's token when the call is about the caller's own account. */
  token?: string;
}

interface Expectation {
  allowed: MatrixRole[];
  prepare(role: MatrixRole): Promise<Prepared>;
}

let stack: Stack;
let receiver: Receiver;
let world: World;
let admin: string;
const results: { operation: string; role: MatrixRole; status: number; allowed: boolean }[] = [];
const n = () => Math.random().toString(36).slice(2, 8);

beforeAll(async () => {
  stack = await startStack({
    envFor: {
      "identity-service": { LOGIN_ACCOUNT_FREE_ATTEMPTS: "1000000", LOGIN_ADDRESS_FREE_ATTEMPTS: "1000000" },
      "api-gateway": { RATE_LIMIT_PER_ADDRESS: "0", RATE_LIMIT_PER_CALLER: "0" },
      "webhook-service": webhookTestEnv,
    },
  });
  receiver = await startReceiver();
  world = await buildWorld(stack, allRoutes, receiver.url);
  admin = world.admin;
}, 300_000);

afterAll(async () => {
  const allowed = results.filter((r) => r.allowed).length;
  console.log(
    `role matrix: ${results.length} calls = ${new Set(results.map((r) => r.operation)).size} mutating endpoints × ${roles.length} roles (${allowed} allowed pairs, ${results.length - allowed} refused)`,
  );
  await stack?.stop();
  await receiver?.close();
});

// --- fixtures, made fresh through the API as the platform admin -------------

const A = () => world.tenants.A;
const api = () => stack.http(admin);

async function must(response: HttpResponse, what: string) {
  if (response.status >= 300) throw new Error(`${what}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function freshEndUser() {
  const username = `rm-eu-${n()}`;
  const body = await must(
    await api().post(`/v1/companies/${A().companies.c1.id}/end-users`, {
      username,
      email: `${username}@example.com`,
      password: PASSWORD,
    }),
    "end user",
  );
  return { id: body.id as string, username };
}

async function freshWebhook() {
  return (
    await must(
      await api().post(`/v1/companies/${A().companies.c1.id}/webhooks`, { url: receiver.url, events: ["*"] }),
      "webhook",
    )
  ).id as string;
}

async function freshRule() {
  return (
    await must(
      await api().post(`/v1/companies/${A().companies.c1.id}/rules`, {
        name: `RM ${n()}`,
        trigger: { type: "imei_changed" },
        actions: [{ type: "notify" }],
      }),
      "rule",
    )
  ).id as string;
}

async function freshCompany() {
  return (
    await must(
      await api().post(`/v1/organizations/${A().org.id}/companies`, { name: `RM ${n()}` }),
      "company",
    )
  ).id as string;
}

async function freshSim(options: { company?: boolean; endUser?: string; active?: boolean } = {}) {
  const value = freshIccid();
  await must(
    await api().post(`/v1/organizations/${A().org.id}/sims`, {
      sims: [{ iccid: value, operatorId: A().operator.id, activationCode: `ACT-${value}` }],
    }),
    "SIM import",
  );
  if (options.company)
    await must(await api().post(`/v1/sims/${value}/assign`, { companyId: A().companies.c1.id }), "assign");
  if (options.endUser)
    await must(await api().post(`/v1/sims/${value}/end-user`, { endUserId: options.endUser }), "end user");
  if (options.active) {
    // Imported against an inventory-only operator it is not_available: pending first, then active.
    await must(await api().post(`/v1/sims/${value}/status`, { status: "pending" }), "pending");
    await must(await api().post(`/v1/sims/${value}/status`, { status: "active" }), "activate");
  }
  return value;
}

async function freshPlan() {
  return (
    await must(
      await api().post(`/v1/organizations/${A().org.id}/plans`, {
        name: `RM plan ${n()}`,
        type: "prepaid",
        currency: "EUR",
        price: 500,
        validityDays: 30,
      }),
      "plan",
    )
  ).id as string;
}

/** A new account of `role` for calls about the caller's own account; its password is returned too. */
async function freshAccount(
  role: MatrixRole,
): Promise<{ token?: string; password: string; username: string }> {
  const username = `rm-${role.replace("_", "-")}-${n()}`;
  const email = `${username}@example.com`;
  const base = { username, email, password: PASSWORD };
  switch (role) {
    case "anonymous":
      return { password: PASSWORD, username };
    case "platform_admin": {
      // No API creates a second platform admin; copy the bootstrap one (same password).
      await stack.query(
        "identity-service",
        `INSERT INTO users (id, username, username_key, email, role, password_hash, status, via)
         SELECT gen_random_uuid(), $1, $1, $2, role, password_hash, 'active', 'bootstrap'
           FROM users WHERE role = 'platform_admin' AND username_key = $3`,
        [username, email, stack.admin.username.toLowerCase()],
      );
      return {
        token: await stack.login(username, stack.admin.password),
        password: stack.admin.password,
        username,
      };
    }
    case "org_admin":
    case "org_staff":
      await must(await api().post(`/v1/organizations/${A().org.id}/staff`, { ...base, role }), "staff");
      break;
    case "company_admin":
    case "company_staff":
      await must(await api().post(`/v1/companies/${A().companies.c1.id}/staff`, { ...base, role }), "staff");
      break;
    case "end_user":
      await must(await api().post(`/v1/companies/${A().companies.c1.id}/end-users`, base), "end user");
      break;
  }
  return { token: await stack.login(username, PASSWORD), password: PASSWORD, username };
}

let mfaUser: { username: string; recoveryCodes: string[] } | undefined;
async function mfaChallenge(): Promise<{ mfaToken: string; code: string }> {
  if (!mfaUser) {
    const account = await freshAccount("org_staff");
    const you = stack.http(account.token);
    const enrolment = await must(await you.post("/v1/me/mfa/totp"), "enrolment");
    const now = await awayFromStepEdge();
    await must(await you.post("/v1/me/mfa/totp/confirm", { code: totp(enrolment.secret, now) }), "confirm");
    mfaUser = { username: account.username, recoveryCodes: [...enrolment.recoveryCodes] };
  }
  const login = await must(
    await stack.http().post("/v1/auth/login", { username: mfaUser.username, password: PASSWORD }),
    "mfa login",
  );
  return { mfaToken: login.mfaToken, code: mfaUser.recoveryCodes.shift()! };
}

async function freshSession() {
  return (
    await must(
      await stack
        .http()
        .post("/v1/auth/login", { username: A().users.orgStaff.username, password: PASSWORD }),
      "login",
    )
  ).refreshToken as string;
}

/** A fresh API key of company A1, made by the platform admin. */
async function freshApiKey(level: "org" | "company" = "company") {
  const path =
    level === "org"
      ? `/v1/organizations/${A().org.id}/api-keys`
      : `/v1/companies/${A().companies.c1.id}/api-keys`;
  return (await must(
    await api().post(path, { name: `RM key ${n()}`, role: level === "org" ? "org_staff" : "company_staff" }),
    "API key",
  )) as { id: string; clientId: string; clientSecret: string };
}

// --- who may do what (ARCHITECTURE.md, API.md and each service's access rules) ---

const expectations: Record<string, Expectation> = {
  login: {
    allowed: everyone,
    prepare: async () => ({
      path: "/v1/auth/login",
      body: { username: A().users.orgStaff.username, password: PASSWORD },
    }),
  },
  completeMfaLogin: {
    allowed: everyone,
    prepare: async () => ({ path: "/v1/auth/mfa", body: await mfaChallenge() }),
  },
  refreshTokens: {
    allowed: everyone,
    prepare: async () => ({ path: "/v1/auth/refresh", body: { refreshToken: await freshSession() } }),
  },
  logout: {
    allowed: everyone,
    prepare: async () => ({ path: "/v1/auth/logout", body: { refreshToken: await freshSession() } }),
  },
  registerWithSim: {
    allowed: everyone,
    prepare: async () => {
      const value = await freshSim({ company: true });
      const username = `rm-buyer-${n()}`;
      return {
        path: "/v1/register",
        body: {
          iccid: value,
          activationCode: `ACT-${value}`,
          username,
          email: `${username}@example.com`,
          password: PASSWORD,
        },
      };
    },
  },
  startTotpEnrolment: {
    allowed: signedIn,
    prepare: async (role) => ({ path: "/v1/me/mfa/totp", token: (await freshAccount(role)).token }),
  },
  confirmTotp: {
    allowed: signedIn,
    prepare: async (role) => {
      const account = await freshAccount(role);
      if (!account.token) return { path: "/v1/me/mfa/totp/confirm", body: { code: "123456" } };
      const enrolment = await must(await stack.http(account.token).post("/v1/me/mfa/totp"), "enrolment");
      const now = await awayFromStepEdge(3_000);
      return {
        path: "/v1/me/mfa/totp/confirm",
        body: { code: totp(enrolment.secret, now) },
        token: account.token,
      };
    },
  },
  disableTotp: {
    allowed: signedIn,
    prepare: async (role) => {
      const account = await freshAccount(role);
      if (!account.token) return { path: "/v1/me/mfa/totp/disable", body: { code: "123456" } };
      const you = stack.http(account.token);
      const enrolment = await must(await you.post("/v1/me/mfa/totp"), "enrolment");
      const now = await awayFromStepEdge(3_000);
      await must(await you.post("/v1/me/mfa/totp/confirm", { code: totp(enrolment.secret, now) }), "confirm");
      return {
        path: "/v1/me/mfa/totp/disable",
        body: { code: enrolment.recoveryCodes[0] },
        token: account.token,
      };
    },
  },
  changePassword: {
    allowed: signedIn,
    prepare: async (role) => {
      const account = await freshAccount(role);
      return {
        path: "/v1/me/password",
        body: { currentPassword: account.password, newPassword: `${account.password} changed` },
        ...(account.token ? { token: account.token } : {}),
      };
    },
  },
  issueToken: {
    // Client authentication is the key's own: whoever holds its credentials gets a token.
    allowed: everyone,
    prepare: async () => {
      const key = await freshApiKey("org");
      return {
        path: "/v1/auth/token",
        raw: new URLSearchParams({
          grant_type: "client_credentials",
          client_id: key.clientId,
          client_secret: key.clientSecret,
        }).toString(),
        contentType: "application/x-www-form-urlencoded",
      };
    },
  },
  createOrganizationApiKey: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/api-keys`,
      body: { name: `RM key ${n()}`, role: "org_staff" },
    }),
  },
  createCompanyApiKey: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({
      path: `/v1/companies/${A().companies.c1.id}/api-keys`,
      body: { name: `RM key ${n()}`, role: "company_staff" },
    }),
  },
  revokeApiKey: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({ path: `/v1/api-keys/${(await freshApiKey()).id}` }),
  },
  rotateSigningKey: {
    allowed: ["platform_admin"],
    prepare: async () => ({ path: "/v1/admin/signing-keys/rotate" }),
  },
  createOrgStaff: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => {
      const username = `rm-staff-${n()}`;
      return {
        path: `/v1/organizations/${A().org.id}/staff`,
        body: { username, email: `${username}@example.com`, password: PASSWORD, role: "org_staff" },
      };
    },
  },
  createCompanyStaff: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => {
      const username = `rm-cstaff-${n()}`;
      return {
        path: `/v1/companies/${A().companies.c1.id}/staff`,
        body: { username, email: `${username}@example.com`, password: PASSWORD, role: "company_staff" },
      };
    },
  },
  createEndUser: {
    allowed: ["platform_admin", "org_admin", "org_staff", "company_admin", "company_staff"],
    prepare: async () => {
      const username = `rm-new-eu-${n()}`;
      return {
        path: `/v1/companies/${A().companies.c1.id}/end-users`,
        body: { username, email: `${username}@example.com`, password: PASSWORD },
      };
    },
  },
  updateEndUser: {
    allowed: ["platform_admin", "org_admin", "org_staff", "company_admin", "company_staff"],
    prepare: async (role) => {
      // The end user aims at itself: visible, but end users change nothing here.
      const id = role === "end_user" ? A().users.endUser.id : (await freshEndUser()).id;
      return { path: `/v1/end-users/${id}`, body: { email: `changed-${n()}@example.com` } };
    },
  },
  removeEndUser: {
    allowed: ["platform_admin", "org_admin", "org_staff", "company_admin", "company_staff"],
    prepare: async (role) => {
      const id = role === "end_user" ? A().users.endUser.id : (await freshEndUser()).id;
      return { path: `/v1/end-users/${id}` };
    },
  },
  createOrganization: {
    allowed: ["platform_admin"],
    prepare: async () => ({ path: "/v1/organizations", body: { name: `RM org ${n()}` } }),
  },
  updateOrganization: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}`,
      body: { name: `Org A renamed ${n()}` },
    }),
  },
  addOperator: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/operators`,
      body: {
        operatorName: `RM operator ${n()}`,
        mcc: "262",
        mnc: String(10 + Math.floor(Math.random() * 89)),
        integration: "none",
      },
    }),
  },
  setPaymentProvider: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/payment-providers`,
      body: {
        provider: "stripe",
        publishableKey: "pk_test_51MatrixAbcdefghijklmnopqrstuv",
        secretKey: "sk_test_51MatrixAbcdefghijklmnopqrstuv",
      },
    }),
  },
  createCompany: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/companies`,
      body: { name: `RM company ${n()}` },
    }),
  },
  updateCompany: {
    // Settings: the company's own admin too; renaming stays with the organization (see below).
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({
      path: `/v1/companies/${A().companies.c1.id}`,
      body: { settings: { notificationEmail: `ops-${n()}@example.com` } },
    }),
  },
  archiveCompany: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async (role) => {
      // Company-level callers aim at their own company (visible to them); the others at a fresh one.
      const companyLevel = role === "company_admin" || role === "company_staff" || role === "end_user";
      return { path: `/v1/companies/${companyLevel ? A().companies.c1.id : await freshCompany()}` };
    },
  },
  importSims: {
    allowed: ["platform_admin", "org_admin", "org_staff"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/sims`,
      body: { sims: [{ iccid: freshIccid(), operatorId: A().operator.id }] },
    }),
  },
  importSimsCsv: {
    allowed: ["platform_admin", "org_admin", "org_staff"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/sims/import`,
      raw: `iccid,operatorId\n${freshIccid()},${A().operator.id}\n`,
      contentType: "text/csv",
    }),
  },
  ingestUsage: {
    allowed: ["platform_admin", "org_admin", "org_staff", "company_admin", "company_staff"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/usage`,
      body: {
        records: [
          {
            recordId: `role-matrix-${randomUUID()}`,
            iccid: A().sims.sibling,
            type: "data",
            quantity: 1_000,
            startedAt: new Date(Date.now() - 60_000).toISOString(),
          },
        ],
      },
    }),
  },
  assignSimToCompany: {
    allowed: ["platform_admin", "org_admin", "org_staff"],
    prepare: async () => ({
      path: `/v1/sims/${await freshSim()}/assign`,
      body: { companyId: A().companies.c1.id },
    }),
  },
  unassignSim: {
    allowed: ["platform_admin", "org_admin", "org_staff"],
    prepare: async () => ({ path: `/v1/sims/${await freshSim({ company: true })}/unassign` }),
  },
  assignSimToEndUser: {
    allowed: ["platform_admin", "org_admin", "org_staff", "company_admin", "company_staff"],
    prepare: async () => ({
      path: `/v1/sims/${await freshSim({ company: true })}/end-user`,
      body: { endUserId: A().users.endUser2.id },
    }),
  },
  changeSimStatus: {
    allowed: ["platform_admin", "org_admin", "org_staff", "company_admin", "company_staff"],
    prepare: async () => ({
      // The end user's own SIM, so the end user sees it and is refused for its role.
      path: `/v1/sims/${await freshSim({ company: true, endUser: A().users.endUser.id, active: true })}/status`,
      body: { status: "suspended", reason: "user" },
    }),
  },
  createPlan: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/plans`,
      body: { name: `RM plan ${n()}`, type: "prepaid", currency: "EUR", price: 100, validityDays: 7 },
    }),
  },
  updatePlan: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/plans/${await freshPlan()}`,
      body: { name: `RM plan renamed ${n()}` },
    }),
  },
  assignPlan: {
    allowed: ["platform_admin", "org_admin", "org_staff", "company_admin"],
    prepare: async () => ({
      path: `/v1/sims/${await freshSim({ company: true, endUser: A().users.endUser.id })}/plan`,
      body: { planId: A().plans.orgWide ?? (await freshPlan()) },
    }),
  },
  assignPlanBulk: {
    allowed: ["platform_admin", "org_admin", "org_staff", "company_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/sims/plan`,
      body: {
        planId: A().plans.orgWide ?? (await freshPlan()),
        iccids: [await freshSim({ company: true, endUser: A().users.endUser.id })],
      },
    }),
  },
  createOrganizationWebhook: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/webhooks`,
      body: { url: receiver.url, events: ["company.added"] },
    }),
  },
  createCompanyWebhook: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({
      path: `/v1/companies/${A().companies.c1.id}/webhooks`,
      body: { url: receiver.url, events: ["company.updated"] },
    }),
  },
  updateWebhook: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({ path: `/v1/webhooks/${A().webhooks.c1}`, body: { description: `RM ${n()}` } }),
  },
  deleteWebhook: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({ path: `/v1/webhooks/${await freshWebhook()}` }),
  },
  rotateWebhookSecret: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({ path: `/v1/webhooks/${A().webhooks.c1}/rotate-secret` }),
  },
  replayWebhook: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({
      path: `/v1/webhooks/${A().webhooks.c1}/replay`,
      body: { since: new Date(Date.now() - 60_000).toISOString() },
    }),
  },
  createOrganizationRule: {
    allowed: ["platform_admin", "org_admin"],
    prepare: async () => ({
      path: `/v1/organizations/${A().org.id}/rules`,
      body: { name: `RM ${n()}`, trigger: { type: "imei_changed" }, actions: [{ type: "notify" }] },
    }),
  },
  createCompanyRule: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({
      path: `/v1/companies/${A().companies.c1.id}/rules`,
      body: {
        name: `RM ${n()}`,
        trigger: { type: "data_used", thresholdBytes: 1_000_000, period: "month" },
        actions: [{ type: "change_status", status: "suspended" }],
      },
    }),
  },
  updateRule: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({ path: `/v1/rules/${A().rules.c1}`, body: { name: `RM ${n()}` } }),
  },
  deleteRule: {
    allowed: ["platform_admin", "org_admin", "company_admin"],
    prepare: async () => ({ path: `/v1/rules/${await freshRule()}` }),
  },
};

/** Renaming a company is the organization's decision, not the company admin's. */
const extraCases: [string, Expectation][] = [
  [
    "updateCompany (rename)",
    {
      allowed: ["platform_admin", "org_admin"],
      prepare: async () => ({
        path: `/v1/companies/${A().companies.c1.id}`,
        body: { name: `Company A1 ${n()}` },
      }),
    },
  ],
];

const mutating = allRoutes.filter((route) => route.method !== "get");

function tokenOf(role: MatrixRole): string | undefined {
  if (role === "anonymous") return undefined;
  if (role === "platform_admin") return admin;
  return world.tokens[role];
}

async function call(method: string, prepared: Prepared, token: string | undefined) {
  const client = httpClient(stack.gatewayUrl, token);
  const options =
    prepared.raw !== undefined ? { raw: prepared.raw, contentType: prepared.contentType } : undefined;
  if (method === "delete") return client.delete(prepared.path);
  if (method === "patch") return client.patch(prepared.path, prepared.body, options);
  if (method === "put") return client.put(prepared.path, prepared.body, options);
  return client.post(prepared.path, prepared.body, options);
}

describe("role matrix", () => {
  it("has an expectation for every mutating endpoint", () => {
    const missing = mutating.map((route) => route.operationId).filter((id) => !expectations[id]);
    expect(missing, "add these operations to the role matrix").toEqual([]);
  });

  const cases: [string, string, Expectation | undefined][] = [
    ...mutating.map(
      (route) =>
        [route.operationId, route.method, expectations[route.operationId]] as [
          string,
          string,
          Expectation | undefined,
        ],
    ),
    ...extraCases.map(
      ([label, expectation]) => [label, "patch", expectation] as [string, string, Expectation],
    ),
  ];

  it.each(cases)("%s", async (operation, method, expectation) => {
    if (!expectation) return; // reported by the coverage test above
    const wrong: string[] = [];
    for (const role of roles) {
      const prepared = await expectation.prepare(role);
      // Calls about one's own account use that account's token; anonymous never has one.
      const token = role === "anonymous" ? undefined : (prepared.token ?? tokenOf(role));
      const response = await call(method, prepared, token);
      const allowed = expectation.allowed.includes(role);
      results.push({ operation, role, status: response.status, allowed });
      const refusal = role === "anonymous" ? [401] : [403, 404];
      if (allowed ? response.status >= 300 : !refusal.includes(response.status)) {
        wrong.push(
          `${role}: ${response.status} ${response.body?.code ?? ""} (expected ${allowed ? "2xx" : refusal.join(" or ")})`,
        );
      }
    }
    expect(wrong).toEqual([]);
  });
});
