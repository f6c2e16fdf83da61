// rule-service's own metrics, on the runtime's registry. Labels are the
// trigger type, the action type and its outcome: never a tenant, rule or
// SIM (ARCHITECTURE.md, "Observability").
import type { PlatformMetrics } from "@simhub/platform";
import { Counter, Gauge, Histogram } from "prom-client";

export function createRuleMetrics(platform: PlatformMetrics, countDue: () => Promise<number>) {
  const registers = [platform.registry];
  return {
    evaluations: new Counter({
      name: "simhub_rule_evaluations_total",
      help: "Rule evaluations against one SIM, by trigger type.",
      labelNames: ["trigger"] as const,
      registers,
    }),
    firings: new Counter({
      name: "simhub_rule_firings_total",
      help: "Firings recorded (a rule, a SIM and a period, once), by trigger type.",
      labelNames: ["trigger"] as const,
      registers,
    }),
    actions: new Counter({
      name: "simhub_rule_actions_total",
      help: "Actions of firings by trigger type, action type and outcome: applied, skipped (refused by the SIM's lifecycle), failed (no attempt left), retry (tried again later).",
      labelNames: ["trigger", "action", "outcome"] as const,
      registers,
    }),
    triggerToAction: new Histogram({
      name: "simhub_rule_trigger_to_action_seconds",
      help: "Time from a firing being recorded to its actions being decided.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    backlog: new Gauge({
      name: "simhub_rule_firings_due",
      help: "Firings whose actions are due and not yet taken (the backlog).",
      registers,
      async collect() {
        this.set(await countDue().catch(() => 0));
      },
    }),
  };
}
export type RuleMetrics = ReturnType<typeof createRuleMetrics>;
