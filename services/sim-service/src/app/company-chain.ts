// The company → organization chain for an assignment, from the local chain
// replica (@simhub/platform chain-replica.ts): the replica row comes with the
// SIM in one read; only a company the replica does not know yet is asked of
// company-service (ResolveCompany, with the caller's token), and the answer
// is stored. The write then locks the replica row it relied on
// (db/sim-writes.ts), and CompanyArchived undoes any assignment
// that committed before the archival reached the replica
// (events/company-events.ts).
import { type ChainReplica, ruleBroken } from "@simhub/platform";
import type { ReplicaCompany } from "../db/sims.ts";
import type { CompanyChain } from "../domain/chain.ts";

export const chainUnresolved = (message: string) => ruleBroken("SIM_CHAIN_UNRESOLVED", message);

/** The chain as the replica knows it, asking only when the read found nothing usable. */
export async function companyChainOf(
  replica: ChainReplica,
  companyId: string,
  read: ReplicaCompany | undefined,
): Promise<CompanyChain | undefined> {
  if (read) replica.noteLink(companyId, read.orgId);
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
