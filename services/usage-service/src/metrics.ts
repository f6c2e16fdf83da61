// usage-service's own metrics, on the runtime's registry. No tenant or SIM is a label.
import type { PlatformMetrics } from "@simhub/platform";
import { Counter, Histogram } from "prom-client";

export function createUsageMetrics(platform: PlatformMetrics) {
  const registers = [platform.registry];
  return {
    records: new Counter({
      name: "simhub_usage_records_total",
      help: "Usage records received, by source (api, nats) and outcome: accepted, duplicate, rejected.",
      labelNames: ["source", "outcome"] as const,
      registers,
    }),
    batchDuration: new Histogram({
      name: "simhub_usage_batch_duration_seconds",
      help: "Time to apply one batch of records: SIM lookup, records, totals and events.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    simLookups: new Counter({
      name: "simhub_usage_sim_lookups_total",
      help: "Batched lookups of SIMs not met yet, asked of sim-service.",
      registers,
    }),
  };
}
export type UsageMetrics = ReturnType<typeof createUsageMetrics>;
