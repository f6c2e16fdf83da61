// What both COPY paths of an import share (import-batch.ts, the JSON import;
// import-staging.ts, the CSV import's staging tables): SIMs as lines of
// COPY's text format, and the connection a knex transaction runs on.
import type { Knex } from "@simhub/platform";
import type pg from "pg";
import type { NewSim } from "./sims.ts";

const TAB = 0x09;
const LF = 0x0a;
const BACKSLASH = 0x5c;
const N = 0x4e;
const NULL_FIELD = [BACKSLASH, N]; // \N
const BYTEA_HEX = [BACKSLASH, BACKSLASH, 0x78]; // \\x: bytea's \x<hex>, its backslash doubled for COPY
const TRUE = 0x74;
const FALSE = 0x66;

/**
 * A SIM whose values are ranges of one byte array (a CSV line read as bytes,
 * app/import-plain-line.ts): `data[start, end)`, a start of -1 for null. It
 * names no operator and no activation code.
 */
export interface SimByteRanges {
  readonly data: Uint8Array;
  readonly iccidStart: number;
  readonly iccidEnd: number;
  readonly imsiStart: number;
  readonly imsiEnd: number;
  readonly msisdnStart: number;
  readonly msisdnEnd: number;
  readonly imeiStart: number;
  readonly imeiEnd: number;
  readonly eSim: boolean;
}

/**
 * SIMs as lines of COPY's text format (iccid, imsi, msisdn, imei, e_sim,
 * operator_id, activation_code_hash, status; the staging table's batch and
 * position before them), written as bytes into one growing buffer. A batch
 * of thousands of rows is one object rather than a string per row (and a
 * rope of them) that every young-generation collection would copy while the
 * batch is built, and its memory can be handed to another thread without a
 * copy. Characters are copied one by one: a Buffer write per value (or per
 * line) crossed into C++ and cost more than building the line. Remembers
 * where each row's line starts.
 *
 * Values reach COPY unescaped. They are validated identifiers (digits,
 * UUIDs, hex, status words), so none holds a control character (a tab or
 * line break among them), a backslash or anything but printable ASCII; the
 * copy refuses one that does, should validation ever loosen.
 */
export class SimCopyText {
  private bytes = Buffer.allocUnsafeSlow(256 * 1024);
  private length = 0;
  private starts = new Uint32Array(1024);
  private count = 0;

  /** Appends the SIM's line. */
  append(sim: NewSim): void {
    this.startLine(valueLength(sim));
    this.fields(sim);
  }

  /** Appends the SIM's line of a staging table: its batch and position first. */
  appendStaged(sim: NewSim, batch: number, position: number): void {
    this.startLine(valueLength(sim));
    this.integer(batch);
    this.byte(TAB);
    this.integer(position);
    this.byte(TAB);
    this.fields(sim);
  }

  /**
   * Appends the staging line of a SIM read as byte ranges, copying the
   * bytes as they are. The hot loop of a CSV import: the position kept in a
   * local and the buffer in another, which the property accesses of the
   * methods above cost twice over.
   */
  appendStagedRanges(sim: SimByteRanges, batch: number, position: number, status: string): void {
    const values =
      sim.iccidEnd -
      sim.iccidStart +
      (sim.imsiEnd - sim.imsiStart) +
      (sim.msisdnEnd - sim.msisdnStart) +
      (sim.imeiEnd - sim.imeiStart);
    this.startLine(values + status.length);
    const bytes = this.bytes;
    const data = sim.data;
    let at = writeInteger(bytes, this.length, batch);
    bytes[at++] = TAB;
    at = writeInteger(bytes, at, position);
    bytes[at++] = TAB;
    at = copyRange(bytes, at, data, sim.iccidStart, sim.iccidEnd);
    bytes[at++] = TAB;
    at = copyRange(bytes, at, data, sim.imsiStart, sim.imsiEnd);
    bytes[at++] = TAB;
    at = copyRange(bytes, at, data, sim.msisdnStart, sim.msisdnEnd);
    bytes[at++] = TAB;
    at = copyRange(bytes, at, data, sim.imeiStart, sim.imeiEnd);
    bytes[at++] = TAB;
    bytes[at++] = sim.eSim ? TRUE : FALSE;
    bytes[at++] = TAB;
    bytes[at++] = BACKSLASH;
    bytes[at++] = N;
    bytes[at++] = TAB;
    bytes[at++] = BACKSLASH;
    bytes[at++] = N;
    bytes[at++] = TAB;
    for (let i = 0; i < status.length; i++) bytes[at++] = safeByte(status.charCodeAt(i));
    bytes[at++] = LF;
    this.length = at;
  }

  get rows(): number {
    return this.count;
  }

  /** The text and where each line starts, each in memory of its own (transferable); the writer is empty after. */
  take(): { text: Uint8Array<ArrayBuffer>; lineStarts: Uint32Array<ArrayBuffer> } {
    const text = new Uint8Array(this.length);
    text.set(this.bytes.subarray(0, this.length));
    const lineStarts = this.starts.slice(0, this.count);
    this.length = 0;
    this.count = 0;
    return { text, lineStarts };
  }

  /** Records where the line starts and makes room for all of it: `values` characters of values and the rest. */
  private startLine(values: number): void {
    if (this.count === this.starts.length) {
      const larger = new Uint32Array(this.starts.length * 2);
      larger.set(this.starts);
      this.starts = larger;
    }
    this.starts[this.count++] = this.length;
    // Two integers of at most 10 digits, 10 separators, 8 values (a null is 2 bytes, the hash's prefix 3).
    const most = 64 + values;
    if (this.length + most > this.bytes.length) {
      const larger = Buffer.allocUnsafeSlow(Math.max(this.bytes.length * 2, this.length + most));
      this.bytes.copy(larger, 0, 0, this.length);
      this.bytes = larger;
    }
  }

  private fields(sim: NewSim): void {
    this.text(sim.iccid);
    this.byte(TAB);
    this.nullable(sim.imsi);
    this.byte(TAB);
    this.nullable(sim.msisdn);
    this.byte(TAB);
    this.nullable(sim.imei);
    this.byte(TAB);
    this.byte(sim.eSim ? TRUE : FALSE);
    this.byte(TAB);
    this.nullable(sim.operatorId);
    this.byte(TAB);
    if (sim.activationCodeHashHex === null) this.raw(NULL_FIELD);
    else {
      this.raw(BYTEA_HEX);
      this.text(sim.activationCodeHashHex);
    }
    this.byte(TAB);
    this.text(sim.status);
    this.byte(LF);
  }

  private byte(value: number): void {
    this.bytes[this.length++] = value;
  }

  private raw(values: readonly number[]): void {
    for (const value of values) this.bytes[this.length++] = value;
  }

  private integer(value: number): void {
    this.length = writeInteger(this.bytes, this.length, value);
  }

  private nullable(value: string | null): void {
    if (value === null) this.raw(NULL_FIELD);
    else this.text(value);
  }

  private text(value: string): void {
    for (let i = 0; i < value.length; i++) this.bytes[this.length++] = safeByte(value.charCodeAt(i));
  }
}

/** The character, refused if COPY's text format would read it as more than itself. */
function safeByte(code: number): number {
  // Control characters (tab and line breaks among them), the escape, anything but ASCII.
  if (code < 0x20 || code === BACKSLASH || code > 0x7e)
    throw new Error("value not safe for COPY text format");
  return code;
}

/** Writes `data[start, end)` at `at` (\N for a start of -1); returns where it ends. */
function copyRange(bytes: Uint8Array, at: number, data: Uint8Array, start: number, end: number): number {
  if (start < 0) {
    bytes[at] = BACKSLASH;
    bytes[at + 1] = N;
    return at + 2;
  }
  let to = at;
  for (let i = start; i < end; i++) bytes[to++] = safeByte(data[i]!);
  return to;
}

/** Writes the decimal digits of a non-negative integer at `at`; returns where they end. */
function writeInteger(bytes: Uint8Array, at: number, value: number): number {
  let digits = 1;
  for (let rest = value; rest >= 10; rest = Math.floor(rest / 10)) digits++;
  let rest = value;
  for (let i = at + digits - 1; i >= at; i--) {
    bytes[i] = 48 + (rest % 10);
    rest = Math.floor(rest / 10);
  }
  return at + digits;
}

/** The characters of a SIM's values. */
function valueLength(sim: NewSim): number {
  return (
    sim.iccid.length +
    (sim.imsi?.length ?? 0) +
    (sim.msisdn?.length ?? 0) +
    (sim.imei?.length ?? 0) +
    (sim.operatorId?.length ?? 0) +
    (sim.activationCodeHashHex?.length ?? 0) +
    sim.status.length
  );
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
