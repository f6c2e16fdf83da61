// The company -> organization chain, from the local chain replica
// (@simhub/platform chain-replica.ts): links are kept for good, liveness
// follows CompanyArchived and OrganizationUpdated; company-service is asked
// (ResolveCompany, with the caller's token) only for a company the replica
// has not heard of yet. Liveness lags the events by milliseconds: a user
// created just as the company is archived may still be accepted, as if the
// request had come a moment earlier.
import {
  type CallOptions,
  type CompanyLink,
  forbidden,
  notFound,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { type CompanyAction, type Decision, decideCompany, decideCompanyEarly } from "../domain/access.ts";
import type { IdentityDeps } from "./deps.ts";

export function enforce(decision: Decision, notFoundCode: string, what: string): void {
  if (decision === "not_found") throw notFound(notFoundCode, `${what} not found`);
  if (decision === "forbidden") throw forbidden(`your role may not do this to this ${what}`);
}

/** The company's link and liveness; 404 when it does not exist (for the caller). */
export async function resolveCompany(
  deps: IdentityDeps,
  companyId: string,
  options?: CallOptions,
): Promise<CompanyLink> {
  const link = await deps.chain.company(companyId, options);
  if (!link) throw notFound("COMPANY_NOT_FOUND", "company not found");
  return link;
}

/** The chain of a company that is getting a new user: company and organization both active. */
export function assertChainActive(link: CompanyLink): { companyId: string; orgId: string } {
  if (link.companyArchived || !link.orgActive) {
    throw ruleBroken(
      "COMPANY_CHAIN_UNRESOLVED",
      "the company does not resolve to an active company of an active organization",
    );
  }
  return { companyId: link.companyId, orgId: link.orgId };
}

/**
 * Checks that the caller may do `action` on the company's users; resolves
 * the company when the decision needs its organization (and always when
 * `needsLink`, for creations that check the chain's liveness).
 */
export async function authorizeCompany(
  deps: IdentityDeps,
  principal: Principal,
  companyId: string,
  action: CompanyAction,
  needsLink: boolean,
): Promise<CompanyLink | undefined> {
  const early = decideCompanyEarly(principal, companyId, action);
  if (early && early !== "allow") enforce(early, "COMPANY_NOT_FOUND", "company");
  if (!needsLink && early === "allow") return undefined;
  const link = await resolveCompany(deps, companyId);
  enforce(
    decideCompany(principal, { id: companyId, orgId: link.orgId }, action),
    "COMPANY_NOT_FOUND",
    "company",
  );
  return link;
}
