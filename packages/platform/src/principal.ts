// Who is calling: the claims every service authorizes against, and the one
// set of role groups the services' access rules are written with. Pure.
/** The roles a person logs in with. */
export const userRoles = [
  "platform_admin",
  "org_admin",
  "org_staff",
  "company_admin",
  "company_staff",
  "end_user",
] as const;
export type UserRole = (typeof userRoles)[number];

/** Every role of a token: a person's, or `service` for a process calling another. */
export const roles = [...userRoles, "service"] as const;
export type Role = (typeof roles)[number];

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
