// What both COPY paths of an import share (import-batch.ts, the JSON import;
// import-staging.ts, the CSV import's staging tables): a SIM as a line of
// COPY's text format, and the connection a knex transaction runs on.
import type { Knex } from "@simhub/platform";
import type pg from "pg";
import type { NewSim } from "./sims.ts";

// Values reach COPY's text format unescaped. They are validated identifiers
// (digits, UUIDs, hex, status words), so none can hold a tab, line break or
// backslash; this guard keeps it that way should validation ever loosen.
const COPY_UNSAFE = /[\t\n\r\\]/;

const LINES_PER_WRITE = 64;

function field(value: string | null): string {
  if (value === null) return "\\N";
  if (COPY_UNSAFE.test(value)) throw new Error("value not safe for COPY text format");
  return value;
}

/** The SIM's columns (iccid, imsi, msisdn, imei, e_sim, operator_id, activation_code_hash, status), after `prefix`. */
export function simCopyLine(sim: NewSim, prefix = ""): string {
  return (
    `${prefix}${field(sim.iccid)}\t${field(sim.imsi)}\t${field(sim.msisdn)}\t${field(sim.imei)}\t` +
    `${sim.eSim ? "t" : "f"}\t${field(sim.operatorId)}\t` +
    // bytea in text form is \x<hex>; COPY needs the backslash doubled.
    `${sim.activationCodeHashHex === null ? "\\N" : `\\\\x${field(sim.activationCodeHashHex)}`}\t` +
    `${field(sim.status)}\n`
  );
}

/**
 * COPY text of many SIMs, written as bytes into one growing buffer: a
 * batch of thousands of rows is one object rather than a string per row
 * (and a rope of them) that every young-generation collection would copy
 * while the batch is built, and its memory can be handed to another thread
 * without a copy. Remembers where each row's line starts.
 */
export class SimCopyText {
  private bytes = Buffer.allocUnsafeSlow(256 * 1024);
  private length = 0;
  private starts = new Uint32Array(1024);
  private count = 0;
  /**
   * Lines not in `bytes` yet, written a run at a time: a write into the
   * buffer crosses into C++, and one per line cost as much as building it.
   * A run of short strings dies young, unlike a batch of them.
   */
  private pending = "";
  private pendingRows = 0;

  /** Appends the SIM's line, after `prefix` (already COPY text, e.g. "batch\tposition\t"). */
  append(sim: NewSim, prefix = ""): void {
    const line = simCopyLine(sim, prefix);
    if (this.count === this.starts.length) {
      const larger = new Uint32Array(this.starts.length * 2);
      larger.set(this.starts);
      this.starts = larger;
    }
    // Every value is ASCII (see COPY_UNSAFE's validated identifiers): one byte a character.
    this.starts[this.count++] = this.length + this.pending.length;
    this.pending += line;
    if (++this.pendingRows === LINES_PER_WRITE) this.flush();
  }

  get rows(): number {
    return this.count;
  }

  /** The text and where each line starts, each in memory of its own (transferable); the writer is empty after. */
  take(): { text: Uint8Array<ArrayBuffer>; lineStarts: Uint32Array<ArrayBuffer> } {
    this.flush();
    const text = new Uint8Array(this.length);
    text.set(this.bytes.subarray(0, this.length));
    const lineStarts = this.starts.slice(0, this.count);
    this.length = 0;
    this.count = 0;
    return { text, lineStarts };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    if (this.length + this.pending.length > this.bytes.length) {
      const larger = Buffer.allocUnsafeSlow(
        Math.max(this.bytes.length * 2, this.length + this.pending.length),
      );
      this.bytes.copy(larger, 0, 0, this.length);
      this.bytes = larger;
    }
    this.length += this.bytes.write(this.pending, this.length, "latin1");
    this.pending = "";
    this.pendingRows = 0;
  }
}

/**
 * The connection of a knex transaction. knex has no public accessor; a
 * transaction's client hands out its own connection from acquireConnection
 * (and ignores the release), which is what queries on `trx` use too.
 */
export async function transactionConnection(trx: Knex.Transaction): Promise<pg.PoolClient> {
  return (await (
    trx.client as { acquireConnection(): Promise<pg.PoolClient> }
  ).acquireConnection()) as pg.PoolClient;
}
