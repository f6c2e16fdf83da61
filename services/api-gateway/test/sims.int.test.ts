// SIMs through the gateway, end to end over real processes, PostgreSQL and
// NATS: imports (JSON and streamed CSV, rejections, duplicates), assignment
// and every chain refusal (unknown company, another organization's company,
// a company archived a moment ago, an archived organization), 50 concurrent
// assignments, end users, status changes by several roles, history, the
// composed view, filters and pagination by role, self-registration, the
// events as CloudEvents, and a 100,000-row CSV whose import does not grow the
// memory of the gateway or of sim-service.
import { readFileSync } from "node:fs";
import { type CloudEvent, parseCloudEvent } from "@simhub/contracts";
import { luhnDigit, type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: Stack;
let adminToken: string;
const password = "Correct-Horse-Battery-9";

let orgA: string;
let orgB: string;
let apiOperator: string;
let plainOperator: string;
let companyA1: string;
let companyA2: string;
let companyB1: string;
let orgAdminToken: string;
let companyAdminToken: string;
let endUserId: string;
let endUserToken: string;
let otherEndUserId: string;
let next = 1;

/** A valid 19-digit ICCID: 89 + prefix + n, then the Luhn check digit. */
function iccid(n: number, prefix = "894490"): string {
  const payload = `${prefix}${String(n).padStart(18 - prefix.length, "0")}`;
  return payload + luhnDigit(payload);
}

const api = (token = adminToken) => stack.http(token);

async function created(path: string, body: unknown, token = adminToken) {
  const response = await api(token).post(path, body);
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function newSims(count: number, orgId = orgA): Promise<string[]> {
  const iccids = Array.from({ length: count }, () => iccid(next++));
  const response = await api().post(`/v1/organizations/${orgId}/sims`, {
    sims: iccids.map((i) => ({ iccid: i })),
  });
  expect(response.status).toBe(201);
  expect(response.body.imported).toBe(count);
  return iccids;
}

function eventsOf(events: CloudEvent[], subject: string) {
  return events.filter((event) => event.subject === subject);
}

beforeAll(async () => {
  stack = await startStack();
  adminToken = await stack.login(stack.admin.username, stack.admin.password);
  orgA = (await created("/v1/organizations", { name: "SIM Org A" })).id;
  orgB = (await created("/v1/organizations", { name: "SIM Org B" })).id;
  apiOperator = (
    await created(`/v1/organizations/${orgA}/operators`, {
      operatorName: "Vodafone UK",
      mcc: "234",
      mnc: "15",
      integration: "api",
    })
  ).id;
  plainOperator = (
    await created(`/v1/organizations/${orgA}/operators`, {
      operatorName: "Stock only",
      mcc: "234",
      mnc: "30",
      integration: "none",
    })
  ).id;
  companyA1 = (await created(`/v1/organizations/${orgA}/companies`, { name: "Fleet One" })).id;
  companyA2 = (await created(`/v1/organizations/${orgA}/companies`, { name: "Fleet Two" })).id;
  companyB1 = (await created(`/v1/organizations/${orgB}/companies`, { name: "Elsewhere" })).id;
  await created(`/v1/organizations/${orgA}/staff`, {
    username: "sims-org-admin",
    email: "org-admin@example.test",
    password,
    role: "org_admin",
  });
  orgAdminToken = await stack.login("sims-org-admin", password);
  await created(`/v1/companies/${companyA1}/staff`, {
    username: "sims-company-admin",
    email: "company-admin@example.test",
    password,
    role: "company_admin",
  });
  companyAdminToken = await stack.login("sims-company-admin", password);
  endUserId = (
    await created(`/v1/companies/${companyA1}/end-users`, {
      username: "sims-end-user",
      email: "end-user@example.test",
      password,
    })
  ).id;
  endUserToken = await stack.login("sims-end-user", password);
  otherEndUserId = (
    await created(`/v1/companies/${companyA2}/end-users`, {
      username: "sims-other-user",
      email: "other-user@example.test",
      password,
    })
  ).id;
});

afterAll(async () => {
  await stack?.stop();
});

describe("JSON import", () => {
  it("imports valid SIMs and lists every rejected one with its index and reason", async () => {
    const response = await api(orgAdminToken).post(`/v1/organizations/${orgA}/sims`, {
      sims: [
        { iccid: iccid(9_000), imsi: "234150000009000", msisdn: "+447700909000", operatorId: apiOperator },
        { iccid: iccid(9_001), operatorId: plainOperator, eSim: true },
        { iccid: "8944" },
        { iccid: iccid(9_002), imsi: "12" },
        { iccid: iccid(9_003), msisdn: "0044" },
        { iccid: iccid(9_004), imei: "123456789012345" },
        { iccid: iccid(9_005), activationCode: "x" },
        { iccid: iccid(9_006), operatorId: "nope" },
        { iccid: iccid(9_007), operatorId: "00000000-0000-4000-8000-000000000000" },
        { iccid: iccid(9_000) },
        { iccid: iccid(9_008), imsi: "234150000009000" },
      ],
    });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ imported: 2, rejectedCount: 9, rejectedTruncated: false });
    expect(response.body.rejected.map((r: { index: number; code: string }) => [r.index, r.code])).toEqual([
      [2, "INVALID_ICCID"],
      [3, "INVALID_IMSI"],
      [4, "INVALID_MSISDN"],
      [5, "INVALID_IMEI"],
      [6, "INVALID_ACTIVATION_CODE"],
      [7, "INVALID_OPERATOR_ID"],
      [8, "UNKNOWN_OPERATOR"],
      [9, "DUPLICATE_ICCID"],
      [10, "DUPLICATE_IMSI"],
    ]);
    const sim = await api().get(`/v1/sims/${iccid(9_000)}`);
    expect(sim.body).toMatchObject({ status: "blank", statusId: 6, msisdn: "447700909000", companyId: null });
    expect((await api().get(`/v1/sims/${iccid(9_001)}`)).body).toMatchObject({
      status: "not_available",
      eSim: true,
    });
  });

  it("refuses more than 1,000 SIMs, unknown fields and other tenants", async () => {
    const tooMany = Array.from({ length: 1_001 }, (_, i) => ({ iccid: iccid(200_000 + i) }));
    const big = await api().post(`/v1/organizations/${orgA}/sims`, { sims: tooMany });
    expect(big.status).toBe(400);
    expect(big.body.errors[0].path).toBe("body.sims");
    const unknown = await api().post(`/v1/organizations/${orgA}/sims`, {
      sims: [{ iccid: iccid(9_100), colour: "red" }],
    });
    expect(unknown.status).toBe(400);
    const foreign = await api(orgAdminToken).post(`/v1/organizations/${orgB}/sims`, {
      sims: [{ iccid: iccid(9_101) }],
    });
    expect(foreign.status).toBe(404);
    const company = await api(companyAdminToken).post(`/v1/organizations/${orgA}/sims`, {
      sims: [{ iccid: iccid(9_102) }],
    });
    expect(company.status).toBe(403);
  });
});

describe("CSV import", () => {
  it("streams a CSV, reports rejections by line, and catches duplicates inside and across files", async () => {
    const csv = [
      "iccid,imsi,msisdn,operatorId",
      `${iccid(9_200)},234150000009200,,${apiOperator}`,
      `${iccid(9_201)},,+447700909201,`,
      `${iccid(9_200)},,,`, // line 4: earlier in this file
      `${iccid(9_202)},234150000009200,,`, // line 5: IMSI earlier in this file
      `${iccid(9_000)},,,`, // line 6: imported by the JSON test
      "123,,,", // line 7
    ].join("\n");
    const first = await api(orgAdminToken).post(`/v1/organizations/${orgA}/sims/import`, undefined, {
      raw: csv,
      contentType: "text/csv",
    });
    expect(first.status).toBe(201);
    expect(first.body.imported).toBe(2);
    expect(first.body.rejected).toEqual([
      expect.objectContaining({ line: 4, iccid: iccid(9_200), code: "DUPLICATE_ICCID" }),
      expect.objectContaining({ line: 5, code: "DUPLICATE_IMSI" }),
      expect.objectContaining({ line: 6, code: "DUPLICATE_ICCID" }),
      expect.objectContaining({ line: 7, iccid: "123", code: "INVALID_ICCID" }),
    ]);
    const second = await api().post(`/v1/organizations/${orgA}/sims/import`, undefined, {
      raw: `iccid\n${iccid(9_201)}\n${iccid(9_203)}\n`,
      contentType: "text/csv; charset=utf-8",
    });
    expect(second.body).toMatchObject({
      imported: 1,
      rejected: [
        {
          line: 2,
          iccid: iccid(9_201),
          code: "DUPLICATE_ICCID",
          message: "a SIM with this ICCID already exists",
        },
      ],
    });
  });

  it("imports nothing of an upload the client breaks off midway", async () => {
    const encoder = new TextEncoder();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent === 0) controller.enqueue(encoder.encode("iccid\n"));
        if (sent >= 3) {
          controller.error(new Error("client gone"));
          return;
        }
        const lines = Array.from({ length: 2_000 }, (_, i) => iccid(sent * 2_000 + i, "894493"));
        controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
        sent++;
        await new Promise((resolve) => setTimeout(resolve, 100));
      },
    });
    await expect(
      api().post(`/v1/organizations/${orgA}/sims/import`, undefined, { raw: body }),
    ).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const [{ count }] = await stack.query(
      "sim-service",
      "SELECT count(*)::int AS count FROM sims WHERE iccid LIKE '894493%'",
    );
    expect(count).toBe(0);
  });

  it("answers 415 for another content type and 400 for a bad header", async () => {
    const json = await api().post(`/v1/organizations/${orgA}/sims/import`, undefined, {
      raw: "iccid\n",
      contentType: "application/json",
    });
    expect(json.status).toBe(415);
    const header = await api().post(`/v1/organizations/${orgA}/sims/import`, undefined, {
      raw: "serial\n1\n",
    });
    expect(header.status).toBe(400);
    expect(header.body.code).toBe("INVALID_CSV_HEADER");
  });
});

describe("assignment", () => {
  it("assigns a SIM to a company and reads it back composed", async () => {
    const [sim] = await newSims(1);
    const assigned = await api(orgAdminToken).post(`/v1/sims/${sim}/assign`, { companyId: companyA1 });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ iccid: sim, orgId: orgA, companyId: companyA1, endUserId: null });
    const handed = await api(companyAdminToken).post(`/v1/sims/${sim}/end-user`, { endUserId });
    expect(handed.status).toBe(200);
    expect(handed.body.endUserId).toBe(endUserId);
    for (const token of [adminToken, orgAdminToken, companyAdminToken, endUserToken]) {
      const view = await api(token).get(`/v1/sims/${sim}`);
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({
        iccid: sim,
        company: { id: companyA1, name: "Fleet One" },
        endUser: { id: endUserId, username: "sims-end-user" },
        plan: null,
      });
      expect(view.body.degraded).toEqual([]);
    }
    expect((await api().get(`/v1/sims/${sim}`)).body.organization).toEqual({ id: orgA, name: "SIM Org A" });
  });

  it("refuses an unknown company, another organization's company and an archived one with 422", async () => {
    const [sim] = await newSims(1);
    const unknown = await api().post(`/v1/sims/${sim}/assign`, {
      companyId: "00000000-0000-4000-8000-000000000001",
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe("SIM_CHAIN_UNRESOLVED");
    const foreign = await api().post(`/v1/sims/${sim}/assign`, { companyId: companyB1 });
    expect(foreign.status).toBe(422);
    expect(foreign.body.code).toBe("SIM_CHAIN_UNRESOLVED");
    // Archived a moment ago: sim-service learns it from CompanyArchived. An
    // assignment that comes first is undone by that event; from then on
    // every assignment is refused, and the SIM never stays with the company.
    const doomed = (await created(`/v1/organizations/${orgA}/companies`, { name: "Doomed" })).id;
    const archived = await api().delete(`/v1/companies/${doomed}`);
    expect(archived.status).toBe(200);
    const late = await api().post(`/v1/sims/${sim}/assign`, { companyId: doomed });
    expect([200, 422]).toContain(late.status);
    await expect
      .poll(async () => (await api().get(`/v1/sims/${sim}`)).body.companyId, { timeout: 10_000 })
      .toBeNull();
    const refused = await api().post(`/v1/sims/${sim}/assign`, { companyId: doomed });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe("SIM_CHAIN_UNRESOLVED");
    expect((await api().get(`/v1/sims/${sim}`)).body.companyId).toBeNull();
  });

  it("refuses a company of an archived organization", async () => {
    const orgC = (await created("/v1/organizations", { name: "Closing down" })).id;
    const companyC = (await created(`/v1/organizations/${orgC}/companies`, { name: "Last client" })).id;
    const [sim] = await newSims(1, orgC);
    const archived = await api().patch(`/v1/organizations/${orgC}`, { status: "archived" });
    expect(archived.status).toBe(200);
    // Refused as soon as OrganizationUpdated has reached sim-service's chain replica.
    // (An attempt that still got through is undone, so the next one is a real assignment again.)
    await expect
      .poll(
        async () => {
          const response = await api().post(`/v1/sims/${sim}/assign`, { companyId: companyC });
          if (response.status === 200) await api().post(`/v1/sims/${sim}/unassign`);
          return response.body.code;
        },
        { timeout: 10_000 },
      )
      .toBe("SIM_CHAIN_UNRESOLVED");
  });

  it("answers 409 when the SIM is with another company, and 200 without a change for the same one", async () => {
    const [sim] = await newSims(1);
    await api().post(`/v1/sims/${sim}/assign`, { companyId: companyA1 });
    expect((await api().post(`/v1/sims/${sim}/assign`, { companyId: companyA2 })).status).toBe(409);
    const same = await api().post(`/v1/sims/${sim}/assign`, { companyId: companyA1 });
    expect(same.status).toBe(200);
    expect(same.body.version).toBe(2);
  });

  it("gives one of 50 parallel assignments of a SIM to different companies; the rest get 409", async () => {
    const companies: string[] = [];
    for (let i = 0; i < 50; i++) {
      companies.push((await created(`/v1/organizations/${orgA}/companies`, { name: `Racer ${i}` })).id);
    }
    const [sim] = await newSims(1);
    const responses = await Promise.all(
      companies.map((companyId) => api(orgAdminToken).post(`/v1/sims/${sim}/assign`, { companyId })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    const winner = responses.find((response) => response.status === 200)!.body.companyId;
    await expect
      .poll(async () =>
        eventsOf(await stack.events("sim", { type: "SimAssigned" }), sim!).map(
          (event) => (event.data as { companyId: string }).companyId,
        ),
      )
      .toEqual([winner]);
  });

  it("refuses an end user of another company with 422 and hides the SIM from other tenants", async () => {
    const [sim] = await newSims(1);
    await api().post(`/v1/sims/${sim}/assign`, { companyId: companyA1 });
    const wrong = await api(companyAdminToken).post(`/v1/sims/${sim}/end-user`, {
      endUserId: otherEndUserId,
    });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe("SIM_CHAIN_UNRESOLVED");
    expect((await api(endUserToken).get(`/v1/sims/${sim}`)).status).toBe(404);
    const [unassigned] = await newSims(1);
    expect((await api(companyAdminToken).get(`/v1/sims/${unassigned}`)).status).toBe(404);
  });

  it("unassigns a SIM, and the company can be archived afterwards", async () => {
    const leaving = (await created(`/v1/organizations/${orgA}/companies`, { name: "Leaving" })).id;
    const [sim] = await newSims(1);
    await api().post(`/v1/sims/${sim}/assign`, { companyId: leaving });
    const unassigned = await api(orgAdminToken).post(`/v1/sims/${sim}/unassign`);
    expect(unassigned.status).toBe(200);
    expect(unassigned.body.companyId).toBeNull();
    await expect
      .poll(async () => (await api().delete(`/v1/companies/${leaving}`)).status, { timeout: 10_000 })
      .toBe(200);
  });
});

describe("status", () => {
  it("follows the table for organization and company users, and refuses end users", async () => {
    const [sim] = await newSims(1);
    await api().post(`/v1/sims/${sim}/assign`, { companyId: companyA1 });
    await api().post(`/v1/sims/${sim}/end-user`, { endUserId });
    const change = (token: string, body: unknown) => api(token).post(`/v1/sims/${sim}/status`, body);

    expect((await change(companyAdminToken, { status: "pending" })).status).toBe(403);
    expect((await change(orgAdminToken, { status: "pending" })).body.status).toBe("pending");
    expect((await change(orgAdminToken, { status: "active" })).body).toMatchObject({
      status: "active",
      statusId: 3,
    });
    const blank = await change(orgAdminToken, { status: "blank" });
    expect(blank.status).toBe(422);
    expect(blank.body.code).toBe("INVALID_STATUS_TRANSITION");
    const noReason = await change(companyAdminToken, { status: "suspended" });
    expect(noReason.status).toBe(400);
    expect(noReason.body.errors[0].path).toBe("reason");
    expect((await change(companyAdminToken, { status: "suspended", reason: "user" })).body).toMatchObject({
      status: "suspended",
      statusReason: "user",
    });
    expect((await change(endUserToken, { status: "active" })).status).toBe(403);
    expect((await change(companyAdminToken, { status: "active" })).body.status).toBe("active");
    expect((await change(orgAdminToken, { status: "suspended", reason: "system" })).status).toBe(200);
    expect((await change(companyAdminToken, { status: "active" })).status).toBe(403);
    expect((await change(orgAdminToken, { status: "active" })).status).toBe(200);
    expect((await change(orgAdminToken, { status: "archived" })).status).toBe(200);
    expect((await change(adminToken, { status: "active" })).status).toBe(422);
    expect((await change(adminToken, { status: "dormant" })).status).toBe(400);

    // The company sees its own time with the SIM, from the assignment on (not the import).
    const history = await api(companyAdminToken).get(`/v1/sims/${sim}/history?limit=3`);
    expect(history.status).toBe(200);
    expect(history.body.items.map((entry: { kind: string }) => entry.kind)).toEqual([
      "assigned",
      "end_user_assigned",
      "status_changed",
    ]);
    const rest = await api(companyAdminToken).get(
      `/v1/sims/${sim}/history?limit=100&cursor=${encodeURIComponent(history.body.nextCursor)}`,
    );
    expect(rest.body.nextCursor).toBeNull();
    expect(rest.body.items.map((entry: { after: { status: string } }) => entry.after.status)).toEqual([
      "active",
      "suspended",
      "active",
      "suspended",
      "active",
      "archived",
    ]);
    expect(rest.body.items[1]).toMatchObject({
      kind: "status_changed",
      actor: { role: "company_admin" },
      before: { status: "active", statusReason: null },
      after: { status: "suspended", statusReason: "user" },
    });
    expect(rest.body.items[1].createdAt).toMatch(/Z$/);
  });
});

describe("listing", () => {
  it("filters, paginates and scopes the list to the caller", async () => {
    const org = (await created("/v1/organizations", { name: "Listing" })).id;
    const company = (await created(`/v1/organizations/${org}/companies`, { name: "Listed" })).id;
    await created(`/v1/companies/${company}/staff`, {
      username: "listing-staff",
      email: "listing@example.test",
      password,
      role: "company_staff",
    });
    const staffToken = await stack.login("listing-staff", password);
    const sims = Array.from({ length: 12 }, (_, i) => iccid(i, "894491"));
    await api().post(`/v1/organizations/${org}/sims`, {
      sims: sims.map((value, i) => ({ iccid: value, msisdn: `4915100000${String(i).padStart(2, "0")}` })),
    });
    for (const value of sims.slice(0, 5))
      await api().post(`/v1/sims/${value}/assign`, { companyId: company });

    const all: string[] = [];
    let cursor: string | null = "";
    do {
      const page: { status: number; body: { items: { iccid: string }[]; nextCursor: string | null } } =
        await api().get(
          `/v1/sims?orgId=${org}&limit=5${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`,
        );
      expect(page.status).toBe(200);
      all.push(...page.body.items.map((sim: { iccid: string }) => sim.iccid));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(all).toEqual(sims);

    expect((await api().get(`/v1/sims?companyId=${company}`)).body.items).toHaveLength(5);
    expect(
      (await api(staffToken).get("/v1/sims")).body.items.map((sim: { iccid: string }) => sim.iccid),
    ).toEqual(sims.slice(0, 5));
    expect(
      (await api(staffToken).get(`/v1/sims?orgId=${org}&status=not_available&q=894491`)).body.items,
    ).toHaveLength(5);
    expect((await api(orgAdminToken).get(`/v1/sims?orgId=${org}`)).body.items).toEqual([]);
    expect(
      (await api().get(`/v1/sims?q=%2B491510000011`)).body.items.map((sim: { iccid: string }) => sim.iccid),
    ).toEqual([sims[11]]);
    expect((await api().get("/v1/sims?limit=501")).status).toBe(400);
    expect((await api().get("/v1/sims?status=lost")).status).toBe(400);
  });

  // The list's items are written by PostgreSQL (sim-service's listSimsJson),
  // the single SIM by the gateway from a message: two writers of one shape.
  it("lists each SIM exactly as its own view shows it, every field set or null", async () => {
    const company = (await created(`/v1/organizations/${orgA}/companies`, { name: "Every Field" })).id;
    const imeiPayload = "35693803564380";
    const full = iccid(next++);
    const bare = iccid(next++);
    const imported = await api().post(`/v1/organizations/${orgA}/sims`, {
      sims: [
        {
          iccid: full,
          imsi: "234150000777001",
          msisdn: "+447700977001",
          imei: imeiPayload + luhnDigit(imeiPayload),
          eSim: true,
          operatorId: apiOperator,
        },
        { iccid: bare },
      ],
    });
    expect(imported.body.imported).toBe(2);
    const plan = await created(`/v1/organizations/${orgA}/plans`, {
      name: "Listed plan",
      type: "prepaid",
      currency: "EUR",
      price: 500,
      dataMb: 1_024,
      validityDays: 30,
    });
    expect((await api().post(`/v1/sims/${full}/assign`, { companyId: company })).status).toBe(200);
    const user = await created(`/v1/companies/${company}/end-users`, {
      username: "every-field-user",
      email: "every-field@example.test",
      password,
    });
    expect((await api().post(`/v1/sims/${full}/end-user`, { endUserId: user.id })).status).toBe(200);
    expect((await api().post(`/v1/sims/${full}/plan`, { planId: plan.id })).status).toBe(200);
    expect(
      (await api().post(`/v1/sims/${full}/status`, { status: "suspended", reason: "user" })).status,
    ).toBe(200);

    const simOf = (view: Record<string, unknown>) => {
      const { organization, company: _company, endUser, plan: _plan, degraded, ...sim } = view;
      return sim;
    };
    const listed = (await api().get(`/v1/sims?orgId=${orgA}&q=${full.slice(0, 12)}&limit=500`)).body.items;
    for (const value of [full, bare]) {
      const view = (await api().get(`/v1/sims/${value}`)).body;
      expect(listed.find((item: { iccid: string }) => item.iccid === value)).toEqual(simOf(view));
    }
    const fullView = simOf((await api().get(`/v1/sims/${full}`)).body);
    expect(fullView).toMatchObject({
      status: "suspended",
      statusReason: "user",
      planId: plan.id,
      endUserId: user.id,
      eSim: true,
    });

    // An end user sees the SIM without its plan, in the list as in the view.
    const userToken = await stack.login("every-field-user", password);
    const own = (await api(userToken).get("/v1/sims")).body.items;
    expect(own).toEqual([simOf((await api(userToken).get(`/v1/sims/${full}`)).body)]);
    expect(own[0].planId).toBeNull();
  });
});

describe("self-registration", () => {
  it("registers a consumer with a SIM's activation code and hands the SIM to them", async () => {
    const sim = iccid(next++);
    await api().post(`/v1/organizations/${orgA}/sims`, {
      sims: [{ iccid: sim, activationCode: "SHOP-4242" }],
    });
    await api().post(`/v1/sims/${sim}/assign`, { companyId: companyA2 });
    const wrong = await stack.http().post("/v1/register", {
      iccid: sim,
      activationCode: "SHOP-0000",
      username: "buyer-one",
      email: "buyer@example.test",
      password,
    });
    expect(wrong.status).toBeGreaterThanOrEqual(400);
    const registered = await stack.http().post("/v1/register", {
      iccid: sim,
      activationCode: "SHOP-4242",
      username: "buyer-one",
      email: "buyer@example.test",
      password,
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toMatchObject({ companyId: companyA2, iccid: sim });
    const buyerToken = await stack.login("buyer-one", password);
    expect((await api(buyerToken).get(`/v1/sims/${sim}`)).body).toMatchObject({
      companyId: companyA2,
      endUserId: registered.body.id,
    });
  });
});

describe("events", () => {
  it("publishes every SIM event as a valid CloudEvent with the request id of its API call", async () => {
    const [sim] = await newSims(1);
    const requestId = `sims-test-${Date.now()}`;
    const assigned = await api().post(
      `/v1/sims/${sim}/assign`,
      { companyId: companyA1 },
      { headers: { "x-request-id": requestId } },
    );
    expect(assigned.headers.get("x-request-id")).toBe(requestId);
    await api().post(`/v1/sims/${sim}/end-user`, { endUserId });
    await api().post(`/v1/sims/${sim}/status`, { status: "pending" });
    await api().post(`/v1/sims/${sim}/unassign`);

    // Unassigning takes the SIM from its end user too, which SimEndUserUnassigned says first.
    const wanted = [
      "SimAssigned",
      "SimAssignedToEndUser",
      "SimStatusChanged",
      "SimEndUserUnassigned",
      "SimUnassigned",
    ];
    let messages: Awaited<ReturnType<Stack["eventMessages"]>> = [];
    await expect
      .poll(
        async () => {
          messages = (await stack.eventMessages("sim")).filter((message) => message.event.subject === sim);
          return messages.map((message) => message.event.type);
        },
        { timeout: 10_000 },
      )
      .toEqual(wanted);
    for (const message of messages) {
      const event = parseCloudEvent(message.event);
      expect(event).toMatchObject({
        specversion: "1.0",
        source: "simhub/sim-service",
        subject: sim,
        orgid: orgA,
      });
      expect(message.headers["Nats-Msg-Id"]).toBe(event.id);
      expect(message.headers["Ce-Type"]).toBe(event.type);
    }
    expect(messages[0]!.headers["X-Request-Id"]).toBe(requestId);
    expect(messages[0]!.subject).toBe(`${stack.namespace}.simhub.sim.assigned`);
    expect(messages[0]!.event.companyid).toBe(companyA1);
    // Every event on the stream so far validates against the catalogue.
    for (const message of await stack.eventMessages("sim")) parseCloudEvent(message.event);
    const imported = await stack.events("sim", { type: "SimsImported", count: 1 });
    expect(imported.length).toBeGreaterThan(0);
  });
});

/** Resident set size of a process in bytes, from /proc/<pid>/status. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]);
  return kb * 1024;
}

describe("a large CSV", () => {
  it("imports 100,000 rows through the gateway without the memory of either process growing with the file", async () => {
    const rows = 100_000;
    const gatewayPid = stack.gateway.child!.pid!;
    const simPid = stack.services["sim-service"].process.child!.pid!;
    const org = (await created("/v1/organizations", { name: "Bulk" })).id;

    // The file is produced as it is sent: neither side holds it whole.
    const encoder = new TextEncoder();
    const csvStream = (count: number, offset: number) => {
      let sent = -1;
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          if (sent === -1) {
            controller.enqueue(encoder.encode("iccid,imsi,msisdn,imei,eSim\n"));
            sent = 0;
            return;
          }
          if (sent >= count) {
            controller.close();
            return;
          }
          const lines: string[] = [];
          for (let i = 0; i < 2_000 && sent < count; i++, sent++) {
            const n = offset + sent;
            lines.push(
              `${iccid(n, "894492")},${String(234_200_000_000_000 + n)},49170${String(n).padStart(8, "0")},,false`,
            );
          }
          controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
        },
      });
    };

    // Warm-up: code paths compiled, pools and buffers allocated.
    const warm = await api().post(`/v1/organizations/${org}/sims/import`, undefined, {
      raw: csvStream(5_000, 0),
    });
    expect(warm.body.imported).toBe(5_000);
    const baseline = { gateway: rssOf(gatewayPid), sim: rssOf(simPid) };
    const peak = { ...baseline };
    const sampler = setInterval(() => {
      peak.gateway = Math.max(peak.gateway, rssOf(gatewayPid));
      peak.sim = Math.max(peak.sim, rssOf(simPid));
    }, 50);
    const started = performance.now();
    const response = await api().post(`/v1/organizations/${org}/sims/import`, undefined, {
      raw: csvStream(rows, 10_000),
    });
    const seconds = (performance.now() - started) / 1000;
    clearInterval(sampler);
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ imported: rows, rejectedCount: 0 });
    const growth = { gateway: peak.gateway - baseline.gateway, sim: peak.sim - baseline.sim };
    const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);
    process.stdout.write(
      `100k CSV import: ${seconds.toFixed(2)} s, ${Math.round(rows / seconds)} rows/s; RSS growth gateway ${mb(growth.gateway)} MB (peak ${mb(peak.gateway)} MB), sim-service ${mb(growth.sim)} MB (peak ${mb(peak.sim)} MB)\n`,
    );
    expect(growth.gateway).toBeLessThan(150 * 1024 * 1024);
    expect(growth.sim).toBeLessThan(150 * 1024 * 1024);
    const [{ count }] = await stack.query(
      "sim-service",
      "SELECT count(*)::int AS count FROM sims WHERE org_id = $1",
      [org],
    );
    expect(count).toBe(rows + 5_000);
  });
});

describe("the composed view when a dependency is down", () => {
  it("shows a company's new name in the composed view once CompanyUpdated has arrived", async () => {
    const [sim] = await newSims(1);
    const company = (await created(`/v1/organizations/${orgA}/companies`, { name: "Before Rename" })).id;
    await api().post(`/v1/sims/${sim}/assign`, { companyId: company });
    expect((await api().get(`/v1/sims/${sim}`)).body.company).toEqual({ id: company, name: "Before Rename" });
    expect((await api().patch(`/v1/companies/${company}`, { name: "After Rename" })).status).toBe(200);
    await expect
      .poll(async () => (await api().get(`/v1/sims/${sim}`)).body.company?.name, { timeout: 10_000 })
      .toBe("After Rename");
  });

  it("answers with the part that failed set to null and named in `degraded`", async () => {
    const [known, unseen] = await newSims(2);
    await api().post(`/v1/sims/${known}/assign`, { companyId: companyA1 });
    // A company no composed view has shown yet: its name is not kept by the gateway.
    const fresh = (await created(`/v1/organizations/${orgA}/companies`, { name: "Never Shown" })).id;
    await api().post(`/v1/sims/${unseen}/assign`, { companyId: fresh });
    expect((await api().get(`/v1/sims/${known}`)).body.company).toEqual({ id: companyA1, name: "Fleet One" });
    // Last test of the file: the stack is stopped right after.
    await stack.services["company-service"].process.stop();
    const view = await api().get(`/v1/sims/${unseen}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      iccid: unseen,
      companyId: fresh,
      company: null,
      organization: { id: orgA, name: "SIM Org A" },
      degraded: ["company"],
    });
    // A name the gateway already keeps is still shown while company-service is down.
    expect((await api().get(`/v1/sims/${known}`)).body).toMatchObject({
      company: { id: companyA1, name: "Fleet One" },
      degraded: [],
    });
  });
});
