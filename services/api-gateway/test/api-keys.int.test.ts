// API keys and the OAuth 2.0 client-credentials grant through the gateway:
// a standard OAuth client library (oauth4webapi, unchanged) obtains tokens
// with both client authentication methods and calls the API with them;
// wrong, unknown, malformed and revoked clients get invalid_client; expired
// and forged machine tokens are refused; a key acts only in its tenant and
// only as its role; failed secrets are throttled like passwords; the
// secret appears in no log line, event, list or database row; malformed
// token requests get RFC 6749 errors, and so does an outage of identity-service.
import { createHash } from "node:crypto";
import { connect } from "node:net";
import { streamContexts } from "@simhub/contracts";
import { type HttpClient, type Stack, startStack, waitFor } from "@simhub/testing";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { b64url, IDENTITY_SECRETS_KEY, iccid, tokenForger } from "./identity-support.ts";
import { rowsMentioning } from "./matrix-support.ts";

let stack: Stack;
let admin: HttpClient;
let tokenEndpoint: string;
const tag = Math.random().toString(36).slice(2, 8);
let serial = 300_000 + Math.floor(Math.random() * 600_000);
const PASSWORD = "api key test password";

interface Tenant {
  orgId: string;
  operatorId: string;
  c1: string;
  c2: string;
  sim: string;
  orgAdmin: HttpClient;
  companyAdmin: HttpClient;
}
let A: Tenant;
let B: Tenant;

/** Every secret this file was handed: none may show up anywhere else. */
const secrets: string[] = [];

interface CreatedKey {
  id: string;
  clientId: string;
  clientSecret: string;
  role: string;
  orgId: string;
  companyId: string | null;
}

async function createKey(api: HttpClient, path: string, role: string): Promise<CreatedKey> {
  const response = await api.post(path, { name: `key ${role} ${Math.random()}`, role });
  if (response.status !== 201) throw new Error(`key: ${response.status} ${JSON.stringify(response.body)}`);
  secrets.push(response.body.clientSecret);
  return response.body;
}

const orgKey = (role: string, tenant = A) =>
  createKey(tenant.orgAdmin, `/v1/organizations/${tenant.orgId}/api-keys`, role);
const companyKey = (role: string, tenant = A) =>
  createKey(tenant.companyAdmin, `/v1/companies/${tenant.c1}/api-keys`, role);

const as = (): oauth.AuthorizationServer => ({ issuer: "simhub", token_endpoint: tokenEndpoint });
const insecure = { [oauth.allowInsecureRequests]: true };

/** A token the way an integration would get one: oauth4webapi, either client authentication method. */
async function tokenFor(key: CreatedKey, method: "basic" | "post" = "basic"): Promise<string> {
  const client: oauth.Client = { client_id: key.clientId };
  const auth =
    method === "basic" ? oauth.ClientSecretBasic(key.clientSecret) : oauth.ClientSecretPost(key.clientSecret);
  const response = await oauth.clientCredentialsGrantRequest(
    as(),
    client,
    auth,
    new URLSearchParams(),
    insecure,
  );
  const result = await oauth.processClientCredentialsResponse(as(), client, response);
  return result.access_token;
}

/** A raw token request: `form` as the body, optional headers. */
async function tokenRequest(form: string, headers: Record<string, string> = {}) {
  const response = await fetch(tokenEndpoint, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
    body: form,
  });
  const text = await response.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { status: response.status, headers: response.headers, body };
}

const basic = (id: string, secret: string) =>
  `Basic ${Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(secret)}`).toString("base64")}`;

const claimsOf = (token: string) => JSON.parse(Buffer.from(token.split(".")[1]!, "base64url").toString());

async function buildTenant(label: string): Promise<Tenant> {
  const org = await admin.post("/v1/organizations", { name: `Keys ${label} ${tag}` });
  const operator = await admin.post(`/v1/organizations/${org.body.id}/operators`, {
    operatorName: `Operator ${label} ${tag}`,
    mcc: "262",
    mnc: label === "A" ? "01" : "02",
    integration: "none",
  });
  const c1 = await admin.post(`/v1/organizations/${org.body.id}/companies`, { name: `C1 ${label} ${tag}` });
  const c2 = await admin.post(`/v1/organizations/${org.body.id}/companies`, { name: `C2 ${label} ${tag}` });
  const person = async (path: string, who: string, role: string) => {
    const username = `${who}-${label.toLowerCase()}-${tag}`;
    const created = await admin.post(path, {
      username,
      email: `${username}@example.com`,
      password: PASSWORD,
      role,
    });
    if (created.status !== 201) throw new Error(`${who}: ${created.status} ${JSON.stringify(created.body)}`);
    return stack.http(await stack.login(username, PASSWORD));
  };
  const sim = iccid(serial++, "89491");
  await admin.post(`/v1/organizations/${org.body.id}/sims`, {
    sims: [{ iccid: sim, operatorId: operator.body.id }],
  });
  await admin.post(`/v1/sims/${sim}/assign`, { companyId: c1.body.id });
  return {
    orgId: org.body.id,
    operatorId: operator.body.id,
    c1: c1.body.id,
    c2: c2.body.id,
    sim,
    orgAdmin: await person(`/v1/organizations/${org.body.id}/staff`, "org-admin", "org_admin"),
    companyAdmin: await person(`/v1/companies/${c1.body.id}/staff`, "company-admin", "company_admin"),
  };
}

beforeAll(async () => {
  stack = await startStack({
    logLevel: "info",
    envFor: {
      "identity-service": { IDENTITY_SECRETS_KEY },
      "api-gateway": { RATE_LIMIT_PER_ADDRESS: "0", RATE_LIMIT_PER_CALLER: "0", BODY_TIMEOUT_MS: "1500" },
    },
  });
  tokenEndpoint = `${stack.gatewayUrl}/v1/auth/token`;
  admin = stack.http(await stack.login(stack.admin.username, stack.admin.password));
  A = await buildTenant("A");
  B = await buildTenant("B");
}, 180_000);

afterAll(async () => {
  await stack?.stop();
});

describe("the client-credentials grant with a standard OAuth client", () => {
  it("issues a token with client_secret_basic and with client_secret_post, and the API accepts it", async () => {
    const key = await orgKey("org_staff");
    expect(key).toMatchObject({ role: "org_staff", orgId: A.orgId, companyId: null });
    expect(key.clientId).toMatch(/^simhub_ck_[A-Za-z0-9_-]{22}$/);
    expect(key.clientSecret).toMatch(/^simhub_cs_[A-Za-z0-9_-]{43}$/);

    for (const method of ["basic", "post"] as const) {
      const token = await tokenFor(key, method);
      const claims = claimsOf(token);
      expect(claims).toMatchObject({
        sub: key.id,
        role: "org_staff",
        org: A.orgId,
        client_id: key.clientId,
        iss: "simhub",
        aud: "simhub-api",
      });
      expect(claims.cmp).toBeUndefined();
      expect(claims.exp - claims.iat).toBeLessThanOrEqual(300);
      expect(JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).typ).toBe("at+jwt");

      // An ordinary principal to every service: sim-service imports, company-service lists.
      const api = stack.http(token);
      const value = iccid(serial++, "89491");
      const imported = await api.post(`/v1/organizations/${A.orgId}/sims`, {
        sims: [{ iccid: value, operatorId: A.operatorId }],
      });
      expect(imported.status, JSON.stringify(imported.body)).toBe(201);
      expect((await api.post(`/v1/sims/${value}/assign`, { companyId: A.c1 })).status).toBe(200);
      expect((await api.get(`/v1/organizations/${A.orgId}/companies`)).status).toBe(200);
      // The history tells the integration from a person: the actor is the key.
      const history = await admin.get(`/v1/sims/${value}/history`);
      const actors = history.body.items.map((entry: { actor: unknown }) => entry.actor);
      expect(actors).toContainEqual({ userId: key.id, role: "org_staff" });
    }
  });

  it("answers 200 with Bearer, expires_in ≤ 300 and Cache-Control: no-store", async () => {
    const key = await companyKey("company_staff");
    const response = await tokenRequest("grant_type=client_credentials", {
      authorization: basic(key.clientId, key.clientSecret),
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(Object.keys(response.body).sort()).toEqual(["access_token", "expires_in", "token_type"]);
    expect(response.body.token_type).toBe("Bearer");
    expect(response.body.expires_in).toBe(300);
    expect(claimsOf(response.body.access_token)).toMatchObject({
      role: "company_staff",
      org: A.orgId,
      cmp: A.c1,
    });
  });

  it("refuses a wrong secret, an unknown and a malformed client id alike: 401 invalid_client", async () => {
    const key = await orgKey("org_staff");
    const wrong = `simhub_cs_${"A".repeat(43)}`;
    try {
      await tokenFor({ ...key, clientSecret: wrong });
      expect.unreachable("a wrong secret got a token");
    } catch (error) {
      // The challenge comes first for a standard client; the body is the §5.2 error.
      expect(error).toBeInstanceOf(oauth.WWWAuthenticateChallengeError);
      const challenge = error as oauth.WWWAuthenticateChallengeError;
      expect(challenge.status).toBe(401);
      expect(challenge.cause[0]?.scheme).toBe("basic");
      expect(await challenge.response.json()).toMatchObject({ error: "invalid_client" });
    }
    const answers = [
      await tokenRequest(
        `grant_type=client_credentials&client_id=${key.clientId}&client_secret=${encodeURIComponent(wrong)}`,
      ),
      await tokenRequest("grant_type=client_credentials", {
        authorization: basic(`simhub_ck_${"B".repeat(22)}`, key.clientSecret),
      }),
      await tokenRequest("grant_type=client_credentials", { authorization: basic("not-a-client-id", "x") }),
      await tokenRequest("grant_type=client_credentials", { authorization: basic(key.clientId, "short") }),
    ];
    for (const answer of answers) {
      expect(answer.status).toBe(401);
      expect(answer.body.error).toBe("invalid_client");
      expect(answer.headers.get("www-authenticate")).toMatch(/^Basic realm="simhub"/);
      expect(answer.headers.get("cache-control")).toBe("no-store");
    }
    // One description for all: nothing tells an unknown client from a wrong secret.
    expect(new Set(answers.map((answer) => answer.body.error_description)).size).toBe(1);
  });

  it("issues no token for a revoked key; a token issued before works until it expires", async () => {
    const key = await orgKey("org_admin");
    const before = await tokenFor(key);
    expect((await A.orgAdmin.delete(`/v1/api-keys/${key.id}`)).status).toBe(204);
    const refused = await tokenRequest("grant_type=client_credentials", {
      authorization: basic(key.clientId, key.clientSecret),
    });
    expect(refused.status).toBe(401);
    expect(refused.body.error).toBe("invalid_client");
    expect((await stack.http(before).get(`/v1/organizations/${A.orgId}`)).status).toBe(200);
    const listed = await A.orgAdmin.get(`/v1/organizations/${A.orgId}/api-keys?limit=500`);
    expect(listed.body.items.map((item: { id: string }) => item.id)).not.toContain(key.id);
    expect((await A.orgAdmin.delete(`/v1/api-keys/${key.id}`)).body.code).toBe("API_KEY_NOT_FOUND");
  });

  it("refuses expired and forged machine tokens", async () => {
    const key = await companyKey("company_admin");
    const token = await tokenFor(key);
    const forger = await tokenForger(stack);
    const now = Math.floor(Date.now() / 1000);
    const machine = { sub: key.id, role: "company_admin", org: A.orgId, cmp: A.c1, client_id: key.clientId };
    const expired = forger.sign({ ...machine, iat: now - 400, nbf: now - 400, exp: now - 60 });
    const [header, , signature] = token.split(".");
    // The same signature over a payload moved to another company.
    const moved = `${header}.${b64url({ ...claimsOf(token), cmp: A.c2 })}.${signature}`;
    const unsigned = `${b64url({ alg: "none", typ: "at+jwt" })}.${b64url(claimsOf(token))}.`;
    for (const bad of [expired, moved, unsigned]) {
      const response = await stack.http(bad).get(`/v1/companies/${A.c1}`);
      expect(response.status).toBe(401);
    }
    expect((await stack.http(token).get(`/v1/companies/${A.c1}`)).status).toBe(200);
  });

  it("keeps lastUsedAt, written once a minute at most", async () => {
    const key = await orgKey("org_staff");
    const listKey = async () =>
      (await A.orgAdmin.get(`/v1/organizations/${A.orgId}/api-keys?limit=500`)).body.items.find(
        (item: { id: string }) => item.id === key.id,
      );
    expect((await listKey()).lastUsedAt).toBeNull();
    const issuedAfter = Date.now() - 2_000;
    await tokenFor(key);
    const first = (await listKey()).lastUsedAt;
    expect(Date.parse(first)).toBeGreaterThanOrEqual(issuedAfter);
    await tokenFor(key, "post");
    expect((await listKey()).lastUsedAt).toBe(first);
  });
});

describe("a key acts only in its tenant and only as its role", () => {
  it("a company key cannot act on another company's or organization's objects", async () => {
    const token = await tokenFor(await companyKey("company_admin"));
    const api = stack.http(token);
    expect((await api.get(`/v1/companies/${A.c1}`)).status).toBe(200);
    expect((await api.get(`/v1/sims/${A.sim}`)).status).toBe(200);
    for (const path of [
      `/v1/companies/${A.c2}`,
      `/v1/companies/${B.c1}`,
      `/v1/organizations/${B.orgId}`,
      `/v1/sims/${B.sim}`,
      `/v1/companies/${A.c2}/api-keys`,
      `/v1/companies/${B.c1}/api-keys`,
      `/v1/organizations/${A.orgId}/api-keys`,
    ]) {
      expect((await api.get(path)).status, path).toBe(404);
    }
    expect((await api.post(`/v1/sims/${B.sim}/status`, { status: "suspended" })).status).toBe(404);
    expect(
      (
        await api.post(`/v1/companies/${B.c1}/end-users`, {
          username: `intruder-${tag}`,
          email: `intruder-${tag}@example.com`,
          password: PASSWORD,
        })
      ).status,
    ).toBe(404);
    // Another tenant's key is not found, for revocation as for anything else.
    const foreign = await orgKey("org_staff", B);
    expect((await A.orgAdmin.delete(`/v1/api-keys/${foreign.id}`)).status).toBe(404);
    expect((await A.companyAdmin.delete(`/v1/api-keys/${foreign.id}`)).status).toBe(404);
  });

  it("a key's role is enforced; keys are managed by people only", async () => {
    const orgStaff = stack.http(await tokenFor(await orgKey("org_staff")));
    const orgAdmin = stack.http(await tokenFor(await orgKey("org_admin")));
    const companyStaff = stack.http(await tokenFor(await companyKey("company_staff")));
    const body = (role: string) => ({ name: "minted by a key", role });
    expect((await orgStaff.post(`/v1/organizations/${A.orgId}/api-keys`, body("org_staff"))).status).toBe(
      403,
    );
    expect((await companyStaff.post(`/v1/companies/${A.c1}/api-keys`, body("company_staff"))).status).toBe(
      403,
    );
    // Even an admin key: a leaked key must not be able to mint its own successors.
    const minted = await orgAdmin.post(`/v1/organizations/${A.orgId}/api-keys`, body("org_admin"));
    expect(minted.status).toBe(403);
    expect((await orgAdmin.post(`/v1/companies/${A.c1}/api-keys`, body("company_admin"))).status).toBe(403);
    // The roles themselves: creating companies is org_admin's.
    expect(
      (await orgStaff.post(`/v1/organizations/${A.orgId}/companies`, { name: `By staff key ${tag}` })).status,
    ).toBe(403);
    expect(
      (await orgAdmin.post(`/v1/organizations/${A.orgId}/companies`, { name: `By admin key ${tag}` })).status,
    ).toBe(201);
    // An integration is no person: it has no account of its own.
    expect((await orgStaff.get("/v1/me")).body.code).toBe("USER_NOT_FOUND");
    // Staff people do not manage keys either; a company admin manages only its company's.
    const staffKeyList = await companyStaff.get(`/v1/companies/${A.c1}/api-keys`);
    expect(staffKeyList.status).toBe(403);
    expect(
      (await A.companyAdmin.post(`/v1/organizations/${A.orgId}/api-keys`, body("org_staff"))).status,
    ).toBe(404);
  });

  it("refuses keys of a role outside their level, and malformed key requests", async () => {
    const cases: [string, unknown, number][] = [
      [`/v1/organizations/${A.orgId}/api-keys`, { name: "x", role: "company_admin" }, 400],
      [`/v1/companies/${A.c1}/api-keys`, { name: "x", role: "org_admin" }, 400],
      [`/v1/companies/${A.c1}/api-keys`, { name: "x", role: "end_user" }, 400],
      [`/v1/organizations/${A.orgId}/api-keys`, { role: "org_staff" }, 400],
      [`/v1/organizations/${A.orgId}/api-keys`, { name: "", role: "org_staff" }, 400],
      [`/v1/organizations/${A.orgId}/api-keys`, { name: "x", role: "org_staff", clientSecret: "mine" }, 400],
      [
        "/v1/organizations/00000000-0000-4000-8000-000000000000/api-keys",
        { name: "x", role: "org_staff" },
        404,
      ],
    ];
    for (const [path, body, status] of cases) {
      expect((await admin.post(path, body)).status, `${path} ${JSON.stringify(body)}`).toBe(status);
    }
    expect((await admin.get("/v1/organizations/00000000-0000-4000-8000-000000000000/api-keys")).status).toBe(
      404,
    );
    expect((await admin.get("/v1/companies/00000000-0000-4000-8000-000000000000/api-keys")).status).toBe(404);
    expect((await admin.delete("/v1/api-keys/not-a-uuid")).status).toBe(400);
    expect((await admin.get(`/v1/organizations/${A.orgId}/api-keys?cursor=bogus`)).status).toBe(400);
  });

  it("pages through a company's keys", async () => {
    const created: string[] = [];
    for (let i = 0; i < 3; i++)
      created.push((await createKey(A.orgAdmin, `/v1/companies/${A.c2}/api-keys`, "company_staff")).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${cursor}` : "";
      const page = await admin.get(`/v1/companies/${A.c2}/api-keys?limit=2${query}`);
      expect(page.status).toBe(200);
      seen.push(...page.body.items.map((item: { id: string }) => item.id));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(created);
  }, 30_000);
});

describe("bad token requests get RFC 6749 errors", () => {
  it("answers each malformed request with its error", async () => {
    const key = await orgKey("org_staff");
    const post = `client_id=${key.clientId}&client_secret=${key.clientSecret}`;
    const cases: [string, string, Record<string, string>, number, string][] = [
      ["missing grant_type", post, {}, 400, "invalid_request"],
      ["another grant", `grant_type=password&${post}`, {}, 400, "unsupported_grant_type"],
      ["a scope", `grant_type=client_credentials&scope=sims&${post}`, {}, 400, "invalid_scope"],
      [
        "a repeated parameter",
        `grant_type=client_credentials&grant_type=client_credentials&${post}`,
        {},
        400,
        "invalid_request",
      ],
      [
        "both methods",
        `grant_type=client_credentials&${post}`,
        { authorization: basic(key.clientId, key.clientSecret) },
        400,
        "invalid_request",
      ],
      ["no client authentication", "grant_type=client_credentials", {}, 401, "invalid_client"],
      [
        "malformed Basic",
        "grant_type=client_credentials",
        { authorization: "Basic ###" },
        401,
        "invalid_client",
      ],
      [
        "Basic without a colon",
        "grant_type=client_credentials",
        { authorization: `Basic ${Buffer.from("abc").toString("base64")}` },
        401,
        "invalid_client",
      ],
      [
        "JSON instead of a form",
        JSON.stringify({ grant_type: "client_credentials" }),
        { "content-type": "application/json" },
        400,
        "invalid_request",
      ],
      [
        "an oversized body",
        `grant_type=client_credentials&${post}&padding=${"x".repeat(5000)}`,
        {},
        413,
        "invalid_request",
      ],
      [
        "an over-long client_id",
        `grant_type=client_credentials&client_id=${"c".repeat(300)}&client_secret=x`,
        {},
        400,
        "invalid_request",
      ],
    ];
    for (const [label, form, headers, status, error] of cases) {
      const response = await tokenRequest(form, headers);
      expect(response.status, label).toBe(status);
      expect(response.headers.get("content-type"), label).toMatch(/^application\/json/);
      expect(response.body.error, label).toBe(error);
      expect(typeof response.body.error_description, label).toBe("string");
      expect(response.body.code, label).toBeUndefined();
    }
    // Unknown parameters are ignored (RFC 6749 §3.1), and so are empty ones.
    const fine = await tokenRequest(`grant_type=client_credentials&${post}&audience=x&scope=`);
    expect(fine.status).toBe(200);
  });
});

describe("a token request whose body trickles", () => {
  it("is cut off at the body deadline with 408 and an RFC 6749 error", async () => {
    const url = new URL(tokenEndpoint);
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname);
      let received = "";
      socket.on("data", (chunk) => {
        received += chunk.toString("utf8");
      });
      socket.on("close", () => resolve(received));
      socket.on("error", reject);
      socket.setTimeout(10_000, () => socket.destroy());
      socket.write(
        `POST ${url.pathname} HTTP/1.1\r\nhost: gateway\r\ncontent-type: application/x-www-form-urlencoded\r\ncontent-length: 200\r\n\r\ngrant_type=client_`,
      );
    });
    expect(raw).toMatch(/^HTTP\/1\.1 408/);
    expect(raw.toLowerCase()).toContain("content-type: application/json");
    expect(JSON.parse(raw.slice(raw.indexOf("\r\n\r\n") + 4))).toMatchObject({ error: "invalid_request" });
  });
});

describe("brute force of client secrets", () => {
  it("locks a client at an address after 5 wrong secrets, even for the right one; other clients go on", async () => {
    const key = await orgKey("org_staff");
    const other = await orgKey("org_staff");
    const wrong = `grant_type=client_credentials&client_id=${key.clientId}&client_secret=simhub_cs_${"w".repeat(43)}`;
    for (let i = 0; i < 5; i++) expect((await tokenRequest(wrong)).status).toBe(401);
    const locked = await tokenRequest("grant_type=client_credentials", {
      authorization: basic(key.clientId, key.clientSecret),
    });
    expect(locked.status).toBe(429);
    expect(locked.body.error).toBe("temporarily_unavailable");
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await tokenFor(other)).toBeTruthy();
  });

  it("never locks an integration out for asking in parallel with the right secret", async () => {
    const key = await orgKey("org_staff");
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () =>
        tokenRequest("grant_type=client_credentials", {
          authorization: basic(key.clientId, key.clientSecret),
        }).then((response) => response.status),
      ),
    );
    expect(statuses).toEqual(Array(20).fill(200));
  });

  it("gives a parallel burst no more guesses than a sequential one", async () => {
    const key = await orgKey("org_staff");
    const wrong = `grant_type=client_credentials&client_id=${key.clientId}&client_secret=simhub_cs_${"v".repeat(43)}`;
    const statuses = await Promise.all(
      Array.from({ length: 20 }, () => tokenRequest(wrong).then((r) => r.status)),
    );
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(5);
    expect(statuses).toContain(429);
    expect(statuses.filter((status) => status !== 401).every((status) => status === 429)).toBe(true);
  });
});

describe("the secret is shown once", () => {
  it("is never in a list, an event, a log line or a database row", async () => {
    // Touch every path once more so its logs are in the window read below.
    const key = await companyKey("company_admin");
    await tokenFor(key);
    await A.companyAdmin.delete(`/v1/api-keys/${key.id}`);
    const lists = [
      await A.orgAdmin.get(`/v1/organizations/${A.orgId}/api-keys?limit=500`),
      await A.orgAdmin.get(`/v1/companies/${A.c1}/api-keys?limit=500`),
      await admin.get(`/v1/companies/${A.c2}/api-keys?limit=500`),
    ];
    for (const list of lists) {
      expect(list.status).toBe(200);
      for (const item of list.body.items) expect(item.clientSecret).toBeUndefined();
    }
    const listed = JSON.stringify(lists.map((list) => list.body));
    const output = [stack.gateway, ...Object.values(stack.services).map((service) => service.process)]
      .flatMap((process) => process.recentOutput)
      .join("\n");
    // The logs are there to read: key creation is logged, without its secret.
    expect(output).toContain("API key created");
    const events: string[] = [];
    for (const context of streamContexts) {
      for (const { event } of await stack.eventMessages(context)) events.push(JSON.stringify(event));
    }
    expect(secrets.length).toBeGreaterThan(10);
    for (const secret of secrets) {
      expect(listed).not.toContain(secret);
      expect(output).not.toContain(secret);
      expect(events.join("\n")).not.toContain(secret);
    }
    expect(await rowsMentioning(stack, secrets)).toEqual([]);
    // Stored as SHA-256 of the secret, and only that.
    const [row] = await stack.query("identity-service", "SELECT secret_hash FROM api_keys WHERE id = $1", [
      key.id,
    ]);
    expect(Buffer.from(row.secret_hash).equals(createHash("sha256").update(key.clientSecret).digest())).toBe(
      true,
    );
  });
});

describe("while identity-service is down", () => {
  it("the token endpoint answers 503 temporarily_unavailable with Retry-After, then tokens again", async () => {
    const key = await orgKey("org_staff");
    const identity = stack.services["identity-service"].process;
    await identity.stop();
    try {
      const answer = await tokenRequest("grant_type=client_credentials", {
        authorization: basic(key.clientId, key.clientSecret),
      });
      expect(answer.status).toBe(503);
      expect(answer.body.error).toBe("temporarily_unavailable");
      expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await identity.start();
      await identity.waitReady();
    }
    expect(
      await waitFor(() => tokenFor(key), { timeoutMs: 30_000, what: "a token after the restart" }),
    ).toBeTruthy();
  }, 60_000);
});
