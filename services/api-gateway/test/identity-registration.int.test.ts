// Self-registration end to end (POST /v1/register): a consumer with the
// ICCID and activation code of a SIM sold under a virtual company lands in
// that company and gets the SIM. Every refusal changes nothing: no user, no
// SIM change, no event.

import { randomUUID } from "node:crypto";
import { parseCloudEvent } from "@simhub/contracts";
import { type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { IDENTITY_SECRETS_KEY, iccid, seal, simClient, tokenForger } from "./identity-support.ts";

let stack: Stack;
let admin: string;
let orgId: string;
let companyId: string;
const PASSWORD = "correct horse battery staple";

const SIM = {
  sold: iccid(1001),
  unassigned: iccid(1002),
  second: iccid(1003),
  guarded: iccid(1004),
  interrupted: iccid(1005),
};
const CODE = {
  sold: "ACT-1001-XYZ",
  unassigned: "ACT-1002-XYZ",
  second: "ACT-1003-XYZ",
  guarded: "ACT-1004-XYZ",
  interrupted: "ACT-1005-XYZ",
};

beforeAll(async () => {
  stack = await startStack({
    envFor: { "identity-service": { IDENTITY_SECRETS_KEY, PENDING_REGISTRATION_SETTLE_SECONDS: "2" } },
  });
  admin = await stack.login(stack.admin.username, stack.admin.password);
  const api = stack.http(admin);
  orgId = (await api.post("/v1/organizations", { name: "Prepaid Seller" })).body.id;
  companyId = (await api.post(`/v1/organizations/${orgId}/companies`, { name: "Amazon Band", virtual: true }))
    .body.id;
  const imported = await api.post(`/v1/organizations/${orgId}/sims`, {
    sims: Object.entries(SIM).map(([key, value]) => ({
      iccid: value,
      activationCode: CODE[key as keyof typeof CODE],
    })),
  });
  expect(imported.status).toBe(201);
  expect(imported.body.imported).toBe(5);
  for (const value of [SIM.sold, SIM.second, SIM.guarded, SIM.interrupted]) {
    expect((await api.post(`/v1/sims/${value}/assign`, { companyId })).status).toBe(200);
  }
});

afterAll(async () => {
  await stack?.stop();
});

function registration(overrides: Record<string, unknown> = {}) {
  return {
    iccid: SIM.sold,
    activationCode: CODE.sold,
    username: "band-buyer",
    email: "buyer@example.com",
    password: PASSWORD,
    ...overrides,
  };
}

async function snapshot() {
  const [users] = await stack.query("identity-service", "SELECT count(*)::int AS n FROM users");
  const sims = await stack.query(
    "sim-service",
    "SELECT iccid, end_user_id, company_id, version FROM sims ORDER BY iccid",
  );
  const identityEvents = (await stack.eventMessages("identity")).length;
  const simEvents = (await stack.eventMessages("sim")).filter(
    (m) => m.event.type === "SimAssignedToEndUser",
  ).length;
  return { users: users.n, sims, identityEvents, simEvents };
}

describe("self-registration refusals change nothing", () => {
  it.each([
    ["an unknown ICCID", { iccid: iccid(9999) }, 422, "SIM_ACTIVATION_INVALID"],
    ["a wrong activation code", { activationCode: "ACT-WRONG" }, 422, "SIM_ACTIVATION_INVALID"],
    [
      "a SIM not assigned to a company",
      { iccid: SIM.unassigned, activationCode: CODE.unassigned },
      422,
      "SIM_NOT_ASSIGNED",
    ],
    [
      "a password equal to the username",
      { username: "band-buyer-2026", password: "BAND-BUYER-2026" },
      400,
      undefined,
    ],
    ["an invalid ICCID", { iccid: "1234" }, 400, undefined],
  ])("%s", async (_label, overrides, status, code) => {
    const before = await snapshot();
    const response = await stack.http().post("/v1/register", registration(overrides));
    expect(response.status).toBe(status);
    if (code) expect(response.body.code).toBe(code);
    // Give a stray outbox row time to show up before comparing.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await snapshot()).toEqual(before);
  });
});

describe("self-registration", () => {
  let userId: string;

  it("lands the consumer in the SIM's company and gives them the SIM", async () => {
    const response = await stack.http().post("/v1/register", registration());
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      companyId,
      orgId,
      username: "band-buyer",
      email: "buyer@example.com",
      iccid: SIM.sold,
    });
    userId = response.body.id;
    const [sim] = await stack.query(
      "sim-service",
      "SELECT end_user_id, company_id FROM sims WHERE iccid = $1",
      [SIM.sold],
    );
    expect(sim).toEqual({ end_user_id: userId, company_id: companyId });
  });

  it("publishes EndUserRegistered (via self-registration) and SimAssignedToEndUser", async () => {
    const registered = (await stack.events("identity", { type: "EndUserRegistered" })).map(parseCloudEvent);
    expect(registered.find((e) => e.subject === userId)?.data).toEqual({
      userId,
      companyId,
      orgId,
      username: "band-buyer",
      email: "buyer@example.com",
      via: "self-registration",
    });
    const assigned = (await stack.events("sim", { type: "SimAssignedToEndUser" })).map(parseCloudEvent);
    expect(assigned.find((e) => e.subject === SIM.sold)?.data).toEqual({
      iccid: SIM.sold,
      orgId,
      companyId,
      endUserId: userId,
    });
  });

  it("the new user logs in and sees its SIM", async () => {
    const token = await stack.login("band-buyer", PASSWORD);
    const me = await stack.http(token).get("/v1/me");
    expect(me.body).toMatchObject({ id: userId, role: "end_user", companyId, orgId });
    const sim = await stack.http(token).get(`/v1/sims/${SIM.sold}`);
    expect(sim.status).toBe(200);
    expect(sim.body.endUser).toEqual({ id: userId, username: "band-buyer" });
  });

  it("refuses a SIM that already has an end user (409), changing nothing", async () => {
    const before = await snapshot();
    const response = await stack.http().post("/v1/register", registration({ username: "second-buyer" }));
    expect(response.status).toBe(409);
    expect(response.body.code).toBe("SIM_ALREADY_REGISTERED");
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await snapshot()).toEqual(before);
  });

  it("refuses a taken username (409) before touching the SIM", async () => {
    const before = await snapshot();
    const response = await stack
      .http()
      .post(
        "/v1/register",
        registration({ iccid: SIM.second, activationCode: CODE.second, username: "Band-Buyer" }),
      );
    expect(response.status).toBe(409);
    expect(response.body.code).toBe("USERNAME_TAKEN");
    expect(await snapshot()).toEqual(before);
  });

  it("of two consumers racing for one SIM exactly one wins", async () => {
    const responses = await Promise.all(
      ["racer-one", "racer-two"].map((username) =>
        stack
          .http()
          .post("/v1/register", registration({ iccid: SIM.second, activationCode: CODE.second, username })),
      ),
    );
    expect(responses.map((r) => r.status).sort()).toEqual([201, 409]);
    const rows = await stack.query(
      "identity-service",
      "SELECT username, status FROM users WHERE username LIKE 'racer-%'",
    );
    expect(rows).toEqual([{ username: expect.stringMatching(/^racer-/), status: "active" }]);
  });

  it("throttles activation-code guessing per SIM (429 with Retry-After)", async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 6; i++) {
      const response = await stack
        .http()
        .post(
          "/v1/register",
          registration({ iccid: SIM.guarded, activationCode: `GUESS-${i}`, username: `guesser-${i}` }),
        );
      statuses.push(response.status);
      if (response.status === 429) retryAfter = response.headers.get("retry-after");
    }
    expect(statuses).toEqual([422, 422, 422, 422, 422, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Even the right code waits out the lock.
    const right = await stack
      .http()
      .post(
        "/v1/register",
        registration({ iccid: SIM.guarded, activationCode: CODE.guarded, username: "patient" }),
      );
    expect(right.status).toBe(429);
  });

  describe("a registration interrupted half-way is settled by the housekeeping", () => {
    async function pendingRegistration(username: string, simIccid: string, code: string) {
      const id = randomUUID();
      await stack.query(
        "identity-service",
        `INSERT INTO users (id, username, username_key, email, role, org_id, company_id, password_hash, status, via,
                            registration_iccid, registration_code_sealed, created_at)
         VALUES ($1, $2, $2, $3, 'end_user', $4, $5, '!', 'pending', 'self-registration', $6, $7,
                 now() - interval '10 seconds')`,
        [
          id,
          username,
          `${username}@example.com`,
          orgId,
          companyId,
          simIccid,
          seal(code, `registration-code:${id}`),
        ],
      );
      return id;
    }
    async function settled(id: string) {
      const deadline = Date.now() + 15_000;
      for (;;) {
        const [row] = await stack.query("identity-service", "SELECT status FROM users WHERE id = $1", [id]);
        if (row?.status !== "pending" || Date.now() > deadline) return row?.status as string | undefined;
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    }

    it("after the SIM claim (the process died before activating): the user becomes active", async () => {
      const id = await pendingRegistration("interrupted-buyer", SIM.interrupted, CODE.interrupted);
      // The claim went through before the crash.
      const forger = await tokenForger(stack);
      const sim = simClient(stack);
      try {
        await sim.AssignSimToEndUserBySystem(
          { iccid: SIM.interrupted, endUserId: id, activationCode: CODE.interrupted, companyId },
          { token: forger.sign({ sub: "identity-service", role: "service" }) },
        );
      } finally {
        sim.close();
      }
      expect(await settled(id)).toBe("active");
      const registered = await stack.events("identity", {
        type: "EndUserRegistered",
        count: 10,
        timeoutMs: 5_000,
      });
      expect(registered.some((event) => event.subject === id)).toBe(true);
      const [row] = await stack.query(
        "identity-service",
        "SELECT registration_code_sealed FROM users WHERE id = $1",
        [id],
      );
      expect(row.registration_code_sealed).toBeNull();
    });

    it("whose SIM went to someone else: the pending user is deleted", async () => {
      const id = await pendingRegistration("too-late-buyer", SIM.sold, CODE.sold);
      expect(await settled(id)).toBeUndefined();
    });
  });
});
