// The company -> organization chain, from the local chain replica
// (@simhub/platform chain-replica.ts): links are kept for good, liveness
// follows CompanyArchived and OrganizationUpdated; company-service is asked
// (ResolveCompany, with the caller's token) only for a company the replica
// has not heard of yet. Liveness lags the events by milliseconds: a user
// created just as the company is archived may still be accepted, as if the
// request had come a moment earlier.
import type { CompanyServiceMethods } from "@simhub/contracts";
import {
  AppError,
  type CallOptions,
  ChainReplica,
  type CompanyLink,
  forbidden,
  type GrpcClient,
  type Knex,
  notFound,
  type PlatformMetrics,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { type CompanyAction, type Decision, decideCompany, decideCompanyEarly } from "../domain/access.ts";
import type { IdentityDeps } from "./deps.ts";

export function createChainReplica(
  db: Knex,
  company: GrpcClient<CompanyServiceMethods>,
  metrics: PlatformMetrics,
): ChainReplica {
  return new ChainReplica(db, {
    onLookup: (what, result) => metrics.chainReplicaLookups.inc({ what, result }),
    async resolveCompany(companyId, callOptions) {
      try {
        const resolved = await company.ResolveCompany({ companyId }, callOptions);
        if (!resolved.company || !resolved.organization) return undefined;
        return {
          companyId,
          orgId: resolved.company.orgId,
          companyArchived: resolved.company.status !== "active",
          orgName: resolved.organization.name,
          orgStatus: resolved.organization.status,
        };
      } catch (error) {
        if (error instanceof AppError && (error.kind === "not_found" || error.kind === "forbidden")) {
          return undefined;
        }
        throw error;
      }
    },
  });
}

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
