// Resolving the company → organization chain for an assignment.
//
// What is cached, and why: a company never moves to another organization, so
// the link (company C belongs to org O) is kept for good in company_links,
// and so is archival, which is one-way; CompanyArchived events record it as
// soon as they arrive. A cached link to another organization, or a cached
// archival, refuses an assignment without asking anyone.
//
// What is not cached: "active". The archive event reaches this service
// shortly AFTER company-service has committed the archival, so a cache that
// says "active" may already be wrong; trusting it for even a few seconds
// would let a SIM be assigned to a company archived a moment ago (archive,
// then assign at once: the event is still in flight). So whenever the cache
// does not already refuse, liveness (the company's and its organization's)
// is confirmed with company-service's ResolveCompany: one call per
// assignment, which is a rare, human-paced command. The remaining window —
// an archival committed between that answer and our commit — is closed on
// the other side: CompanyArchived unassigns any SIM still assigned to the
// company (see company-events.ts), and company-service refuses to archive a
// company that has SIMs (COMPANY_HAS_SIMS).
import { AppError, ruleBroken } from "@simhub/platform";
import { findCompanyLink, rememberCompanyLink } from "../db/company-links.ts";
import { type CompanyChain, decideCompanyChain } from "../domain/chain.ts";
import type { SimDeps } from "./deps.ts";

export const chainUnresolved = (message: string) => ruleBroken("SIM_CHAIN_UNRESOLVED", message);

/** Throws SIM_CHAIN_UNRESOLVED unless company `companyId` may receive a SIM of organization `simOrgId`. */
export async function assertCompanyChain(deps: SimDeps, companyId: string, simOrgId: string): Promise<void> {
  const cached = await findCompanyLink(deps.db, companyId);
  if (cached && (cached.orgId !== simOrgId || cached.archived)) {
    const decision = decideCompanyChain(simOrgId, {
      companyId,
      companyOrgId: cached.orgId,
      companyStatus: cached.archived ? "archived" : "active",
      orgStatus: "active",
    });
    if (!decision.ok) throw chainUnresolved(decision.message);
  }

  let chain: CompanyChain | undefined;
  try {
    const resolved = await deps.company.ResolveCompany({ companyId });
    if (resolved.company && resolved.organization) {
      chain = {
        companyId,
        companyOrgId: resolved.company.orgId,
        companyStatus: resolved.company.status,
        orgStatus: resolved.organization.status,
      };
      const archived = resolved.company.status !== "active";
      // The link never changes and liveness only once: write only what is new
      // (this ran on every assignment and cost a round trip each).
      if (!cached || cached.orgId !== resolved.company.orgId || cached.archived !== archived) {
        await rememberCompanyLink(deps.db, { companyId, orgId: resolved.company.orgId, archived });
      }
    }
  } catch (error) {
    // company-service answers NOT_FOUND for a company that does not exist or
    // that the caller may not see; both mean the chain does not resolve.
    const answered =
      error instanceof AppError &&
      (error.kind === "not_found" || error.kind === "forbidden" || error.kind === "invalid");
    if (!answered) throw error;
  }
  const decision = decideCompanyChain(simOrgId, chain);
  if (!decision.ok) throw chainUnresolved(decision.message);
}
