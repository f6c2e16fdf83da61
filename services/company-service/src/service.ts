// Wires company-service: runtime, the organization replica (fed by
// org-service's events, org-service asked on a miss), the sim-service client
// for archival, and the gRPC handlers.
import type { CompanyServiceMethods, OrgServiceMethods, SimServiceMethods } from "@simhub/contracts";
import { AppError, ChainReplica, type Logger, ServiceRuntime } from "@simhub/platform";
import type { CompanyDeps } from "./app/deps.ts";
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
  const org = runtime.client<OrgServiceMethods>("org", config.ORG_SERVICE_ADDR);
  const chain = new ChainReplica(runtime.db, {
    onLookup: (what, result) => runtime.metrics.chainReplicaLookups.inc({ what, result }),
    async resolveOrganization(orgId) {
      try {
        const found = await org.GetOrganization({ id: orgId });
        return { orgId: found.id, name: found.name, status: found.status };
      } catch (error) {
        if (error instanceof AppError && error.kind === "not_found") return undefined;
        throw error;
      }
    },
  });
  const deps: CompanyDeps = {
    db: runtime.db,
    events: runtime.eventSettings,
    chain,
    sim: runtime.client<SimServiceMethods>("sim", config.SIM_SERVICE_ADDR),
  };
  runtime.grpc.addService<CompanyServiceMethods>("company", companyHandlers(deps));
  runtime.consume({
    from: "org",
    durable: "company-service-organizations",
    handlers: chain.organizationHandlers(),
  });
  return runtime.start();
}
