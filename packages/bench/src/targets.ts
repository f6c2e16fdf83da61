// The bench's targets (issue 13's "done when") and how a row is judged
// against them. Pure: figures in, verdicts out. A missed target is
// reported per row with the checks it missed; it never fails the run.
import type { PeakRssCheck, ScenarioResult, Target, TargetCheck } from "./results.ts";

export type RequestScenario = "assign" | "list" | "detail";

interface RequestTargetLimits {
  /** simhub req/s ÷ baseline req/s in the saturated run, at least. */
  minThroughputRatio: number;
  /** simhub CPU per request ÷ the baseline's, at most. */
  maxCpuRatio: number;
  /** p99 at the fixed offered rate (open loop), at most. */
  maxOpenLoopP99Ms: number;
}

const REQUEST_TARGETS: Record<RequestScenario, RequestTargetLimits> = {
  assign: { minThroughputRatio: 0.5, maxCpuRatio: 2.0, maxOpenLoopP99Ms: 30 },
  list: { minThroughputRatio: 0.7, maxCpuRatio: 1.5, maxOpenLoopP99Ms: 20 },
  detail: { minThroughputRatio: 0.5, maxCpuRatio: 2.0, maxOpenLoopP99Ms: 20 },
};

/** The large read table's CPU per request over the small one's, at most: cost stays flat with the table's size. */
const MAX_COST_GROWTH = 1.5;

/** Peak resident memory of every platform process, at most. */
const MAX_PEAK_RSS_MIB = 200;

const times = (value: number) => `${value.toFixed(2)}×`;

function check(
  name: string,
  limit: string,
  actual: number | null,
  met: (value: number) => boolean,
  text = times,
) {
  return actual === null || !Number.isFinite(actual)
    ? { name, limit, actual: "not measured", met: false }
    : { name, limit, actual: text(actual), met: met(actual) };
}

export function combine(checks: TargetCheck[]): Target {
  return {
    description: checks.map((entry) => `${entry.name} ${entry.limit}`).join(", "),
    met: checks.every((entry) => entry.met),
    checks,
  };
}

export interface RequestFigures {
  throughputRatio: number | null;
  cpuRatio: number | null;
  /** null when the open-loop run was skipped (--open-loop-sec=0): the target then counts as missed. */
  openLoopP99Ms: number | null;
}

export function requestChecks(scenario: RequestScenario, figures: RequestFigures): TargetCheck[] {
  const limits = REQUEST_TARGETS[scenario];
  return [
    check(
      "CPU/op",
      `≤ ${limits.maxCpuRatio.toFixed(1)}×`,
      figures.cpuRatio,
      (value) => value <= limits.maxCpuRatio,
    ),
    check(
      "throughput",
      `≥ ${limits.minThroughputRatio.toFixed(1)}×`,
      figures.throughputRatio,
      (value) => value >= limits.minThroughputRatio,
    ),
    check(
      "open-loop p99",
      `≤ ${limits.maxOpenLoopP99Ms} ms`,
      figures.openLoopP99Ms,
      (value) => value <= limits.maxOpenLoopP99Ms,
      (value) => `${Math.round(value * 10) / 10} ms`,
    ),
  ];
}

/** The large table's CPU per request against the small table's. */
export function costGrowthCheck(smallCpuPerOp: number | null, largeCpuPerOp: number | null): TargetCheck {
  const growth =
    smallCpuPerOp !== null && largeCpuPerOp !== null && smallCpuPerOp > 0
      ? largeCpuPerOp / smallCpuPerOp
      : null;
  return check(
    "CPU/op vs small table",
    `≤ ${MAX_COST_GROWTH.toFixed(1)}×`,
    growth,
    (value) => value <= MAX_COST_GROWTH,
  );
}

/** simhub's CPU per operation ÷ the baseline's (lower is better); null without both figures. */
export function cpuRatioOf(scenario: Pick<ScenarioResult, "simhub" | "baseline">): number | null {
  const simhub = scenario.simhub.cpuPerOp?.value;
  const baseline = scenario.baseline?.cpuPerOp?.value;
  if (simhub === undefined || baseline === undefined || baseline <= 0) return null;
  return Math.round((simhub / baseline) * 100) / 100;
}

/** Every platform process's peak RSS over all windows (closed and open loop); the baseline and load generator are not simhub. */
export function peakRssCheck(scenarios: ScenarioResult[], limitMiB = MAX_PEAK_RSS_MIB): PeakRssCheck {
  const byProcess: Record<string, number> = {};
  for (const scenario of scenarios) {
    for (const side of [scenario.simhub, scenario.simhub.openLoop]) {
      for (const [name, usage] of Object.entries(side?.processes ?? {})) {
        // The load generator and the machine's NATS server are not simhub's processes.
        if (name === "load" || name === "nats-server") continue;
        byProcess[name] = Math.max(byProcess[name] ?? 0, usage.peakRssMiB);
      }
    }
  }
  const over = Object.keys(byProcess).filter((name) => byProcess[name]! > limitMiB);
  return { limitMiB, byProcess, over, met: Object.keys(byProcess).length > 0 && over.length === 0 };
}
