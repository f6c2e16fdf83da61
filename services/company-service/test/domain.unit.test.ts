// company-service's pure rules: who sees and changes what, and the shape of
// a company and its settings.
import { randomUUID } from "node:crypto";
import type { Principal } from "@simhub/platform";
import { describe, expect, it } from "vitest";
import {
  canEditSettings,
  canManageCompaniesOf,
  canResolveCompany,
  canSeeCompany,
  companyListScope,
} from "../src/domain/access.ts";
import {
  type Company,
  effectiveChanges,
  validateCompanyUpdate,
  validateNewCompany,
} from "../src/domain/company.ts";

const orgId = randomUUID();
const company = { id: randomUUID(), orgId, virtual: false };
const pointOfSale = { id: randomUUID(), orgId, virtual: true };
const p = (role: Principal["role"], extra: Partial<Principal> = {}): Principal => ({
  userId: "u",
  role,
  ...extra,
});

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error as { kind: string; code: string; errors: { path: string }[] };
  }
  throw new Error("expected a throw");
}

describe("access", () => {
  it("shows a company to the platform, services, its organization and its own users", () => {
    const visible = [
      p("platform_admin"),
      p("service"),
      p("org_admin", { orgId }),
      p("org_staff", { orgId }),
      p("company_admin", { orgId, companyId: company.id }),
      p("company_staff", { orgId, companyId: company.id }),
      p("end_user", { orgId, companyId: company.id }),
    ];
    for (const principal of visible) expect(canSeeCompany(principal, company)).toBe(true);
    const hidden = [
      p("org_admin", { orgId: randomUUID() }),
      p("company_admin", { orgId, companyId: randomUUID() }),
      p("end_user", { orgId }),
    ];
    for (const principal of hidden) expect(canSeeCompany(principal, company)).toBe(false);
  });

  it("hides a virtual company from its consumers but lets them resolve it", () => {
    const consumer = p("end_user", { orgId, companyId: pointOfSale.id });
    expect(canSeeCompany(consumer, pointOfSale)).toBe(false);
    expect(canResolveCompany(consumer, pointOfSale)).toBe(true);
    expect(canSeeCompany(p("company_staff", { orgId, companyId: pointOfSale.id }), pointOfSale)).toBe(true);
  });

  it("keeps lifecycle with org admins and settings with company admins too", () => {
    expect(canManageCompaniesOf(p("org_admin", { orgId }), orgId)).toBe(true);
    expect(canManageCompaniesOf(p("org_staff", { orgId }), orgId)).toBe(false);
    expect(canManageCompaniesOf(p("service"), orgId)).toBe(false);
    expect(canEditSettings(p("company_admin", { orgId, companyId: company.id }), company)).toBe(true);
    expect(canEditSettings(p("company_staff", { orgId, companyId: company.id }), company)).toBe(false);
    expect(canEditSettings(p("company_admin", { orgId, companyId: randomUUID() }), company)).toBe(false);
  });

  it("scopes lists", () => {
    expect(companyListScope(p("org_staff", { orgId }), orgId)).toEqual({ kind: "all" });
    expect(companyListScope(p("org_staff", { orgId: randomUUID() }), orgId)).toEqual({ kind: "none" });
    expect(companyListScope(p("end_user", { orgId, companyId: company.id }), orgId)).toEqual({
      kind: "own",
      companyId: company.id,
      includeVirtual: false,
    });
    expect(companyListScope(p("company_admin", { orgId, companyId: company.id }), orgId)).toMatchObject({
      includeVirtual: true,
    });
  });
});

describe("company input", () => {
  const valid = { orgId, name: "Acme", virtual: false, currency: "", notificationEmail: "" };
  it("accepts optional settings and turns empty ones into null", () => {
    expect(validateNewCompany(valid).settings).toEqual({ currency: null, notificationEmail: null });
    expect(validateNewCompany({ ...valid, currency: "JPY", notificationEmail: " a@b.co " }).settings).toEqual(
      {
        currency: "JPY",
        notificationEmail: "a@b.co",
      },
    );
  });
  it("names every bad field at once", () => {
    const error = thrown(() =>
      validateNewCompany({ orgId: "x", name: "", virtual: false, currency: "ABC", notificationEmail: "no" }),
    );
    expect(error.errors.map((e) => e.path).sort()).toEqual([
      "name",
      "orgId",
      "settings.currency",
      "settings.notificationEmail",
    ]);
  });
  it("refuses any orgId in an update, before anything else", () => {
    const error = thrown(() => validateCompanyUpdate({ id: "bad", orgId: orgId, name: "" }));
    expect(error).toMatchObject({ code: "IMMUTABLE_FIELD", errors: [{ path: "orgId" }] });
  });
  it("needs something to change", () => {
    expect(thrown(() => validateCompanyUpdate({ id: company.id })).kind).toBe("invalid");
    expect(validateCompanyUpdate({ id: company.id, currency: "" }).changes).toEqual({ currency: null });
  });
  it("keeps only real changes", () => {
    const current: Company = {
      id: company.id,
      seq: "1",
      orgId,
      name: "Acme",
      virtual: false,
      status: "active",
      settings: { currency: "EUR", notificationEmail: null },
      createdAt: new Date(),
      updatedAt: new Date(),
      archivedAt: null,
    };
    expect(effectiveChanges(current, { name: "Acme", currency: "EUR", notificationEmail: null })).toEqual({});
    expect(effectiveChanges(current, { name: "acme", currency: null })).toEqual({
      name: "acme",
      currency: null,
    });
  });
});
