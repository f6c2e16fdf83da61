// Who is calling: the claims every service authorizes against, and the one
// set of role groups the services' access rules are written with. Pure.
// The roles themselves are the proto enum Role (identity_service.proto).
import { type Role, roles } from "@simhub/contracts/enums";

export { type Role, roles };

/** The roles a person logs in with: every role of a token but `service` (a process calling another). */
export const userRoles = roles.filter((role): role is Exclude<Role, "service"> => role !== "service");
export type UserRole = Exclude<Role, "service">;

/** The staff of an organization, and of a company (end users are not staff). */
export const orgRoles = ["org_admin", "org_staff"] as const satisfies readonly Role[];
export const companyRoles = ["company_admin", "company_staff"] as const satisfies readonly Role[];
export type OrgRole = (typeof orgRoles)[number];
export type CompanyRole = (typeof companyRoles)[number];

export function isOrgRole(role: string): role is OrgRole {
  return (orgRoles as readonly string[]).includes(role);
}

export function isCompanyRole(role: string): role is CompanyRole {
  return (companyRoles as readonly string[]).includes(role);
}

export interface Principal {
  userId: string;
  role: Role;
  orgId?: string;
  companyId?: string;
  /**
   * Set only for a machine principal: the OAuth client id of the API key whose
   * token this is (claim `client_id`, RFC 9068 §2.2). `userId` is then the
   * key's id, so logs and history tell an integration from a person.
   */
  clientId?: string;
}

/** The tenant facts of a SIM that seeing it depends on. */
export interface SimTenancy {
  readonly orgId: string;
  readonly companyId: string | null;
  readonly endUserId: string | null;
}

/**
 * Who sees a SIM (ARCHITECTURE.md, "Identity and authorization"), one rule
 * for every service that holds facts of SIMs: the platform admin and the
 * users of its organization; company users while it is assigned to their
 * company; an end user while it is assigned to them (in their company). The
 * internal `service` role sees nothing through user calls.
 */
export function canSeeSim(principal: Principal, sim: SimTenancy): boolean {
  switch (principal.role) {
    case "platform_admin":
      return true;
    case "org_admin":
    case "org_staff":
      return principal.orgId !== undefined && principal.orgId === sim.orgId;
    case "company_admin":
    case "company_staff":
      return sim.companyId !== null && principal.companyId === sim.companyId;
    case "end_user":
      return (
        sim.endUserId !== null && sim.endUserId === principal.userId && sim.companyId === principal.companyId
      );
    default:
      return false;
  }
}
