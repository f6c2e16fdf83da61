import type { CompanyServiceMethods } from "@simhub/contracts";
import type { GrpcClient, Knex, SecretBox } from "@simhub/platform";

/** What org-service's use cases need from the outside world. */
export interface OrgDeps {
  db: Knex;
  events: { namespace: string; source: string };
  secrets: SecretBox;
  /** Resolves the company a plan is offered to (the company → organization chain). */
  company: GrpcClient<CompanyServiceMethods>;
}
