// Who may see and act on which SIM (ARCHITECTURE.md, "Identity and
// authorization"). Pure: the caller loads the SIM and turns a refusal into
// 404 (not visible: never reveal another tenant's SIM) or 403 (visible, but
// the role may not do this).
import {
  canSeeSim,
  isCompanyRole,
  isOrgRole,
  type Principal,
  type SimTenancy,
} from "@simhub/platform/domain";

// app/plans.ts still imports the platform's role helpers from here; the rule
// of who sees a SIM is the platform's, shared with usage-service.
export { canSeeSim, isCompanyRole, isOrgRole, type SimTenancy };

/** Import, assignment to a company and unassignment: the organization's users and the platform admin. */
export function canManageOrganizationSims(principal: Principal, orgId: string): boolean {
  if (principal.role === "platform_admin") return true;
  return isOrgRole(principal.role) && principal.orgId === orgId;
}

/** Handing a SIM to an end user: the organization's users, and the users of the company it is assigned to. */
export function canAssignToEndUser(principal: Principal, sim: SimTenancy): boolean {
  if (canManageOrganizationSims(principal, sim.orgId)) return true;
  return isCompanyRole(principal.role) && sim.companyId !== null && principal.companyId === sim.companyId;
}

/** Organization context of a principal for an organization-level request, or why it does not fit. */
export type OrganizationAccess = "allowed" | "not_visible" | "forbidden";

/**
 * Whether the caller may act on the SIMs of organization `orgId` as a whole
 * (import). Another organization's users and company or end users of another
 * organization learn nothing (not visible); users inside the organization
 * below org level are forbidden.
 */
export function organizationAccess(principal: Principal, orgId: string): OrganizationAccess {
  if (canManageOrganizationSims(principal, orgId)) return "allowed";
  if (principal.role !== "service" && principal.orgId === orgId) return "forbidden";
  return principal.role === "service" ? "forbidden" : "not_visible";
}

/** Conditions that scope a SIM list to what the caller may see. */
export interface SimListScope {
  readonly orgId?: string;
  readonly companyId?: string;
  readonly endUserId?: string;
}

/** The list scope of a principal, or undefined when the role lists nothing. */
export function listScope(principal: Principal): SimListScope | undefined {
  switch (principal.role) {
    case "platform_admin":
      return {};
    case "org_admin":
    case "org_staff":
      return principal.orgId ? { orgId: principal.orgId } : undefined;
    case "company_admin":
    case "company_staff":
      return principal.companyId ? { companyId: principal.companyId } : undefined;
    case "end_user":
      return principal.companyId
        ? { companyId: principal.companyId, endUserId: principal.userId }
        : undefined;
    default:
      return undefined;
  }
}
