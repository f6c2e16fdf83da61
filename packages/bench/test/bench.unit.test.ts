// The bench's pure parts: the SIMs it generates, its options, its request
// patterns, its statistics, its targets and its tables.
import { describe, expect, it } from "vitest";
import { csvText, iccidOf, imsiOf, luhnCheckDigit, msisdnOf } from "../src/dataset.ts";
import { type Latency, latencySummary, percentile } from "../src/load-spec.ts";
import { parseOptions } from "../src/options.ts";
import { type RequestPattern, requestFactory } from "../src/request-patterns.ts";
import {
  type BenchResults,
  type OpenLoopSide,
  overloadAnswers,
  peakRssLine,
  renderTable,
  report,
  type ScenarioResult,
  type Side,
} from "../src/results.ts";
import { combine, costGrowthCheck, cpuRatioOf, peakRssCheck, requestChecks } from "../src/targets.ts";

describe("generated SIMs", () => {
  it("have 19-digit ICCIDs starting with 89 and a valid Luhn check digit", () => {
    expect(luhnCheckDigit("7992739871")).toBe(3); // the textbook example, 79927398713
    expect(luhnCheckDigit("894450010203040506")).toBe(2); // 8944500102030405062, as in the first-path test
    for (const index of [0, 1, 99_999, 999_999]) {
      const iccid = iccidOf(2, index);
      expect(iccid).toMatch(/^89\d{17}$/);
      expect(luhnCheckDigit(iccid.slice(0, -1))).toBe(Number(iccid.at(-1)));
    }
  });

  it("are unique per dataset and index, with 15-digit IMSIs and E.164 MSISDNs", () => {
    expect(iccidOf(1, 5)).not.toBe(iccidOf(2, 5));
    expect(imsiOf(1, 5)).toMatch(/^\d{15}$/);
    expect(msisdnOf(2, 123)).toMatch(/^[1-9]\d{7,14}$/);
    expect(csvText(1, 0, 2)).toBe(
      `iccid,imsi,msisdn\n${iccidOf(1, 0)},${imsiOf(1, 0)},${msisdnOf(1, 0)}\n${iccidOf(1, 1)},${imsiOf(1, 1)},${msisdnOf(1, 1)}\n`,
    );
  });
});

describe("options", () => {
  it("takes a preset, then flags, then environment variables", () => {
    const full = parseOptions([], {});
    expect(full).toMatchObject({ mode: "full", importRows: 1_000_000, companies: 10_000, connections: 32 });
    const quick = parseOptions(["--quick", "--import-rows=5000"], { BENCH_COMPANIES: "7" });
    expect(quick).toMatchObject({ mode: "quick", importRows: 5000, companies: 7 });
    expect(parseOptions(["--ci"], {}).mode).toBe("ci");
  });

  it("reads --only and --set, and refuses what it does not know", () => {
    const options = parseOptions(["--only=assign,relay", "--set=sim-service.IMPORT_BATCH_SIZE=5000"], {});
    expect(options.only).toEqual(["assign", "relay"]);
    expect(options.processEnv).toEqual({ "sim-service": { IMPORT_BATCH_SIZE: "5000" } });
    expect(() => parseOptions(["--only=everything"], {})).toThrow(/unknown scenario/);
    expect(() => parseOptions(["--fast"], {})).toThrow(/unknown option --fast/);
    expect(() => parseOptions(["--import-rows=many"], {})).toThrow(/must be a number/);
  });

  it("has open-loop settings in every preset, overridable like the sizes", () => {
    expect(parseOptions([], {})).toMatchObject({
      openLoopSec: 10,
      openLoopRatePercent: 40,
      openLoopSockets: 256,
    });
    expect(parseOptions(["--quick"], {})).toMatchObject({ openLoopSec: 3, openLoopRatePercent: 40 });
    expect(parseOptions(["--ci"], {}).openLoopSec).toBeLessThanOrEqual(1);
    const tuned = parseOptions(["--open-loop-sec=4", "--open-loop-sockets=32"], {
      BENCH_OPEN_LOOP_RATE_PERCENT: "25",
    });
    expect(tuned).toMatchObject({ openLoopSec: 4, openLoopSockets: 32, openLoopRatePercent: 25 });
    expect(parseOptions(["--open-loop-sec=0", "--open-loop-rate-percent=0"], {}).openLoopSec).toBe(0);
    expect(() => parseOptions(["--open-loop-sockets=0"], {})).toThrow(/open-loop-sockets must be at least 1/);
    expect(() => parseOptions(["--open-loop-rate-percent=0"], {})).toThrow(
      /open-loop-rate-percent must be > 0/,
    );
  });
});

describe("request patterns", () => {
  const pattern = (firstRequest: number) =>
    ({
      type: "assign" as const,
      pathPrefix: "/sims/",
      dataset: 1,
      poolSize: 3,
      companies: ["c1", "c2"],
      firstRequest,
    }) satisfies RequestPattern;

  it("assigns on even passes over the pool and unassigns on odd ones", () => {
    const source = requestFactory(pattern(0), { authorization: "Bearer t" });
    const requests = Array.from({ length: 7 }, () => source.next());
    expect(requests.map((request) => request.path.split("/").at(-1))).toEqual([
      "assign",
      "assign",
      "assign",
      "unassign",
      "unassign",
      "unassign",
      "assign",
    ]);
    expect(requests[0]).toMatchObject({
      method: "POST",
      path: `/sims/${iccidOf(1, 0)}/assign`,
      body: JSON.stringify({ companyId: "c1" }),
      headers: { authorization: "Bearer t", "content-type": "application/json" },
    });
    expect(requests[3]?.path).toBe(`/sims/${iccidOf(1, 0)}/unassign`);
    expect(source.nextRequest()).toBe(7);
  });

  it("continues where a previous run stopped, so every SIM keeps alternating", () => {
    const whole = requestFactory(pattern(0), {});
    const expected = Array.from({ length: 10 }, () => whole.next());
    const first = requestFactory(pattern(0), {});
    const head = Array.from({ length: 4 }, () => first.next());
    const second = requestFactory(pattern(first.nextRequest()), {});
    const tail = Array.from({ length: 6 }, () => second.next());
    expect([...head, ...tail]).toEqual(expected);
  });

  it("spreads GETs over the given paths", () => {
    const source = requestFactory({ type: "paths", paths: ["/a", "/b"] }, {});
    const seen = new Set(Array.from({ length: 200 }, () => source.next().path));
    expect(seen).toEqual(new Set(["/a", "/b"]));
  });
});

describe("statistics", () => {
  it("uses nearest-rank percentiles", () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(latencySummary([3, 1, 2])).toMatchObject({ p50: 2, max: 3, mean: 2 });
    expect(latencySummary([])).toMatchObject({ p50: 0, p99: 0 });
  });

  it("summarises the open-loop figures the same way as the closed-loop ones", () => {
    const latency = latencySummary(Array.from({ length: 1000 }, (_, i) => i + 1));
    expect(latency).toMatchObject({ p50: 500, p95: 950, p99: 990, max: 1000 });
  });
});

const latency = (p99: number): Latency => ({ p50: p99 / 4, p95: p99 / 2, p99, max: p99 * 2, mean: p99 / 3 });

function side(value: number, cpuMs: number, rss: Record<string, number>, extra: Partial<Side> = {}): Side {
  return {
    value,
    unit: "req/s",
    latencyMs: latency(100),
    requests: value * 10,
    errors: 0,
    durationSec: 10,
    windowSec: 11,
    processes: Object.fromEntries(
      Object.entries(rss).map(([name, peakRssMiB]) => [
        name,
        { cpuSeconds: 1, cpuCores: 0.1, peakRssMiB, startRssMiB: peakRssMiB, endRssMiB: peakRssMiB },
      ]),
    ),
    postgresCpuSeconds: 1,
    cpuPerOp: { value: cpuMs, unit: "ms/req", byProcess: {} },
    machineCpuBusyCores: 2,
    ...extra,
  };
}

function openLoop(p99: number, rss: Record<string, number>): OpenLoopSide {
  return {
    ...side(40, 1, rss, { latencyMs: latency(p99) }),
    offeredRate: 40,
    scheduled: 400,
    sendLagMs: latency(2),
    maxInFlight: 3,
    queuedForSocket: 0,
  };
}

describe("targets", () => {
  it("judge a request row by CPU/op ratio, throughput ratio and open-loop p99", () => {
    const met = combine(requestChecks("assign", { throughputRatio: 0.6, cpuRatio: 1.9, openLoopP99Ms: 29 }));
    expect(met).toMatchObject({
      met: true,
      description: "CPU/op ≤ 2.0×, throughput ≥ 0.5×, open-loop p99 ≤ 30 ms",
    });
    const slow = combine(requestChecks("list", { throughputRatio: 0.8, cpuRatio: 1.2, openLoopP99Ms: 21 }));
    expect(slow.met).toBe(false);
    expect(slow.checks?.filter((check) => !check.met).map((check) => check.name)).toEqual(["open-loop p99"]);
    const costly = combine(
      requestChecks("detail", { throughputRatio: 0.5, cpuRatio: 2.01, openLoopP99Ms: 5 }),
    );
    expect(costly.checks?.find((check) => !check.met)).toMatchObject({ name: "CPU/op", actual: "2.01×" });
    const unmeasured = combine(
      requestChecks("detail", { throughputRatio: 1, cpuRatio: 1, openLoopP99Ms: null }),
    );
    expect(unmeasured.met).toBe(false);
    expect(unmeasured.checks?.[2]?.actual).toBe("not measured");
  });

  it("call cost flat when the large table's CPU/op is at most 1.5× the small one's", () => {
    expect(costGrowthCheck(2, 3)).toMatchObject({ met: true, actual: "1.50×" });
    expect(costGrowthCheck(2, 3.2).met).toBe(false);
    expect(costGrowthCheck(null, 3).met).toBe(false);
  });

  it("take the CPU/op ratio as simhub ÷ baseline", () => {
    expect(cpuRatioOf({ simhub: side(100, 6, {}), baseline: side(800, 1.5, {}) })).toBe(4);
    expect(cpuRatioOf({ simhub: side(100, 6, {}), baseline: null })).toBeNull();
  });

  it("check every platform process's peak RSS over all windows, open loop included (not the load generator's or the broker's)", () => {
    const scenario = {
      simhub: {
        ...side(1, 1, { "api-gateway": 150, load: 900, "nats-server": 700 }),
        openLoop: openLoop(5, { "api-gateway": 310 }),
      },
      baseline: side(1, 1, { baseline: 400 }),
    } as ScenarioResult;
    const other = { simhub: side(1, 1, { "sim-service": 120 }), baseline: null } as ScenarioResult;
    const check = peakRssCheck([scenario, other]);
    expect(check).toEqual({
      limitMiB: 200,
      byProcess: { "api-gateway": 310, "sim-service": 120 },
      over: ["api-gateway"],
      met: false,
    });
    expect(peakRssLine(check)).toBe(
      "peak RSS ≤ 200 MiB for every process: NO (gateway 310 MiB; all: gateway 310, sim 120)",
    );
    expect(
      peakRssLine({
        limitMiB: 200,
        byProcess: { "sim-service": 218, "api-gateway": 297 },
        over: ["sim-service", "api-gateway"],
        met: false,
      }),
    ).toBe("peak RSS ≤ 200 MiB for every process: NO (gateway 297, sim 218 MiB; all: gateway 297, sim 218)");
    expect(peakRssCheck([other]).met).toBe(true);
    expect(peakRssCheck([]).met).toBe(false);
  });
});

describe("the report", () => {
  const target = combine(requestChecks("assign", { throughputRatio: 0.25, cpuRatio: 4, openLoopP99Ms: 80 }));
  const row: ScenarioResult = {
    id: "assign",
    title: "1 assign SIM",
    dataset: "10 SIMs",
    simhub: { ...side(200, 6, { "api-gateway": 150 }), openLoop: openLoop(80, { "api-gateway": 160 }) },
    baseline: { ...side(800, 1.5, { baseline: 90 }), openLoop: openLoop(4, { baseline: 90 }) },
    baselineDescription: "naive",
    ratio: 0.25,
    ratioMeaning: "simhub req/s ÷ baseline req/s",
    cpuRatio: 4,
    target,
    requests: 10_000,
    errors: 0,
    errorRate: 0,
    details: {},
    notes: [],
  };
  const results = {
    mode: "ci",
    startedAt: "2026-12-01T00:00:00.000Z",
    durationSec: 60,
    machine: { nproc: 2, memoryGiB: 4, cpuModel: "cpu", node: "v24", os: "linux", loadAverage: [1, 1, 1] },
    postgres: "local",
    nats: "local",
    scenarios: [row],
    peakRss: peakRssCheck([row]),
    crashes: [],
    failures: [],
  } as unknown as BenchResults;
  const text = report(results);

  it("puts the CPU/op ratio first after the dataset, then throughput, then open-loop p99", () => {
    const header = text.split("\n").find((line) => line.startsWith("| scenario"))!;
    const columns = header.split("|").map((cell) => cell.trim());
    expect(columns.slice(1, 6)).toEqual([
      "scenario",
      "dataset",
      "CPU/op ratio",
      "ratio",
      "open-loop p99 ms simhub : baseline",
    ]);
    const line = text.split("\n").find((candidate) => candidate.startsWith("| 1 assign SIM"))!;
    const cells = line.split("|").map((cell) => cell.trim());
    expect(cells.slice(3, 6)).toEqual(["4.00×", "0.25×", "80.0 : 4.00 @ 40.0/s"]);
    expect(cells.at(-2)).toBe("NO");
  });

  it("lists the open-loop percentiles and errors of both sides, the missed checks and the peak RSS", () => {
    expect(text).toContain("| open loop");
    expect(text).toMatch(
      /\| 1 assign SIM \| 10 SIMs \| +40\.0 req\/s \| +20\.0 \/ 40\.0 \/ 80\.0 \| +0\/400 \|/,
    );
    expect(text).toContain(
      "missed CPU/op 4.00× (target ≤ 2.0×); throughput 0.25× (target ≥ 0.5×); open-loop p99 80 ms (target ≤ 30 ms)",
    );
    expect(text).toContain("simhub open loop");
    expect(text).toContain("peak RSS ≤ 200 MiB for every process: yes (gateway 160 MiB)");
    expect(text).not.toContain("open loop offered more");
  });

  it("notes the open-loop answers of an overloaded side: timeouts, 503 and 504, not other errors", () => {
    const overloaded = structuredClone(row);
    overloaded.simhub.openLoop!.statusCounts = { "200": 383, timeouts: 10, "504": 4, "503": 1, "500": 2 };
    overloaded.simhub.openLoop!.errors = 17;
    expect(overloadAnswers(overloaded.simhub.openLoop)).toBe(15);
    expect(overloadAnswers(null)).toBe(0);
    const text = report({ ...results, scenarios: [overloaded] });
    expect(text).toContain(
      "- 1 assign SIM (10 SIMs): open loop offered more than answered in time (timeouts, 503, 504): simhub 15",
    );
    expect(text).toMatch(/\| +17\/400 \|/);
  });
});

describe("tables", () => {
  it("renders aligned Markdown tables", () => {
    expect(renderTable(["a", "bb"], [["xyz", "1"]], [false, true])).toBe(
      "| a   | bb |\n| --- | -: |\n| xyz |  1 |",
    );
  });
});
