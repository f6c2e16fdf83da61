// The rules of an import job, without I/O: the states it goes through and
// what a rejected line may keep.
//
//   receiving ──(upload complete, every row staged)──▶ applying ──▶ completed
//       │
//       └──(upload broken, bad CSV, process gone)──▶ failed
//
// `applying` never ends in `failed` on its own: every row it applies is
// already validated and staged, so an interrupted apply is resumed (by this
// process or, once the lease has expired, by any replica) until completed.
// The one exception is staged rows lost with the database (its unlogged
// staging table is emptied by crash recovery): then the rows applied so far
// are taken out again and the import fails, so it is never left half-applied.

export type ImportStatus = "receiving" | "applying" | "completed" | "failed";

/** A rejected line keeps at most this much of its ICCID cell (API.md, "Imports"). */
export const REJECTED_ICCID_CHARS = 32;
/** Messages are ours, but one may quote a cell: bounded all the same. */
export const REJECTION_MESSAGE_CHARS = 200;

export interface Rejection {
  /** The CSV line (the header is line 1) or the JSON index. */
  position: number;
  iccid: string;
  code: string;
  message: string;
}

/** A rejection as stored: bounded in bytes whatever the file held. */
export function boundedRejection(position: number, iccid: string, code: string, message: string): Rejection {
  return {
    position,
    iccid: iccid.slice(0, REJECTED_ICCID_CHARS),
    code,
    message:
      message.length > REJECTION_MESSAGE_CHARS
        ? `${message.slice(0, REJECTION_MESSAGE_CHARS - 1)}…`
        : message,
  };
}

/**
 * Whether the staged rows are all still there. The staging table is
 * UNLOGGED (no WAL for rows that are written twice anyway); PostgreSQL
 * empties such a table when it recovers from a crash.
 */
export function stagedRowsIntact(expected: number, found: number | null): boolean {
  return found === expected;
}
