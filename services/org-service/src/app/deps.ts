import type { ChainReplica, Knex, SecretBox } from "@simhub/platform";

/** What org-service's use cases need from the outside world. */
export interface OrgDeps {
  db: Knex;
  events: { namespace: string; source: string };
  secrets: SecretBox;
  /** Companies' links and liveness, kept locally; company-service is asked on a miss (plans for one company). */
  chain: ChainReplica;
}
