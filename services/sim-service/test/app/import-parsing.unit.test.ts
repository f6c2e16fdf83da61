// The CSV import's parsing, in this thread (parseCsvImport) and in the
// worker thread the receiver uses (parseInWorker): batches numbered in
// order, COPY text whose lines start where lineStarts says, the rows that
// need a look against earlier batches (and only those), operators asked of
// the main thread once each, errors carried over whole.
import { AppError } from "@simhub/platform";
import { luhnDigit } from "@simhub/testing";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationCodeHasher } from "../../src/app/activation-code.ts";
import { parseInWorker } from "../../src/app/import-parser.ts";
import { type ParsedBatch, parseCsvImport, withoutRows } from "../../src/app/import-parsing.ts";
import { ImportRowPreparer, type OperatorLookup } from "../../src/app/import-rows.ts";

const KEY = "a test key for activation codes";
const OPERATOR = "7f0c3b52-27a4-4c55-9a55-6f3c1d2e8a10";

const iccid = (n: number) => {
  const payload = `894450${String(n).padStart(12, "0")}`;
  return payload + luhnDigit(payload);
};
const imsi = (n: number) => `23415${String(n).padStart(10, "0")}`;

async function* chunked(text: string, size: number) {
  const bytes = Buffer.from(text);
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

const csv = (numbers: number[]) => `iccid,imsi\n${numbers.map((n) => `${iccid(n)},${imsi(n)}`).join("\n")}\n`;

const preparer = (lookupOperator: OperatorLookup = async () => "pending") =>
  new ImportRowPreparer({ lookupOperator, hashActivationCode: activationCodeHasher(KEY) });

async function inThread(text: string, batchSize: number) {
  const batches: ParsedBatch[] = [];
  for await (const batch of parseCsvImport(chunked(text, 97), {
    batchSize,
    batchBytes: Number.POSITIVE_INFINITY,
    preparer: preparer(),
  })) {
    batches.push(batch);
  }
  return batches;
}

const textOf = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");
const lines = (batch: ParsedBatch) => textOf(batch.copyText).split("\n").slice(0, -1);

describe("parseCsvImport", () => {
  it("numbers the batches and writes each accepted row as a COPY line starting where lineStarts says", async () => {
    const batches = await inThread(csv([1, 2, 3, 4, 5]), 2);
    expect(batches.map((batch) => [batch.number, batch.received, batch.lineStarts.length])).toEqual([
      [1, 2, 2],
      [2, 2, 2],
      [3, 1, 1],
    ]);
    const second = batches[1]!;
    expect(lines(second)).toEqual([
      `2\t4\t${iccid(3)}\t${imsi(3)}\t\\N\t\\N\tf\t\\N\t\\N\tnot_available`,
      `2\t5\t${iccid(4)}\t${imsi(4)}\t\\N\t\\N\tf\t\\N\t\\N\tnot_available`,
    ]);
    for (const batch of batches) {
      for (const start of batch.lineStarts)
        expect(textOf(batch.copyText.subarray(start))).toMatch(/^\d+\t\d+\t89/);
    }
  });

  it("names no suspect in a file listed in order, and exactly the rows inside the range staged before in one that is not", async () => {
    expect((await inThread(csv([1, 2, 3, 4, 5, 6]), 2)).flatMap((batch) => batch.suspects)).toEqual([]);

    // Batch 1 holds 10 and 20; batch 2's 15 falls inside, 30 does not; batch 3's 25 is inside 10–30.
    const batches = await inThread(csv([10, 20, 30, 15, 25, 40]), 2);
    expect(batches.map((batch) => batch.suspects)).toEqual([
      [],
      [{ row: 1, position: 5, iccid: iccid(15), imsi: imsi(15) }],
      [{ row: 0, position: 6, iccid: iccid(25), imsi: imsi(25) }],
    ]);
  });

  it("rejects what the preparer rejects, with the line, and stages the rest", async () => {
    const text = `iccid,imsi\n${iccid(1)},${imsi(1)}\n12345,\n${iccid(1)},\n${iccid(2)},${imsi(2)}\n`;
    const [batch] = await inThread(text, 10);
    expect(batch!.rejections.map((rejection) => [rejection.position, rejection.code])).toEqual([
      [3, "INVALID_ICCID"],
      [4, "DUPLICATE_ICCID"],
    ]);
    expect(lines(batch!).map((line) => line.split("\t")[2])).toEqual([iccid(1), iccid(2)]);
  });
});

describe("withoutRows", () => {
  it("leaves out exactly the lines of the given rows", async () => {
    const [batch] = await inThread(csv(Array.from({ length: 12 }, (_, i) => i + 1)), 100);
    const all = lines(batch!);
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: all.length - 1 })), (rows) => {
        const left = new Set(rows);
        const expected = all.filter((_, i) => !left.has(i));
        expect(textOf(withoutRows(batch!, left))).toBe(expected.map((line) => `${line}\n`).join(""));
      }),
    );
  });
});

describe("parseInWorker", () => {
  const settings = {
    batchSize: 3,
    batchBytes: Number.POSITIVE_INFINITY,
    activationCodeKey: KEY,
    batchesAhead: 2,
  };

  it("gives the batches the same parsing gives in this thread, asking this thread about each operator once", async () => {
    const numbers = [5, 1, 9, 3, 7, 2, 8, 4, 6, 10];
    const text = `iccid,imsi,operatorId,activationCode\n${numbers
      .map((n) => `${iccid(n)},${imsi(n)},${n % 2 === 0 ? OPERATOR : ""},Kq7-Zt4m-Xw${n}p`)
      .join("\n")}\n`;
    const asked: string[] = [];
    const fromWorker: ParsedBatch[] = [];
    for await (const batch of parseInWorker(chunked(text, 50), {
      ...settings,
      lookupOperator: async (operatorId) => {
        asked.push(operatorId);
        return "pending";
      },
    })) {
      fromWorker.push(...batch);
    }
    const here: ParsedBatch[] = [];
    for await (const batch of parseCsvImport(chunked(text, 50), {
      ...settings,
      preparer: preparer(async () => "pending"),
    })) {
      here.push(batch);
    }
    expect(asked).toEqual([OPERATOR]);
    expect(fromWorker).toEqual(here);
    expect(fromWorker.map((batch) => batch.received)).toEqual([3, 3, 3, 1]);
    expect(fromWorker.flatMap((batch) => batch.rejections)).toEqual([]);
  });

  it("fails with the parser's own error for a malformed file", async () => {
    const batches = parseInWorker(chunked('iccid\n"never closed\n', 8), {
      ...settings,
      lookupOperator: async () => null,
    });
    const error = await (async () => {
      for await (const _ of batches) void _;
    })().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ kind: "invalid", code: "INVALID_CSV" });
  });

  it("fails with the upload's error or the operator lookup's error as thrown on this thread", async () => {
    async function* brokenUpload() {
      yield Buffer.from(`iccid\n${iccid(1)}\n`);
      throw new AppError("aborted", "UPLOAD_INCOMPLETE", "the upload ended before its last chunk");
    }
    const drain = async (batches: AsyncIterable<ParsedBatch[]>) => {
      for await (const _ of batches) void _;
    };
    await expect(
      drain(parseInWorker(brokenUpload(), { ...settings, lookupOperator: async () => null })),
    ).rejects.toMatchObject({
      code: "UPLOAD_INCOMPLETE",
    });
    const unavailable = new AppError("unavailable", "ORG_SERVICE_UNAVAILABLE", "org-service is unavailable");
    await expect(
      drain(
        parseInWorker(chunked(`iccid,operatorId\n${iccid(1)},${OPERATOR}\n`, 1024), {
          ...settings,
          lookupOperator: async () => {
            throw unavailable;
          },
        }),
      ),
    ).rejects.toBe(unavailable);
  });

  it("stops reading the upload when its consumer stops early", async () => {
    let bytesRead = 0;
    async function* endless() {
      yield Buffer.from("iccid\n");
      for (let n = 1; ; n++) {
        const line = Buffer.from(`${iccid(n)}\n`);
        bytesRead += line.length;
        yield line;
      }
    }
    for await (const group of parseInWorker(endless(), { ...settings, lookupOperator: async () => null })) {
      expect(group[0]!.number).toBe(1);
      break;
    }
    const readWhenStopped = bytesRead;
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(bytesRead).toBe(readWhenStopped);
    // The batches taken, those posted ahead, one being parsed, and the
    // worker's chunk ahead (256 KiB of the stream at a time): a few batches at most.
    const rowBytes = `${iccid(1)}\n`.length;
    expect(readWhenStopped).toBeLessThanOrEqual(
      rowBytes * settings.batchSize * (2 * settings.batchesAhead + 1) + 2 * 256 * 1024 + rowBytes,
    );
  });

  it("hands a slower receiver every batch ready, in order, never more than it parses ahead", async () => {
    const numbers = Array.from({ length: 30 }, (_, i) => i + 1);
    const groups: ParsedBatch[][] = [];
    for await (const group of parseInWorker(chunked(csv(numbers), 64), {
      ...settings,
      lookupOperator: async () => null,
    })) {
      groups.push(group);
      await new Promise((resolve) => setTimeout(resolve, 150)); // staging, slower than parsing
    }
    expect(groups.flat().map((batch) => batch.number)).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
    expect(Math.max(...groups.map((group) => group.length))).toBe(settings.batchesAhead);
  });
});
