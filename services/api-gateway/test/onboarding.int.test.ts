// The product's mandatory onboarding, end to end through the gateway over
// real processes, PostgreSQL and NATS, as an organization's admin does it:
// integrate an operator → create a company → upload SIMs (CSV, with the
// operator, so they start `blank`) → create plans → assign the plans to the
// SIMs. It ends with every SIM in `activation`, ready for first use, and
// every step's event on its stream.
import { parseCloudEvent } from "@simhub/contracts";
import { luhnDigit, type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const PASSWORD = "Onboarding-Pass-2026";

let stack: Stack;
let adminToken: string;
let token: string;
let orgId: string;

const ICCIDS = Array.from({ length: 10 }, (_, n) => {
  const payload = `894912${String(n + 1).padStart(12, "0")}`;
  return payload + luhnDigit(payload);
});

beforeAll(async () => {
  stack = await startStack();
  adminToken = await stack.login(stack.admin.username, stack.admin.password);
  // The platform admin opens the organization and hands it to its admin.
  const org = await stack.http(adminToken).post("/v1/organizations", { name: "Onboard Telecom" });
  expect(org.status).toBe(201);
  orgId = org.body.id;
  const orgAdmin = await stack.http(adminToken).post(`/v1/organizations/${orgId}/staff`, {
    username: "onboard-admin",
    email: "onboard-admin@example.test",
    password: PASSWORD,
    role: "org_admin",
  });
  expect(orgAdmin.status).toBe(201);
  token = await stack.login("onboard-admin", PASSWORD);
});

afterAll(async () => {
  await stack?.stop();
});

describe("onboarding", () => {
  it("runs all five steps and ends with every SIM in activation", async () => {
    const api = stack.http(token);

    // 1. Integrate an operator.
    const operator = await api.post(`/v1/organizations/${orgId}/operators`, {
      operatorName: "Telekom Deutschland",
      mcc: "262",
      mnc: "01",
      integration: "api",
    });
    expect(operator.status).toBe(201);
    const operatorId = operator.body.id as string;

    // 2. Create a company.
    const company = await api.post(`/v1/organizations/${orgId}/companies`, { name: "Logistics GmbH" });
    expect(company.status).toBe(201);
    const companyId = company.body.id as string;

    // 3. Upload the SIMs (CSV), with the integrated operator: they start blank.
    const csv = ["iccid,operatorId", ...ICCIDS.map((iccid) => `${iccid},${operatorId}`)].join("\n");
    const upload = await api.post(`/v1/organizations/${orgId}/sims/import`, undefined, {
      raw: `${csv}\n`,
      contentType: "text/csv",
    });
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ imported: 10, rejectedCount: 0 });
    const blank = await api.get(`/v1/sims?orgId=${orgId}&status=blank`);
    expect(blank.body.items.map((sim: { iccid: string }) => sim.iccid)).toEqual(ICCIDS);
    expect(blank.body.items.every((sim: { planId: string | null }) => sim.planId === null)).toBe(true);

    // The company gets half of them.
    const forCompany = ICCIDS.slice(0, 5);
    const inStock = ICCIDS.slice(5);
    for (const iccid of forCompany) {
      expect((await api.post(`/v1/sims/${iccid}/assign`, { companyId })).status).toBe(200);
    }

    // 4. Create plans: a subscription for the company, a prepaid plan for everyone.
    const subscription = await api.post(`/v1/organizations/${orgId}/plans`, {
      name: "Logistics Fleet 10 GB",
      type: "subscription",
      currency: "EUR",
      price: 1_500,
      dataMb: 10_240,
      smsCount: 50,
      billingPeriod: "monthly",
      companyId,
    });
    expect(subscription.status).toBe(201);
    const prepaid = await api.post(`/v1/organizations/${orgId}/plans`, {
      name: "Prepaid 1 GB / 30 days",
      type: "prepaid",
      currency: "EUR",
      price: 990,
      dataMb: 1_024,
      validityDays: 30,
    });
    expect(prepaid.status).toBe(201);

    // 5. Assign the plans to the SIMs.
    const toCompany = await api.post(`/v1/organizations/${orgId}/sims/plan`, {
      planId: subscription.body.id,
      iccids: forCompany,
    });
    expect(toCompany.status).toBe(200);
    expect(toCompany.body).toEqual({ assigned: 5, rejected: [] });
    const toStock = await api.post(`/v1/organizations/${orgId}/sims/plan`, {
      planId: prepaid.body.id,
      iccids: inStock,
    });
    expect(toStock.body).toEqual({ assigned: 5, rejected: [] });

    // Every SIM is now in activation, each with its plan.
    const activation = await api.get(`/v1/sims?orgId=${orgId}&status=activation`);
    expect(activation.body.items.map((sim: { iccid: string }) => sim.iccid)).toEqual(ICCIDS);
    expect((await api.get(`/v1/sims?orgId=${orgId}&status=blank`)).body.items).toEqual([]);
    const view = await api.get(`/v1/sims/${forCompany[0]}`);
    expect(view.body).toMatchObject({
      status: "activation",
      statusId: 7,
      organization: { id: orgId, name: "Onboard Telecom" },
      company: { id: companyId, name: "Logistics GmbH" },
      plan: { id: subscription.body.id, name: "Logistics Fleet 10 GB", type: "subscription" },
      degraded: [],
    });
    const companyView = await api.get(`/v1/companies/${companyId}`);
    expect(companyView.body).toMatchObject({
      simCounts: { activation: 5 },
      simCountsByPlanType: { prepaid: 0, subscription: 5, paygo: 0, none: 0 },
    });

    // Every step is on its stream.
    const org = await stack.events("org", { count: 4 });
    expect(org.map((event) => event.type).sort()).toEqual([
      "OperatorIntegrationAdded",
      "OrganizationCreated",
      "PlanCreated",
      "PlanCreated",
    ]);
    expect((await stack.events("company", { type: "CompanyCreated" })).map((e) => e.subject)).toEqual([
      companyId,
    ]);
    const imported = await stack.events("sim", { type: "SimsImported" });
    expect(parseCloudEvent(imported[0]!).data).toMatchObject({ orgId, count: 10, rejected: 0 });
    const planned = await stack.events("sim", { type: "SimPlanAssigned", count: 10 });
    expect(planned.map((event) => event.subject).sort()).toEqual([...ICCIDS].sort());
    const moved = await stack.events("sim", { type: "SimStatusChanged", count: 10 });
    expect(moved).toHaveLength(10);
    for (const event of moved) {
      expect(parseCloudEvent(event).data).toMatchObject({ from: "blank", to: "activation" });
    }
  });
});
