import type { CompanyServiceMethods, OrgServiceMethods, SimServiceMethods } from "@simhub/contracts";
import type { GrpcClient, Knex, Logger } from "@simhub/platform";
import type { RuleMetrics } from "../metrics.ts";

/** What rule-service's use cases need from the outside world. */
export interface RuleDeps {
  db: Knex;
  events: { namespace: string; source: string };
  logger: Logger;
  metrics: RuleMetrics;
  /** Resolves a company and its organization with the caller's token (404 when not visible). */
  company: Pick<GrpcClient<CompanyServiceMethods>, "ResolveCompany">;
  /** A plan this service has not heard of yet, asked with the caller's token (creating a rule). */
  org: Pick<GrpcClient<OrgServiceMethods>, "GetPlan">;
  /** Carries the rule-service key (RULE_SERVICE_KEY) with every call. */
  sim: Pick<GrpcClient<SimServiceMethods>, "ChangeSimStatusByRule">;
  /** Wakes the action worker after a commit that recorded firings. */
  onFired: () => void;
  /** Wakes the sweeper after a rule was created or changed so that its SIMs need checking. */
  onRuleChanged: () => void;
}
