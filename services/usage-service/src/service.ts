// Composition of usage-service: runtime, the sim and company clients, the
// chain replica, the gRPC handlers, the consumers of sim-service's events
// (and of company and organization events for the replica), the NATS
// ingestion of mediation systems and the partitions' upkeep.
import type { CompanyServiceMethods, SimServiceMethods, UsageServiceMethods } from "@simhub/contracts";
import { companyChainReplica, type Logger, ServiceRuntime, serviceKeyHeader } from "@simhub/platform";
import type { UsageDeps } from "./app/deps.ts";
import { maintainPartitions, startMaintenance } from "./app/maintenance.ts";
import type { UsageConfig } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { RecordPartitions } from "./db/partitions.ts";
import { startNatsIngest } from "./events/nats-ingest.ts";
import { simEventHandlers } from "./events/sim-events.ts";
import { usageHandlers } from "./grpc/handlers.ts";
import { createUsageMetrics } from "./metrics.ts";

export async function startUsageService(config: UsageConfig, options: { logger?: Logger } = {}) {
  const runtime = await ServiceRuntime.create({
    name: "usage-service",
    context: "usage",
    config,
    migrations,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const company = runtime.client<CompanyServiceMethods>("company", config.COMPANY_SERVICE_ADDR);
  const chain = companyChainReplica(runtime.db, company, runtime.metrics);
  const deps: UsageDeps = {
    db: runtime.db,
    events: runtime.eventSettings,
    sim: runtime.client<SimServiceMethods>("sim", config.SIM_SERVICE_ADDR),
    chain,
    company,
    partitions: new RecordPartitions(runtime.db),
    metrics: createUsageMetrics(runtime.metrics),
    batchSize: config.USAGE_BATCH_SIZE,
    retentionMonths: config.USAGE_RETENTION_MONTHS,
  };
  await maintainPartitions(deps);
  runtime.grpc.addService<UsageServiceMethods>("usage", usageHandlers(deps));
  // Every SIM change reaches this consumer; its updates commute (each row
  // keeps the time it is known as of), so a backlog shares one transaction,
  // and events that come within the window of the first wait for it.
  runtime.consume({
    from: "sim",
    durable: "usage-service-sims",
    handlers: simEventHandlers,
    maxBatch: 64,
    batchWindowMs: config.USAGE_SIM_EVENTS_WINDOW_MS,
  });
  runtime.consume({ from: "company", durable: "usage-service-companies", handlers: chain.companyHandlers() });
  runtime.consume({
    from: "org",
    durable: "usage-service-organizations",
    handlers: chain.organizationHandlers(),
  });
  const maintenance = startMaintenance(deps, {
    intervalMs: config.USAGE_MAINTENANCE_INTERVAL_MS,
    logger: runtime.logger,
  });
  runtime.onStop(() => maintenance.stop());
  await runtime.start();
  if (config.USAGE_NATS_INGEST && !config.USAGE_SERVICE_KEY) {
    runtime.logger.warn("usage records from NATS are not read: USAGE_SERVICE_KEY is not set");
  } else if (config.USAGE_NATS_INGEST) {
    const keyedSim = runtime.client<SimServiceMethods>("sim", config.SIM_SERVICE_ADDR, {
      metadata: { [serviceKeyHeader]: config.USAGE_SERVICE_KEY! },
    });
    const ingest = await startNatsIngest({
      nc: runtime.nc,
      namespace: config.EVENT_NAMESPACE,
      replicas: config.NATS_STREAM_REPLICAS,
      logger: runtime.logger,
      deps: { ...deps, sim: keyedSim },
    });
    runtime.onStop(() => ingest.stop());
  }
  return runtime;
}
