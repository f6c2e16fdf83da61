// Self-registration end to end (POST /v1/register): a consumer with the
// ICCID and activation code of a SIM sold under a virtual company lands in
// that company and gets the SIM. Every refusal changes nothing: no user, no
// SIM change, no event.
import { parseCloudEvent } from "@simhub/contracts";
import { type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iccid } from "./identity-support.ts";

let stack: Stack;
let admin: string;
let orgId: string;
let companyId: string;
const PASSWORD = "correct horse battery staple";

const SIM = { sold: iccid(1001), unassigned: iccid(1002), second: iccid(1003), guarded: iccid(1004) };
const CODE = {
  sold: "ACT-1001-XYZ",
  unassigned: "ACT-1002-XYZ",
  second: "ACT-1003-XYZ",
  guarded: "ACT-1004",
};

beforeAll(async () => {
  stack = await startStack();
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
  expect(imported.body.imported).toBe(4);
  for (const value of [SIM.sold, SIM.second, SIM.guarded]) {
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
});
