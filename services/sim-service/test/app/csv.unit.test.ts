// The streaming CSV reader: RFC 4180 quoting, line numbers, chunk
// boundaries anywhere (even inside a UTF-8 character, a CRLF or a doubled
// quote), header mapping and row shapes.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  cellsOf,
  columnsFromHeader,
  MAX_RECORD_BYTES,
  parseSimCsv,
  readCsvLines,
} from "../../src/app/csv.ts";

async function* chunked(text: string | Buffer, size: number) {
  const bytes = typeof text === "string" ? Buffer.from(text) : text;
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function records(text: string | Buffer, size = 1 << 16) {
  const out: { cells: string[]; line: number }[] = [];
  for await (const lines of readCsvLines(chunked(text, size))) {
    for (const line of lines) {
      // The reader hands over one object, overwritten by the next: keep what it says now.
      const cells = cellsOf(line);
      if (cells) out.push({ cells, line: line.line });
    }
  }
  return out;
}

async function items(text: string, size = 1 << 16) {
  const out = [];
  // Every line as an item: the lines read from their bytes are tested in import-plain-line.unit.test.ts.
  for await (const batch of parseSimCsv(chunked(text, size), { plainLines: false })) out.push([...batch]);
  return out;
}

describe("readCsvLines", () => {
  it("splits lines and cells, with LF or CRLF, skipping empty lines but counting them", async () => {
    expect(await records("a,b\r\nc,d\n\n  \ne,f")).toEqual([
      { cells: ["a", "b"], line: 1 },
      { cells: ["c", "d"], line: 2 },
      { cells: ["e", "f"], line: 5 },
    ]);
  });

  it("reads quoted cells with separators, doubled quotes and line breaks, and numbers lines by their start", async () => {
    const text = 'x,"a,b"\n"say ""hi""",2\n"multi\nline\r\ncell",3\nlast,"q"';
    expect(await records(text)).toEqual([
      { cells: ["x", "a,b"], line: 1 },
      { cells: ['say "hi"', "2"], line: 2 },
      { cells: ["multi\nline\r\ncell", "3"], line: 3 },
      { cells: ["last", "q"], line: 6 },
    ]);
  });

  it("drops a UTF-8 byte order mark", async () => {
    expect(await records("\uFEFFiccid\n1\n")).toEqual([
      { cells: ["iccid"], line: 1 },
      { cells: ["1"], line: 2 },
    ]);
  });

  it("gives the same records however the bytes are cut into chunks", async () => {
    const text = '\uFEFFh1,h2\r\n"é,""ü""",ß\r\nplain,"line\nbreak"\n\n€uro,""\n"end"';
    const whole = await records(text);
    for (let size = 1; size <= 12; size++) expect(await records(text, size)).toEqual(whole);
  });

  it("agrees with a simple model on random quoted and unquoted cells, chunked at random", async () => {
    const cell = fc.oneof(
      fc.stringMatching(/^[a-z0-9 ]{0,6}$/),
      fc.string({ maxLength: 6 }).map((value) => value.replace(/\r/g, "")),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 2, maxLength: 4 }), { minLength: 1, maxLength: 8 }),
        fc.integer({ min: 1, max: 9 }),
        async (rows, size) => {
          const encode = (value: string) => `"${value.replaceAll('"', '""')}"`;
          const text = rows.map((row) => row.map(encode).join(",")).join("\n");
          const read = await records(text, size);
          expect(read.map((record) => record.cells)).toEqual(rows);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses an unclosed quote and a quote inside an unquoted cell, naming the line", async () => {
    await expect(records('a\nb,"open\n')).rejects.toMatchObject({ code: "INVALID_CSV", message: /line 2/ });
    await expect(records('a\nb"c,d\n')).rejects.toMatchObject({ code: "INVALID_CSV", message: /line 2/ });
  });

  it("refuses a record longer than the limit instead of buffering it", async () => {
    const long = `"${"x".repeat(MAX_RECORD_BYTES + 10)}`;
    await expect(records(long, 4096)).rejects.toMatchObject({ code: "INVALID_CSV", message: /longer than/ });
  });
});

describe("columnsFromHeader", () => {
  it("maps header names loosely (case, spaces, '_' and '-')", () => {
    expect(
      columnsFromHeader(["ICCID", "imsi", "MSISDN", "Imei", "e_sim", "Operator ID", "activation-code"]),
    ).toEqual(["iccid", "imsi", "msisdn", "imei", "eSim", "operatorId", "activationCode"]);
  });

  it("refuses unknown, repeated and missing columns naming them", () => {
    expect(() => columnsFromHeader(["iccid", "colour"])).toThrow(
      expect.objectContaining({
        code: "INVALID_CSV_HEADER",
        errors: [expect.objectContaining({ path: "header[1]" })],
      }),
    );
    expect(() => columnsFromHeader(["iccid", "ICCID"])).toThrow(
      expect.objectContaining({
        errors: [expect.objectContaining({ message: "column iccid appears twice" })],
      }),
    );
    expect(() => columnsFromHeader(["imsi"])).toThrow(
      expect.objectContaining({ errors: [expect.objectContaining({ path: "header" })] }),
    );
  });
});

describe("parseSimCsv", () => {
  it("yields the candidates each chunk completed, with their line, position and cells' length, header first", async () => {
    const text = "iccid,imsi\n1,2\n3\n4,5,6\n7,8\n";
    const expected = [
      { index: 0, line: 2, cellBytes: 2, candidate: { iccid: "1", imsi: "2" } },
      { index: 1, line: 3, cellBytes: 1, candidate: { iccid: "3" } },
      {
        index: 2,
        line: 4,
        cellBytes: 3,
        candidate: { iccid: "4" },
        problem: { code: "INVALID_ROW", message: "line has 3 cells but the header has 2 columns" },
      },
      { index: 3, line: 5, cellBytes: 2, candidate: { iccid: "7", imsi: "8" } },
    ];
    expect((await items(text)).flat()).toEqual(expected);
    // Chunks of 6 bytes: the header completes in the second, each row in a chunk of its own or two.
    const chunked6 = await items(text, 6);
    expect(chunked6.length).toBeGreaterThan(1);
    expect(chunked6.flat()).toEqual(expected);
  });

  it("refuses a file without a header row", async () => {
    await expect(items("")).rejects.toMatchObject({ code: "INVALID_CSV" });
    await expect(items("\n\n")).rejects.toMatchObject({ code: "INVALID_CSV" });
  });

  it("accepts a header without rows", async () => {
    expect((await items("iccid\n")).flat()).toEqual([]);
  });
});
