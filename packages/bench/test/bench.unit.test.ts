// The bench's pure parts: the SIMs it generates, its options and its statistics.
import { describe, expect, it } from "vitest";
import { csvText, iccidOf, imsiOf, luhnCheckDigit, msisdnOf } from "../src/dataset.ts";
import { latencySummary, percentile } from "../src/load-spec.ts";
import { parseOptions } from "../src/options.ts";
import { renderTable } from "../src/results.ts";

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
});

describe("statistics", () => {
  it("uses nearest-rank percentiles", () => {
    const sorted = Float64Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(sorted, 50)).toBe(50);
    expect(percentile(sorted, 99)).toBe(99);
    expect(latencySummary([3, 1, 2])).toMatchObject({ p50: 2, max: 3, mean: 2 });
    expect(latencySummary([])).toMatchObject({ p50: 0, p99: 0 });
  });

  it("renders aligned Markdown tables", () => {
    expect(renderTable(["a", "bb"], [["xyz", "1"]], [false, true])).toBe(
      "| a   | bb |\n| --- | -: |\n| xyz |  1 |",
    );
  });
});
