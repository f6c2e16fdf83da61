// The holes of the security review (issue 15), each written as its exploit
// against the real platform: the attack must fail now. Holes 2 (NATS), 3
// (caller-chosen sourceAddress) and 9 (TOTP throttling) have their exploits
// next to the code they attack: nats-permissions.int.test.ts and
// identity-service's auth.int.test.ts.
//
// The gateway trusts the test's own address as its proxy (TRUSTED_PROXIES),
// so each request says which client it is with X-Forwarded-For, as traffic
// behind the Kubernetes Ingress does.
import { randomBytes, randomUUID } from "node:crypto";
import { connect } from "node:net";
import { type HttpClient, luhnDigit, type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: Stack;
let admin: string;
let orgId: string;

const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  stack = await startStack({
    envFor: {
      "api-gateway": {
        TRUSTED_PROXIES: "127.0.0.1/32, ::1/128",
        BODY_TIMEOUT_MS: "1500",
        RATE_LIMIT_PER_ADDRESS: "300",
        UPLOAD_MIN_BYTES_PER_SECOND: "1000",
        UPLOAD_MIN_RATE_WINDOW_MS: "1500",
      },
      "sim-service": { ACTIVATION_ORG_MAX_FAILURES: "10" },
    },
  });
  admin = await stack.login(stack.admin.username, stack.admin.password);
  orgId = (await stack.http(admin).post("/v1/organizations", { name: "Security Org" })).body.id;
});

afterAll(async () => {
  await stack?.stop();
});

/** The API as seen from client `address` behind the trusted proxy. */
function from(address: string, token?: string): HttpClient {
  const client = stack.http(token);
  const withAddress = (options: { headers?: Record<string, string> } = {}) => ({
    ...options,
    headers: { ...options.headers, "x-forwarded-for": address },
  });
  return {
    get: (path, options) => client.get(path, withAddress(options)),
    post: (path, body, options) => client.post(path, body, withAddress(options)),
    patch: (path, body, options) => client.patch(path, body, withAddress(options)),
    put: (path, body, options) => client.put(path, body, withAddress(options)),
    delete: (path, options) => client.delete(path, withAddress(options)),
  };
}

let nextIccid = 1;
/** A valid ICCID, sequential like the ones an organization imports. */
function iccid(): string {
  const payload = `894477${String(nextIccid++).padStart(12, "0")}`;
  return payload + luhnDigit(payload);
}

async function newCompany(name: string, inOrg = orgId): Promise<string> {
  const response = await stack.http(admin).post(`/v1/organizations/${inOrg}/companies`, { name });
  expect(response.status).toBe(201);
  return response.body.id;
}

async function newUser(path: string, body: Record<string, unknown> = {}) {
  const username = `u-${randomBytes(4).toString("hex")}`;
  const response = await stack
    .http(admin)
    .post(path, { username, email: `${username}@example.com`, password: PASSWORD, ...body });
  expect(response.status).toBe(201);
  return { id: response.body.id as string, username };
}

async function importSims(inOrg: string, sims: { iccid: string; activationCode?: string }[]) {
  const response = await stack.http(admin).post(`/v1/organizations/${inOrg}/sims`, { sims });
  expect(response.status).toBe(201);
  return response.body as { imported: number; rejected: { iccid: string; code: string }[] };
}

describe("hole 1: real client addresses behind the proxy; nobody can lock another's account", () => {
  it("40 failed logins for a real user from one forwarded address slow that address, never the owner", async () => {
    const owner = await newUser(`/v1/organizations/${orgId}/staff`, { role: "org_staff" });
    const attacker = from("203.0.113.66");
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      statuses.push(
        (await attacker.post("/v1/auth/login", { username: owner.username, password: `guess-${i}-wrong` }))
          .status,
      );
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5).every((status) => status === 429)).toBe(true);

    const ownerLogin = await from("198.51.100.20").post("/v1/auth/login", {
      username: owner.username,
      password: PASSWORD,
    });
    expect(ownerLogin.status).toBe(200);
    expect(ownerLogin.body.accessToken).toBeTruthy();
    // The attacker's address is still slowed, even with the right password.
    const attackerAgain = await attacker.post("/v1/auth/login", {
      username: owner.username,
      password: PASSWORD,
    });
    expect(attackerAgain.status).toBe(429);
    expect(Number(attackerAgain.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("one client hammering an unauthenticated endpoint is limited alone, not everyone behind the proxy", async () => {
    const noisy = from("203.0.113.77");
    // The limit is 300 per fixed 10-second window: 310 requests that happen
    // to straddle a window's end split between two windows and may all
    // pass. Of 610 requests (well under 10 s), one window gets more than 300.
    let limited = 0;
    for (let i = 0; i < 610 && limited === 0; i++) {
      if ((await noisy.get("/.well-known/jwks.json")).status === 429) limited++;
    }
    expect(limited).toBeGreaterThan(0);
    expect((await from("198.51.100.21").get("/.well-known/jwks.json")).status).toBe(200);
  });

  it("only hops through trusted proxies count: addresses a client writes in front are ignored", async () => {
    // The chain's last untrusted hop is the client, whatever it put at the front of the header.
    const spoofer = stack.http();
    const statuses: number[] = [];
    const owner = await newUser(`/v1/organizations/${orgId}/staff`, { role: "org_staff" });
    for (let i = 0; i < 6; i++) {
      const response = await spoofer.post(
        "/v1/auth/login",
        { username: owner.username, password: `spoof-${i}-wrong` },
        { headers: { "x-forwarded-for": `10.9.9.${i}, 192.0.2.44` } },
      );
      statuses.push(response.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });
});

describe("hole 4: a refresh replayed through an Idempotency-Key", () => {
  it("is not replayed: the second use is reuse, and the whole session ends", async () => {
    const user = await newUser(`/v1/organizations/${orgId}/staff`, { role: "org_staff" });
    const client = from("198.51.100.30");
    const login = await client.post("/v1/auth/login", { username: user.username, password: PASSWORD });
    expect(login.status).toBe(200);
    const key = randomUUID();
    const first = await client.post(
      "/v1/auth/refresh",
      { refreshToken: login.body.refreshToken },
      { headers: { "idempotency-key": key } },
    );
    expect(first.status).toBe(200);
    const replay = await client.post(
      "/v1/auth/refresh",
      { refreshToken: login.body.refreshToken },
      { headers: { "idempotency-key": key } },
    );
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe("REFRESH_TOKEN_REUSED");
    expect(replay.headers.get("idempotency-replayed")).toBeNull();
    // The family is revoked: the token the first refresh handed out is dead too.
    const successor = await client.post("/v1/auth/refresh", { refreshToken: first.body.refreshToken });
    expect(successor.status).toBe(401);
    // And nothing of a token response rests in the bucket.
    const jsm = await stack.nc.jetstreamManager();
    const bucket = `KV_${stack.namespace}_simhub_idempotency`;
    const info = await jsm.streams.info(bucket).catch(() => undefined);
    for (let seq = info?.state.first_seq ?? 1; info && seq <= info.state.last_seq; seq++) {
      const stored = await jsm.streams.getMessage(bucket, { seq }).catch(() => undefined);
      if (stored) expect(new TextDecoder().decode(stored.data)).not.toContain(first.body.refreshToken);
    }
  });
});

describe("hole 5: activation codes guessed across many SIMs of one organization", () => {
  it("a weak code is refused at import", async () => {
    const sellerOrg = (await stack.http(admin).post("/v1/organizations", { name: "Weak Codes" })).body.id;
    const result = await importSims(sellerOrg, [
      { iccid: iccid(), activationCode: "4821" },
      { iccid: iccid(), activationCode: "ABCDEFGH" },
      { iccid: iccid(), activationCode: "K7Q2-M9X4-P3" },
    ]);
    expect(result.imported).toBe(1);
    expect(result.rejected.map((r) => r.code)).toEqual([
      "INVALID_ACTIVATION_CODE",
      "INVALID_ACTIVATION_CODE",
    ]);
  });

  it("wrong codes are counted per organization: rotating ICCIDs and addresses stops at its ceiling", async () => {
    const sellerOrg = (await stack.http(admin).post("/v1/organizations", { name: "Sequential Seller" })).body
      .id;
    const shop = await newCompany("Shop", sellerOrg);
    const sims = Array.from({ length: 12 }, (_, i) => ({
      iccid: iccid(),
      activationCode: `SHOP-${i}-K7Q2M9`,
    }));
    await importSims(sellerOrg, sims);
    for (const sim of sims) {
      expect((await stack.http(admin).post(`/v1/sims/${sim.iccid}/assign`, { companyId: shop })).status).toBe(
        200,
      );
    }
    // One wrong guess per SIM, each from another address: nothing per ICCID or per address adds up.
    const registration = (sim: { iccid: string }, activationCode: string) => ({
      iccid: sim.iccid,
      activationCode,
      username: `buyer-${randomBytes(4).toString("hex")}`,
      email: "buyer@example.com",
      password: PASSWORD,
    });
    for (let i = 0; i < 10; i++) {
      const guess = await from(`198.18.0.${i + 1}`).post(
        "/v1/register",
        registration(sims[i]!, "WRONG-GUESS-1"),
      );
      expect(guess.status).toBe(422);
    }
    // The organization's ceiling (10 here) is reached: even the right code waits.
    const right = await from("198.18.1.1").post(
      "/v1/register",
      registration(sims[11]!, sims[11]!.activationCode),
    );
    expect(right.status).toBe(429);
    expect(right.body.code).toBe("RATE_LIMITED");
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    const [claimed] = await stack.query("sim-service", "SELECT end_user_id FROM sims WHERE iccid = $1", [
      sims[11]!.iccid,
    ]);
    expect(claimed.end_user_id).toBeNull();
  });
});

describe("hole 6: registration reveals usernames", () => {
  it("a taken username answers like a free one until the activation code is proven", async () => {
    const sellerOrg = (await stack.http(admin).post("/v1/organizations", { name: "Probe Seller" })).body.id;
    const shop = await newCompany("Probe Shop", sellerOrg);
    const sim = { iccid: iccid(), activationCode: "PROBE-7Q2M-9X4K" };
    await importSims(sellerOrg, [sim]);
    expect((await stack.http(admin).post(`/v1/sims/${sim.iccid}/assign`, { companyId: shop })).status).toBe(
      200,
    );
    const taken = await newUser(`/v1/organizations/${orgId}/staff`, { role: "org_staff" });
    const attempt = (username: string, activationCode: string, address: string) =>
      from(address).post("/v1/register", {
        iccid: sim.iccid,
        activationCode,
        username,
        email: "probe@example.com",
        password: PASSWORD,
      });
    const takenWrong = await attempt(taken.username, "WRONG-CODE-123", "198.18.2.1");
    const freeWrong = await attempt(`free-${randomBytes(4).toString("hex")}`, "WRONG-CODE-123", "198.18.2.2");
    expect(takenWrong.status).toBe(freeWrong.status);
    expect(takenWrong.body.code).toBe(freeWrong.body.code);
    expect(takenWrong.body.code).toBe("SIM_ACTIVATION_INVALID");
    // Once the code is proven the answer may say so.
    const takenRight = await attempt(taken.username, sim.activationCode, "198.18.2.3");
    expect(takenRight.status).toBe(409);
    expect(takenRight.body.code).toBe("USERNAME_TAKEN");
  });
});

describe("hole 7: SIM history and views by tenure and role", () => {
  it("a later company and an end user see only their own time with the SIM; end users see no plans or staff", async () => {
    const first = await newCompany("First Holder");
    const second = await newCompany("Second Holder");
    const firstEndUser = await newUser(`/v1/companies/${first}/end-users`);
    const secondEndUser = await newUser(`/v1/companies/${second}/end-users`);
    const secondAdmin = await newUser(`/v1/companies/${second}/staff`, { role: "company_admin" });
    const sim = iccid();
    await importSims(orgId, [{ iccid: sim }]);
    const plan = await stack.http(admin).post(`/v1/organizations/${orgId}/plans`, {
      name: "Secret Plan",
      type: "prepaid",
      currency: "EUR",
      price: 999,
      validityDays: 30,
    });
    expect(plan.status).toBe(201);
    const api = stack.http(admin);
    for (const [path, body] of [
      [`/v1/sims/${sim}/assign`, { companyId: first }],
      [`/v1/sims/${sim}/end-user`, { endUserId: firstEndUser.id }],
      [`/v1/sims/${sim}/unassign`, {}],
      [`/v1/sims/${sim}/assign`, { companyId: second }],
      [`/v1/sims/${sim}/plan`, { planId: plan.body.id }],
      [`/v1/sims/${sim}/end-user`, { endUserId: secondEndUser.id }],
      [`/v1/sims/${sim}/status`, { status: "pending" }],
    ] as const) {
      expect((await api.post(path, body)).status).toBe(200);
    }
    const everything = (await api.get(`/v1/sims/${sim}/history`)).body.items as { kind: string }[];
    expect(everything.map((e) => e.kind)).toEqual([
      "imported",
      "assigned",
      "end_user_assigned",
      "unassigned",
      "assigned",
      "plan_assigned",
      "end_user_assigned",
      "status_changed",
    ]);

    const secondAdminToken = await stack.login(secondAdmin.username, PASSWORD);
    const companyView = (await stack.http(secondAdminToken).get(`/v1/sims/${sim}/history`)).body.items;
    expect(companyView.map((e: { kind: string }) => e.kind)).toEqual([
      "assigned",
      "plan_assigned",
      "end_user_assigned",
      "status_changed",
    ]);
    const companyText = JSON.stringify(companyView);
    expect(companyText).not.toContain(first);
    expect(companyText).not.toContain(firstEndUser.id);

    const endUserToken = await stack.login(secondEndUser.username, PASSWORD);
    const endUserView = (await stack.http(endUserToken).get(`/v1/sims/${sim}/history`)).body.items;
    expect(endUserView.map((e: { kind: string }) => e.kind)).toEqual(["end_user_assigned", "status_changed"]);
    const endUserText = JSON.stringify(endUserView);
    expect(endUserText).not.toContain(first);
    expect(endUserText).not.toContain(firstEndUser.id);
    expect(endUserText).not.toContain(plan.body.id);
    for (const entry of endUserView) expect(entry.actor).toEqual({ userId: "", role: "" });
    // Nor does the SIM itself tell an end user its plan.
    const ownSim = await stack.http(endUserToken).get(`/v1/sims/${sim}`);
    expect(ownSim.status).toBe(200);
    expect(JSON.stringify(ownSim.body)).not.toContain(plan.body.id);
    const listed = await stack.http(endUserToken).get("/v1/sims");
    expect(JSON.stringify(listed.body)).not.toContain(plan.body.id);
  });
});

/** Sends a request's head and a part of its body on a raw socket; resolves with what came back, or "silence". */
function slowRequest(path: string, headers: Record<string, string>, partialBody: string, waitMs: number) {
  const { port } = new URL(stack.gatewayUrl);
  return new Promise<{ status: number | null; elapsedMs: number }>((resolve) => {
    const started = Date.now();
    const socket = connect(Number(port), "127.0.0.1");
    let received = "";
    const finish = () => {
      socket.destroy();
      const match = /^HTTP\/1\.1 (\d{3})/.exec(received);
      resolve({ status: match ? Number(match[1]) : null, elapsedMs: Date.now() - started });
    };
    const timer = setTimeout(finish, waitMs);
    socket.on("data", (chunk) => {
      received += chunk.toString("latin1");
      if (received.includes("\r\n\r\n")) {
        clearTimeout(timer);
        finish();
      }
    });
    socket.on("error", () => {
      clearTimeout(timer);
      finish();
    });
    const head = Object.entries({ host: "gateway", connection: "keep-alive", ...headers })
      .map(([name, value]) => `${name}: ${value}`)
      .join("\r\n");
    socket.write(`POST ${path} HTTP/1.1\r\n${head}\r\n\r\n${partialBody}`);
  });
}

describe("hole 8: slow bodies tie up the gateway", () => {
  it("a JSON body that trickles is cut off after the route's body deadline with 408", async () => {
    const answer = await slowRequest(
      "/v1/auth/login",
      { "content-type": "application/json", "content-length": "200" },
      '{"username":',
      10_000,
    );
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(8_000);
  });

  it("a streamed CSV upload slower than the minimum transfer rate is cut off with 408", async () => {
    const answer = await slowRequest(
      `/v1/organizations/${orgId}/sims/import`,
      { authorization: `Bearer ${admin}`, "content-type": "text/csv", "transfer-encoding": "chunked" },
      "e\r\niccid,imsi\n\r\n",
      10_000,
    );
    expect(answer.status).toBe(408);
    expect(answer.elapsedMs).toBeLessThan(8_000);
  });

  it("an unauthenticated sender is refused before its body is read", async () => {
    const answer = await slowRequest(
      `/v1/organizations/${orgId}/companies`,
      { "content-type": "application/json", "content-length": "5000" },
      "",
      1_000,
    );
    expect(answer.status).toBe(401);
  });
});

describe("hole 10: idempotency remembers only final outcomes", () => {
  it("a 409 CONCURRENT_MODIFICATION is not replayed to a retry with the same key", async () => {
    const sim = iccid();
    await importSims(orgId, [{ iccid: sim }]);
    // The database skips every update of this SIM, as if another writer won
    // each time: sim-service gives up with CONCURRENT_MODIFICATION.
    // DDL takes no bind parameters: the names and the ICCID are generated digits and letters.
    const trigger = `skip_${randomBytes(4).toString("hex")}`;
    await stack.query(
      "sim-service",
      `CREATE FUNCTION ${trigger}() RETURNS trigger LANGUAGE plpgsql AS $$
         BEGIN IF OLD.iccid = '${sim}' THEN RETURN NULL; END IF; RETURN NEW; END $$`,
    );
    await stack.query(
      "sim-service",
      `CREATE TRIGGER ${trigger} BEFORE UPDATE ON sims FOR EACH ROW EXECUTE FUNCTION ${trigger}()`,
    );
    const key = randomUUID();
    const company = await newCompany("Contended");
    const assign = () =>
      stack
        .http(admin)
        .post(`/v1/sims/${sim}/assign`, { companyId: company }, { headers: { "idempotency-key": key } });
    try {
      const contended = await assign();
      expect(contended.status).toBe(409);
      expect(contended.body.code).toBe("CONCURRENT_MODIFICATION");
    } finally {
      await stack.query("sim-service", `DROP TRIGGER ${trigger} ON sims`);
      await stack.query("sim-service", `DROP FUNCTION ${trigger}()`);
    }
    const retried = await assign();
    expect(retried.status).toBe(200);
    expect(retried.headers.get("idempotency-replayed")).toBeNull();
    expect(retried.body.companyId).toBe(company);
    // The final outcome is what a further retry gets.
    const again = await assign();
    expect(again.status).toBe(200);
    expect(again.headers.get("idempotency-replayed")).toBe("true");
  });
});
