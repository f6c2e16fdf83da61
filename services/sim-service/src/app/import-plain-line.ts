// The CSV import's fast path: a line of the common shape read straight from
// the file's bytes. Most files are lines of digits and commas (ICCID, IMSI,
// MSISDN, IMEI; eSim true or false; operator and activation code left
// empty), and each of their values is valid as it stands: nothing to trim,
// unquote or normalise but a leading '+'. Such a line is checked, keyed and
// written to the COPY text without a string, an array of cells or an object
// per row, which were most of what the parser thread spent on a row
// (docs/performance.md, "The import as a job").
//
// The fast path only ever accepts. A line it does not take in full — a
// quote, a space, an operator id, any value that is not plainly valid —
// goes through the general path (csv.ts cells, validateSimRow and
// ImportRowPreparer.prepareRow), which decides it and words its rejection.
// What the fast path accepts, the general path accepts with the same
// values; test/app/import-plain-line.unit.test.ts checks the two against
// each other.
import type { SimByteRanges } from "../db/copy-text.ts";
import { isValidLuhnBytes } from "../domain/identifiers.ts";
import type { Column } from "./csv.ts";
import { Key } from "./import-keys.ts";

const COMMA = 0x2c;
const PLUS = 0x2b;
const ZERO = 0x30;
const NINE = 0x39;
const EIGHT = 0x38;

const ICCID = 0;
const IMSI = 1;
const MSISDN = 2;
const IMEI = 3;
const E_SIM = 4;
/** Operator id and activation code: the fast path takes them only empty. */
const EMPTY_ONLY = 5;

const CODES: Record<Column, number> = {
  iccid: ICCID,
  imsi: IMSI,
  msisdn: MSISDN,
  imei: IMEI,
  eSim: E_SIM,
  operatorId: EMPTY_ONLY,
  activationCode: EMPTY_ONLY,
};

function digitsOnly(data: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const byte = data[i]!;
    if (byte < ZERO || byte > NINE) return false;
  }
  return true;
}

/** Whether `data[start, end)` is exactly `word` (ASCII). */
function isWord(data: Uint8Array, start: number, end: number, word: string): boolean {
  if (end - start !== word.length) return false;
  for (let i = 0; i < word.length; i++) if (data[start + i] !== word.charCodeAt(i)) return false;
  return true;
}

/**
 * One line at a time, overwritten by the next: `read` it, and if it says
 * yes, the values are where the ranges say, the keys hold the ICCID and IMSI.
 */
export class PlainSimLine implements SimByteRanges {
  readonly iccid = new Key();
  readonly imsi = new Key();
  data: Uint8Array = new Uint8Array(0);
  /** The line of the file (its position in the import). */
  line = 0;
  iccidStart = 0;
  iccidEnd = 0;
  imsiStart = -1;
  imsiEnd = -1;
  msisdnStart = -1;
  msisdnEnd = -1;
  imeiStart = -1;
  imeiEnd = -1;
  eSim = false;
  /** The length of the line's cells (without the commas), as the general path counts them. */
  cellBytes = 0;
  private readonly codes: Uint8Array;

  /** For the columns of the file's header, in order. */
  constructor(columns: readonly Column[]) {
    this.codes = Uint8Array.from(columns, (column) => CODES[column]);
  }

  get hasImsi(): boolean {
    return this.imsiStart >= 0;
  }

  /**
   * Reads the line `data[start, end)` (no quote in it, its line break cut
   * off), line number `line` of the file; false leaves it to the general path.
   */
  read(data: Uint8Array, start: number, end: number, line: number): boolean {
    this.data = data;
    this.line = line;
    this.iccidStart = -1;
    this.imsiStart = -1;
    this.msisdnStart = -1;
    this.imeiStart = -1;
    this.eSim = false;
    let column = 0;
    let cellStart = start;
    for (let i = start; i <= end; i++) {
      if (i < end && data[i] !== COMMA) continue;
      // More cells than the header has columns: the general path rejects the line.
      if (column === this.codes.length || !this.cell(this.codes[column]!, cellStart, i)) return false;
      column++;
      cellStart = i + 1;
    }
    this.cellBytes = end - start - (column - 1);
    return this.iccidStart >= 0;
  }

  private cell(code: number, start: number, end: number): boolean {
    const data = this.data;
    const length = end - start;
    switch (code) {
      case ICCID:
        // 19 or 20 digits, 89 first, a Luhn check digit last (validateIccid).
        if (length !== 19 && length !== 20) return false;
        if (data[start] !== EIGHT || data[start + 1] !== NINE) return false;
        if (!digitsOnly(data, start, end) || !isValidLuhnBytes(data, start, end)) return false;
        this.iccidStart = start;
        this.iccidEnd = end;
        this.iccid.setBytes(data, start, end);
        return true;
      case IMSI:
        if (length === 0) return true;
        if (length !== 15 || !digitsOnly(data, start, end)) return false;
        this.imsiStart = start;
        this.imsiEnd = end;
        this.imsi.setBytes(data, start, end);
        return true;
      case MSISDN: {
        if (length === 0) return true;
        // E.164 kept as digits: a leading '+' dropped, 8 to 15 digits, never a leading 0 (validateMsisdn).
        const digits = data[start] === PLUS ? start + 1 : start;
        if (end - digits < 8 || end - digits > 15 || data[digits] === ZERO) return false;
        if (!digitsOnly(data, digits, end)) return false;
        this.msisdnStart = digits;
        this.msisdnEnd = end;
        return true;
      }
      case IMEI:
        if (length === 0) return true;
        if (length !== 15 || !digitsOnly(data, start, end) || !isValidLuhnBytes(data, start, end))
          return false;
        this.imeiStart = start;
        this.imeiEnd = end;
        return true;
      case E_SIM:
        if (length === 0 || isWord(data, start, end, "false")) return true;
        this.eSim = isWord(data, start, end, "true");
        return this.eSim;
      default:
        return length === 0;
    }
  }
}
