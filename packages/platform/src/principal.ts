// Who is calling: the claims every service authorizes against. Pure.
export const roles = [
  "platform_admin",
  "org_admin",
  "org_staff",
  "company_admin",
  "company_staff",
  "end_user",
  "service",
] as const;
export type Role = (typeof roles)[number];

export const orgRoles: readonly Role[] = ["org_admin", "org_staff"];
export const companyRoles: readonly Role[] = ["company_admin", "company_staff"];

export interface Principal {
  userId: string;
  role: Role;
  orgId?: string;
  companyId?: string;
}
