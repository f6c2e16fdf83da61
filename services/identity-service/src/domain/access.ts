// Who may do what to which user. Pure decisions over the caller's principal
// and the target's tenant. An object outside the caller's tenant is
// "not_found" (never reveal another tenant's objects); an object in the
// caller's tenant that its role may not touch is "forbidden".
import { isCompanyRole, isOrgRole, type Principal, type Role } from "@simhub/platform/domain";

export type Decision = "allow" | "forbidden" | "not_found";

const isCompanyLevelRole = (role: Role) => isCompanyRole(role) || role === "end_user";

/** Creating staff of an organization: the platform admin or that organization's admins. */
export function decideCreateOrgStaff(principal: Principal, orgId: string): Decision {
  if (principal.role === "platform_admin") return "allow";
  if (principal.role === "service" || principal.orgId !== orgId) return "not_found";
  return principal.role === "org_admin" ? "allow" : "forbidden";
}

export type CompanyAction = "manageStaff" | "manageEndUsers" | "readEndUsers";

const allowedForCompany: Record<CompanyAction, readonly Role[]> = {
  // Staff of a company: created by its admins or a higher level.
  manageStaff: ["platform_admin", "org_admin", "company_admin"],
  // End users: created and managed by company users or a higher level.
  manageEndUsers: ["platform_admin", "org_admin", "org_staff", "company_admin", "company_staff"],
  readEndUsers: ["platform_admin", "org_admin", "org_staff", "company_admin", "company_staff", "service"],
};

/**
 * Decides what can be decided before the company's organization is known:
 * company-level callers can only ever see their own company. Returns
 * undefined when the organization is needed (platform admin, org roles).
 */
export function decideCompanyEarly(
  principal: Principal,
  companyId: string,
  action: CompanyAction,
): Decision | undefined {
  if (isCompanyLevelRole(principal.role)) {
    if (principal.companyId !== companyId) return "not_found";
    return allowedForCompany[action].includes(principal.role) ? "allow" : "forbidden";
  }
  if (principal.role === "service")
    return allowedForCompany[action].includes("service") ? "allow" : "forbidden";
  return undefined;
}

export function decideCompany(
  principal: Principal,
  company: { id: string; orgId: string },
  action: CompanyAction,
): Decision {
  const early = decideCompanyEarly(principal, company.id, action);
  if (early) return early;
  if (principal.role === "platform_admin") return "allow";
  if (isOrgRole(principal.role)) {
    if (principal.orgId !== company.orgId) return "not_found";
    return allowedForCompany[action].includes(principal.role) ? "allow" : "forbidden";
  }
  return "not_found";
}

export type EndUserAction = "read" | "update" | "remove";

/** An end user sees itself only; company users their company's; org users their organization's. */
export function decideEndUser(
  principal: Principal,
  user: { id: string; companyId: string; orgId: string },
  action: EndUserAction,
): Decision {
  if (principal.role === "end_user") {
    if (principal.userId !== user.id) return "not_found";
    return action === "read" ? "allow" : "forbidden";
  }
  return decideCompany(
    principal,
    { id: user.companyId, orgId: user.orgId },
    action === "read" ? "readEndUsers" : "manageEndUsers",
  );
}

export function decideRotateSigningKey(principal: Principal): Decision {
  return principal.role === "platform_admin" ? "allow" : "forbidden";
}
