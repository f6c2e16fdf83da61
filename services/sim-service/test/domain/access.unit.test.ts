// Who sees and acts on which SIM, and the chain rule, as pure decisions.
import type { Principal } from "@simhub/platform";
import { describe, expect, it } from "vitest";
import {
  canAssignToEndUser,
  canManageOrganizationSims,
  canSeeSim,
  listScope,
  organizationAccess,
} from "../../src/domain/access.ts";
import { decideCompanyChain, decideEndUserChain } from "../../src/domain/chain.ts";

const ORG = "00000000-0000-4000-8000-00000000000a";
const OTHER_ORG = "00000000-0000-4000-8000-00000000000b";
const COMPANY = "00000000-0000-4000-8000-00000000000c";
const OTHER_COMPANY = "00000000-0000-4000-8000-00000000000d";
const USER = "00000000-0000-4000-8000-00000000000e";

const who = {
  admin: { userId: "a", role: "platform_admin" },
  orgAdmin: { userId: "b", role: "org_admin", orgId: ORG },
  orgStaff: { userId: "c", role: "org_staff", orgId: ORG },
  otherOrgAdmin: { userId: "d", role: "org_admin", orgId: OTHER_ORG },
  companyAdmin: { userId: "e", role: "company_admin", orgId: ORG, companyId: COMPANY },
  companyStaff: { userId: "f", role: "company_staff", orgId: ORG, companyId: COMPANY },
  otherCompanyAdmin: { userId: "g", role: "company_admin", orgId: ORG, companyId: OTHER_COMPANY },
  endUser: { userId: USER, role: "end_user", orgId: ORG, companyId: COMPANY },
  otherEndUser: { userId: "h", role: "end_user", orgId: ORG, companyId: COMPANY },
  service: { userId: "identity-service", role: "service" },
} satisfies Record<string, Principal>;

const inStock = { orgId: ORG, companyId: null, endUserId: null };
const withCompany = { orgId: ORG, companyId: COMPANY, endUserId: null };
const withUser = { orgId: ORG, companyId: COMPANY, endUserId: USER };

describe("canSeeSim", () => {
  it.each([
    ["admin", inStock, true],
    ["orgAdmin", inStock, true],
    ["orgStaff", withUser, true],
    ["otherOrgAdmin", withUser, false],
    ["companyAdmin", inStock, false],
    ["companyAdmin", withCompany, true],
    ["companyStaff", withUser, true],
    ["otherCompanyAdmin", withCompany, false],
    ["endUser", withCompany, false],
    ["endUser", withUser, true],
    ["otherEndUser", withUser, false],
    ["service", withUser, false],
  ] as const)("%s on %o → %s", (caller, sim, visible) => {
    expect(canSeeSim(who[caller], sim)).toBe(visible);
  });

  it("does not let an end user see a SIM of theirs recorded under another company", () => {
    expect(canSeeSim(who.endUser, { orgId: ORG, companyId: OTHER_COMPANY, endUserId: USER })).toBe(false);
  });
});

describe("acting on SIMs", () => {
  it("lets the organization's users and the platform admin manage the organization's SIMs", () => {
    expect(canManageOrganizationSims(who.admin, ORG)).toBe(true);
    expect(canManageOrganizationSims(who.orgStaff, ORG)).toBe(true);
    expect(canManageOrganizationSims(who.otherOrgAdmin, ORG)).toBe(false);
    expect(canManageOrganizationSims(who.companyAdmin, ORG)).toBe(false);
    expect(canManageOrganizationSims(who.service, ORG)).toBe(false);
  });

  it("lets the SIM's company (and the organization) hand it to end users", () => {
    expect(canAssignToEndUser(who.companyStaff, withCompany)).toBe(true);
    expect(canAssignToEndUser(who.otherCompanyAdmin, withCompany)).toBe(false);
    expect(canAssignToEndUser(who.orgAdmin, withCompany)).toBe(true);
    expect(canAssignToEndUser(who.endUser, withUser)).toBe(false);
  });

  it("hides an organization from outsiders and forbids it to its lower ranks", () => {
    expect(organizationAccess(who.orgAdmin, ORG)).toBe("allowed");
    expect(organizationAccess(who.otherOrgAdmin, ORG)).toBe("not_visible");
    expect(organizationAccess(who.companyAdmin, ORG)).toBe("forbidden");
    expect(organizationAccess(who.companyAdmin, OTHER_ORG)).toBe("not_visible");
    expect(organizationAccess(who.service, ORG)).toBe("forbidden");
  });

  it("scopes lists by role", () => {
    expect(listScope(who.admin)).toEqual({});
    expect(listScope(who.orgStaff)).toEqual({ orgId: ORG });
    expect(listScope(who.companyAdmin)).toEqual({ companyId: COMPANY });
    expect(listScope(who.endUser)).toEqual({ companyId: COMPANY, endUserId: USER });
    expect(listScope(who.service)).toBeUndefined();
    expect(listScope({ userId: "x", role: "org_admin" })).toBeUndefined();
  });
});

describe("the chain rule", () => {
  const chain = { companyId: COMPANY, companyOrgId: ORG, companyStatus: "active", orgStatus: "active" };

  it("accepts an active company of the SIM's active organization", () => {
    expect(decideCompanyChain(ORG, chain)).toEqual({ ok: true });
  });

  it.each([
    ["a missing company", undefined, "the company does not exist"],
    [
      "another organization's company (told apart from nothing)",
      { ...chain, companyOrgId: OTHER_ORG },
      "the company does not exist",
    ],
    ["an archived company", { ...chain, companyStatus: "archived" }, "the company is archived"],
    ["an archived organization", { ...chain, orgStatus: "archived" }, "the organization is not active"],
  ])("refuses %s", (_name, resolved, message) => {
    expect(decideCompanyChain(ORG, resolved)).toEqual({ ok: false, message });
  });

  it("gives an end user only SIMs of their own company", () => {
    expect(decideEndUserChain(COMPANY, COMPANY)).toEqual({ ok: true });
    expect(decideEndUserChain(COMPANY, OTHER_COMPANY)).toMatchObject({ ok: false });
    expect(decideEndUserChain(COMPANY, undefined)).toMatchObject({ ok: false });
  });
});
