// One typed gRPC client per service, each method behind its own breaker.
import type {
  CompanyServiceMethods,
  IdentityServiceMethods,
  OrgServiceMethods,
  RuleServiceMethods,
  SimServiceMethods,
  UsageServiceMethods,
  WebhookServiceMethods,
} from "@simhub/contracts";
import {
  createGrpcClient,
  type GrpcClient,
  gatewayKeyHeader,
  type Logger,
  type PlatformMetrics,
} from "@simhub/platform";
import type { GatewayConfig } from "./config.ts";

export interface GatewayClients {
  org: GrpcClient<OrgServiceMethods>;
  company: GrpcClient<CompanyServiceMethods>;
  identity: GrpcClient<IdentityServiceMethods>;
  sim: GrpcClient<SimServiceMethods>;
  webhook: GrpcClient<WebhookServiceMethods>;
  usage: GrpcClient<UsageServiceMethods>;
  rule: GrpcClient<RuleServiceMethods>;
}

export function createGatewayClients(
  config: GatewayConfig,
  logger: Logger,
  metrics: PlatformMetrics,
): GatewayClients {
  const options = { logger, metrics, deadlineMs: config.GRPC_DEADLINE_MS };
  return {
    org: createGrpcClient<OrgServiceMethods>("org", config.ORG_SERVICE_ADDR, options),
    company: createGrpcClient<CompanyServiceMethods>("company", config.COMPANY_SERVICE_ADDR, options),
    // The gateway's service identity: identity-service believes the client
    // address of a Login or RegisterWithSim only from a caller that shows it.
    identity: createGrpcClient<IdentityServiceMethods>("identity", config.IDENTITY_SERVICE_ADDR, {
      ...options,
      ...(config.GATEWAY_SERVICE_KEY ? { metadata: { [gatewayKeyHeader]: config.GATEWAY_SERVICE_KEY } } : {}),
    }),
    // The SIM routes read fields one by one: SIMs are read as decoded, without a toObject copy.
    sim: createGrpcClient<SimServiceMethods>("sim", config.SIM_SERVICE_ADDR, {
      ...options,
      plainResponses: true,
    }),
    webhook: createGrpcClient<WebhookServiceMethods>("webhook", config.WEBHOOK_SERVICE_ADDR, options),
    usage: createGrpcClient<UsageServiceMethods>("usage", config.USAGE_SERVICE_ADDR, options),
    rule: createGrpcClient<RuleServiceMethods>("rule", config.RULE_SERVICE_ADDR, options),
  };
}

export function closeGatewayClients(clients: GatewayClients) {
  for (const client of Object.values(clients)) client.close();
}
