// The partitions' upkeep, on every replica (each step is idempotent): the
// coming months' partitions exist before records need them, and months past
// the retention are dropped, raw records and all. Totals stay.
import type { Logger } from "@simhub/platform";
import { addMonths, periodOf } from "../domain/period.ts";
import type { UsageDeps } from "./deps.ts";

export async function maintainPartitions(deps: Pick<UsageDeps, "partitions" | "retentionMonths" | "now">) {
  const current = periodOf(deps.now?.() ?? new Date());
  await deps.partitions.ensure([addMonths(current, -1), current, addMonths(current, 1)]);
  return deps.partitions.dropBefore(addMonths(current, -(deps.retentionMonths - 1)));
}

export function startMaintenance(
  deps: Pick<UsageDeps, "partitions" | "retentionMonths" | "now">,
  options: { intervalMs: number; logger: Logger },
) {
  const run = () =>
    maintainPartitions(deps).then(
      (dropped) => {
        if (dropped.length > 0) options.logger.info({ dropped }, "usage months past the retention dropped");
      },
      (error: unknown) => options.logger.error({ err: error }, "usage partition upkeep failed"),
    );
  let running: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    running = running.then(run);
  }, options.intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
