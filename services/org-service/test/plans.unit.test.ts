// The rules of plans: each type's terms, money, currencies, immutable fields,
// updates checked against the type after they apply, and who sees and
// manages plans.
import { randomUUID } from "node:crypto";
import type { Principal } from "@simhub/platform";
import { describe, expect, it } from "vitest";
import { canManagePlans, canSeePlan, planListScope } from "../src/domain/access.ts";
import {
  decidePlanUpdate,
  isCurrency,
  isNoChange,
  MAX_MINOR_UNITS,
  type Plan,
  validateNewPlan,
  validateUpdatePlan,
} from "../src/domain/plan.ts";

const orgId = randomUUID();
const companyId = randomUUID();

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error as { kind: string; code: string; errors: { path: string; message: string }[] };
  }
  throw new Error("expected a throw");
}

const paths = (fn: () => unknown) =>
  thrown(fn)
    .errors.map((error) => error.path)
    .sort();

const base = { orgId, companyId: "", name: "Travel 5 GB", currency: "EUR" };
const prepaid = { ...base, type: "prepaid", price: "1999", dataMb: 5120, validityDays: 30 };
const subscription = { ...base, type: "subscription", price: "999", dataMb: 1024, billingPeriod: "monthly" };
const paygo = { ...base, type: "paygo", ratePerMbMinor: "2" };

describe("creating a plan", () => {
  it("accepts each type with its own terms", () => {
    expect(validateNewPlan(prepaid)).toMatchObject({
      type: "prepaid",
      price: 1999,
      dataMb: 5120,
      smsCount: null,
      validityDays: 30,
      billingPeriod: null,
      ratePerMbMinor: null,
      companyId: null,
    });
    expect(validateNewPlan(subscription)).toMatchObject({ billingPeriod: "monthly", price: 999 });
    // A paygo plan's monthly fee is optional and then 0.
    expect(validateNewPlan(paygo)).toMatchObject({ price: 0, ratePerMbMinor: 2, dataMb: null });
    expect(validateNewPlan({ ...paygo, price: "500" }).price).toBe(500);
  });

  it("names the missing term of each type", () => {
    expect(paths(() => validateNewPlan({ ...prepaid, validityDays: undefined }))).toEqual(["validityDays"]);
    expect(paths(() => validateNewPlan({ ...prepaid, price: undefined }))).toEqual(["price"]);
    expect(paths(() => validateNewPlan({ ...subscription, billingPeriod: undefined }))).toEqual([
      "billingPeriod",
    ]);
    expect(paths(() => validateNewPlan({ ...paygo, ratePerMbMinor: undefined }))).toEqual(["ratePerMbMinor"]);
  });

  it("refuses terms another type owns", () => {
    expect(
      paths(() => validateNewPlan({ ...prepaid, billingPeriod: "monthly", ratePerMbMinor: "1" })),
    ).toEqual(["billingPeriod", "ratePerMbMinor"]);
    expect(paths(() => validateNewPlan({ ...subscription, validityDays: 30 }))).toEqual(["validityDays"]);
    expect(paths(() => validateNewPlan({ ...paygo, dataMb: 100, smsCount: 5, voiceMinutes: 1 }))).toEqual([
      "dataMb",
      "smsCount",
      "voiceMinutes",
    ]);
  });

  it("keeps money non-negative, integral and bounded", () => {
    const negative = thrown(() => validateNewPlan({ ...prepaid, price: "-1" }));
    expect(negative.errors).toEqual([{ path: "price", message: "must not be negative" }]);
    expect(paths(() => validateNewPlan({ ...prepaid, price: String(MAX_MINOR_UNITS + 1) }))).toEqual([
      "price",
    ]);
    expect(paths(() => validateNewPlan({ ...prepaid, price: "12.5" }))).toEqual(["price"]);
    expect(paths(() => validateNewPlan({ ...paygo, ratePerMbMinor: "-3" }))).toEqual(["ratePerMbMinor"]);
    expect(validateNewPlan({ ...prepaid, price: "0" }).price).toBe(0);
    expect(validateNewPlan({ ...prepaid, price: String(MAX_MINOR_UNITS) }).price).toBe(MAX_MINOR_UNITS);
  });

  it("bounds allowances and validity", () => {
    expect(paths(() => validateNewPlan({ ...prepaid, dataMb: -1, validityDays: 0 }))).toEqual([
      "dataMb",
      "validityDays",
    ]);
    expect(paths(() => validateNewPlan({ ...prepaid, validityDays: 3651 }))).toEqual(["validityDays"]);
  });

  it("knows ISO 4217 currencies", () => {
    expect(isCurrency("EUR")).toBe(true);
    expect(isCurrency("JPY")).toBe(true);
    expect(isCurrency("eur")).toBe(false);
    expect(isCurrency("ABC")).toBe(false);
    expect(isCurrency("XXX")).toBe(false);
    expect(paths(() => validateNewPlan({ ...prepaid, currency: "EURO" }))).toEqual(["currency"]);
  });

  it("lists every problem at once, and no type rule twice for a field that failed its shape", () => {
    expect(
      paths(() => validateNewPlan({ ...prepaid, name: " ", type: "weekly", currency: "ZZZ", price: "-5" })),
    ).toEqual(["currency", "name", "price", "type"]);
    expect(paths(() => validateNewPlan({ ...prepaid, companyId: "not-a-uuid" }))).toEqual(["companyId"]);
  });
});

function existing(overrides: Partial<Plan> = {}): Plan {
  return {
    id: randomUUID(),
    seq: "1",
    orgId,
    companyId: null,
    name: "Travel 5 GB",
    type: "prepaid",
    currency: "EUR",
    price: 1999,
    dataMb: 5120,
    smsCount: null,
    voiceMinutes: null,
    validityDays: 30,
    billingPeriod: null,
    ratePerMbMinor: null,
    status: "active",
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

const orgAdmin: Principal = { userId: "a", role: "org_admin", orgId };
const update = (input: Record<string, unknown>) =>
  validateUpdatePlan({ id: randomUUID(), clear: [], ...input }).changes;

describe("updating a plan", () => {
  it("returns only what changes", () => {
    const plan = existing();
    const result = decidePlanUpdate(orgAdmin, plan, update({ name: "Travel 5 GB", price: "2499" }), {});
    expect(result).toEqual({ terms: { price: 2499 } });
    expect(isNoChange(decidePlanUpdate(orgAdmin, plan, update({ price: "1999" }), {}))).toBe(true);
  });

  it("archives", () => {
    expect(decidePlanUpdate(orgAdmin, existing(), update({ status: "archived" }), {})).toEqual({
      status: "archived",
      terms: {},
    });
  });

  it("checks the terms after the change against the type", () => {
    const plan = existing({ type: "paygo", ratePerMbMinor: 2, validityDays: null, dataMb: null, price: 0 });
    expect(paths(() => decidePlanUpdate(orgAdmin, plan, update({ clear: ["ratePerMbMinor"] }), {}))).toEqual([
      "ratePerMbMinor",
    ]);
    expect(paths(() => decidePlanUpdate(orgAdmin, plan, update({ validityDays: 7 }), {}))).toEqual([
      "validityDays",
    ]);
    expect(
      paths(() => decidePlanUpdate(orgAdmin, existing(), update({ clear: ["validityDays"] }), {})),
    ).toEqual(["validityDays"]);
    expect(decidePlanUpdate(orgAdmin, existing(), update({ clear: ["dataMb"] }), {})).toEqual({
      terms: { dataMb: null },
    });
  });

  it("refuses a cleared field that is also set, or one that cannot be cleared", () => {
    expect(paths(() => update({ dataMb: 5, clear: ["dataMb"] }))).toEqual(["dataMb"]);
    expect(paths(() => update({ clear: ["price", "name"] }))).toEqual(["name", "price"]);
  });

  it("refuses a different orgId, type, currency or company with IMMUTABLE_FIELD; the same values pass", () => {
    const plan = existing();
    const refused = thrown(() =>
      decidePlanUpdate(orgAdmin, plan, update({}), {
        orgId: randomUUID(),
        type: "paygo",
        currency: "USD",
        companyId: companyId,
      }),
    );
    expect(refused.code).toBe("IMMUTABLE_FIELD");
    expect(refused.errors.map((error) => error.path).sort()).toEqual([
      "companyId",
      "currency",
      "orgId",
      "type",
    ]);
    expect(
      isNoChange(
        decidePlanUpdate(orgAdmin, plan, update({}), {
          orgId: orgId.toUpperCase(),
          type: "prepaid",
          currency: "EUR",
          companyId: "",
        }),
      ),
    ).toBe(true);
  });

  it("lets only the platform admin and the organization's admin change a plan", () => {
    const plan = existing();
    for (const role of ["org_staff", "company_admin", "company_staff", "end_user"] as const) {
      expect(thrown(() => decidePlanUpdate({ userId: "x", role, orgId }, plan, update({}), {})).kind).toBe(
        "forbidden",
      );
    }
    expect(canManagePlans({ userId: "x", role: "platform_admin" }, orgId)).toBe(true);
    expect(canManagePlans({ userId: "x", role: "org_admin", orgId: randomUUID() }, orgId)).toBe(false);
  });
});

describe("who sees plans", () => {
  const orgWide = { orgId, companyId: null };
  const offered = { orgId, companyId };
  const companyUser = (company: string, role: Principal["role"] = "company_admin"): Principal => ({
    userId: "c",
    role,
    orgId,
    companyId: company,
  });

  it("org users see every plan of their organization, nothing of another", () => {
    expect(canSeePlan({ userId: "s", role: "org_staff", orgId }, offered)).toBe(true);
    expect(canSeePlan({ userId: "s", role: "org_admin", orgId: randomUUID() }, orgWide)).toBe(false);
    expect(planListScope({ userId: "s", role: "org_staff", orgId }, orgId)).toEqual({ kind: "all" });
  });

  it("company users see organization-wide plans and their company's", () => {
    expect(canSeePlan(companyUser(companyId), orgWide)).toBe(true);
    expect(canSeePlan(companyUser(companyId, "company_staff"), offered)).toBe(true);
    expect(canSeePlan(companyUser(randomUUID()), offered)).toBe(false);
    expect(planListScope(companyUser(companyId), orgId)).toEqual({ kind: "company", companyId });
  });

  it("end users see no plan and may not list them", () => {
    const endUser: Principal = { userId: "e", role: "end_user", orgId, companyId };
    expect(canSeePlan(endUser, orgWide)).toBe(false);
    expect(canSeePlan(endUser, offered)).toBe(false);
    expect(planListScope(endUser, orgId)).toEqual({ kind: "forbidden" });
  });
});
