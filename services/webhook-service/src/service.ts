// Wires webhook-service: runtime, the guarded HTTP client, the company and
// org clients, the gRPC handlers, one fan-out consumer per source stream,
// the dispatcher and the periodic maintenance.
import type { CompanyServiceMethods, OrgServiceMethods, WebhookServiceMethods } from "@simhub/contracts";
import { createSecretBox, type Logger, resolveSecretsKey, ServiceRuntime } from "@simhub/platform";
import type { WebhookDeps } from "./app/deps.ts";
import { startDispatcher } from "./app/dispatcher.ts";
import { startMaintenance } from "./app/maintenance.ts";
import type { WebhookConfig } from "./config.ts";
import { countDueDeliveries } from "./db/deliveries.ts";
import { migrations } from "./db/migrations.ts";
import { parseRetrySchedule } from "./domain/retry.ts";
import { fanOutConsumers } from "./events/fan-out.ts";
import { webhookHandlers } from "./grpc/handlers.ts";
import { createAddressPolicy } from "./http/address-policy.ts";
import { createWebhookHttpClient } from "./http/client.ts";
import { createWebhookMetrics } from "./metrics.ts";

export async function startWebhookService(config: WebhookConfig, options: { logger?: Logger } = {}) {
  const runtime = await ServiceRuntime.create({
    name: "webhook-service",
    context: "webhook",
    config,
    migrations,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  if (config.WEBHOOK_ALLOW_HTTP || config.WEBHOOK_ALLOWED_CIDRS) {
    runtime.logger.warn(
      { allowHttp: config.WEBHOOK_ALLOW_HTTP, allowedCidrs: config.WEBHOOK_ALLOWED_CIDRS },
      "webhook targets opened for development: http and/or private ranges are allowed",
    );
  }
  const http = createWebhookHttpClient({
    policy: createAddressPolicy(config.WEBHOOK_ALLOWED_CIDRS),
    connectionsPerOrigin: config.WEBHOOK_ENDPOINT_CONCURRENCY,
  });
  const key = resolveSecretsKey({
    variable: "WEBHOOK_SECRETS_KEY",
    configured: config.WEBHOOK_SECRETS_KEY,
    nodeEnv: config.NODE_ENV,
    developmentSeed: "simhub development webhook secrets key",
    warn: (message) => runtime.logger.warn(message),
  });
  const deps: WebhookDeps = {
    db: runtime.db,
    events: runtime.eventSettings,
    secrets: createSecretBox(key),
    http,
    metrics: createWebhookMetrics(runtime.metrics, () => countDueDeliveries(runtime.db)),
    allowHttp: config.WEBHOOK_ALLOW_HTTP,
    validationTimeoutMs: config.WEBHOOK_VALIDATION_TIMEOUT_MS,
    company: runtime.client<CompanyServiceMethods>("company", config.COMPANY_SERVICE_ADDR),
    org: runtime.client<OrgServiceMethods>("org", config.ORG_SERVICE_ADDR),
  };
  runtime.grpc.addService<WebhookServiceMethods>("webhook", webhookHandlers(deps));
  const dispatcher = startDispatcher(deps, {
    schedule: parseRetrySchedule(config.WEBHOOK_RETRY_SCHEDULE),
    timeoutMs: config.WEBHOOK_TIMEOUT_MS,
    perEndpoint: config.WEBHOOK_ENDPOINT_CONCURRENCY,
    maxInFlight: config.WEBHOOK_MAX_IN_FLIGHT,
    pollMs: config.WEBHOOK_POLL_MS,
    logger: runtime.logger,
  });
  const consumers = fanOutConsumers({
    db: runtime.db,
    metrics: deps.metrics,
    dispatcher,
    parallelism: config.WEBHOOK_CONSUMER_PARALLELISM,
    batchWindowMs: config.WEBHOOK_FAN_OUT_WINDOW_MS,
  });
  for (const spec of consumers) runtime.consume(spec);
  const maintenance = startMaintenance(deps, {
    revalidateHours: config.WEBHOOK_REVALIDATE_HOURS,
    retentionDays: config.WEBHOOK_RETENTION_DAYS,
    intervalMs: config.WEBHOOK_MAINTENANCE_INTERVAL_MS,
    logger: runtime.logger,
  });
  runtime.onStop(async () => {
    await maintenance.stop();
    await dispatcher.stop();
    await http.close();
  });
  return runtime.start();
}
