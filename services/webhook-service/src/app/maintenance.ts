// Periodic work of every replica: the echo check of endpoints whose last
// one is older than WEBHOOK_REVALIDATE_HOURS (a failure disables the
// endpoint with the reason and publishes WebhookEndpointDisabled), and
// pruning of the delivery log older than WEBHOOK_RETENTION_DAYS. Two
// replicas checking the same endpoint at once is harmless, so no lock.
import type { Logger } from "@simhub/platform";
import { pruneBefore } from "../db/deliveries.ts";
import { endpointsToRevalidate, updateEndpointRow } from "../db/endpoints.ts";
import type { WebhookDeps } from "./deps.ts";
import { echoCheck } from "./echo-check.ts";
import { disableEndpoint } from "./endpoints.ts";

export interface MaintenanceOptions {
  revalidateHours: number;
  retentionDays: number;
  intervalMs: number;
  logger: Logger;
}

async function revalidateEndpoints(deps: WebhookDeps, revalidateHours: number): Promise<number> {
  const before = new Date(Date.now() - revalidateHours * 3_600_000);
  const due = await endpointsToRevalidate(deps.db, before, 100);
  let disabled = 0;
  for (const endpoint of due) {
    const failure = await echoCheck(deps.http, endpoint.url, deps.validationTimeoutMs);
    if (failure === undefined) {
      await updateEndpointRow(deps.db, endpoint.id, { validatedAt: new Date() });
    } else if (await disableEndpoint(deps, endpoint.id, `revalidation failed: ${failure}`, "revalidation")) {
      disabled++;
    }
  }
  return disabled;
}

export function startMaintenance(deps: WebhookDeps, options: MaintenanceOptions) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  const round = async () => {
    try {
      await revalidateEndpoints(deps, options.revalidateHours);
      await pruneBefore(deps.db, new Date(Date.now() - options.retentionDays * 86_400_000));
    } catch (error) {
      options.logger.warn({ err: error }, "webhook maintenance failed; trying again next round");
    }
  };
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().finally(next);
    }, options.intervalMs);
  };
  next();
  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
