// The company -> organization chain, asked of company-service (the system of
// record). Links never change once made, so they are cached; liveness
// (archived or not) is asked fresh whenever a user is created.
import type { CompanyServiceMethods } from "@simhub/contracts";
import {
  AppError,
  type CallOptions,
  forbidden,
  notFound,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { type CompanyAction, type Decision, decideCompany, decideCompanyEarly } from "../domain/access.ts";
import type { IdentityDeps } from "./deps.ts";

type ResolvedCompany__Output = CompanyServiceMethods["ResolveCompany"]["responseOut"];

const companyOrgCache = new Map<string, string>();
const CACHE_LIMIT = 10_000;

export function enforce(decision: Decision, notFoundCode: string, what: string): void {
  if (decision === "not_found") throw notFound(notFoundCode, `${what} not found`);
  if (decision === "forbidden") throw forbidden(`your role may not do this to this ${what}`);
}

export async function resolveCompany(
  deps: IdentityDeps,
  companyId: string,
  options?: CallOptions,
): Promise<ResolvedCompany__Output> {
  try {
    const resolved = await deps.clients.company.ResolveCompany({ companyId }, options);
    if (resolved.company) {
      if (companyOrgCache.size >= CACHE_LIMIT) companyOrgCache.clear();
      companyOrgCache.set(resolved.company.id, resolved.company.orgId);
    }
    return resolved;
  } catch (error) {
    if (error instanceof AppError && (error.kind === "not_found" || error.kind === "forbidden")) {
      throw notFound("COMPANY_NOT_FOUND", "company not found");
    }
    throw error;
  }
}

/** The chain of a company that is getting a new user: company and organization both active. */
export function assertChainActive(resolved: ResolvedCompany__Output): { companyId: string; orgId: string } {
  const company = resolved.company;
  const organization = resolved.organization;
  if (
    !company ||
    !organization ||
    company.status !== "active" ||
    organization.status !== "active" ||
    company.orgId !== organization.id
  ) {
    throw ruleBroken(
      "COMPANY_CHAIN_UNRESOLVED",
      "the company does not resolve to an active company of an active organization",
    );
  }
  return { companyId: company.id, orgId: organization.id };
}

/**
 * Checks that the caller may do `action` on the company's users; resolves
 * the company when the decision needs its organization (and always when
 * `fresh`, for creations that must see the chain's liveness).
 */
export async function authorizeCompany(
  deps: IdentityDeps,
  principal: Principal,
  companyId: string,
  action: CompanyAction,
  fresh: boolean,
): Promise<ResolvedCompany__Output | undefined> {
  const early = decideCompanyEarly(principal, companyId, action);
  if (early && early !== "allow") enforce(early, "COMPANY_NOT_FOUND", "company");
  if (!fresh) {
    if (early === "allow") return undefined;
    const cachedOrg = companyOrgCache.get(companyId);
    if (cachedOrg) {
      enforce(
        decideCompany(principal, { id: companyId, orgId: cachedOrg }, action),
        "COMPANY_NOT_FOUND",
        "company",
      );
      return undefined;
    }
  }
  const resolved = await resolveCompany(deps, companyId);
  if (!resolved.company) throw notFound("COMPANY_NOT_FOUND", "company not found");
  enforce(
    decideCompany(principal, { id: companyId, orgId: resolved.company.orgId }, action),
    "COMPANY_NOT_FOUND",
    "company",
  );
  return resolved;
}
