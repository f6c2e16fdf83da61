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
  target: { description: string; met: boolean };
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

/** The main table: one row per scenario. */
function scenarioTable(results: BenchResults): string {
  const rows = results.scenarios.map((scenario) => [
    scenario.title,
    scenario.dataset,
    sideText(scenario.simhub),
    latencyText(scenario.simhub.latencyMs),
    sideText(scenario.baseline),
    latencyText(scenario.baseline?.latencyMs ?? null),
    scenario.ratio === null ? "—" : `${scenario.ratio.toFixed(2)}×`,
    cpuText(scenario),
    `${scenario.errors}/${scenario.requests}`,
    scenario.target.description,
    scenario.target.met ? "yes" : "NO",
  ]);
  return renderTable(
    [
      "scenario",
      "dataset",
      "simhub",
      "p50/p95/p99 ms",
      "baseline",
      "baseline p50/p95/p99 ms",
      "ratio",
      "CPU/op simhub : baseline",
      "errors",
      "target",
      "met",
    ],
    rows,
    [false, false, true, true, true, true, true, true, true, false, false],
  );
}

const processOrder = [
  "api-gateway",
  "sim-service",
  "company-service",
  "org-service",
  "identity-service",
  "baseline",
  "load",
];

const shortNames: Record<string, string> = {
  "api-gateway": "gateway",
  "sim-service": "sim",
  "company-service": "company",
  "org-service": "org",
  "identity-service": "identity",
  baseline: "baseline",
  load: "load gen",
};

function usageText(side: Side | null): string {
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
    parts.push(`pg ${(side.postgresCpuSeconds / side.windowSec).toFixed(2)}c${cost}`);
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
  }
  return renderTable(["scenario", "side", "per process: CPU cores (CPU per op) peak RSS"], rows);
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
    "",
    usageTable(results),
  ];
  const notes = results.scenarios.flatMap((scenario) =>
    scenario.notes.map((note) => `- ${scenario.title}: ${note}`),
  );
  if (notes.length) lines.push("", "notes:", ...notes);
  if (results.crashes.length) lines.push("", "CRASHES:", ...results.crashes);
  if (results.failures.length)
    lines.push("", "FAILED:", ...results.failures.map((failure) => `- ${failure}`));
  return lines.join("\n");
}
