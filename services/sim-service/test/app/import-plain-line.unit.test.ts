// The CSV import's two paths agree: a file parsed with lines of the common
// shape read from their bytes (PlainSimLine) gives exactly the batches of
// the same file parsed by the general path alone — the same COPY text,
// rejections, suspects and batch boundaries — for files mixing valid,
// nearly valid and malformed cells, repeats inside and across batches,
// quotes, blanks and short or long lines. And the fast path does take the
// lines it is for.

import { luhnDigit } from "@simhub/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationCodeHasher } from "../../src/app/activation-code.ts";
import { columnsFromHeader } from "../../src/app/csv.ts";
import { type ParsedBatch, parseCsvImport } from "../../src/app/import-parsing.ts";
import { PlainSimLine } from "../../src/app/import-plain-line.ts";
import { ImportRowPreparer } from "../../src/app/import-rows.ts";

const OPERATOR = "7f0c3b52-27a4-4c55-9a55-6f3c1d2e8a10";

const withLuhn = (payload: string) => payload + luhnDigit(payload);
const wrongLuhn = (payload: string) => payload + String((Number(luhnDigit(payload)) + 1) % 10);
const iccid19 = (n: number) => withLuhn(`894450${String(n).padStart(12, "0")}`);
const iccid20 = (n: number) => withLuhn(`8944501${String(n).padStart(12, "0")}`);
const imsi = (n: number) => `23415${String(n).padStart(10, "0")}`;
const imei = (n: number) => withLuhn(`49015420${String(n).padStart(6, "0")}`);

// Small numbers, so rows repeat each other's ICCIDs and IMSIs.
const n = fc.nat(40);
const cells = {
  iccid: fc.oneof(
    { weight: 6, arbitrary: n.map(iccid19) },
    { weight: 2, arbitrary: n.map(iccid20) },
    n.map((k) => wrongLuhn(`894450${String(k).padStart(12, "0")}`)),
    n.map((k) => withLuhn(`884450${String(k).padStart(12, "0")}`)),
    n.map((k) => iccid19(k).slice(0, 18)),
    n.map((k) => ` ${iccid19(k)}`),
    n.map((k) => `${iccid19(k)}x`),
    n.map((k) => iccid19(k).replace("4", "٤")),
    fc.constantFrom("", "   ", "89"),
  ),
  imsi: fc.oneof(
    { weight: 4, arbitrary: n.map(imsi) },
    n.map((k) => imsi(k).slice(1)),
    n.map((k) => `${imsi(k)} `),
    fc.constantFrom("", "23415000000000a"),
  ),
  msisdn: fc.constantFrom(
    "",
    "447700900123",
    "+447700900123",
    "0447700900123",
    "+",
    "4477009",
    "44770090012345",
    "4477009001234567",
    " 447700900123",
    "+044770090012",
  ),
  imei: fc.oneof(
    n.map(imei),
    n.map((k) => wrongLuhn(`49015420${String(k).padStart(6, "0")}`)),
    fc.constant(""),
  ),
  eSim: fc.constantFrom("", "true", "false", "TRUE", " false", "yes"),
  operatorId: fc.constantFrom("", "", "", OPERATOR, OPERATOR.toUpperCase(), "not-a-uuid"),
  activationCode: fc.constantFrom("", "", "", "Kq7-Zt4m-Xw9p", "weak", "Kq7 Zt4m Xw9p"),
};
type Column = keyof typeof cells;
const COLUMNS = Object.keys(cells) as Column[];

const header = fc
  .shuffledSubarray(COLUMNS.slice(1), { minLength: 0 })
  .chain((others) => fc.nat(others.length).map((at) => others.toSpliced(at, 0, "iccid" as Column)));

const line = (columns: Column[]) =>
  fc.oneof(
    {
      weight: 12,
      arbitrary: fc.tuple(...columns.map((column) => cells[column])).map((row) => row.join(",")),
    },
    // Fewer cells than columns, one too many, a quoted cell, a line of blanks.
    fc.tuple(...columns.map((column) => cells[column])).map((row) => row.slice(0, -1).join(",")),
    fc.tuple(...columns.map((column) => cells[column])).map((row) => `${row.join(",")},extra`),
    fc.tuple(...columns.map((column) => cells[column])).map((row) => `"${row[0]}",${row.slice(1).join(",")}`),
    fc.constant("  "),
  );

const file = header.chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    lines: fc.array(line(columns), { maxLength: 60 }),
    crlf: fc.boolean(),
    chunk: fc.integer({ min: 7, max: 400 }),
    batchSize: fc.integer({ min: 1, max: 9 }),
    batchBytes: fc.integer({ min: 40, max: 2_000 }),
  }),
);

const preparer = () =>
  new ImportRowPreparer({
    lookupOperator: async (operatorId) => (operatorId === OPERATOR ? "pending" : null),
    hashActivationCode: activationCodeHasher("a test key for activation codes"),
  });

async function* chunked(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function parse(
  text: string,
  options: { chunk: number; batchSize: number; batchBytes: number },
  plainLines: boolean,
) {
  const batches: ParsedBatch[] = [];
  for await (const batch of parseCsvImport(chunked(text, options.chunk), {
    batchSize: options.batchSize,
    batchBytes: options.batchBytes,
    preparer: preparer(),
    plainLines,
  })) {
    batches.push(batch);
  }
  return batches.map((batch) => ({ ...batch, copyText: Buffer.from(batch.copyText).toString("latin1") }));
}

describe("the CSV import's fast path", () => {
  it("gives exactly the batches of the general path, for any mix of lines", async () => {
    await fc.assert(
      fc.asyncProperty(file, async ({ columns, lines, crlf, ...options }) => {
        const text = `${columns.join(",")}\n${lines.join(crlf ? "\r\n" : "\n")}\n`;
        expect(await parse(text, options, true)).toEqual(await parse(text, options, false));
      }),
      { numRuns: 300 },
    );
  });

  it("takes the lines of the common shape, and leaves the others", () => {
    const columns = columnsFromHeader([
      "iccid",
      "imsi",
      "msisdn",
      "imei",
      "eSim",
      "operatorId",
      "activationCode",
    ]);
    const plain = new PlainSimLine(columns);
    const read = (text: string) => plain.read(Buffer.from(text), 0, text.length, 2);

    expect(read(`${iccid19(1)},${imsi(1)},+447700900123,${imei(1)},true,,`)).toBe(true);
    expect(plain.iccid.toString()).toBe(iccid19(1));
    expect(plain.imsi.toString()).toBe(imsi(1));
    expect([plain.msisdnStart, plain.msisdnEnd, plain.eSim]).toEqual([37, 49, true]);
    expect(read(iccid20(2))).toBe(true);
    expect(plain.hasImsi).toBe(false);

    for (const other of [
      `${iccid19(1)},${imsi(1)},,,,${OPERATOR},`, // an operator to learn
      `${iccid19(1)},,,,,,Kq7-Zt4m-Xw9p`, // a code to hash
      `${iccid19(1)} ,${imsi(1)}`, // a blank to trim
      `${iccid19(1)},,,,True`,
      wrongLuhn(`894450${"1".padStart(12, "0")}`),
      `${iccid19(1)},,,,,,,`, // a cell too many
    ]) {
      expect(read(other)).toBe(false);
    }
  });
});
