// Pure rules of API keys: who may manage whose keys (machine principals
// never), which roles a key of each level may carry, client id and secret
// formats.
import { randomBytes } from "node:crypto";
import type { Principal } from "@simhub/platform";
import { describe, expect, it } from "vitest";
import {
  CLIENT_ID_PREFIX,
  CLIENT_SECRET_PREFIX,
  checkApiKeyRole,
  decideApiKey,
  decideCompanyApiKeys,
  decideCompanyApiKeysEarly,
  decideOrgApiKeys,
  isClientIdFormat,
  isClientSecretFormat,
} from "../src/domain/api-keys.ts";
import {
  admin,
  CO_A1,
  CO_A2,
  CO_B1,
  companyAdminA1,
  companyStaffA1,
  endUserA1,
  ORG_A,
  ORG_B,
  orgAdminA,
  orgStaffA,
  service,
} from "./principals.ts";

const machine = (principal: Principal): Principal => ({ ...principal, clientId: "simhub_ck_x" });

describe("managing an organization's keys", () => {
  it("is the platform admin's and the organization's admins'", () => {
    expect(decideOrgApiKeys(admin, ORG_A)).toBe("allow");
    expect(decideOrgApiKeys(orgAdminA, ORG_A)).toBe("allow");
    expect(decideOrgApiKeys(orgStaffA, ORG_A)).toBe("forbidden");
  });

  it("is not found for anyone outside the organization, company users included", () => {
    expect(decideOrgApiKeys(orgAdminA, ORG_B)).toBe("not_found");
    for (const principal of [companyAdminA1, companyStaffA1, endUserA1, service]) {
      expect(decideOrgApiKeys(principal, ORG_A)).toBe("not_found");
    }
  });

  it("is refused to a machine principal even with the admin role, and still 404 outside its tenant", () => {
    expect(decideOrgApiKeys(machine(orgAdminA), ORG_A)).toBe("forbidden");
    expect(decideOrgApiKeys(machine(orgAdminA), ORG_B)).toBe("not_found");
  });
});

describe("managing a company's keys", () => {
  const a1 = { orgId: ORG_A, companyId: CO_A1 };
  it("is the platform admin's, the organization's admins' and the company's admins'", () => {
    expect(decideCompanyApiKeys(admin, a1)).toBe("allow");
    expect(decideCompanyApiKeys(orgAdminA, a1)).toBe("allow");
    expect(decideCompanyApiKeys(companyAdminA1, a1)).toBe("allow");
    expect(decideCompanyApiKeys(orgStaffA, a1)).toBe("forbidden");
    expect(decideCompanyApiKeys(companyStaffA1, a1)).toBe("forbidden");
    expect(decideCompanyApiKeys(endUserA1, a1)).toBe("forbidden");
  });

  it("is not found for another company's users and another organization's staff", () => {
    expect(decideCompanyApiKeys(companyAdminA1, { orgId: ORG_A, companyId: CO_A2 })).toBe("not_found");
    expect(decideCompanyApiKeys(orgAdminA, { orgId: ORG_B, companyId: CO_B1 })).toBe("not_found");
    expect(decideCompanyApiKeys(service, a1)).toBe("not_found");
  });

  it("decides company-level callers before the organization is known", () => {
    expect(decideCompanyApiKeysEarly(companyAdminA1, CO_A1)).toBe("allow");
    expect(decideCompanyApiKeysEarly(companyAdminA1, CO_A2)).toBe("not_found");
    expect(decideCompanyApiKeysEarly(companyStaffA1, CO_A1)).toBe("forbidden");
    expect(decideCompanyApiKeysEarly(orgAdminA, CO_A1)).toBeUndefined();
    expect(decideCompanyApiKeysEarly(admin, CO_A1)).toBeUndefined();
  });

  it("is refused to machine principals", () => {
    expect(decideCompanyApiKeys(machine(companyAdminA1), a1)).toBe("forbidden");
    expect(decideCompanyApiKeys(machine(orgAdminA), a1)).toBe("forbidden");
  });

  it("revoking follows the key's tenant", () => {
    expect(decideApiKey(companyAdminA1, { orgId: ORG_A, companyId: CO_A1 })).toBe("allow");
    expect(decideApiKey(companyAdminA1, { orgId: ORG_A, companyId: null })).toBe("not_found");
    expect(decideApiKey(orgAdminA, { orgId: ORG_A, companyId: CO_A2 })).toBe("allow");
    expect(decideApiKey(orgAdminA, { orgId: ORG_B, companyId: null })).toBe("not_found");
  });
});

describe("roles of a key", () => {
  it("are the staff roles of its level", () => {
    expect(checkApiKeyRole("org", "org_admin")).toEqual([]);
    expect(checkApiKeyRole("org", "org_staff")).toEqual([]);
    expect(checkApiKeyRole("company", "company_admin")).toEqual([]);
    expect(checkApiKeyRole("company", "company_staff")).toEqual([]);
    for (const role of ["company_admin", "end_user", "platform_admin", "service", ""]) {
      expect(checkApiKeyRole("org", role)).toEqual([
        { path: "role", message: "one of org_admin, org_staff" },
      ]);
    }
    for (const role of ["org_admin", "end_user", "platform_admin"]) {
      expect(checkApiKeyRole("company", role)).toHaveLength(1);
    }
  });
});

describe("client ids and secrets", () => {
  it("are the prefix and 128 or 256 random bits in base64url", () => {
    for (let i = 0; i < 100; i++) {
      expect(isClientIdFormat(`${CLIENT_ID_PREFIX}${randomBytes(16).toString("base64url")}`)).toBe(true);
      expect(isClientSecretFormat(`${CLIENT_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`)).toBe(
        true,
      );
    }
  });

  it("refuses anything else", () => {
    const id = `${CLIENT_ID_PREFIX}${"a".repeat(22)}`;
    expect(isClientIdFormat(id)).toBe(true);
    for (const bad of [
      "",
      id.slice(0, -1),
      `${id}a`,
      id.replace(CLIENT_ID_PREFIX, CLIENT_SECRET_PREFIX),
      `${CLIENT_ID_PREFIX}${"a".repeat(21)}=`,
      `${CLIENT_ID_PREFIX}${"a".repeat(21)}+`,
      ` ${id}`,
      `${id}\n`,
    ]) {
      expect(isClientIdFormat(bad), JSON.stringify(bad)).toBe(false);
    }
    expect(isClientSecretFormat(`${CLIENT_SECRET_PREFIX}${"b".repeat(42)}`)).toBe(false);
    expect(isClientSecretFormat(`${CLIENT_ID_PREFIX}${"b".repeat(43)}`)).toBe(false);
  });
});
