// Who may do what with an organization and the things it holds. Pure
// decisions over the caller's principal; the use cases turn "cannot see" into
// 404 (never reveal another tenant's organization) and "sees it but may not
// change it" into 403.
import { isCompanyRole, isOrgRole, type Principal } from "@simhub/platform/domain";

/**
 * Every user whose token names this organization sees it: org staff and, so
 * that a company's page can show its organization's name, company users too.
 * `service` (internal calls such as company-service resolving a chain) reads
 * everything.
 */
export function canSeeOrganization(principal: Principal, orgId: string): boolean {
  if (principal.role === "platform_admin" || principal.role === "service") return true;
  return principal.orgId === orgId;
}

export function canCreateOrganization(principal: Principal): boolean {
  return principal.role === "platform_admin";
}

function isOrgAdminOf(principal: Principal, orgId: string): boolean {
  return principal.role === "org_admin" && principal.orgId === orgId;
}

function isOrgUserOf(principal: Principal, orgId: string): boolean {
  return isOrgRole(principal.role) && principal.orgId === orgId;
}

/** Rename and archive: the platform admin or the organization's own admin. */
export function canManageOrganization(principal: Principal, orgId: string): boolean {
  return principal.role === "platform_admin" || isOrgAdminOf(principal, orgId);
}

/**
 * Bringing an archived organization back is the platform's decision: an
 * organization's admin may archive it, but not undo what the platform may
 * have archived for a reason of its own.
 */
export function canReactivateOrganization(principal: Principal): boolean {
  return principal.role === "platform_admin";
}

/** Signing operator contracts and connecting payment systems is administrative work. */
export function canManageContracts(principal: Principal, orgId: string): boolean {
  return principal.role === "platform_admin" || isOrgAdminOf(principal, orgId);
}

/**
 * Operator contracts are read by the organization's users (org staff import
 * SIMs against them) and by internal services; company users have no
 * business with the organization's contracts.
 */
export function canReadContracts(principal: Principal, orgId: string): boolean {
  if (principal.role === "platform_admin" || principal.role === "service") return true;
  return isOrgUserOf(principal, orgId);
}

/** Which organizations a list returns: every one, or only the caller's own. */
export function organizationListScope(principal: Principal): { all: true } | { onlyId: string | undefined } {
  if (principal.role === "platform_admin" || principal.role === "service") return { all: true };
  return { onlyId: principal.orgId };
}

/** Creating and changing plans is administrative work: the platform admin or the organization's admin. */
export function canManagePlans(principal: Principal, orgId: string): boolean {
  return principal.role === "platform_admin" || isOrgAdminOf(principal, orgId);
}

/** The tenant facts of a plan that its visibility depends on. */
export interface PlanScope {
  orgId: string;
  companyId: string | null;
}

/**
 * Who sees a plan. The organization's users and the platform see every plan
 * of the organization (internal `service` calls too); company users see the
 * organization-wide plans and those offered to their own company. End users
 * see no plan: what a consumer pays is the business of the company that sold
 * the SIM, not of the consumer's account here, so to them a plan does not
 * exist (404), and a list of plans is refused (403: they know their
 * organization, only the list is not theirs to read).
 */
export function canSeePlan(principal: Principal, plan: PlanScope): boolean {
  if (principal.role === "platform_admin" || principal.role === "service") return true;
  if (isOrgUserOf(principal, plan.orgId)) return true;
  if (isCompanyRole(principal.role)) {
    return (
      principal.orgId === plan.orgId &&
      principal.companyId !== undefined &&
      (plan.companyId === null || plan.companyId === principal.companyId)
    );
  }
  return false;
}

/** Which plans of an organization (already visible to the caller) a list returns. */
export function planListScope(
  principal: Principal,
  orgId: string,
): { kind: "all" } | { kind: "company"; companyId: string } | { kind: "forbidden" } {
  if (principal.role === "platform_admin" || principal.role === "service") return { kind: "all" };
  if (isOrgUserOf(principal, orgId)) return { kind: "all" };
  if (isCompanyRole(principal.role) && principal.companyId) {
    return { kind: "company", companyId: principal.companyId };
  }
  return { kind: "forbidden" };
}
