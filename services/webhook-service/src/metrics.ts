// webhook-service's own metrics, on the runtime's registry. No tenant,
// endpoint or event id is a label (ARCHITECTURE.md, "Observability").
import type { PlatformMetrics } from "@simhub/platform";
import { Counter, Gauge, Histogram } from "prom-client";

export function createWebhookMetrics(platform: PlatformMetrics, countDue: () => Promise<number>) {
  const registers = [platform.registry];
  return {
    attempts: new Counter({
      name: "simhub_webhook_attempts_total",
      help: "Delivery attempts by outcome: delivered, retry (failed, tried again later), dead (no attempt left), gone (410).",
      labelNames: ["outcome"] as const,
      registers,
    }),
    attemptDuration: new Histogram({
      name: "simhub_webhook_attempt_duration_seconds",
      help: "Time from sending a delivery to its answer (or failure).",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    backlog: new Gauge({
      name: "simhub_webhook_deliveries_due",
      help: "Deliveries due now and not yet attempted (the backlog).",
      registers,
      async collect() {
        this.set(await countDue().catch(() => 0));
      },
    }),
    endpointsDisabled: new Counter({
      name: "simhub_webhook_endpoints_disabled_total",
      help: "Endpoints disabled, by cause: gone (410), revalidation (echo check failed), manual.",
      labelNames: ["cause"] as const,
      registers,
    }),
    fannedOut: new Counter({
      name: "simhub_webhook_deliveries_created_total",
      help: "Deliveries created from consumed events.",
      registers,
    }),
  };
}
export type WebhookMetrics = ReturnType<typeof createWebhookMetrics>;
