// The callers the domain tests decide about: one of every role in tenant A
// (organization A, its company A1), and the ids of another tenant.
import type { Principal } from "@simhub/platform";

export const ORG_A = "00000000-0000-4000-8000-00000000000a";
export const ORG_B = "00000000-0000-4000-8000-00000000000b";
export const CO_A1 = "00000000-0000-4000-8000-0000000000a1";
export const CO_A2 = "00000000-0000-4000-8000-0000000000a2";
export const CO_B1 = "00000000-0000-4000-8000-0000000000b1";

export const admin: Principal = { userId: "u-admin", role: "platform_admin" };
export const orgAdminA: Principal = { userId: "u1", role: "org_admin", orgId: ORG_A };
export const orgStaffA: Principal = { userId: "u2", role: "org_staff", orgId: ORG_A };
export const companyAdminA1: Principal = {
  userId: "u3",
  role: "company_admin",
  orgId: ORG_A,
  companyId: CO_A1,
};
export const companyStaffA1: Principal = {
  userId: "u4",
  role: "company_staff",
  orgId: ORG_A,
  companyId: CO_A1,
};
export const endUserA1: Principal = { userId: "u5", role: "end_user", orgId: ORG_A, companyId: CO_A1 };
export const service: Principal = { userId: "identity-service", role: "service" };
