// The shape of bench-results.json and the readable tables printed from it.
import type { Latency } from "./load-spec.ts";
import type { ProcessUsage } from "./proc.ts";

export interface Side {
  /** What was measured, in `unit` (higher is better unless the unit is a time). */
  value: number;
  unit: string;
  latencyMs: Latency | null;
  requests: number;
  errors: number;
  statusCounts?: Record<string, number>;
  errorSamples?: string[];
  durationSec: number;
  /** Length of the CPU/RSS window (includes the warm-up and the load generator's start). */
  windowSec: number;
  /** CPU and memory per process during the measurement (gateway, services, baseline, load generator). */
  processes: Record<string, ProcessUsage>;
  postgresCpuSeconds: number | null;
  /**
   * CPU time of every server-side process (services or baseline, plus their
   * PostgreSQL backends; not the load generator) per operation: what one
   * request or row costs, which a noisy shared machine distorts far less
   * than throughput.
   */
  cpuPerOp: { value: number; unit: string; byProcess: Record<string, number> } | null;
  /** Cores busy on the whole machine meanwhile: this run plus everything else sharing the machine. */
  machineCpuBusyCores: number;
  /**
   * The open-loop run that followed the saturated one (assign, list, detail):
   * requests on a fixed schedule at `offeredRate`, the same rate on both
   * sides; `latencyMs` counts from each request's scheduled send time.
   * null when skipped (--open-loop-sec=0); absent for other scenarios.
   */
  openLoop?: OpenLoopSide | null;
}

export interface OpenLoopSide extends Omit<Side, "openLoop"> {
  /** Requests per second offered (a share of the baseline's saturated throughput). */
  offeredRate: number;
  scheduled: number;
  /** How late the load generator sent requests behind their schedule. */
  sendLagMs: Latency;
  maxInFlight: number;
  /** Requests that found every socket busy and waited for one (their wait counts in their latency). */
  queuedForSocket: number;
}

export interface TargetCheck {
  /** What is compared, e.g. "CPU/op" or "open-loop p99". */
  name: string;
  /** The limit as written in the target, e.g. "≤ 2.0×". */
  limit: string;
  /** The measured figure as text ("not measured" when it is missing). */
  actual: string;
  met: boolean;
}

export interface Target {
  description: string;
  met: boolean;
  /** The parts of the target one by one (absent for single-figure targets). */
  checks?: TargetCheck[];
}

export interface PeakRssCheck {
  limitMiB: number;
  /** Highest peak RSS of each platform process over every measurement window of the run. */
  byProcess: Record<string, number>;
  /** Processes above the limit. */
  over: string[];
  met: boolean;
}

export interface ScenarioResult {
  id: string;
  title: string;
  dataset: string;
  simhub: Side;
  baseline: Side | null;
  baselineDescription: string;
  /** simhub ÷ baseline, oriented so that higher is better; null without a baseline. */
  ratio: number | null;
  ratioMeaning: string;
  /** simhub CPU per operation ÷ the baseline's (lower is better); null without both. */
  cpuRatio: number | null;
  target: Target;
  /** Requests or rows counted for the error rate (simhub and baseline together). */
  requests: number;
  errors: number;
  errorRate: number;
  details: Record<string, unknown>;
  notes: string[];
}

export interface MachineInfo {
  nproc: number;
  memoryGiB: number;
  cpuModel: string;
  node: string;
  os: string;
  loadAverage: number[];
}

export interface BenchResults {
  version: 1;
  mode: string;
  command: string;
  startedAt: string;
  finishedAt: string;
  durationSec: number;
  machine: MachineInfo;
  postgres: string;
  nats: string;
  options: Record<string, unknown>;
  seeding: Record<string, unknown>;
  scenarios: ScenarioResult[];
  /** Peak RSS of every platform process against the limit, over the whole run. */
  peakRss: PeakRssCheck;
  crashes: string[];
  /** Why the run exits non-zero (a crash, an error rate above 0.1 %); empty when it passed. */
  failures: string[];
}

export const MAX_ERROR_RATE = 0.001;

function pad(text: string, width: number, right = false): string {
  return right ? text.padStart(width) : text.padEnd(width);
}

export function renderTable(headers: string[], rows: string[][], rightAligned: boolean[] = []): string {
  const widths = headers.map((header, i) =>
    Math.max(header.length, ...rows.map((row) => (row[i] ?? "").length)),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((cell, i) => pad(cell, widths[i]!, rightAligned[i] ?? false)).join(" | ")} |`;
  const separator = `| ${widths.map((width, i) => (rightAligned[i] ? `${"-".repeat(width - 1)}:` : "-".repeat(width))).join(" | ")} |`;
  return [line(headers), separator, ...rows.map(line)].join("\n");
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString("en-US");
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

function sideText(side: Side | null): string {
  if (!side) return "—";
  return `${formatNumber(side.value)} ${side.unit}`;
}

function latencyText(latency: Latency | null): string {
  if (!latency) return "—";
  return `${formatNumber(latency.p50)} / ${formatNumber(latency.p95)} / ${formatNumber(latency.p99)}`;
}

function cpuText(scenario: ScenarioResult): string {
  const simhub = scenario.simhub.cpuPerOp;
  if (!simhub) return "—";
  const baseline = scenario.baseline?.cpuPerOp;
  return baseline
    ? `${formatNumber(simhub.value)} : ${formatNumber(baseline.value)} ${simhub.unit}`
    : `${formatNumber(simhub.value)} ${simhub.unit}`;
}

function ratioText(value: number | null): string {
  return value === null ? "—" : `${value.toFixed(2)}×`;
}

function openLoopP99Text(scenario: ScenarioResult): string {
  const simhub = scenario.simhub.openLoop;
  if (!simhub) return "—";
  const baseline = scenario.baseline?.openLoop;
  const p99 = baseline
    ? `${formatNumber(simhub.latencyMs!.p99)} : ${formatNumber(baseline.latencyMs!.p99)}`
    : formatNumber(simhub.latencyMs!.p99);
  return `${p99} @ ${formatNumber(simhub.offeredRate)}/s`;
}

/**
 * The main table: one row per scenario. CPU per operation comes first (it
 * moves least with the machine's noise), then throughput, then latency at a
 * fixed offered rate, then the saturated (closed-loop) figures.
 */
function scenarioTable(results: BenchResults): string {
  const rows = results.scenarios.map((scenario) => [
    scenario.title,
    scenario.dataset,
    ratioText(scenario.cpuRatio),
    ratioText(scenario.ratio),
    openLoopP99Text(scenario),
    sideText(scenario.simhub),
    latencyText(scenario.simhub.latencyMs),
    sideText(scenario.baseline),
    latencyText(scenario.baseline?.latencyMs ?? null),
    cpuText(scenario),
    `${scenario.errors}/${scenario.requests}`,
    scenario.target.description,
    scenario.target.met ? "yes" : "NO",
  ]);
  return renderTable(
    [
      "scenario",
      "dataset",
      "CPU/op ratio",
      "ratio",
      "open-loop p99 ms simhub : baseline",
      "simhub",
      "p50/p95/p99 ms",
      "baseline",
      "baseline p50/p95/p99 ms",
      "CPU/op simhub : baseline",
      "errors",
      "target",
      "met",
    ],
    rows,
    [false, false, true, true, true, true, true, true, true, true, true, false, false],
  );
}

function openLoopErrors(side: OpenLoopSide): string {
  return `${side.errors}/${side.requests}`;
}

/** Latency at the fixed offered rate, both sides: p50/p95/p99 from the scheduled send times, and errors. */
function openLoopTable(results: BenchResults): string | undefined {
  const rows = results.scenarios
    .filter((scenario) => scenario.simhub.openLoop)
    .map((scenario) => {
      const simhub = scenario.simhub.openLoop!;
      const baseline = scenario.baseline?.openLoop ?? null;
      return [
        scenario.title,
        scenario.dataset,
        `${formatNumber(simhub.offeredRate)} req/s`,
        latencyText(simhub.latencyMs),
        openLoopErrors(simhub),
        baseline ? latencyText(baseline.latencyMs) : "—",
        baseline ? openLoopErrors(baseline) : "—",
        `${simhub.maxInFlight} : ${baseline?.maxInFlight ?? "—"}`,
        `${simhub.queuedForSocket} : ${baseline?.queuedForSocket ?? "—"}`,
        `${formatNumber(simhub.sendLagMs.p99)} : ${baseline ? formatNumber(baseline.sendLagMs.p99) : "—"}`,
      ];
    });
  if (!rows.length) return undefined;
  return renderTable(
    [
      "open loop",
      "dataset",
      "offered",
      "simhub p50/p95/p99 ms",
      "errors",
      "baseline p50/p95/p99 ms",
      "errors",
      "max in flight",
      "waited for a socket",
      "send lag p99 ms",
    ],
    rows,
    [false, false, true, true, true, true, true, true, true, true],
  );
}

const processOrder = [
  "api-gateway",
  "sim-service",
  "company-service",
  "org-service",
  "identity-service",
  "webhook-service",
  "usage-service",
  "rule-service",
  "nats-server",
  "baseline",
  "load",
];

const shortNames: Record<string, string> = {
  "api-gateway": "gateway",
  "sim-service": "sim",
  "company-service": "company",
  "org-service": "org",
  "identity-service": "identity",
  "webhook-service": "webhook",
  "usage-service": "usage",
  "rule-service": "rule",
  "nats-server": "nats (apart)",
  baseline: "baseline",
  load: "load gen",
};

function usageText(side: Omit<Side, "openLoop"> | null): string {
  if (!side) return "—";
  const parts = processOrder
    .filter((name) => side.processes[name])
    .map((name) => {
      const usage = side.processes[name]!;
      const perOp = side.cpuPerOp?.byProcess[name];
      const cost = perOp === undefined ? "" : ` (${formatNumber(perOp)})`;
      return `${shortNames[name]} ${usage.cpuCores.toFixed(2)}c${cost} ${Math.round(usage.peakRssMiB)}M`;
    });
  if (side.postgresCpuSeconds !== null && side.windowSec > 0) {
    const perOp = side.cpuPerOp?.byProcess.postgres;
    const cost = perOp === undefined ? "" : ` (${formatNumber(perOp)})`;
    const byDatabase = Object.entries(side.cpuPerOp?.byProcess ?? {})
      .filter(([name, value]) => name.startsWith("postgres:") && value > 0)
      .sort(([, a], [, b]) => b - a)
      .map(([name, value]) => `${name.slice("postgres:".length)} ${formatNumber(value)}`);
    const databases = byDatabase.length > 1 ? ` [${byDatabase.join(", ")}]` : "";
    parts.push(`pg ${(side.postgresCpuSeconds / side.windowSec).toFixed(2)}c${cost}${databases}`);
  }
  parts.push(`machine ${side.machineCpuBusyCores.toFixed(2)}c`);
  return parts.join(", ");
}

/** CPU (cores busy on average, and per operation in the CPU/op unit) and peak RSS per process, per scenario. */
function usageTable(results: BenchResults): string {
  const rows: string[][] = [];
  for (const scenario of results.scenarios) {
    rows.push([scenario.title, "simhub", usageText(scenario.simhub)]);
    if (scenario.baseline) rows.push(["", "baseline", usageText(scenario.baseline)]);
    if (scenario.simhub.openLoop) rows.push(["", "simhub open loop", usageText(scenario.simhub.openLoop)]);
    if (scenario.baseline?.openLoop)
      rows.push(["", "baseline open loop", usageText(scenario.baseline.openLoop)]);
  }
  return renderTable(["scenario", "side", "per process: CPU cores (CPU per op) peak RSS"], rows);
}

/** "peak RSS ≤ 200 MiB for every process: NO (gateway 310)". */
export function peakRssLine(check: PeakRssCheck): string {
  const name = (process: string) => shortNames[process] ?? process;
  const figures = (names: string[]) =>
    names.map((process) => `${name(process)} ${Math.round(check.byProcess[process]!)}`).join(", ");
  const inOrder = (names: string[]) =>
    [...names].sort((a, b) => processOrder.indexOf(a) - processOrder.indexOf(b));
  const all = inOrder(Object.keys(check.byProcess));
  if (!all.length) return `peak RSS ≤ ${check.limitMiB} MiB for every process: not measured`;
  return check.met
    ? `peak RSS ≤ ${check.limitMiB} MiB for every process: yes (${figures(all)} MiB)`
    : `peak RSS ≤ ${check.limitMiB} MiB for every process: NO (${figures(inOrder(check.over))} MiB; all: ${figures(all)})`;
}

/** The checks a row missed, e.g. "CPU/op 6.30× (target ≤ 2.0×)". */
function missedChecks(scenario: ScenarioResult): string | undefined {
  const missed = (scenario.target.checks ?? []).filter((entry) => !entry.met);
  if (!missed.length || !scenario.target.checks || scenario.target.checks.length < 2) return undefined;
  return `missed ${missed.map((entry) => `${entry.name} ${entry.actual} (target ${entry.limit})`).join("; ")}`;
}

/**
 * Open-loop answers that only say a side was offered more than it could
 * serve in time: its own timeouts (10 s after the scheduled send) and the
 * gateway's 503/504 when its deadlines toward the services ran out. They
 * are reported (open-loop table, notes) and do not fail the run; every
 * other error does. A crashed process fails the run on its own.
 */
const OVERLOAD_OUTCOMES = ["timeouts", "503", "504"] as const;

export function overloadAnswers(side: Pick<Side, "statusCounts"> | null | undefined): number {
  return OVERLOAD_OUTCOMES.reduce((sum, outcome) => sum + (side?.statusCounts?.[outcome] ?? 0), 0);
}

function openLoopOverload(scenario: ScenarioResult): string | undefined {
  const parts = (
    [
      ["simhub", scenario.simhub.openLoop],
      ["baseline", scenario.baseline?.openLoop],
    ] as const
  )
    .map(([name, side]) => [name, overloadAnswers(side)] as const)
    .filter(([, count]) => count > 0)
    .map(([name, count]) => `${name} ${count}`);
  return parts.length
    ? `open loop offered more than answered in time (timeouts, 503, 504): ${parts.join(", ")}`
    : undefined;
}

function machineLine(machine: MachineInfo): string {
  return `${machine.nproc} cores (${machine.cpuModel}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.os}; load average at start ${machine.loadAverage.map((value) => value.toFixed(2)).join(" ")}`;
}

export function report(results: BenchResults): string {
  const lines = [
    `simhub bench (${results.mode}), ${results.startedAt}, ${Math.round(results.durationSec)} s`,
    `machine: ${machineLine(results.machine)}`,
    `PostgreSQL: ${results.postgres}; NATS: ${results.nats}`,
    "",
    scenarioTable(results),
  ];
  const openLoop = openLoopTable(results);
  if (openLoop) lines.push("", openLoop);
  lines.push("", usageTable(results), "", peakRssLine(results.peakRss));
  const notes = results.scenarios.flatMap((scenario) => {
    const missed = missedChecks(scenario);
    const overload = openLoopOverload(scenario);
    return [...(missed ? [missed] : []), ...(overload ? [overload] : []), ...scenario.notes].map(
      (note) => `- ${scenario.title} (${scenario.dataset}): ${note}`,
    );
  });
  if (notes.length) lines.push("", "notes:", ...notes);
  if (results.crashes.length) lines.push("", "CRASHES:", ...results.crashes);
  if (results.failures.length)
    lines.push("", "FAILED:", ...results.failures.map((failure) => `- ${failure}`));
  return lines.join("\n");
}
