// SimCopyText writes COPY text format byte by byte: the lines must be what
// PostgreSQL reads back as the SIM's columns (nulls as \N, the activation
// code's hash as bytea hex with its backslash doubled), wherever the buffer
// had to grow, and a value that would break the format is refused.
import { describe, expect, it } from "vitest";
import { SimCopyText } from "../../src/db/copy-text.ts";
import type { NewSim } from "../../src/db/sims.ts";

const plain: NewSim = {
  iccid: "8944500102030405067",
  imsi: null,
  msisdn: null,
  imei: null,
  eSim: false,
  operatorId: null,
  activationCodeHashHex: null,
  status: "not_available",
};

const full: NewSim = {
  iccid: "89445001020304050678",
  imsi: "234150000000001",
  msisdn: "447700900001",
  imei: "490154203237518",
  eSim: true,
  operatorId: "0b6a5b7e-3f1c-4d2a-9e8f-1a2b3c4d5e6f",
  activationCodeHashHex: "deadbeef",
  status: "activation",
};

const decode = (bytes: Uint8Array) => Buffer.from(bytes).toString("latin1");

describe("SimCopyText", () => {
  it("writes each SIM as a line of COPY text, nulls as \\N and the hash as escaped bytea hex", () => {
    const copy = new SimCopyText();
    copy.append(plain);
    copy.append(full);
    expect(copy.rows).toBe(2);
    const { text, lineStarts } = copy.take();
    const first = "8944500102030405067\t\\N\t\\N\t\\N\tf\t\\N\t\\N\tnot_available\n";
    expect(decode(text)).toBe(
      `${first}89445001020304050678\t234150000000001\t447700900001\t490154203237518\tt\t` +
        "0b6a5b7e-3f1c-4d2a-9e8f-1a2b3c4d5e6f\t\\\\xdeadbeef\tactivation\n",
    );
    expect([...lineStarts]).toEqual([0, first.length]);
    expect(copy.rows).toBe(0);
    expect(copy.take().text.byteLength).toBe(0);
  });

  it("puts a staging table's batch and position first", () => {
    const copy = new SimCopyText();
    copy.appendStaged(plain, 12, 3_456_789);
    expect(decode(copy.take().text)).toBe(
      "12\t3456789\t8944500102030405067\t\\N\t\\N\t\\N\tf\t\\N\t\\N\tnot_available\n",
    );
    for (const [batch, position] of [
      [0, 9],
      [10, 100],
      [99, 1_000_000_000],
      [4_294_967_295, 1],
    ] as const) {
      copy.appendStaged(plain, batch, position);
      expect(decode(copy.take().text).split("\t").slice(0, 2)).toEqual([String(batch), String(position)]);
    }
  });

  it("keeps every line when the buffer grows past its first 256 KiB", () => {
    const copy = new SimCopyText();
    const rows = 10_000; // ≈ 1 MB of text
    for (let i = 0; i < rows; i++)
      copy.appendStaged({ ...full, iccid: `8944${String(i).padStart(16, "0")}` }, 1, i + 2);
    const { text, lineStarts } = copy.take();
    const lines = decode(text).split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(rows);
    lines.forEach((line, i) => {
      expect(line.startsWith(`1\t${i + 2}\t8944${String(i).padStart(16, "0")}\t`)).toBe(true);
      expect(decode(text.subarray(lineStarts[i], lineStarts[i]! + line.length))).toBe(line);
    });
  });

  it.each(["tab\there", "line\nbreak", "carriage\rreturn", "nul\u0000byte", "back\\slash", "naïve"])(
    "refuses a value that COPY text cannot carry unescaped (%j)",
    (status) => {
      expect(() => new SimCopyText().append({ ...plain, status: status as NewSim["status"] })).toThrow(
        "value not safe for COPY text format",
      );
    },
  );
});
