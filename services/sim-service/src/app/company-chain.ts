// The company → organization chain for an assignment, from the local chain
// replica (@simhub/platform chain-replica.ts): the replica row comes with the
// SIM in one read; only a company the replica does not know yet is asked of
// company-service (ResolveCompany, with the caller's token), and the answer
// is stored. The write then locks the replica row it relied on
// (db/sims.ts writeSimChange), and CompanyArchived undoes any assignment
// that committed before the archival reached the replica
// (events/company-events.ts).
import type { CompanyServiceMethods } from "@simhub/contracts";
import {
  AppError,
  ChainReplica,
  type GrpcClient,
  type Knex,
  type PlatformMetrics,
  ruleBroken,
} from "@simhub/platform";
import type { ReplicaCompany } from "../db/sims.ts";
import type { CompanyChain } from "../domain/chain.ts";

export const chainUnresolved = (message: string) => ruleBroken("SIM_CHAIN_UNRESOLVED", message);

export function createChainReplica(
  db: Knex,
  company: GrpcClient<CompanyServiceMethods>,
  metrics: PlatformMetrics,
): ChainReplica {
  return new ChainReplica(db, {
    onLookup: (what, result) => metrics.chainReplicaLookups.inc({ what, result }),
    async resolveCompany(companyId) {
      try {
        const resolved = await company.ResolveCompany({ companyId });
        if (!resolved.company || !resolved.organization) return undefined;
        return {
          companyId,
          orgId: resolved.company.orgId,
          companyArchived: resolved.company.status !== "active",
          orgName: resolved.organization.name,
          orgStatus: resolved.organization.status,
        };
      } catch (error) {
        // NOT_FOUND for a company that does not exist or that the caller may
        // not see: either way the chain does not resolve.
        const answered =
          error instanceof AppError &&
          (error.kind === "not_found" || error.kind === "forbidden" || error.kind === "invalid");
        if (answered) return undefined;
        throw error;
      }
    },
  });
}

/** The chain as the replica knows it, asking only when the read found nothing usable. */
export async function companyChainOf(
  replica: ChainReplica,
  companyId: string,
  read: ReplicaCompany | undefined,
): Promise<CompanyChain | undefined> {
  if (read && read.orgStatus !== null) {
    replica.noteLocalHit("company");
    return {
      companyId,
      companyOrgId: read.orgId,
      companyStatus: read.archived ? "archived" : "active",
      orgStatus: read.orgStatus,
    };
  }
  const link = await replica.company(companyId);
  if (!link) return undefined;
  return {
    companyId,
    companyOrgId: link.orgId,
    companyStatus: link.companyArchived ? "archived" : "active",
    orgStatus: link.orgActive ? "active" : "not active",
  };
}
