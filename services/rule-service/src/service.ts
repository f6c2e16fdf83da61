// Wires rule-service: runtime, the company and sim clients (the latter with
// rule-service's key), the gRPC handlers, the consumers that keep the local
// state (SIMs, plans, usage), the action worker and the sweeper.
import type {
  CompanyServiceMethods,
  OrgServiceMethods,
  RuleServiceMethods,
  SimServiceMethods,
} from "@simhub/contracts";
import { createGrpcClient, type Logger, ruleServiceKeyHeader, ServiceRuntime } from "@simhub/platform";
import { startActionWorker } from "./app/actions.ts";
import type { RuleDeps } from "./app/deps.ts";
import { startSweeper } from "./app/sweeper.ts";
import type { RuleConfig } from "./config.ts";
import { countDueFirings } from "./db/firings.ts";
import { migrations } from "./db/migrations.ts";
import { ACTION_RETRY_DELAYS_MS } from "./domain/action.ts";
import { planHandlers, simHandlers, usageHandlers } from "./events/handlers.ts";
import { ruleHandlers } from "./grpc/handlers.ts";
import { createRuleMetrics } from "./metrics.ts";

export async function startRuleService(config: RuleConfig, options: { logger?: Logger } = {}) {
  const runtime = await ServiceRuntime.create({
    name: "rule-service",
    context: "rule",
    config,
    migrations,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  if (!config.RULE_SERVICE_KEY) {
    runtime.logger.warn("RULE_SERVICE_KEY is not set: sim-service will refuse every status action");
  }
  const sim = createGrpcClient<SimServiceMethods>("sim", config.SIM_SERVICE_ADDR, {
    logger: runtime.logger,
    metrics: runtime.metrics,
    deadlineMs: config.GRPC_DEADLINE_MS,
    ...(config.RULE_SERVICE_KEY ? { metadata: { [ruleServiceKeyHeader]: config.RULE_SERVICE_KEY } } : {}),
  });
  let wakeActions = () => {};
  let wakeSweeper = () => {};
  const deps: RuleDeps = {
    db: runtime.db,
    events: runtime.eventSettings,
    logger: runtime.logger,
    metrics: createRuleMetrics(runtime.metrics, () => countDueFirings(runtime.db)),
    company: runtime.client<CompanyServiceMethods>("company", config.COMPANY_SERVICE_ADDR),
    org: runtime.client<OrgServiceMethods>("org", config.ORG_SERVICE_ADDR),
    sim,
    onFired: () => wakeActions(),
    onRuleChanged: () => wakeSweeper(),
  };
  runtime.grpc.addService<RuleServiceMethods>("rule", ruleHandlers(deps));

  // A backlog of SIM changes or usage updates shares one transaction (up to
  // 64 events): the facts are kept as of their event's time, so they commute.
  // SIM changes that come within the window of the first wait for it.
  runtime.consume({
    from: "sim",
    durable: "rule-service-sims",
    handlers: simHandlers(deps),
    maxBatch: 64,
    batchWindowMs: config.RULE_SIM_EVENTS_WINDOW_MS,
  });
  runtime.consume({ from: "org", durable: "rule-service-plans", handlers: planHandlers() });
  const usage = usageHandlers(deps, { cachedSims: config.RULE_USAGE_CACHED_SIMS });
  runtime.consume({
    from: "usage",
    durable: "rule-service-devices",
    handlers: { SimImeiChanged: usage.SimImeiChanged! },
  });
  // Usage updates of different SIMs are independent and one SIM's commute
  // (totals only grow, the log's key decides what fired): several loops on
  // one durable multiply the rate. Handling an update again changes nothing
  // (the totals stay, the log's key keeps a firing once), so the consumer
  // records no processed-events row per update.
  for (let loop = 0; loop < config.RULE_USAGE_PARALLELISM; loop++) {
    runtime.consume({
      from: "usage",
      durable: "rule-service-usage",
      handlers: { SimUsageUpdated: usage.SimUsageUpdated! },
      maxBatch: config.RULE_USAGE_BATCH,
      pullBatch: config.RULE_USAGE_BATCH,
      idempotent: true,
    });
  }

  const worker = startActionWorker(deps, {
    batch: config.RULE_ACTION_BATCH,
    leaseMs: config.RULE_ACTION_LEASE_MS,
    pollMs: config.RULE_ACTION_POLL_MS,
    retryDelaysMs: ACTION_RETRY_DELAYS_MS,
    logger: runtime.logger,
  });
  const sweeper = startSweeper(deps, {
    pollMs: config.RULE_SWEEP_POLL_MS,
    retentionDays: config.RULE_LOG_RETENTION_DAYS,
    pruneEveryMs: 3_600_000,
    logger: runtime.logger,
  });
  wakeActions = worker.wake;
  wakeSweeper = sweeper.wake;
  runtime.onStop(async () => {
    await sweeper.stop();
    await worker.stop();
    sim.close();
  });
  return runtime.start();
}
