// API keys: machine credentials acting with one role in one tenant. Pure
// rules: who may manage whose keys, which roles a key may carry, and the
// shape of client ids and secrets.
//
// Keys are managed by people only. A machine principal (an API key's own
// token) is refused (403) even with an admin role: a leaked key that could
// mint further keys would survive its own revocation through them.
import {
  type CompanyRole,
  companyRoles,
  type FieldError,
  isCompanyRole,
  isOrgRole,
  type OrgRole,
  orgRoles,
  type Principal,
} from "@simhub/platform/domain";
import type { Decision } from "./access.ts";

export const CLIENT_ID_PREFIX = "simhub_ck_";
export const CLIENT_SECRET_PREFIX = "simhub_cs_";

// Recognisable prefixes let secret scanners find a leaked secret; the random
// parts are 128 bits (client id, public) and 256 bits (secret), base64url.
const clientIdPattern = /^simhub_ck_[A-Za-z0-9_-]{22}$/;
const clientSecretPattern = /^simhub_cs_[A-Za-z0-9_-]{43}$/;

export const isClientIdFormat = (value: string) => clientIdPattern.test(value);
export const isClientSecretFormat = (value: string) => clientSecretPattern.test(value);

export interface ApiKeyTenant {
  orgId: string;
  /** null for an organization's key. */
  companyId: string | null;
}

export type ApiKeyRole = OrgRole | CompanyRole;

/** The roles a key of this level may carry: an organization's staff roles, or a company's. */
export function checkApiKeyRole(level: "org" | "company", role: string): FieldError[] {
  const allowed = level === "org" ? isOrgRole(role) : isCompanyRole(role);
  if (allowed) return [];
  return [{ path: "role", message: `one of ${(level === "org" ? orgRoles : companyRoles).join(", ")}` }];
}

const isMachine = (principal: Principal) => principal.clientId !== undefined;

/**
 * Creating, listing and revoking an organization's own keys: the platform
 * admin or that organization's admins. Anyone outside the organization: 404.
 */
export function decideOrgApiKeys(principal: Principal, orgId: string): Decision {
  if (principal.role === "platform_admin") return "allow";
  if (!isOrgRole(principal.role) || principal.orgId !== orgId) return "not_found";
  if (principal.role !== "org_admin" || isMachine(principal)) return "forbidden";
  return "allow";
}

/**
 * A company's keys: the platform admin, the admins of the company's
 * organization and the company's own admins. Company-level callers of
 * another company and anyone outside the organization: 404.
 */
export function decideCompanyApiKeys(
  principal: Principal,
  tenant: { orgId: string; companyId: string },
): Decision {
  if (principal.role === "platform_admin") return "allow";
  const inTenant = isOrgRole(principal.role)
    ? principal.orgId === tenant.orgId
    : principal.role !== "service" && principal.companyId === tenant.companyId;
  if (!inTenant) return "not_found";
  if ((principal.role !== "org_admin" && principal.role !== "company_admin") || isMachine(principal))
    return "forbidden";
  return "allow";
}

/**
 * Company-level callers can only ever manage their own company's keys: what
 * can be decided before the company's organization is known (undefined when
 * the organization is needed).
 */
export function decideCompanyApiKeysEarly(principal: Principal, companyId: string): Decision | undefined {
  if (principal.role === "platform_admin" || isOrgRole(principal.role)) return undefined;
  return decideCompanyApiKeys(principal, { orgId: "", companyId });
}

/** Revoking a key: whoever may manage the keys of its tenant. */
export function decideApiKey(principal: Principal, key: ApiKeyTenant): Decision {
  return key.companyId === null
    ? decideOrgApiKeys(principal, key.orgId)
    : decideCompanyApiKeys(principal, { orgId: key.orgId, companyId: key.companyId });
}
