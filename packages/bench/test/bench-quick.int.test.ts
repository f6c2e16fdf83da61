// Keeps the benchmark harness working: `pnpm bench --ci` (the quick mode on
// the smallest datasets) against the test run's PostgreSQL and NATS. Checks
// that every scenario produced numbers for simhub and its baseline (the
// open-loop runs included) and that nothing failed; never how fast anything
// was (the machine is shared).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@simhub/launcher";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { BenchResults } from "../src/index.ts";
import { overloadAnswers } from "../src/results.ts";

const scratch = mkdtempSync(join(tmpdir(), "bench-ci-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scenarioIds = [
  "assign",
  "event-latency",
  "assign-traced",
  "read-list-small",
  "read-detail-small",
  "import",
  "read-list-large",
  "read-detail-large",
  "outbox-relay",
  "webhook-fan-out",
  "usage-ingest",
  "rule-evaluation",
  "cold-start",
];

function runBench(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["packages/bench/src/main.ts", ...args], {
      cwd: repoRoot,
      env: {
        ...process.env,
        BENCH_DATABASE_URL: inject("postgresAdminUrl"),
        NATS_URL: inject("natsUrl"),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString("utf8");
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("pnpm bench --ci", () => {
  it("runs every scenario against simhub and its baseline, with numbers and no errors", async () => {
    const output = join(scratch, "bench-results.json");
    const run = await runBench(["--ci", `--output=${output}`]);
    expect(run.code, run.output).toBe(0);
    expect(run.output).toContain("| scenario");

    const results = JSON.parse(readFileSync(output, "utf8")) as BenchResults;
    expect(results.mode).toBe("ci");
    expect(results.failures).toEqual([]);
    expect(results.crashes).toEqual([]);
    expect(results.machine.nproc).toBeGreaterThan(0);
    expect(results.scenarios.map((scenario) => scenario.id)).toEqual(scenarioIds);

    // Peak RSS of every platform process, checked against 200 MiB.
    expect(results.peakRss.limitMiB).toBe(200);
    expect(Object.keys(results.peakRss.byProcess)).toEqual(
      expect.arrayContaining([
        "api-gateway",
        "sim-service",
        "company-service",
        "org-service",
        "identity-service",
      ]),
    );
    expect(run.output).toContain("peak RSS ≤ 200 MiB for every process:");
    expect(run.output).toContain("| open loop");

    for (const scenario of results.scenarios) {
      const where = `${scenario.id}: ${JSON.stringify(scenario).slice(0, 800)}`;
      expect(scenario.errors, where).toBe(0);
      expect(scenario.requests, where).toBeGreaterThan(0);
      expect(scenario.simhub.value, where).toBeGreaterThan(0);
      expect(Number.isFinite(scenario.simhub.value), where).toBe(true);
      expect(typeof scenario.target.met, where).toBe("boolean");
      expect(scenario.target.description.length, where).toBeGreaterThan(0);
      // Event latency and rule evaluation have absolute targets, no baseline.
      if (scenario.id !== "event-latency" && scenario.id !== "rule-evaluation") {
        expect(scenario.baseline?.value, where).toBeGreaterThan(0);
        expect(scenario.ratio, where).toBeGreaterThan(0);
      }
      if (scenario.id.startsWith("read-") || scenario.id === "assign" || scenario.id === "event-latency") {
        const latency = scenario.simhub.latencyMs!;
        expect(latency.p50, where).toBeGreaterThanOrEqual(0);
        expect(latency.p99, where).toBeGreaterThanOrEqual(latency.p50);
      }
      if (scenario.id.startsWith("read-") || scenario.id === "assign") {
        // CPU/op ratio first; the target is judged check by check.
        expect(scenario.cpuRatio, where).toBeGreaterThan(0);
        expect(
          scenario.target.checks?.map((check) => check.name),
          where,
        ).toEqual(expect.arrayContaining(["CPU/op", "throughput", "open-loop p99"]));
        // An open-loop run on each side at the same rate: 40 % of the baseline's saturated req/s.
        const simhubOpen = scenario.simhub.openLoop!;
        const baselineOpen = scenario.baseline!.openLoop!;
        expect(simhubOpen.offeredRate, where).toBe(baselineOpen.offeredRate);
        expect(simhubOpen.offeredRate, where).toBeCloseTo(scenario.baseline!.value * 0.4, 0);
        for (const open of [simhubOpen, baselineOpen]) {
          expect(open.requests, where).toBe(open.scheduled);
          // Timeouts and the gateway's 503/504 only tell that a side was
          // offered more than it served (a missed target on a loaded
          // machine); any other error is a fault.
          expect(open.errors - overloadAnswers(open), where).toBe(0);
          expect(open.latencyMs!.p99, where).toBeGreaterThanOrEqual(open.latencyMs!.p50);
          expect(open.latencyMs!.p50, where).toBeGreaterThan(0);
          expect(open.cpuPerOp?.value, where).toBeGreaterThan(0);
        }
      }
      if (scenario.id.startsWith("read-") || scenario.id === "assign" || scenario.id === "import") {
        // CPU and memory of the gateway and sim-service were measured.
        expect(scenario.simhub.processes["api-gateway"]?.peakRssMiB, where).toBeGreaterThan(0);
        expect(scenario.simhub.processes["sim-service"]?.peakRssMiB, where).toBeGreaterThan(0);
        expect(scenario.baseline?.processes.load?.cpuSeconds, where).toBeGreaterThanOrEqual(0);
      }
    }
  }, 600_000);
});
