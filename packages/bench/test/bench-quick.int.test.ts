// Keeps the benchmark harness working: `pnpm bench --ci` (the quick mode on
// the smallest datasets) against the test run's PostgreSQL and NATS. Checks
// that every scenario produced numbers for simhub and its baseline and that
// nothing failed; never how fast anything was (the machine is shared).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "@simhub/launcher";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { BenchResults } from "../src/index.ts";

const scratch = mkdtempSync(join(tmpdir(), "bench-ci-"));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const scenarioIds = [
  "assign",
  "event-latency",
  "read-list-small",
  "read-detail-small",
  "import",
  "read-list-large",
  "read-detail-large",
  "outbox-relay",
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

    for (const scenario of results.scenarios) {
      const where = `${scenario.id}: ${JSON.stringify(scenario).slice(0, 800)}`;
      expect(scenario.errors, where).toBe(0);
      expect(scenario.requests, where).toBeGreaterThan(0);
      expect(scenario.simhub.value, where).toBeGreaterThan(0);
      expect(Number.isFinite(scenario.simhub.value), where).toBe(true);
      expect(typeof scenario.target.met, where).toBe("boolean");
      expect(scenario.target.description.length, where).toBeGreaterThan(0);
      if (scenario.id !== "event-latency") {
        expect(scenario.baseline?.value, where).toBeGreaterThan(0);
        expect(scenario.ratio, where).toBeGreaterThan(0);
      }
      if (scenario.id.startsWith("read-") || scenario.id === "assign" || scenario.id === "event-latency") {
        const latency = scenario.simhub.latencyMs!;
        expect(latency.p50, where).toBeGreaterThanOrEqual(0);
        expect(latency.p99, where).toBeGreaterThanOrEqual(latency.p50);
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
