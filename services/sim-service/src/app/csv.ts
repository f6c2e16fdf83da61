// A streaming CSV reader (RFC 4180) for SIM imports: bytes in, batches of
// candidate rows out, each row with the line it starts on.
//
// Written for this one job instead of using a general-purpose parser, which
// spends most of an import's CPU time (≈ 8 µs a row here, against ≈ 1 µs for
// this reader): most lines hold no quote, so they are cut with indexOf and
// handed over as bytes (read without strings when they are of the common
// shape, import-plain-line.ts, else split on commas); only a line with a
// '"' goes through the quote-aware state machine. Memory is one chunk plus
// one unfinished record (capped at MAX_RECORD_BYTES) plus the batch being
// filled.
import { invalid } from "@simhub/platform/domain";
import type { SimRowCandidate } from "../domain/identifiers.ts";
import { PlainSimLine } from "./import-plain-line.ts";
import type { ImportItem } from "./import-rows.ts";

export const MAX_RECORD_BYTES = 64 * 1024;

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const COMMA = 0x2c;

export type Column = keyof SimRowCandidate;

/** Header names, compared without case, spaces, '_' or '-' (so "operator_id" and "Operator ID" work). */
const COLUMN_NAMES: Record<string, Column> = {
  iccid: "iccid",
  imsi: "imsi",
  msisdn: "msisdn",
  imei: "imei",
  esim: "eSim",
  operatorid: "operatorId",
  activationcode: "activationCode",
};

function normaliseHeader(name: string): string {
  return name.toLowerCase().replace(/[\s_-]/g, "");
}

export function columnsFromHeader(cells: readonly string[]): Column[] {
  const columns: Column[] = [];
  const errors: { path: string; message: string }[] = [];
  cells.forEach((cell, position) => {
    const column = COLUMN_NAMES[normaliseHeader(cell.trim())];
    if (!column) {
      errors.push({
        path: `header[${position}]`,
        message: `unknown column "${cell.trim().slice(0, 40)}"; expected ${Object.values(COLUMN_NAMES).join(", ")}`,
      });
    } else if (columns.includes(column)) {
      errors.push({ path: `header[${position}]`, message: `column ${column} appears twice` });
    }
    if (column) columns.push(column);
  });
  if (!columns.includes("iccid") && errors.length === 0) {
    errors.push({ path: "header", message: "the header row must have an iccid column" });
  }
  if (errors.length > 0) throw invalid("the CSV header row is not valid", errors, "INVALID_CSV_HEADER");
  return columns;
}

/**
 * A record as the reader hands it over, one object overwritten by the next
 * (valid until the next is asked for): a record with quotes as its cells, a
 * line without as its bytes, `data[start, end)` without the line break,
 * which a caller may read without making strings (import-plain-line.ts) or
 * split (`cellsOf`).
 */
export interface CsvLine {
  /** The line it starts on (1-based). */
  line: number;
  /** The cells of a record with quotes; undefined for a line without. */
  cells: string[] | undefined;
  data: Buffer;
  start: number;
  end: number;
}

/** The cells of a record, or undefined for a line of blanks (skipped, as empty lines are). */
export function cellsOf(record: CsvLine): string[] | undefined {
  if (record.cells) return record.cells;
  const cells = record.data.toString("utf8", record.start, record.end).split(",");
  return isEmptyRecord(cells) ? undefined : cells;
}

function csvError(message: string) {
  return invalid(message, [{ path: "body", message }], "INVALID_CSV");
}

/**
 * Splits a byte stream into CSV records. For each chunk it yields the
 * records that chunk completes as a lazy iterable (one await per chunk, not
 * per record, and no array of them: each record is made as it is asked
 * for, so a caller that handles it at once lets it die young). The iterable
 * must be read to its end before the next chunk is asked for. Handles CRLF
 * and LF, a UTF-8 BOM, quoted cells with doubled quotes and embedded
 * separators or line breaks. Empty lines are skipped but counted; a line
 * of blanks is left to `cellsOf`.
 */
export async function* readCsvLines(source: AsyncIterable<Buffer>): AsyncGenerator<Iterable<CsvLine>> {
  let carry: Buffer | undefined;
  let line = 1;
  let first = true;
  const record: CsvLine = { line: 0, cells: undefined, data: Buffer.alloc(0), start: 0, end: 0 };
  const quoted = (cells: string[], start: number): CsvLine => {
    record.line = start;
    record.cells = cells;
    return record;
  };

  function* recordsOf(data: Buffer): Generator<CsvLine> {
    let position = 0;
    let nextQuote = data.indexOf(QUOTE, 0);
    while (position < data.length) {
      const newline = data.indexOf(LF, position);
      if (newline === -1) break; // the rest is an unfinished record
      if (nextQuote !== -1 && nextQuote < position) nextQuote = data.indexOf(QUOTE, position);
      if (nextQuote === -1 || nextQuote > newline) {
        // Fast path: a record without quotes ends at the first line break.
        const end = newline > position && data[newline - 1] === CR ? newline - 1 : newline;
        const start = line;
        line++;
        if (end > position) {
          record.line = start;
          record.cells = undefined;
          record.data = data;
          record.start = position;
          record.end = end;
          position = newline + 1;
          yield record;
        } else position = newline + 1;
        continue;
      }
      const parsed = parseQuotedRecord(data, position, line, false);
      if (!parsed) break;
      const start = line;
      line += parsed.lines;
      position = parsed.next;
      if (parsed.cells) yield quoted(parsed.cells, start);
    }
    if (position < data.length) {
      const rest = data.subarray(position);
      if (rest.length > MAX_RECORD_BYTES) {
        throw csvError(`line ${line} is longer than ${MAX_RECORD_BYTES} bytes`);
      }
      // Keep only the unfinished record, not the whole chunk it came in.
      carry = Buffer.from(rest);
    }
  }

  for await (const chunk of source) {
    let data = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = undefined;
    if (first && data.length > 0) {
      if (data.length < 3 && data[0] === 0xef) {
        carry = data; // could be a BOM cut short
        continue;
      }
      if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) data = data.subarray(3);
      first = false;
    }
    yield recordsOf(data);
  }
  if (carry && carry.length > 0) {
    const parsed = parseQuotedRecord(carry, 0, line, true);
    if (parsed?.cells) yield [quoted(parsed.cells, line)];
  }
}

/**
 * Parses one record starting at `start` with the quote-aware state machine.
 * Returns undefined when the data ends inside the record (more bytes
 * needed), unless `final`, where the end of data ends the record.
 */
function parseQuotedRecord(
  data: Buffer,
  start: number,
  line: number,
  final: boolean,
): { cells: string[] | undefined; next: number; lines: number } | undefined {
  const cells: string[] = [];
  let lines = 0;
  let position = start;
  let cellStart = start;
  let quoted = false;
  let text = "";
  for (;;) {
    if (position >= data.length) {
      if (!final) return undefined;
      if (quoted) throw csvError(`line ${line}: a quoted cell is never closed`);
      cells.push(text + data.toString("utf8", cellStart, position));
      return { cells: isEmptyRecord(cells) ? undefined : cells, next: position, lines };
    }
    const byte = data[position]!;
    if (quoted) {
      if (byte === QUOTE) {
        if (data[position + 1] === QUOTE) {
          text += data.toString("utf8", cellStart, position + 1);
          position += 2;
          cellStart = position;
          continue;
        }
        if (position + 1 >= data.length && !final) return undefined; // "" might continue in the next chunk
        text += data.toString("utf8", cellStart, position);
        quoted = false;
        position++;
        cellStart = position;
        continue;
      }
      if (byte === LF) lines++;
      position++;
      continue;
    }
    if (byte === QUOTE) {
      // A quote opens a quoted cell only at the start of a cell (whitespace before it is dropped).
      if (data.toString("utf8", cellStart, position).trim() === "" && text === "") {
        quoted = true;
        position++;
        cellStart = position;
        continue;
      }
      throw csvError(`line ${line + lines}: a quote inside an unquoted cell must be doubled inside quotes`);
    }
    if (byte === COMMA) {
      cells.push(text + data.toString("utf8", cellStart, position));
      text = "";
      position++;
      cellStart = position;
      continue;
    }
    if (byte === LF) {
      const end = position > cellStart && data[position - 1] === CR ? position - 1 : position;
      cells.push(text + data.toString("utf8", cellStart, end));
      return { cells: isEmptyRecord(cells) ? undefined : cells, next: position + 1, lines: lines + 1 };
    }
    position++;
  }
}

function isEmptyRecord(cells: readonly string[]): boolean {
  return cells.length === 1 && cells[0]!.trim() === "";
}

/**
 * Reads a SIM CSV (header row first) and yields, for each chunk, the
 * candidate rows it completed as a lazy iterable (read it to its end before
 * asking for the next), each with its cells' length (a caller bounding a
 * batch by bytes adds them up: a file of 60 KB cells must not make a batch
 * of 60 MB). A line with more cells than the header is rejected as
 * INVALID_ROW; fewer cells leave the trailing columns empty.
 *
 * A line of the common shape comes as a `PlainCsvRow`, read from its bytes
 * (one object, overwritten by the next), every other as an `ImportItem`;
 * `plainLines: false` makes every line an item (for tests of the two paths).
 */
export async function* parseSimCsv(
  source: AsyncIterable<Buffer>,
  options: { plainLines?: boolean } = {},
): AsyncGenerator<Iterable<ImportItem | PlainCsvRow>> {
  let columns: Column[] | undefined;
  let index = 0;
  let plain: PlainSimLine | undefined;
  // The line `plain` read last, and its index: what `item()` makes an item of.
  let current: CsvLine | undefined;
  let currentIndex = 0;
  const plainRow: PlainCsvRow = {
    get sim() {
      return plain!;
    },
    // A line read from its bytes has an ICCID, so it has cells.
    item: () => importItem(cellsOf(current!)!, current!.line, currentIndex, columns!),
  };
  function* itemsOf(records: Iterable<CsvLine>): Generator<ImportItem | PlainCsvRow> {
    for (const record of records) {
      if (record.cells === undefined && plain?.read(record.data, record.start, record.end, record.line)) {
        current = record;
        currentIndex = index++;
        yield plainRow;
        continue;
      }
      const cells = cellsOf(record);
      if (!cells) continue;
      if (!columns) {
        columns = columnsFromHeader(cells);
        if (options.plainLines !== false) plain = new PlainSimLine(columns);
        continue;
      }
      yield importItem(cells, record.line, index++, columns);
    }
  }
  for await (const records of readCsvLines(source)) yield itemsOf(records);
  if (!columns) throw csvError("the CSV is empty: a header row is required");
}

/** A line read from its bytes, and how to make it an item for the general path. */
export interface PlainCsvRow {
  sim: PlainSimLine;
  /** The line as the general path takes it; only until the next line is asked for. */
  item(): ImportItem;
}

function importItem(cells: string[], line: number, index: number, columns: readonly Column[]): ImportItem {
  let cellBytes = 0;
  for (const cell of cells) cellBytes += cell.length;
  if (cells.length > columns.length) {
    return {
      index,
      line,
      cellBytes,
      candidate: { iccid: cells[columns.indexOf("iccid")] ?? "" },
      problem: {
        code: "INVALID_ROW",
        message: `line has ${cells.length} cells but the header has ${columns.length} columns`,
      },
    };
  }
  const candidate: Record<string, string> = {};
  for (let i = 0; i < cells.length; i++) candidate[columns[i]!] = cells[i]!;
  return { index, line, cellBytes, candidate };
}
