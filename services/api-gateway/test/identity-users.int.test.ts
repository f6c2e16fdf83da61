// Users of every level through the gateway: who may create staff and end
// users where, the company chain check, end-user reads and changes scoped to
// the caller's tenant, and the identity events (never a secret in them).
import { parseCloudEvent } from "@simhub/contracts";
import { type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: Stack;
let admin: string;
const PASSWORD = "correct horse battery staple";
const ids = {} as Record<"orgA" | "orgB" | "companyA1" | "companyA2" | "companyB1" | "archived", string>;
const tokens = {} as Record<
  "orgAdminA" | "orgStaffA" | "companyAdminA1" | "companyStaffA1" | "orgAdminB",
  string
>;

beforeAll(async () => {
  stack = await startStack();
  admin = await stack.login(stack.admin.username, stack.admin.password);
  const api = stack.http(admin);
  ids.orgA = (await api.post("/v1/organizations", { name: "Org A" })).body.id;
  ids.orgB = (await api.post("/v1/organizations", { name: "Org B" })).body.id;
  ids.companyA1 = (await api.post(`/v1/organizations/${ids.orgA}/companies`, { name: "A1" })).body.id;
  ids.companyA2 = (await api.post(`/v1/organizations/${ids.orgA}/companies`, { name: "A2" })).body.id;
  ids.companyB1 = (await api.post(`/v1/organizations/${ids.orgB}/companies`, { name: "B1" })).body.id;
  ids.archived = (await api.post(`/v1/organizations/${ids.orgA}/companies`, { name: "Gone" })).body.id;
  expect([200, 204]).toContain((await api.delete(`/v1/companies/${ids.archived}`)).status);
});

afterAll(async () => {
  await stack?.stop();
});

function account(username: string, extra: Record<string, unknown> = {}) {
  return { username, email: `${username}@example.com`, password: PASSWORD, ...extra };
}

async function userRow(username: string) {
  const [row] = await stack.query("identity-service", "SELECT * FROM users WHERE username = $1", [username]);
  return row;
}

describe("organization staff", () => {
  it("the platform admin adds an org admin; StaffAdded carries no secret", async () => {
    const response = await stack
      .http(admin)
      .post(`/v1/organizations/${ids.orgA}/staff`, account("org-admin-a", { role: "org_admin" }));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      username: "org-admin-a",
      role: "org_admin",
      orgId: ids.orgA,
      companyId: null,
      mfaEnabled: false,
    });
    const events = await stack.events("identity", { type: "StaffAdded" });
    const event = parseCloudEvent(
      events.find((e) => (e.data as { userId: string }).userId === response.body.id)!,
    );
    expect(event).toMatchObject({
      source: "simhub/identity-service",
      subject: response.body.id,
      orgid: ids.orgA,
      data: {
        userId: response.body.id,
        role: "org_admin",
        orgId: ids.orgA,
        companyId: null,
        username: "org-admin-a",
      },
    });
    tokens.orgAdminA = await stack.login("org-admin-a", PASSWORD);
  });

  it("the organization's admin adds staff; staff may not; other organizations are invisible", async () => {
    const byOrgAdmin = await stack
      .http(tokens.orgAdminA)
      .post(`/v1/organizations/${ids.orgA}/staff`, account("org-staff-a", { role: "org_staff" }));
    expect(byOrgAdmin.status).toBe(201);
    tokens.orgStaffA = await stack.login("org-staff-a", PASSWORD);

    const byStaff = await stack
      .http(tokens.orgStaffA)
      .post(`/v1/organizations/${ids.orgA}/staff`, account("org-staff-a2", { role: "org_staff" }));
    expect(byStaff.status).toBe(403);

    const elsewhere = await stack
      .http(tokens.orgAdminA)
      .post(`/v1/organizations/${ids.orgB}/staff`, account("intruder-b", { role: "org_admin" }));
    expect(elsewhere.status).toBe(404);
    expect(await userRow("org-staff-a2")).toBeUndefined();
    expect(await userRow("intruder-b")).toBeUndefined();

    const created = await stack
      .http(admin)
      .post(`/v1/organizations/${ids.orgB}/staff`, account("org-admin-b", { role: "org_admin" }));
    expect(created.status).toBe(201);
    tokens.orgAdminB = await stack.login("org-admin-b", PASSWORD);
  });

  it("404 for an unknown organization, 409 for a taken username (any case), 400 naming bad fields", async () => {
    const unknown = await stack
      .http(admin)
      .post(
        "/v1/organizations/00000000-0000-4000-8000-000000000000/staff",
        account("ghost", { role: "org_staff" }),
      );
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("ORGANIZATION_NOT_FOUND");

    const taken = await stack
      .http(admin)
      .post(`/v1/organizations/${ids.orgA}/staff`, account("ORG-ADMIN-A", { role: "org_staff" }));
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe("USERNAME_TAKEN");

    const bad = await stack.http(admin).post(`/v1/organizations/${ids.orgA}/staff`, {
      username: "x",
      email: "nope",
      password: "short",
      role: "end_user",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual(
      ["body.password", "body.role", "body.username"].sort(),
    );
  });

  it("a staff token carries the organization claim", async () => {
    const me = await stack.http(tokens.orgStaffA).get("/v1/me");
    expect(me.body).toMatchObject({ role: "org_staff", orgId: ids.orgA, companyId: null });
  });
});

describe("company staff", () => {
  it("the organization's admin adds a company admin, who adds company staff", async () => {
    const companyAdmin = await stack
      .http(tokens.orgAdminA)
      .post(`/v1/companies/${ids.companyA1}/staff`, account("company-admin-a1", { role: "company_admin" }));
    expect(companyAdmin.status).toBe(201);
    expect(companyAdmin.body).toMatchObject({
      role: "company_admin",
      orgId: ids.orgA,
      companyId: ids.companyA1,
    });
    tokens.companyAdminA1 = await stack.login("company-admin-a1", PASSWORD);

    const staff = await stack
      .http(tokens.companyAdminA1)
      .post(`/v1/companies/${ids.companyA1}/staff`, account("company-staff-a1", { role: "company_staff" }));
    expect(staff.status).toBe(201);
    tokens.companyStaffA1 = await stack.login("company-staff-a1", PASSWORD);
    expect((await stack.http(tokens.companyStaffA1).get("/v1/me")).body).toMatchObject({
      role: "company_staff",
      orgId: ids.orgA,
      companyId: ids.companyA1,
    });
  });

  it("refuses company staff and org staff (403), other companies and organizations (404)", async () => {
    const cases: [string, string, number][] = [
      [tokens.companyStaffA1, ids.companyA1, 403],
      [tokens.orgStaffA, ids.companyA1, 403],
      [tokens.companyAdminA1, ids.companyA2, 404],
      [tokens.orgAdminA, ids.companyB1, 404],
      [tokens.orgAdminB, ids.companyA1, 404],
      [admin, "00000000-0000-4000-8000-000000000000", 404],
    ];
    for (const [index, [token, companyId, status]] of cases.entries()) {
      const response = await stack
        .http(token)
        .post(`/v1/companies/${companyId}/staff`, account(`refused-${index}`, { role: "company_staff" }));
      expect(response.status, `case ${index}`).toBe(status);
      expect(await userRow(`refused-${index}`)).toBeUndefined();
    }
  });

  it("refuses a company whose chain does not resolve to active: 422 COMPANY_CHAIN_UNRESOLVED", async () => {
    const response = await stack
      .http(admin)
      .post(`/v1/companies/${ids.archived}/staff`, account("archived-staff", { role: "company_admin" }));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("COMPANY_CHAIN_UNRESOLVED");
    const endUser = await stack
      .http(admin)
      .post(`/v1/companies/${ids.archived}/end-users`, account("archived-eu"));
    expect(endUser.status).toBe(422);
    expect(await userRow("archived-staff")).toBeUndefined();
    expect(await userRow("archived-eu")).toBeUndefined();
  });
});

describe("end users", () => {
  let endUserId: string;
  let endUserToken: string;

  it("company staff create end users; EndUserRegistered says via admin", async () => {
    const response = await stack
      .http(tokens.companyStaffA1)
      .post(`/v1/companies/${ids.companyA1}/end-users`, account("consumer-one"));
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({
      companyId: ids.companyA1,
      orgId: ids.orgA,
      username: "consumer-one",
      email: "consumer-one@example.com",
    });
    endUserId = response.body.id;
    const events = await stack.events("identity", { type: "EndUserRegistered" });
    expect(parseCloudEvent(events.find((e) => e.subject === endUserId)!)).toMatchObject({
      orgid: ids.orgA,
      companyid: ids.companyA1,
      data: {
        userId: endUserId,
        companyId: ids.companyA1,
        orgId: ids.orgA,
        username: "consumer-one",
        email: "consumer-one@example.com",
        via: "admin",
      },
    });
    endUserToken = await stack.login("consumer-one", PASSWORD);
    expect((await stack.http(endUserToken).get("/v1/me")).body).toMatchObject({
      role: "end_user",
      orgId: ids.orgA,
      companyId: ids.companyA1,
    });
  });

  it("lists a company's end users page by page, and the company view counts them", async () => {
    for (const name of ["consumer-two", "consumer-three"]) {
      expect(
        (await stack.http(tokens.orgStaffA).post(`/v1/companies/${ids.companyA1}/end-users`, account(name)))
          .status,
      ).toBe(201);
    }
    const api = stack.http(tokens.companyAdminA1);
    const first = await api.get(`/v1/companies/${ids.companyA1}/end-users?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((u: { username: string }) => u.username)).toEqual([
      "consumer-one",
      "consumer-two",
    ]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.get(
      `/v1/companies/${ids.companyA1}/end-users?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items.map((u: { username: string }) => u.username)).toEqual(["consumer-three"]);
    expect(second.body.nextCursor).toBeNull();
    const view = await stack.http(tokens.orgAdminA).get(`/v1/companies/${ids.companyA1}`);
    expect(view.body.endUserCount).toBe(3);
  });

  it("an end user sees itself only and cannot list or change users", async () => {
    const api = stack.http(endUserToken);
    expect((await api.get(`/v1/end-users/${endUserId}`)).status).toBe(200);
    const others = (await stack.http(admin).get(`/v1/companies/${ids.companyA1}/end-users`)).body.items as {
      id: string;
    }[];
    const other = others.find((u) => u.id !== endUserId)!;
    expect((await api.get(`/v1/end-users/${other.id}`)).status).toBe(404);
    expect((await api.get(`/v1/companies/${ids.companyA1}/end-users`)).status).toBe(403);
    expect((await api.patch(`/v1/end-users/${endUserId}`, { email: "me@example.com" })).status).toBe(403);
    expect((await api.post(`/v1/companies/${ids.companyA1}/end-users`, account("made-by-eu"))).status).toBe(
      403,
    );
  });

  it("other tenants get 404 for the end user, its company's list, and changes", async () => {
    for (const token of [tokens.orgAdminB]) {
      const api = stack.http(token);
      expect((await api.get(`/v1/end-users/${endUserId}`)).status).toBe(404);
      expect((await api.get(`/v1/companies/${ids.companyA1}/end-users`)).status).toBe(404);
      expect((await api.patch(`/v1/end-users/${endUserId}`, { email: "x@example.com" })).status).toBe(404);
      expect((await api.delete(`/v1/end-users/${endUserId}`)).status).toBe(404);
    }
    expect((await userRow("consumer-one")).email).toBe("consumer-one@example.com");
  });

  it("changes e-mail and username; the company never changes (400 IMMUTABLE_FIELD)", async () => {
    const api = stack.http(tokens.companyAdminA1);
    const moved = await api.patch(`/v1/end-users/${endUserId}`, { companyId: ids.companyA2 });
    expect(moved.status).toBe(400);
    expect(moved.body.code).toBe("IMMUTABLE_FIELD");
    const updated = await api.patch(`/v1/end-users/${endUserId}`, {
      email: "consumer.one@example.org",
      companyId: ids.companyA1,
    });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ email: "consumer.one@example.org", companyId: ids.companyA1 });
    const events = await stack.events("identity", { type: "EndUserUpdated" });
    expect(events.at(-1)!.data).toMatchObject({ userId: endUserId, email: "consumer.one@example.org" });
    const clash = await api.patch(`/v1/end-users/${endUserId}`, { username: "Consumer-Two" });
    expect(clash.status).toBe(409);
  });

  it("removes an end user: 204, EndUserRemoved, and it can no longer log in", async () => {
    const refresh = (
      await stack.http().post("/v1/auth/login", { username: "consumer-one", password: PASSWORD })
    ).body.refreshToken;
    const removed = await stack.http(tokens.companyStaffA1).delete(`/v1/end-users/${endUserId}`);
    expect(removed.status).toBe(204);
    const events = await stack.events("identity", { type: "EndUserRemoved" });
    expect(events.at(-1)!.data).toEqual({ userId: endUserId, companyId: ids.companyA1, orgId: ids.orgA });
    expect(
      (await stack.http().post("/v1/auth/login", { username: "consumer-one", password: PASSWORD })).status,
    ).toBe(401);
    expect((await stack.http().post("/v1/auth/refresh", { refreshToken: refresh })).status).toBe(401);
    expect((await stack.http(admin).get(`/v1/end-users/${endUserId}`)).status).toBe(404);
    expect((await stack.http(tokens.orgAdminA).get(`/v1/companies/${ids.companyA1}`)).body.endUserCount).toBe(
      2,
    );
  });
});

describe("identity events", () => {
  it("validate against the catalogue and never carry a hash, password, seed or token", async () => {
    const messages = await stack.eventMessages("identity");
    expect(messages.length).toBeGreaterThanOrEqual(8);
    const hashes = (await stack.query("identity-service", "SELECT password_hash FROM users")).map(
      (row) => row.password_hash as string,
    );
    for (const { event } of messages) {
      parseCloudEvent(event);
      const text = JSON.stringify(event);
      expect(text).not.toContain(PASSWORD);
      expect(text).not.toMatch(/argon2|password|secret|token/i);
      for (const hash of hashes) expect(text).not.toContain(hash);
    }
  });
});
