// Wires company-service: runtime, the org-service client, the consumer of
// SIM assignments, and the gRPC handlers.
import {
  type CompanyServiceMethods,
  type OrgServiceMethods,
  type SimServiceMethods,
  streamName,
} from "@simhub/contracts";
import { type Logger, ServiceRuntime } from "@simhub/platform";
import type { CompanyDeps } from "./app/deps.ts";
import { SIM_ASSIGNMENTS_DURABLE, simAssignmentHandlers, simAssignmentsFeed } from "./app/sim-assignments.ts";
import type { CompanyConfig } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { companyHandlers } from "./grpc/handlers.ts";

export async function startCompanyService(config: CompanyConfig, options: { logger?: Logger } = {}) {
  const runtime = await ServiceRuntime.create({
    name: "company-service",
    context: "company",
    config,
    migrations,
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const deps: CompanyDeps = {
    db: runtime.db,
    events: runtime.eventSettings,
    org: runtime.client<OrgServiceMethods>("org", config.ORG_SERVICE_ADDR),
    sim: runtime.client<SimServiceMethods>("sim", config.SIM_SERVICE_ADDR),
    simAssignments: simAssignmentsFeed({
      nc: runtime.nc,
      stream: streamName(config.EVENT_NAMESPACE, "sim"),
      durable: SIM_ASSIGNMENTS_DURABLE,
      timeoutMs: config.SIM_CATCH_UP_TIMEOUT_MS,
    }),
  };
  runtime.grpc.addService<CompanyServiceMethods>("company", companyHandlers(deps));
  runtime.consume({
    from: "sim",
    durable: SIM_ASSIGNMENTS_DURABLE,
    handlers: simAssignmentHandlers(runtime.logger),
  });
  return runtime.start();
}
