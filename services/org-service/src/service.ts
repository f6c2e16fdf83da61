// Wires org-service: runtime (database, NATS stream, outbox relay, gRPC
// server, ops endpoint), the payment-secrets key, the replica of companies
// (plans offered to one company; company-service asked on a miss), and the
// gRPC handlers.
import type { CompanyServiceMethods, OrgServiceMethods } from "@simhub/contracts";
import { companyChainReplica, createSecretBox, type Logger, ServiceRuntime } from "@simhub/platform";
import type { OrgDeps } from "./app/deps.ts";
import { resolvePaymentSecretsKey } from "./app/payment-secrets-key.ts";
import type { OrgConfig } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { orgHandlers } from "./grpc/handlers.ts";

export async function startOrgService(config: OrgConfig, options: { logger?: Logger } = {}) {
  const runtime = await ServiceRuntime.create({
    name: "org-service",
    context: "org",
    config,
    migrations,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const key = resolvePaymentSecretsKey(config.PAYMENT_SECRETS_KEY, config.NODE_ENV, (message) =>
    runtime.logger.warn(message),
  );
  const company = runtime.client<CompanyServiceMethods>("company", config.COMPANY_SERVICE_ADDR);
  const chain = companyChainReplica(runtime.db, company, runtime.metrics);
  const deps: OrgDeps = {
    db: runtime.db,
    events: runtime.eventSettings,
    secrets: createSecretBox(key),
    chain,
  };
  runtime.grpc.addService<OrgServiceMethods>("org", orgHandlers(deps));
  runtime.consume({ from: "company", durable: "org-service-companies", handlers: chain.companyHandlers() });
  return runtime.start();
}
