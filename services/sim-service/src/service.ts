// Composition of sim-service: runtime, clients of the services it asks,
// use-case dependencies, gRPC handlers and event consumers.
import type {
  CompanyServiceMethods,
  IdentityServiceMethods,
  OrgServiceMethods,
  SimServiceMethods,
} from "@simhub/contracts";
import { companyChainReplica, ServiceRuntime } from "@simhub/platform";
import { activationCodeHasher } from "./app/activation-code.ts";
import type { SimDeps } from "./app/deps.ts";
import { ImportJobs } from "./app/import-apply.ts";
import type { SimConfig } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { SimWriteBatcher } from "./db/sim-writes.ts";
import { onCompanyArchived } from "./events/company-events.ts";
import { onEndUserRemoved } from "./events/identity-events.ts";
import { onPlanCreated, onPlanUpdated } from "./events/plan-events.ts";
import { onSimFirstUsage, onSimImeiChanged } from "./events/usage-events.ts";
import { simHandlers } from "./grpc/handlers.ts";

export async function startSimService(config: SimConfig): Promise<ServiceRuntime> {
  const runtime = await ServiceRuntime.create({ name: "sim-service", context: "sim", config, migrations });
  const company = runtime.client<CompanyServiceMethods>("company", config.COMPANY_SERVICE_ADDR);
  const chain = companyChainReplica(runtime.db, company, runtime.metrics);
  const importJobs = new ImportJobs({
    db: runtime.db,
    events: runtime.eventSettings,
    logger: runtime.logger,
    leaseSeconds: config.IMPORT_LEASE_SECONDS,
    applyWorkers: config.IMPORT_APPLY_WORKERS,
  });
  const deps: SimDeps = {
    db: runtime.db,
    events: runtime.eventSettings,
    org: runtime.client<OrgServiceMethods>("org", config.ORG_SERVICE_ADDR),
    company,
    chain,
    writes: new SimWriteBatcher(runtime.db, {
      maxBatch: config.WRITE_BATCH_MAX,
      maxInFlight: config.WRITE_BATCH_IN_FLIGHT,
    }),
    identity: runtime.client<IdentityServiceMethods>("identity", config.IDENTITY_SERVICE_ADDR),
    logger: runtime.logger,
    hashActivationCode: activationCodeHasher(config.ACTIVATION_CODE_KEY),
    activationCodeKey: config.ACTIVATION_CODE_KEY,
    importBatchSize: config.IMPORT_BATCH_SIZE,
    importBatchBytes: config.IMPORT_BATCH_BYTES,
    importLeaseSeconds: config.IMPORT_LEASE_SECONDS,
    activationGuard: {
      maxFailuresPerWindow: config.ACTIVATION_ORG_MAX_FAILURES,
      windowSeconds: config.ACTIVATION_ORG_WINDOW_SECONDS,
    },
    importSlots: { inUse: 0, max: config.IMPORT_CONCURRENCY },
    importJobs,
    ruleServiceKey: config.RULE_SERVICE_KEY,
  };
  runtime.grpc.addService<SimServiceMethods>(
    "sim",
    simHandlers(deps, { verifyToken: runtime.verifyToken, usageServiceKey: config.USAGE_SERVICE_KEY }),
    { publicMethods: ["LookupSims", "ChangeSimStatusByRule"] },
  );
  runtime.consume({
    from: "company",
    durable: "sim-service-companies",
    handlers: {
      CompanyCreated: chain.companyHandlers().CompanyCreated,
      CompanyArchived: (trx, event) => onCompanyArchived(deps, trx, event),
    },
  });
  runtime.consume({
    from: "org",
    durable: "sim-service-organizations",
    handlers: chain.organizationHandlers(),
  });
  runtime.consume({
    from: "org",
    durable: "sim-service-plans",
    handlers: { PlanCreated: onPlanCreated, PlanUpdated: onPlanUpdated },
  });
  runtime.consume({
    from: "identity",
    durable: "sim-service-end-users",
    handlers: { EndUserRemoved: (trx, event) => onEndUserRemoved(deps, trx, event) },
  });
  runtime.consume({
    from: "usage",
    durable: "sim-service-usage",
    handlers: {
      SimFirstUsage: (trx, event) => onSimFirstUsage(deps, trx, event),
      SimImeiChanged: onSimImeiChanged,
    },
  });
  runtime.onStop(() => importJobs.stop());
  await runtime.start();
  importJobs.start();
  return runtime;
}
