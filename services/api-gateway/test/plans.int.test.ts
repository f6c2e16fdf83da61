// Plans and their assignment through the gateway, over real processes,
// PostgreSQL and NATS: each type's rules (400 naming the field), money and
// currencies, names unique per organization, plans offered to one company,
// archive, immutable fields, who sees and changes plans; single and bulk
// assignment with every refusal (nothing changes on a refusal), the
// blank → activation move with its history, the composed SIM view, the
// planId filter, the company view's counts by plan type, and the events as
// CloudEvents.
import { type CloudEvent, parseCloudEvent } from "@simhub/contracts";
import { luhnDigit, type Stack, startStack, waitFor } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: Stack;
let adminToken: string;
const password = "Correct-Horse-Battery-9";

let orgA: string;
let orgB: string;
let operatorA: string;
let operatorB: string;
let companyA1: string;
let companyA2: string;
let companyB1: string;
const tokens: Record<
  | "orgAdminA"
  | "orgStaffA"
  | "companyAdminA1"
  | "companyStaffA1"
  | "companyAdminA2"
  | "endUserA1"
  | "orgAdminB",
  string
> = {} as never;
let endUserA1: string;
let next = 1;

/** A valid 19-digit ICCID: 89 + prefix + n, then the Luhn check digit. */
function iccid(n: number): string {
  const payload = `894477${String(n).padStart(12, "0")}`;
  return payload + luhnDigit(payload);
}

const api = (token = adminToken) => stack.http(token);

/** 19 digits starting 89 with a wrong check digit. */
const BAD_ICCID = (() => {
  const valid = iccid(123_456);
  return valid.slice(0, -1) + String((Number(valid.at(-1)) + 1) % 10);
})();

async function created(path: string, body: unknown, token = adminToken) {
  const response = await api(token).post(path, body);
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** SIMs imported with an integrated operator: they start `blank`. */
async function newSims(count: number, orgId = orgA, operatorId = operatorA): Promise<string[]> {
  const iccids = Array.from({ length: count }, () => iccid(next++));
  const response = await api().post(`/v1/organizations/${orgId}/sims`, {
    sims: iccids.map((i) => ({ iccid: i, operatorId })),
  });
  expect(response.status).toBe(201);
  expect(response.body.imported).toBe(count);
  return iccids;
}

async function assignTo(iccids: string[], companyId: string) {
  for (const sim of iccids)
    expect((await api().post(`/v1/sims/${sim}/assign`, { companyId })).status).toBe(200);
}

let planNumber = 0;
async function newPlan(orgId: string, extra: Record<string, unknown> = {}, token = adminToken) {
  planNumber++;
  return created(
    `/v1/organizations/${orgId}/plans`,
    {
      name: `Plan ${planNumber}`,
      type: "prepaid",
      currency: "EUR",
      price: 1_999,
      dataMb: 5_120,
      validityDays: 30,
      ...extra,
    },
    token,
  );
}

async function simRow(sim: string) {
  const [row] = await stack.query(
    "sim-service",
    "SELECT plan_id, plan_type, status, version FROM sims WHERE iccid = $1",
    [sim],
  );
  return row as { plan_id: string | null; plan_type: string | null; status: string; version: number };
}

/** Every event of a context once the service's outbox is empty (all it committed so far is published). */
async function publishedEvents(context: "sim" | "org"): Promise<CloudEvent[]> {
  const service = context === "sim" ? "sim-service" : "org-service";
  for (let attempt = 0; attempt < 100; attempt++) {
    const [row] = await stack.query(service, "SELECT count(*)::int AS n FROM outbox");
    if (row.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return (await stack.eventMessages(context)).map((message) => message.event);
}

const simEvents = () => publishedEvents("sim");

const orgEvents = () => publishedEvents("org");

function expectProblem(response: { status: number; body: any }, status: number, code?: string) {
  expect(response.status, JSON.stringify(response.body)).toBe(status);
  if (code) expect(response.body.code).toBe(code);
}

/** The field paths of a 400, without the gateway's location prefix ("body.price" and "price" alike). */
const fieldsOf = (response: { body: any }) =>
  (response.body.errors as { path: string }[]).map((error) => error.path.replace(/^body\./, "")).sort();

async function staff(path: string, username: string, role: string) {
  await created(path, { username, email: `${username}@example.test`, password, role });
  return stack.login(username, password);
}

beforeAll(async () => {
  stack = await startStack();
  adminToken = await stack.login(stack.admin.username, stack.admin.password);
  orgA = (await created("/v1/organizations", { name: "Plan Org A" })).id;
  orgB = (await created("/v1/organizations", { name: "Plan Org B" })).id;
  const operator = { operatorName: "Integrated", mcc: "262", mnc: "02", integration: "api" };
  operatorA = (await created(`/v1/organizations/${orgA}/operators`, operator)).id;
  operatorB = (await created(`/v1/organizations/${orgB}/operators`, operator)).id;
  companyA1 = (await created(`/v1/organizations/${orgA}/companies`, { name: "Fleet One" })).id;
  companyA2 = (await created(`/v1/organizations/${orgA}/companies`, { name: "Fleet Two" })).id;
  companyB1 = (await created(`/v1/organizations/${orgB}/companies`, { name: "Elsewhere" })).id;
  tokens.orgAdminA = await staff(`/v1/organizations/${orgA}/staff`, "plans-org-admin-a", "org_admin");
  tokens.orgStaffA = await staff(`/v1/organizations/${orgA}/staff`, "plans-org-staff-a", "org_staff");
  tokens.orgAdminB = await staff(`/v1/organizations/${orgB}/staff`, "plans-org-admin-b", "org_admin");
  tokens.companyAdminA1 = await staff(
    `/v1/companies/${companyA1}/staff`,
    "plans-company-admin-a1",
    "company_admin",
  );
  tokens.companyStaffA1 = await staff(
    `/v1/companies/${companyA1}/staff`,
    "plans-company-staff-a1",
    "company_staff",
  );
  tokens.companyAdminA2 = await staff(
    `/v1/companies/${companyA2}/staff`,
    "plans-company-admin-a2",
    "company_admin",
  );
  endUserA1 = (
    await created(`/v1/companies/${companyA1}/end-users`, {
      username: "plans-end-user-a1",
      email: "plans-end-user-a1@example.test",
      password,
    })
  ).id;
  tokens.endUserA1 = await stack.login("plans-end-user-a1", password);
});

afterAll(async () => {
  await stack?.stop();
});

describe("creating plans", () => {
  it("creates each type with its own terms, as the organization's admin", async () => {
    const prepaid = await api(tokens.orgAdminA).post(`/v1/organizations/${orgA}/plans`, {
      name: "Travel 5 GB",
      type: "prepaid",
      currency: "EUR",
      price: 1_999,
      dataMb: 5_120,
      smsCount: 100,
      validityDays: 30,
    });
    expect(prepaid.status).toBe(201);
    expect(prepaid.body).toEqual({
      id: expect.any(String),
      orgId: orgA,
      companyId: null,
      name: "Travel 5 GB",
      type: "prepaid",
      currency: "EUR",
      price: 1_999,
      dataMb: 5_120,
      smsCount: 100,
      voiceMinutes: null,
      validityDays: 30,
      billingPeriod: null,
      ratePerMbMinor: null,
      status: "active",
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });

    const subscription = await api(tokens.orgAdminA).post(`/v1/organizations/${orgA}/plans`, {
      name: "Fleet Unlimited",
      type: "subscription",
      currency: "USD",
      price: 4_900,
      dataMb: 50_000,
      voiceMinutes: 600,
      billingPeriod: "yearly",
    });
    expect(subscription.status).toBe(201);
    expect(subscription.body).toMatchObject({
      type: "subscription",
      billingPeriod: "yearly",
      validityDays: null,
    });

    // A paygo plan's monthly fee is optional: 0 when not given.
    const paygo = await api(tokens.orgAdminA).post(`/v1/organizations/${orgA}/plans`, {
      name: "Metered",
      type: "paygo",
      currency: "JPY",
      ratePerMbMinor: 3,
    });
    expect(paygo.status).toBe(201);
    expect(paygo.body).toMatchObject({ type: "paygo", price: 0, ratePerMbMinor: 3, dataMb: null });

    const events = (await orgEvents()).filter((event) => event.type === "PlanCreated");
    const data = events.map((event) => parseCloudEvent(event).data);
    expect(data).toContainEqual({
      planId: prepaid.body.id,
      orgId: orgA,
      companyId: null,
      name: "Travel 5 GB",
      type: "prepaid",
      currency: "EUR",
      price: 1_999,
      status: "active",
      dataMb: 5_120,
    });
    expect(data).toContainEqual(
      expect.objectContaining({ planId: paygo.body.id, type: "paygo", price: 0, dataMb: null }),
    );
    expect(events.find((event) => event.subject === subscription.body.id)).toMatchObject({ orgid: orgA });
  });

  it("refuses each type without its required term, naming the field; nothing is written", async () => {
    const before = (await stack.query("org-service", "SELECT count(*)::int AS n FROM plans"))[0].n;
    const eventsBefore = (await orgEvents()).length;
    const post = (body: Record<string, unknown>) =>
      api(tokens.orgAdminA).post(`/v1/organizations/${orgA}/plans`, {
        name: "Broken",
        currency: "EUR",
        ...body,
      });

    const prepaidWithoutValidity = await post({ type: "prepaid", price: 500, dataMb: 100 });
    expectProblem(prepaidWithoutValidity, 400);
    expect(fieldsOf(prepaidWithoutValidity)).toEqual(["validityDays"]);

    const paygoWithoutRate = await post({ type: "paygo", price: 100 });
    expectProblem(paygoWithoutRate, 400);
    expect(fieldsOf(paygoWithoutRate)).toEqual(["ratePerMbMinor"]);

    const subscriptionWithoutPeriod = await post({ type: "subscription", price: 100 });
    expect(fieldsOf(subscriptionWithoutPeriod)).toEqual(["billingPeriod"]);

    const prepaidWithoutPrice = await post({ type: "prepaid", validityDays: 7 });
    expect(fieldsOf(prepaidWithoutPrice)).toEqual(["price"]);

    const negativePrice = await post({ type: "prepaid", price: -1, validityDays: 7 });
    expectProblem(negativePrice, 400);
    expect(fieldsOf(negativePrice)).toEqual(["price"]);

    const negativeRate = await post({ type: "paygo", ratePerMbMinor: -2 });
    expect(fieldsOf(negativeRate)).toEqual(["ratePerMbMinor"]);

    const fractionalPrice = await post({ type: "prepaid", price: 9.99, validityDays: 7 });
    expect(fieldsOf(fractionalPrice)).toEqual(["price"]);

    // Well-formed but not an ISO 4217 code: org-service knows the list.
    const unknownCurrency = await post({ type: "prepaid", price: 100, validityDays: 7, currency: "ABC" });
    expectProblem(unknownCurrency, 400);
    expect(fieldsOf(unknownCurrency)).toEqual(["currency"]);
    expect(unknownCurrency.body.errors[0].message).toContain("ISO 4217");
    expect(fieldsOf(await post({ type: "prepaid", price: 100, validityDays: 7, currency: "eur" }))).toEqual([
      "currency",
    ]);

    // Terms another type owns are refused, each named.
    const mixed = await post({
      type: "paygo",
      ratePerMbMinor: 1,
      validityDays: 30,
      billingPeriod: "monthly",
      dataMb: 5,
    });
    expectProblem(mixed, 400);
    expect(fieldsOf(mixed)).toEqual(["billingPeriod", "dataMb", "validityDays"]);
    expect(fieldsOf(await post({ type: "weekly", price: 1 }))).toEqual(["type"]);
    expectProblem(await post({ type: "prepaid", price: 1, validityDays: 7, colour: "red" }), 400);

    expect((await stack.query("org-service", "SELECT count(*)::int AS n FROM plans"))[0].n).toBe(before);
    expect((await orgEvents()).length).toBe(eventsBefore);
  });

  it("keeps names unique per organization, case-insensitively", async () => {
    await newPlan(orgA, { name: "Unique Name" });
    const duplicate = await api().post(`/v1/organizations/${orgA}/plans`, {
      name: "UNIQUE name",
      type: "paygo",
      currency: "EUR",
      ratePerMbMinor: 1,
    });
    expectProblem(duplicate, 409, "PLAN_NAME_TAKEN");
    // Another organization may use it.
    expect((await newPlan(orgB, { name: "unique name" })).orgId).toBe(orgB);
  });

  it("lets only the platform admin and the organization's admin create plans", async () => {
    const body = { name: "Not yours", type: "paygo", currency: "EUR", ratePerMbMinor: 1 };
    expectProblem(await api(tokens.orgStaffA).post(`/v1/organizations/${orgA}/plans`, body), 403);
    expectProblem(await api(tokens.companyAdminA1).post(`/v1/organizations/${orgA}/plans`, body), 403);
    expectProblem(await api(tokens.endUserA1).post(`/v1/organizations/${orgA}/plans`, body), 403);
    // Another organization's admin learns nothing about this one.
    expectProblem(await api(tokens.orgAdminB).post(`/v1/organizations/${orgA}/plans`, body), 404);
    expectProblem(await stack.http().post(`/v1/organizations/${orgA}/plans`, body), 401);
    const rows = await stack.query("org-service", "SELECT 1 FROM plans WHERE name = 'Not yours'");
    expect(rows).toHaveLength(0);
  });
});

describe("plans offered to one company", () => {
  let forA1: any;
  let orgWide: any;

  it("offers a plan to one company of the organization", async () => {
    forA1 = await newPlan(orgA, { name: "Fleet One special", companyId: companyA1 }, tokens.orgAdminA);
    expect(forA1.companyId).toBe(companyA1);
    orgWide = await newPlan(orgA, { name: "Everyone" });
    const [event] = (await orgEvents()).filter((e) => e.type === "PlanCreated" && e.subject === forA1.id);
    expect(parseCloudEvent(event!).data).toMatchObject({ companyId: companyA1 });
    expect(event!.companyid).toBe(companyA1);
  });

  it("refuses a company of another organization, an unknown company and an archived one (422)", async () => {
    const archived = (await created(`/v1/organizations/${orgA}/companies`, { name: "Gone Ltd" })).id;
    expect((await api().delete(`/v1/companies/${archived}`)).status).toBe(200);
    for (const companyId of [companyB1, "00000000-0000-4000-8000-000000000000", archived]) {
      const response = await api().post(`/v1/organizations/${orgA}/plans`, {
        name: `For ${companyId}`,
        type: "paygo",
        currency: "EUR",
        ratePerMbMinor: 1,
        companyId,
      });
      expectProblem(response, 422, "PLAN_COMPANY_UNRESOLVED");
      expect(fieldsOf(response)).toEqual(["companyId"]);
    }
  });

  it("shows company users the organization-wide plans and their own company's only", async () => {
    const listA1 = await api(tokens.companyAdminA1).get(`/v1/organizations/${orgA}/plans?limit=500`);
    expect(listA1.status).toBe(200);
    const idsA1 = listA1.body.items.map((plan: { id: string }) => plan.id);
    expect(idsA1).toContain(forA1.id);
    expect(idsA1).toContain(orgWide.id);
    expect(
      listA1.body.items.every((plan: any) => plan.companyId === null || plan.companyId === companyA1),
    ).toBe(true);

    const staffA1 = await api(tokens.companyStaffA1).get(`/v1/plans/${forA1.id}`);
    expect(staffA1.status).toBe(200);

    const listA2 = await api(tokens.companyAdminA2).get(`/v1/organizations/${orgA}/plans?limit=500`);
    const idsA2 = listA2.body.items.map((plan: { id: string }) => plan.id);
    expect(idsA2).toContain(orgWide.id);
    expect(idsA2).not.toContain(forA1.id);
    expectProblem(await api(tokens.companyAdminA2).get(`/v1/plans/${forA1.id}`), 404, "PLAN_NOT_FOUND");

    // Organization users see everything of their organization.
    const staffList = await api(tokens.orgStaffA).get(`/v1/organizations/${orgA}/plans?limit=500`);
    expect(staffList.body.items.map((plan: { id: string }) => plan.id)).toContain(forA1.id);
  });

  it("shows end users no plan, and other organizations nothing", async () => {
    expectProblem(await api(tokens.endUserA1).get(`/v1/organizations/${orgA}/plans`), 403);
    expectProblem(await api(tokens.endUserA1).get(`/v1/plans/${orgWide.id}`), 404, "PLAN_NOT_FOUND");
    expectProblem(await api(tokens.orgAdminB).get(`/v1/plans/${orgWide.id}`), 404, "PLAN_NOT_FOUND");
    expectProblem(await api(tokens.orgAdminB).get(`/v1/organizations/${orgA}/plans`), 404);
  });

  it("pages and filters the list", async () => {
    const first = await api(tokens.orgStaffA).get(`/v1/organizations/${orgA}/plans?limit=2`);
    expect(first.body.items).toHaveLength(2);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api(tokens.orgStaffA).get(
      `/v1/organizations/${orgA}/plans?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items[0].id).not.toBe(first.body.items[1].id);
    const paygo = await api(tokens.orgStaffA).get(`/v1/organizations/${orgA}/plans?type=paygo&limit=500`);
    expect(paygo.body.items.length).toBeGreaterThan(0);
    expect(paygo.body.items.every((plan: { type: string }) => plan.type === "paygo")).toBe(true);
  });
});

describe("changing plans", () => {
  let plan: any;

  beforeAll(async () => {
    plan = await newPlan(orgA, { name: "Changeable", voiceMinutes: 60 });
  });

  it("renames and re-prices, with PlanUpdated", async () => {
    const response = await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, {
      name: "Changeable Plus",
      price: 2_499,
      voiceMinutes: null,
    });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      name: "Changeable Plus",
      price: 2_499,
      voiceMinutes: null,
      dataMb: 5_120,
    });
    const events = (await orgEvents())
      .filter((e) => e.type === "PlanUpdated")
      .filter((event) => event.subject === plan.id);
    expect(parseCloudEvent(events.at(-1)!).data).toMatchObject({ name: "Changeable Plus", price: 2_499 });
  });

  it("refuses a different orgId, type, currency or companyId (IMMUTABLE_FIELD); their own values pass", async () => {
    const eventsBefore = (await orgEvents()).length;
    const refused = await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, {
      orgId: orgB,
      type: "paygo",
      currency: "USD",
      companyId: companyA1,
      name: "Sneaky",
    });
    expectProblem(refused, 400, "IMMUTABLE_FIELD");
    expect(fieldsOf(refused)).toEqual(["companyId", "currency", "orgId", "type"]);
    expectProblem(
      await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, { currency: "EUR", type: "subscription" }),
      400,
      "IMMUTABLE_FIELD",
    );
    const same = await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, {
      orgId: orgA,
      type: "prepaid",
      currency: "EUR",
      companyId: null,
    });
    expect(same.status).toBe(200);
    expect(same.body.name).toBe("Changeable Plus");
    expect((await orgEvents()).length).toBe(eventsBefore);
  });

  it("checks the terms after the change against the type", async () => {
    const noValidity = await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, { validityDays: null });
    expectProblem(noValidity, 400);
    expect(fieldsOf(noValidity)).toEqual(["validityDays"]);
    const foreignTerm = await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, {
      billingPeriod: "monthly",
    });
    expect(fieldsOf(foreignTerm)).toEqual(["billingPeriod"]);
    expect(fieldsOf(await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, { price: -5 }))).toEqual([
      "price",
    ]);
    expect((await api().get(`/v1/plans/${plan.id}`)).body).toMatchObject({ validityDays: 30, price: 2_499 });
  });

  it("lets only the platform admin and the organization's admin change plans", async () => {
    expectProblem(await api(tokens.orgStaffA).patch(`/v1/plans/${plan.id}`, { name: "x" }), 403);
    expectProblem(await api(tokens.companyAdminA1).patch(`/v1/plans/${plan.id}`, { name: "x" }), 403);
    expectProblem(await api(tokens.endUserA1).patch(`/v1/plans/${plan.id}`, { name: "x" }), 404);
    expectProblem(await api(tokens.orgAdminB).patch(`/v1/plans/${plan.id}`, { name: "x" }), 404);
    expect((await api().patch(`/v1/plans/${plan.id}`, { name: "By the platform" })).status).toBe(200);
  });

  it("archives and reactivates", async () => {
    const archived = await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, { status: "archived" });
    expect(archived.status).toBe(200);
    expect(archived.body.status).toBe("archived");
    const events = (await orgEvents())
      .filter((e) => e.type === "PlanUpdated")
      .filter((event) => event.subject === plan.id);
    expect(parseCloudEvent(events.at(-1)!).data).toMatchObject({ status: "archived" });
    const listed = await api().get(`/v1/organizations/${orgA}/plans?status=archived`);
    expect(listed.body.items.map((p: { id: string }) => p.id)).toEqual([plan.id]);
    expect(
      (await api(tokens.orgAdminA).patch(`/v1/plans/${plan.id}`, { status: "active" })).body.status,
    ).toBe("active");
  });
});

describe("assigning a plan to one SIM", () => {
  let prepaid: any;
  let subscription: any;
  let forA1: any;
  let archived: any;
  let ofOrgB: any;
  let sims: string[];

  beforeAll(async () => {
    prepaid = await newPlan(orgA, { name: "Assign prepaid" });
    subscription = await newPlan(orgA, {
      name: "Assign subscription",
      type: "subscription",
      validityDays: null,
      billingPeriod: "monthly",
      price: 990,
    });
    forA1 = await newPlan(orgA, { name: "Assign for A1", companyId: companyA1 });
    archived = await newPlan(orgA, { name: "Assign archived" });
    expect((await api().patch(`/v1/plans/${archived.id}`, { status: "archived" })).status).toBe(200);
    ofOrgB = await newPlan(orgB, { name: "Assign of B" });
    sims = await newSims(8);
  });

  it("gives a blank SIM the plan and moves it to activation, with history and events", async () => {
    const sim = sims[0]!;
    expect((await simRow(sim)).status).toBe("blank");
    const response = await api(tokens.orgStaffA).post(`/v1/sims/${sim}/plan`, { planId: prepaid.id });
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({
      iccid: sim,
      planId: prepaid.id,
      status: "activation",
      statusId: 7,
    });
    expect(await simRow(sim)).toMatchObject({
      plan_id: prepaid.id,
      plan_type: "prepaid",
      status: "activation",
    });

    const history = await api(tokens.orgStaffA).get(`/v1/sims/${sim}/history`);
    expect(history.body.items.map((entry: { kind: string }) => entry.kind)).toEqual([
      "imported",
      "plan_assigned",
      "status_changed",
    ]);
    expect(history.body.items[1]).toMatchObject({
      before: { planId: null },
      after: { planId: prepaid.id, planType: "prepaid" },
      actor: { role: "org_staff" },
    });
    expect(history.body.items[2]).toMatchObject({
      before: { status: "blank" },
      after: { status: "activation" },
    });

    const assignedEvents = (await simEvents())
      .filter((e) => e.type === "SimPlanAssigned")
      .filter((e) => e.subject === sim);
    expect(assignedEvents).toHaveLength(1);
    expect(parseCloudEvent(assignedEvents[0]!).data).toEqual({
      iccid: sim,
      orgId: orgA,
      companyId: null,
      planId: prepaid.id,
      planType: "prepaid",
      previousPlanId: null,
    });
    const statusEvents = (await simEvents())
      .filter((e) => e.type === "SimStatusChanged")
      .filter((e) => e.subject === sim);
    expect(statusEvents).toHaveLength(1);
    expect(parseCloudEvent(statusEvents[0]!).data).toMatchObject({
      from: "blank",
      to: "activation",
      reason: null,
    });
  });

  it("changes nothing when the SIM already has the plan", async () => {
    const sim = sims[0]!;
    const before = await simRow(sim);
    const eventsBefore = (await simEvents()).length;
    const again = await api(tokens.orgAdminA).post(`/v1/sims/${sim}/plan`, { planId: prepaid.id });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(before.version);
    expect((await simEvents()).length).toBe(eventsBefore);
  });

  it("replaces a plan without moving a SIM that is no longer blank", async () => {
    const sim = sims[0]!;
    const response = await api(tokens.orgAdminA).post(`/v1/sims/${sim}/plan`, { planId: subscription.id });
    expect(response.body).toMatchObject({ planId: subscription.id, status: "activation" });
    const events = (await simEvents())
      .filter((e) => e.type === "SimPlanAssigned")
      .filter((e) => e.subject === sim);
    expect(parseCloudEvent(events.at(-1)!).data).toMatchObject({
      planId: subscription.id,
      planType: "subscription",
      previousPlanId: prepaid.id,
    });
    const statusEvents = (await simEvents()).filter(
      (e) => e.subject === sim && e.type === "SimStatusChanged",
    );
    expect(statusEvents).toHaveLength(1);
  });

  it("shows the plan in the composed SIM view and filters SIMs by plan", async () => {
    const sim = sims[0]!;
    const view = await api(tokens.orgStaffA).get(`/v1/sims/${sim}`);
    expect(view.body).toMatchObject({
      plan: { id: subscription.id, name: "Assign subscription", type: "subscription" },
      degraded: [],
    });
    const unplanned = await api().get(`/v1/sims/${sims[1]}`);
    expect(unplanned.body).toMatchObject({ planId: null, plan: null, degraded: [] });
    const filtered = await api(tokens.orgStaffA).get(`/v1/sims?planId=${subscription.id}`);
    expect(filtered.body.items.map((s: { iccid: string }) => s.iccid)).toEqual([sim]);
    expect((await api(tokens.orgAdminB).get(`/v1/sims?planId=${subscription.id}`)).body.items).toEqual([]);
    expectProblem(await api().get("/v1/sims?planId=not-a-uuid"), 400);
  });

  it("refuses plans that do not apply (422 PLAN_NOT_APPLICABLE) and changes nothing", async () => {
    const sim = sims[1]!;
    const before = await simRow(sim);
    const eventsBefore = (await simEvents()).length;
    const refusals = [
      archived.id, // retired
      ofOrgB.id, // another organization's (invisible to org A's users)
      forA1.id, // offered to a company the SIM is not assigned to
      "00000000-0000-4000-8000-000000000000", // does not exist
    ];
    for (const planId of refusals) {
      expectProblem(
        await api(tokens.orgAdminA).post(`/v1/sims/${sim}/plan`, { planId }),
        422,
        "PLAN_NOT_APPLICABLE",
      );
    }
    // The platform admin sees the other organization's plan; still not applicable.
    expectProblem(
      await api().post(`/v1/sims/${sim}/plan`, { planId: ofOrgB.id }),
      422,
      "PLAN_NOT_APPLICABLE",
    );
    // Assigned to another company than the plan's.
    await assignTo([sim], companyA2);
    expectProblem(await api().post(`/v1/sims/${sim}/plan`, { planId: forA1.id }), 422, "PLAN_NOT_APPLICABLE");
    expect(await simRow(sim)).toMatchObject({ plan_id: null, plan_type: null, status: "blank" });
    expect((await simRow(sim)).version).toBe(before.version + 1); // the company assignment only
    const newEvents = (await simEvents()).slice(eventsBefore);
    expect(newEvents.map((event) => event.type)).toEqual(["SimAssigned"]);
  });

  it("gives a company's plan to a SIM of that company; an archived SIM takes no plan", async () => {
    const [mine, gone] = [sims[2]!, sims[3]!];
    await assignTo([mine], companyA1);
    const response = await api().post(`/v1/sims/${mine}/plan`, { planId: forA1.id });
    expect(response.body).toMatchObject({ planId: forA1.id, status: "activation", companyId: companyA1 });
    const event = (await simEvents())
      .filter((e) => e.type === "SimPlanAssigned")
      .find((e) => e.subject === mine);
    expect(parseCloudEvent(event!).data).toMatchObject({ companyId: companyA1, planId: forA1.id });

    expect((await api().post(`/v1/sims/${gone}/status`, { status: "archived" })).status).toBe(200);
    expectProblem(await api().post(`/v1/sims/${gone}/plan`, { planId: prepaid.id }), 422, "SIM_ARCHIVED");
    expect((await simRow(gone)).plan_id).toBeNull();
  });

  it("authorizes by role: company admins for their SIMs and plans; company staff and end users never", async () => {
    const [ofA1, unassigned, endUsers] = [sims[4]!, sims[5]!, sims[6]!];
    await assignTo([ofA1, endUsers], companyA1);
    expect((await api().post(`/v1/sims/${endUsers}/end-user`, { endUserId: endUserA1 })).status).toBe(200);

    const byCompanyAdmin = await api(tokens.companyAdminA1).post(`/v1/sims/${ofA1}/plan`, {
      planId: forA1.id,
    });
    expect(byCompanyAdmin.status).toBe(200);
    expect(byCompanyAdmin.body).toMatchObject({ planId: forA1.id, status: "activation" });
    // The company admin sees the plan in the composed view; the end user does not.
    expect((await api(tokens.companyAdminA1).get(`/v1/sims/${ofA1}`)).body.plan).toMatchObject({
      id: forA1.id,
    });

    // A SIM of no company is not the company admin's to see.
    expectProblem(
      await api(tokens.companyAdminA1).post(`/v1/sims/${unassigned}/plan`, { planId: prepaid.id }),
      404,
    );
    // Another company's admin sees neither the SIM nor the plan.
    expectProblem(
      await api(tokens.companyAdminA2).post(`/v1/sims/${ofA1}/plan`, { planId: prepaid.id }),
      404,
    );
    expectProblem(
      await api(tokens.companyStaffA1).post(`/v1/sims/${endUsers}/plan`, { planId: prepaid.id }),
      403,
    );
    expectProblem(await api(tokens.endUserA1).post(`/v1/sims/${endUsers}/plan`, { planId: prepaid.id }), 403);
    expectProblem(
      await api(tokens.endUserA1).post(`/v1/sims/${unassigned}/plan`, { planId: prepaid.id }),
      404,
    );
    expectProblem(
      await api(tokens.orgAdminB).post(`/v1/sims/${unassigned}/plan`, { planId: ofOrgB.id }),
      404,
    );
    expect((await simRow(endUsers)).plan_id).toBeNull();
    expect((await simRow(unassigned)).plan_id).toBeNull();

    // The end user's own SIM, composed: the plan stays hidden from them, its id included.
    expect((await api().post(`/v1/sims/${endUsers}/plan`, { planId: prepaid.id })).status).toBe(200);
    const ownView = await api(tokens.endUserA1).get(`/v1/sims/${endUsers}`);
    expect(ownView.status).toBe(200);
    expect(ownView.body).toMatchObject({ planId: null, plan: null, degraded: [] });
  });

  it("validates the body", async () => {
    expectProblem(await api().post(`/v1/sims/${sims[7]}/plan`, { planId: "nope" }), 400);
    expectProblem(await api().post(`/v1/sims/${sims[7]}/plan`, {}), 400);
    expectProblem(await api().post(`/v1/sims/${BAD_ICCID}/plan`, { planId: prepaid.id }), 400);
    expectProblem(
      await api().post(`/v1/sims/${iccid(999_999)}/plan`, { planId: prepaid.id }),
      404,
      "SIM_NOT_FOUND",
    );
  });
});

describe("assigning a plan in bulk", () => {
  let plan: any;
  let forA1: any;
  let archived: any;
  let ofOrgB: any;

  beforeAll(async () => {
    plan = await newPlan(orgA, {
      name: "Bulk paygo",
      type: "paygo",
      price: 500,
      validityDays: null,
      dataMb: null,
      ratePerMbMinor: 2,
    });
    forA1 = await newPlan(orgA, { name: "Bulk for A1", companyId: companyA1 });
    archived = await newPlan(orgA, { name: "Bulk archived" });
    await api().patch(`/v1/plans/${archived.id}`, { status: "archived" });
    ofOrgB = await newPlan(orgB, { name: "Bulk of B" });
  });

  it("applies the good ones and lists every refused SIM with its reason", async () => {
    const good = await newSims(5);
    const [archivedSim] = await newSims(1);
    await api().post(`/v1/sims/${archivedSim}/status`, { status: "archived" });
    const [ofB] = await newSims(1, orgB, operatorB);
    const unknown = iccid(888_888);
    const eventsBefore = (await simEvents()).length;

    const response = await api(tokens.orgStaffA).post(`/v1/organizations/${orgA}/sims/plan`, {
      planId: plan.id,
      iccids: [...good, BAD_ICCID, good[0], unknown, ofB, archivedSim],
    });
    expect(response.status).toBe(200);
    expect(response.body.assigned).toBe(5);
    const reasons = Object.fromEntries(
      response.body.rejected.map((r: { iccid: string; code: string }) => [r.iccid, r.code]),
    );
    expect(reasons).toEqual({
      [BAD_ICCID]: "INVALID_ICCID",
      [good[0]!]: "DUPLICATE_ICCID",
      [unknown]: "SIM_NOT_FOUND",
      [ofB!]: "SIM_NOT_FOUND",
      [archivedSim!]: "SIM_ARCHIVED",
    });
    for (const sim of good)
      expect(await simRow(sim)).toMatchObject({ plan_id: plan.id, plan_type: "paygo", status: "activation" });
    expect((await simRow(ofB!)).plan_id).toBeNull();

    const newEvents = (await simEvents()).slice(eventsBefore);
    expect(
      newEvents
        .filter((e) => e.type === "SimPlanAssigned")
        .map((e) => e.subject)
        .sort(),
    ).toEqual([...good].sort());
    expect(newEvents.filter((e) => e.type === "SimStatusChanged")).toHaveLength(5);
    for (const event of newEvents) parseCloudEvent(event);

    // The same request again: the same answer, no new change.
    const eventCount = (await simEvents()).length;
    const again = await api(tokens.orgStaffA).post(`/v1/organizations/${orgA}/sims/plan`, {
      planId: plan.id,
      iccids: good,
    });
    expect(again.body).toEqual({ assigned: 5, rejected: [] });
    expect((await simEvents()).length).toBe(eventCount);
  });

  it("a company's plan goes only to SIMs of that company", async () => {
    const [ofA1, ofA2, ofNone] = await newSims(3);
    await assignTo([ofA1!], companyA1);
    await assignTo([ofA2!], companyA2);
    const response = await api().post(`/v1/organizations/${orgA}/sims/plan`, {
      planId: forA1.id,
      iccids: [ofA1, ofA2, ofNone],
    });
    expect(response.body.assigned).toBe(1);
    expect(response.body.rejected.map((r: { iccid: string; code: string }) => [r.iccid, r.code])).toEqual([
      [ofA2, "PLAN_NOT_APPLICABLE"],
      [ofNone, "PLAN_NOT_APPLICABLE"],
    ]);
  });

  it("refuses the whole request for a plan that does not apply to the organization", async () => {
    const [sim] = await newSims(1);
    const eventsBefore = (await simEvents()).length;
    for (const planId of [archived.id, ofOrgB.id, "00000000-0000-4000-8000-000000000000"]) {
      expectProblem(
        await api().post(`/v1/organizations/${orgA}/sims/plan`, { planId, iccids: [sim] }),
        422,
        "PLAN_NOT_APPLICABLE",
      );
    }
    expect((await simRow(sim!)).plan_id).toBeNull();
    expect((await simEvents()).length).toBe(eventsBefore);
  });

  it("lets company admins assign to their own SIMs only; company staff and end users not at all", async () => {
    const [mine, notMine] = await newSims(2);
    await assignTo([mine!], companyA1);
    const response = await api(tokens.companyAdminA1).post(`/v1/organizations/${orgA}/sims/plan`, {
      planId: forA1.id,
      iccids: [mine, notMine],
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      assigned: 1,
      rejected: [{ iccid: notMine, code: "SIM_NOT_FOUND", message: expect.any(String) }],
    });
    const body = { planId: plan.id, iccids: [mine] };
    expectProblem(await api(tokens.companyStaffA1).post(`/v1/organizations/${orgA}/sims/plan`, body), 403);
    expectProblem(await api(tokens.endUserA1).post(`/v1/organizations/${orgA}/sims/plan`, body), 403);
    expectProblem(await api(tokens.orgAdminB).post(`/v1/organizations/${orgA}/sims/plan`, body), 404);
    expect((await simRow(mine!)).plan_id).toBe(forA1.id);
  });

  it("takes 1 to 1,000 ICCIDs", async () => {
    expectProblem(
      await api().post(`/v1/organizations/${orgA}/sims/plan`, { planId: plan.id, iccids: [] }),
      400,
    );
    const tooMany = Array.from({ length: 1_001 }, (_, i) => iccid(500_000 + i));
    expectProblem(
      await api().post(`/v1/organizations/${orgA}/sims/plan`, { planId: plan.id, iccids: tooMany }),
      400,
    );
  });

  it("assigns 1,000 SIMs in one request", async () => {
    const iccids = Array.from({ length: 1_000 }, () => iccid(next++));
    const imported = await api().post(`/v1/organizations/${orgA}/sims`, {
      sims: iccids.map((i) => ({ iccid: i, operatorId: operatorA })),
    });
    expect(imported.body.imported).toBe(1_000);
    const response = await api(tokens.orgAdminA).post(`/v1/organizations/${orgA}/sims/plan`, {
      planId: plan.id,
      iccids,
    });
    expect(response.body).toEqual({ assigned: 1_000, rejected: [] });
    const [row] = await stack.query(
      "sim-service",
      "SELECT count(*)::int AS n FROM sims WHERE iccid = ANY($1) AND plan_id = $2 AND status = 'activation'",
      [iccids, plan.id],
    );
    expect(row.n).toBe(1_000);
  });
});

describe("plans and SIMs that move or race an archival", () => {
  it("takes a plan offered to one company away from a SIM that leaves the company, in the same change", async () => {
    const forA1 = await newPlan(orgA, { name: "Leaves with A1", companyId: companyA1 });
    const orgWide = await newPlan(orgA, { name: "Stays org-wide" });
    const [scoped, wide] = await newSims(2);
    await assignTo([scoped!, wide!], companyA1);
    expect((await api().post(`/v1/sims/${scoped}/plan`, { planId: forA1.id })).status).toBe(200);
    expect((await api().post(`/v1/sims/${wide}/plan`, { planId: orgWide.id })).status).toBe(200);
    expect((await api().post(`/v1/sims/${scoped}/end-user`, { endUserId: endUserA1 })).status).toBe(200);

    const unassigned = await api().post(`/v1/sims/${scoped}/unassign`, {});
    expect(unassigned.body).toMatchObject({ companyId: null, endUserId: null, planId: null });
    expect(await simRow(scoped!)).toMatchObject({ plan_id: null, plan_type: null });
    // An organization-wide plan stays with the SIM.
    expect((await api().post(`/v1/sims/${wide}/unassign`, {})).body).toMatchObject({ planId: orgWide.id });

    const events = await simEvents();
    const [left] = events.filter((e) => e.type === "SimUnassigned" && e.subject === scoped);
    expect(parseCloudEvent(left!).data).toMatchObject({
      previousCompanyId: companyA1,
      removedPlanId: forA1.id,
    });
    const [kept] = events.filter((e) => e.type === "SimUnassigned" && e.subject === wide);
    expect(parseCloudEvent(kept!).data).toMatchObject({ removedPlanId: null });
    const [endUserGone] = events.filter((e) => e.type === "SimEndUserUnassigned" && e.subject === scoped);
    expect(parseCloudEvent(endUserGone!).data).toMatchObject({
      previousEndUserId: endUserA1,
      companyId: companyA1,
      reason: "unassigned",
    });
    const history = (await api().get(`/v1/sims/${scoped}/history`)).body.items;
    expect(history.find((entry: any) => entry.kind === "unassigned")).toMatchObject({
      before: { companyId: companyA1, endUserId: endUserA1, planId: forA1.id },
      after: { companyId: null, endUserId: null, planId: null },
    });

    // In its next company the SIM holds no plan of the first one.
    await assignTo([scoped!], companyA2);
    expect((await api().get(`/v1/sims/${scoped}`)).body).toMatchObject({
      companyId: companyA2,
      planId: null,
    });
    expectProblem(
      await api().post(`/v1/sims/${scoped}/plan`, { planId: forA1.id }),
      422,
      "PLAN_NOT_APPLICABLE",
    );
  });

  it("answers concurrent assignments racing an archival with 200 or 422 only, each as the SIM then holds it", async () => {
    const plan = await newPlan(orgA, { name: "Archived under load" });
    const sims = await newSims(20);
    const assignments = sims.map((sim) => api().post(`/v1/sims/${sim}/plan`, { planId: plan.id }));
    const archival = api().patch(`/v1/plans/${plan.id}`, { status: "archived" });
    const responses = await Promise.all(assignments);
    expect((await archival).status).toBe(200);
    for (const response of responses) {
      if (response.status !== 200) expectProblem(response, 422, "PLAN_NOT_APPLICABLE");
    }
    await waitFor(
      async () => {
        const [row] = await stack.query(
          "sim-service",
          "SELECT archived FROM plan_replica WHERE plan_id = $1",
          [plan.id],
        );
        return row?.archived === true;
      },
      { timeoutMs: 15_000, intervalMs: 50, what: "sim-service's replica to record the plan's archival" },
    );
    // Each SIM holds the plan exactly when its assignment succeeded, and none after the archival.
    for (const [index, sim] of sims.entries()) {
      expect((await simRow(sim)).plan_id, sim).toBe(responses[index]!.status === 200 ? plan.id : null);
    }
    for (const sim of sims.slice(0, 5)) {
      expectProblem(await api().post(`/v1/sims/${sim}/plan`, { planId: plan.id }), 422);
    }
    const late = await newSims(1);
    expectProblem(
      await api().post(`/v1/sims/${late[0]}/plan`, { planId: plan.id }),
      422,
      "PLAN_NOT_APPLICABLE",
    );
  });
});

describe("the company view", () => {
  it("counts the company's SIMs by plan type", async () => {
    const company = (await created(`/v1/organizations/${orgA}/companies`, { name: "Counted" })).id;
    const sims = await newSims(4);
    await assignTo(sims, company);
    const prepaid = await newPlan(orgA, { name: "Count prepaid" });
    const paygo = await newPlan(orgA, {
      name: "Count paygo",
      type: "paygo",
      validityDays: null,
      dataMb: null,
      ratePerMbMinor: 1,
    });
    await api().post(`/v1/organizations/${orgA}/sims/plan`, { planId: prepaid.id, iccids: sims.slice(0, 2) });
    await api().post(`/v1/sims/${sims[2]}/plan`, { planId: paygo.id });
    const view = await api(tokens.orgStaffA).get(`/v1/companies/${company}`);
    expect(view.status).toBe(200);
    expect(view.body).toMatchObject({
      simCounts: { activation: 3, blank: 1 },
      simCountsByPlanType: { prepaid: 2, subscription: 0, paygo: 1, none: 1 },
      degraded: [],
    });
  });
});
