import type { SimServiceMethods } from "@simhub/contracts";
import type { ChainReplica, GrpcClient, Knex } from "@simhub/platform";

/** What company-service's use cases need from the outside world. */
export interface CompanyDeps {
  db: Knex;
  events: { namespace: string; source: string };
  /** Organizations' names and liveness, kept locally; org-service is asked on a miss. */
  chain: ChainReplica;
  /** sim-service, the system of record for assignments, asked when a company is archived. */
  sim: Pick<GrpcClient<SimServiceMethods>, "CountSimsByStatus">;
}
