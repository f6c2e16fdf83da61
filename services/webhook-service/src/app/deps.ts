import type { CompanyServiceMethods, OrgServiceMethods } from "@simhub/contracts";
import type { GrpcClient, Knex, SecretBox } from "@simhub/platform";
import type { WebhookHttpClient } from "../http/client.ts";
import type { WebhookMetrics } from "../metrics.ts";

/** What webhook-service's use cases need from the outside world. */
export interface WebhookDeps {
  db: Knex;
  events: { namespace: string; source: string };
  secrets: SecretBox;
  http: WebhookHttpClient;
  metrics: WebhookMetrics;
  allowHttp: boolean;
  validationTimeoutMs: number;
  /** Resolves a company and its organization with the caller's token (404 when not visible). */
  company: Pick<GrpcClient<CompanyServiceMethods>, "ResolveCompany">;
  org: Pick<GrpcClient<OrgServiceMethods>, "GetOrganization">;
}
