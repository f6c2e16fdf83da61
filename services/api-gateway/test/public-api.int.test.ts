// The gateway as a public API: Idempotency-Key semantics, body and rate
// limits, a problem document for every error class, composition that
// degrades when an enrichment source is down, and breakers that answer at
// once while a service is down and close again when it returns.
import { randomUUID } from "node:crypto";
import { type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ICCID = "8944500102030405062";
let stack: Stack;
let admin: string;
let orgId: string;
let companyId: string;

beforeAll(async () => {
  stack = await startStack({
    envFor: {
      // Small limits so the test reaches them; the breaker opens after a few failures.
      "api-gateway": { RATE_LIMIT_PER_ADDRESS: "400", RATE_LIMIT_PER_CALLER: "0", BODY_LIMIT_BYTES: "65536" },
    },
  });
  admin = await stack.login(stack.admin.username, stack.admin.password);
  const api = stack.http(admin);
  orgId = (await api.post("/v1/organizations", { name: "Public API Org" })).body.id;
  companyId = (await api.post(`/v1/organizations/${orgId}/companies`, { name: "Composed Ltd" })).body.id;
  expect(
    (await api.post(`/v1/organizations/${orgId}/sims`, { sims: [{ iccid: ICCID }] })).body.imported,
  ).toBe(1);
  expect((await api.post(`/v1/sims/${ICCID}/assign`, { companyId })).status).toBe(200);
});

afterAll(async () => {
  await stack?.stop();
});

async function orgAdminToken(org: string, username: string): Promise<string> {
  const password = `pw-${randomUUID()}`;
  const created = await stack.http(admin).post(`/v1/organizations/${org}/staff`, {
    username,
    email: `${username}@example.com`,
    password,
    role: "org_admin",
  });
  expect(created.status).toBe(201);
  return stack.login(username, password);
}

async function metricValue(url: string, pattern: RegExp): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return text
    .split("\n")
    .filter((line) => pattern.test(line))
    .reduce((sum, line) => sum + Number(line.split(" ").at(-1)), 0);
}

describe("Idempotency-Key", () => {
  it("replays the first response for the same key and body: one row, one event", async () => {
    const api = stack.http(admin);
    const key = randomUUID();
    const first = await api.post(
      "/v1/organizations",
      { name: "Idempotent Org" },
      { headers: { "Idempotency-Key": key } },
    );
    const second = await api.post(
      "/v1/organizations",
      { name: "Idempotent Org" },
      { headers: { "Idempotency-Key": key } },
    );
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body).toEqual(first.body);
    expect(second.headers.get("idempotency-replayed")).toBe("true");
    const rows = await stack.query("org-service", "SELECT id FROM organizations WHERE name = $1", [
      "Idempotent Org",
    ]);
    expect(rows).toHaveLength(1);
    const ofThisOrg = async () =>
      (await stack.events("org", { type: "OrganizationCreated" })).filter(
        (event) => (event.data as { orgId: string }).orgId === first.body.id,
      );
    for (let i = 0; i < 50 && (await ofThisOrg()).length === 0; i++)
      await new Promise((r) => setTimeout(r, 100));
    expect(await ofThisOrg()).toHaveLength(1);
  });

  it("refuses the same key with another body: 422", async () => {
    const api = stack.http(admin);
    const key = randomUUID();
    expect(
      (await api.post("/v1/organizations", { name: "Key Org A" }, { headers: { "Idempotency-Key": key } }))
        .status,
    ).toBe(201);
    const reused = await api.post(
      "/v1/organizations",
      { name: "Key Org B" },
      { headers: { "Idempotency-Key": key } },
    );
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe("IDEMPOTENCY_KEY_REUSED");
    expect(
      await stack.query("org-service", "SELECT id FROM organizations WHERE name = $1", ["Key Org B"]),
    ).toHaveLength(0);
  });

  it("answers 409 while the first request with the key is in flight, and creates one row", async () => {
    const api = stack.http(admin);
    const key = randomUUID();
    const sims = Array.from({ length: 1 }, () => ({ iccid: "8944500102030405070" }));
    const responses = await Promise.all(
      Array.from({ length: 8 }, () =>
        api.post(`/v1/organizations/${orgId}/sims`, { sims }, { headers: { "Idempotency-Key": key } }),
      ),
    );
    const statuses = responses.map((response) => response.status);
    expect(statuses.every((status) => status === 201 || status === 409)).toBe(true);
    expect(statuses).toContain(409);
    for (const response of responses.filter((r) => r.status === 409)) {
      expect(response.body.code).toBe("IDEMPOTENCY_KEY_IN_FLIGHT");
    }
    const [{ n }] = await stack.query("sim-service", "SELECT count(*)::int AS n FROM sims WHERE iccid = $1", [
      "8944500102030405070",
    ]);
    expect(n).toBe(1);
    const imported = (await stack.events("sim", { type: "SimsImported", count: 2 })).length;
    expect(imported).toBe(2); // the one in beforeAll and this one: never one per retry
  });

  it("scopes keys to the caller: another tenant with the same key gets its own result", async () => {
    const otherOrg = (await stack.http(admin).post("/v1/organizations", { name: "Second Tenant" })).body.id;
    const first = await orgAdminToken(orgId, `idem-a-${Date.now()}`);
    const second = await orgAdminToken(otherOrg, `idem-b-${Date.now()}`);
    const key = "shared-key-0001";
    const a = await stack
      .http(first)
      .post(
        `/v1/organizations/${orgId}/companies`,
        { name: "Same Name" },
        { headers: { "Idempotency-Key": key } },
      );
    const b = await stack
      .http(second)
      .post(
        `/v1/organizations/${otherOrg}/companies`,
        { name: "Same Name" },
        { headers: { "Idempotency-Key": key } },
      );
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(b.headers.get("idempotency-replayed")).toBeNull();
    expect(b.body.id).not.toBe(a.body.id);
    expect(b.body.orgId).toBe(otherOrg);
  });

  it("rejects a malformed key with 400", async () => {
    const response = await stack
      .http(admin)
      .post(
        "/v1/organizations",
        { name: "Bad Key Org" },
        { headers: { "Idempotency-Key": "x".repeat(300) } },
      );
    expect(response.status).toBe(400);
    expect(response.body.code).toBe("INVALID_IDEMPOTENCY_KEY");
  });
});

describe("a problem document for every error class", () => {
  const expectProblem = (
    response: { status: number; headers: Headers; body: any },
    status: number,
    code?: string,
  ) => {
    expect(response.status).toBe(status);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    expect(response.body).toMatchObject({ status, type: expect.any(String), title: expect.any(String) });
    expect(typeof response.body.code).toBe("string");
    expect(typeof response.body.detail).toBe("string");
    if (code) expect(response.body.code).toBe(code);
    expect(JSON.stringify(response.body)).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
  };

  it("400 invalid input", async () => {
    expectProblem(await stack.http(admin).post("/v1/organizations", { name: 42 }), 400);
  });
  it("401 no token, and a forged token", async () => {
    expectProblem(await stack.http().get("/v1/organizations"), 401);
    expectProblem(await stack.http("not.a.jwt").get("/v1/organizations"), 401);
  });
  it("403 authenticated but not allowed", async () => {
    const orgAdmin = await orgAdminToken(orgId, `forbidden-${Date.now()}`);
    expectProblem(await stack.http(orgAdmin).post("/v1/organizations", { name: "Not Mine" }), 403);
  });
  it("404 not found, and unknown routes", async () => {
    expectProblem(await stack.http(admin).get(`/v1/organizations/${randomUUID()}`), 404);
    expectProblem(await stack.http(admin).get("/v1/nothing-here"), 404, "ROUTE_NOT_FOUND");
  });
  it("409 conflict", async () => {
    expectProblem(await stack.http(admin).post("/v1/organizations", { name: "public api org" }), 409);
  });
  it("413 body too large", async () => {
    const response = await stack.http(admin).post("/v1/organizations", { name: "x".repeat(100_000) });
    expectProblem(response, 413, "BODY_TOO_LARGE");
  });
  it("415 wrong content type", async () => {
    const response = await stack.http(admin).post("/v1/organizations", undefined, {
      raw: "name=x",
      contentType: "application/x-www-form-urlencoded",
    });
    expectProblem(response, 415, "UNSUPPORTED_MEDIA_TYPE");
  });
  it("422 business rule", async () => {
    const unassigned = "8944500102030405088";
    await stack.http(admin).post(`/v1/organizations/${orgId}/sims`, { sims: [{ iccid: unassigned }] });
    expectProblem(
      await stack.http(admin).post(`/v1/sims/${unassigned}/assign`, { companyId: randomUUID() }),
      422,
      "SIM_CHAIN_UNRESOLVED",
    );
  });
  it("400 for JSON nested too deep", async () => {
    let deep: unknown = "x";
    for (let i = 0; i < 100; i++) deep = { a: deep };
    expectProblem(await stack.http(admin).post("/v1/organizations", { name: "Deep", extra: deep }), 400);
  });
});

describe("composition and breakers while a service is down", () => {
  it("returns the SIM with organization null and degraded when org-service is down; writes to it are 503 fast", async () => {
    const org = stack.services["org-service"].process;
    await org.kill("SIGKILL");

    const sim = await stack.http(admin).get(`/v1/sims/${ICCID}`);
    expect(sim.status).toBe(200);
    expect(sim.body.iccid).toBe(ICCID);
    expect(sim.body.organization).toBeNull();
    expect(sim.body.company).toMatchObject({ id: companyId });
    expect(sim.body.degraded).toContain("organization");

    const company = await stack.http(admin).get(`/v1/companies/${companyId}`);
    expect(company.status).toBe(200);
    expect(company.body.organization).toBeNull();
    expect(company.body.degraded).toContain("organization");

    // Writes whose owner is down: 503 with Retry-After, until the breaker opens…
    for (let i = 0; i < 12; i++) {
      const response = await stack.http(admin).post("/v1/organizations", { name: `Down ${i}` });
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBeTruthy();
    }
    expect(
      await metricValue(stack.gatewayUrl, /^simhub_breaker_state\{[^}]*downstream="org\.CreateOrganization"/),
    ).toBe(2);
    // …then without calling org-service at all.
    const startedBefore = await metricValue(
      stack.gatewayUrl,
      /^grpc_client_started_total\{[^}]*grpc_method="CreateOrganization"/,
    );
    const latencies: number[] = [];
    for (let i = 0; i < 20; i++) {
      const started = performance.now();
      const response = await stack.http(admin).post("/v1/organizations", { name: `Open ${i}` });
      latencies.push(performance.now() - started);
      expect(response.status).toBe(503);
      expect(response.body.code).toBe("SERVICE_UNAVAILABLE");
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    const startedAfter = await metricValue(
      stack.gatewayUrl,
      /^grpc_client_started_total\{[^}]*grpc_method="CreateOrganization"/,
    );
    expect(startedAfter).toBe(startedBefore);
    latencies.sort((a, b) => a - b);
    console.log(
      `[public-api] open-breaker 503 latency: p50=${latencies[10]!.toFixed(1)} ms max=${latencies[19]!.toFixed(1)} ms`,
    );
    expect(latencies[10]!).toBeLessThan(50);

    // The service returns: the breaker half-opens after its reset timeout and closes on success.
    await org.start();
    await org.waitReady();
    const deadline = Date.now() + 20_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await stack.http(admin).post("/v1/organizations", { name: `Back ${Date.now()}` })).status;
      if (status === 201) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(status).toBe(201);
    expect(
      await metricValue(stack.gatewayUrl, /^simhub_breaker_state\{[^}]*downstream="org\.CreateOrganization"/),
    ).toBe(0);
  }, 90_000);
});

describe("request ids and deadlines", () => {
  it("echoes X-Request-Id and carries it into the event the request caused", async () => {
    const requestId = `req-${randomUUID()}`;
    const created = await stack
      .http(admin)
      .post("/v1/organizations", { name: "Traced Org" }, { headers: { "X-Request-Id": requestId } });
    expect(created.status).toBe(201);
    expect(created.headers.get("x-request-id")).toBe(requestId);
    const deadline = Date.now() + 10_000;
    let message:
      | { headers: Record<string, string>; event: { data: unknown; traceparent?: string } }
      | undefined;
    while (!message && Date.now() < deadline) {
      message = (await stack.eventMessages("org")).find(
        (m) => (m.event.data as { orgId?: string }).orgId === created.body.id,
      );
      if (!message) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(message?.headers["X-Request-Id"]).toBe(requestId);
    expect(message?.event.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$/);
  });

  it("answers 504 with a problem document when a service does not answer within the deadline", async () => {
    const identity = stack.services["identity-service"].process.child!;
    process.kill(identity.pid!, "SIGSTOP");
    try {
      const response = await stack.http(admin).get("/v1/me");
      expect(response.status).toBe(504);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.body).toMatchObject({ status: 504, code: "DEADLINE_EXCEEDED" });
    } finally {
      process.kill(identity.pid!, "SIGCONT");
    }
  }, 30_000);
});

describe("rate limits", () => {
  it("answers 429 with Retry-After past the per-address limit", async () => {
    const api = stack.http();
    let limited: { status: number; headers: Headers; body: any } | undefined;
    for (let i = 0; i < 450 && !limited; i++) {
      const response = await api.post("/v1/auth/login", {
        username: "nobody-here",
        password: "wrong-password-123",
      });
      if (response.status === 429) limited = response;
    }
    expect(limited).toBeDefined();
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(limited!.body.code).toBe("RATE_LIMITED");
  }, 120_000);
});
