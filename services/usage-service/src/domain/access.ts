// Who may send and read usage (docs/usage.md, "Access"). Pure: the caller
// turns "not_visible" into 404 and "forbidden" into 403.
import { isCompanyRole, isOrgRole, type Principal } from "@simhub/platform/domain";

/** The SIMs of an organization a caller may send usage for, or why it may not send any. */
export type IngestScope =
  | { kind: "organization" }
  | { kind: "company"; companyId: string }
  | { kind: "not_visible" }
  | { kind: "forbidden" };

/**
 * The platform admin and the organization's users send usage for every SIM
 * of the organization; a company's users (an integration with a company
 * key) only for their company's SIMs, the others are rejected like unknown
 * ones. End users send none; another organization's callers learn nothing.
 */
export function ingestScope(principal: Principal, orgId: string): IngestScope {
  if (principal.role === "platform_admin") return { kind: "organization" };
  if (principal.orgId !== orgId) return { kind: "not_visible" };
  if (isOrgRole(principal.role)) return { kind: "organization" };
  if (isCompanyRole(principal.role) && principal.companyId) {
    return { kind: "company", companyId: principal.companyId };
  }
  return { kind: "forbidden" };
}

/** A company's usage: the platform admin, the users of its organization and its own staff (not its end users). */
export function companyUsageAccess(
  principal: Principal,
  company: { companyId: string; orgId: string },
): "allowed" | "not_visible" | "forbidden" {
  if (principal.role === "platform_admin") return "allowed";
  if (isOrgRole(principal.role)) return principal.orgId === company.orgId ? "allowed" : "not_visible";
  if (principal.companyId !== company.companyId) return "not_visible";
  return isCompanyRole(principal.role) ? "allowed" : "forbidden";
}
