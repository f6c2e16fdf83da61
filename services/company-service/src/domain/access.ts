// Who may see and change a company. Pure decisions over the caller's
// principal; the use cases turn "cannot see" into 404 (another tenant's
// company does not exist for the caller) and "sees it but may not do this"
// into 403.
//
// Decisions:
// - Creating, renaming and archiving companies is administrative work of the
//   organization: the platform admin and the organization's org_admin.
//   org_staff may read every company of its organization but not change
//   one: staff run day-to-day SIM operations, while a company's existence
//   and name are commitments of the organization (contracts, invoices), so
//   they stay with its admins.
// - A company's own company_admin may edit its settings (currency,
//   notification e-mail), not its name (the organization's record of its
//   client) and not its lifecycle.
// - Company users see their own company only. A virtual company stands for a
//   point of sale and is never shown to consumers, so an end user of a
//   virtual company does not see it (404); it may still be resolved for a
//   chain check (ResolveCompany), which shows nothing to the consumer.
import { isCompanyRole, isOrgRole, type Principal } from "@simhub/platform/domain";

export interface CompanyScope {
  id: string;
  orgId: string;
  virtual: boolean;
}

const isOrgUser = (principal: Principal, orgId: string) =>
  isOrgRole(principal.role) && principal.orgId === orgId;

const isCompanyUser = (principal: Principal, companyId: string) =>
  (isCompanyRole(principal.role) || principal.role === "end_user") && principal.companyId === companyId;

export function canSeeCompany(principal: Principal, company: CompanyScope): boolean {
  if (principal.role === "platform_admin" || principal.role === "service") return true;
  if (isOrgUser(principal, company.orgId)) return true;
  if (principal.role === "end_user" && company.virtual) return false;
  return isCompanyUser(principal, company.id);
}

export function canResolveCompany(principal: Principal, company: CompanyScope): boolean {
  return canSeeCompany(principal, company) || isCompanyUser(principal, company.id);
}

/** Whether the caller may know that an organization exists at all (else 404). */
export function canSeeOrganization(principal: Principal, orgId: string): boolean {
  if (principal.role === "platform_admin" || principal.role === "service") return true;
  return principal.orgId === orgId;
}

export function canManageCompaniesOf(principal: Principal, orgId: string): boolean {
  return principal.role === "platform_admin" || (principal.role === "org_admin" && principal.orgId === orgId);
}

export function canEditSettings(principal: Principal, company: CompanyScope): boolean {
  return (
    canManageCompaniesOf(principal, company.orgId) ||
    (principal.role === "company_admin" && principal.companyId === company.id)
  );
}

/**
 * What a list of an organization's companies returns to the caller: every
 * company, only the caller's own (company users), or nothing visible (404).
 */
export function companyListScope(
  principal: Principal,
  orgId: string,
): { kind: "all" } | { kind: "own"; companyId: string; includeVirtual: boolean } | { kind: "none" } {
  if (!canSeeOrganization(principal, orgId)) return { kind: "none" };
  if (principal.role === "platform_admin" || principal.role === "service" || isOrgUser(principal, orgId)) {
    return { kind: "all" };
  }
  if (principal.companyId) {
    return { kind: "own", companyId: principal.companyId, includeVirtual: principal.role !== "end_user" };
  }
  return { kind: "none" };
}
