import type { OrgServiceMethods, SimServiceMethods } from "@simhub/contracts";
import type { GrpcClient, Knex } from "@simhub/platform";

/** What company-service's use cases need from the outside world. */
export interface CompanyDeps {
  db: Knex;
  events: { namespace: string; source: string };
  /** org-service, called with the caller's token (the client kit forwards it). */
  org: Pick<GrpcClient<OrgServiceMethods>, "GetOrganization">;
  simAssignments: SimAssignmentsFeed;
  /** sim-service, the system of record for assignments: the tie-breaker when the local model lags. */
  sim: Pick<GrpcClient<SimServiceMethods>, "CountSimsByStatus">;
}

export interface SimAssignmentsFeed {
  /** Resolves true once every SIM event already on the stream has been applied, false on timeout. */
  waitUntilCaughtUp(): Promise<boolean>;
}
