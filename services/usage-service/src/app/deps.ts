import type { CompanyServiceMethods, SimServiceMethods } from "@simhub/contracts";
import type { ChainReplica, GrpcClient, Knex } from "@simhub/platform";
import type { RecordPartitions } from "../db/partitions.ts";
import type { UsageMetrics } from "../metrics.ts";

/** What usage-service's use cases need from the outside world. */
export interface UsageDeps {
  db: Knex;
  events: { namespace: string; source: string };
  /** Which SIMs exist and whose they are (with the caller's token). */
  sim: Pick<GrpcClient<SimServiceMethods>, "LookupSims">;
  /** The company → organization chain for the company usage query. */
  chain: ChainReplica;
  company: Pick<GrpcClient<CompanyServiceMethods>, "ResolveCompany">;
  partitions: RecordPartitions;
  metrics: UsageMetrics;
  batchSize: number;
  retentionMonths: number;
  now?: () => Date;
}
