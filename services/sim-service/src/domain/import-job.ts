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

/**
 * The smallest and the largest of the keys (ICCIDs, or IMSIs) staged so
 * far, in string order. A key outside the range is certainly not staged;
 * most files list their SIMs in order, so most of their rows fall outside
 * it and need no lookup to know they are not duplicates.
 */
export class KeyRange {
  private low: string | undefined;
  private high: string | undefined;

  // Both ask about the high end first: in a sorted file every key is above
  // the range, and one comparison settles it.
  covers(key: string): boolean {
    return this.high !== undefined && key <= this.high && key >= this.low!;
  }

  extend(key: string): void {
    if (this.high === undefined || this.low === undefined) {
      this.low = key;
      this.high = key;
    } else if (key > this.high) this.high = key;
    else if (key < this.low) this.low = key;
  }

  /** Widens this range to take in the other. */
  include(other: KeyRange): void {
    if (other.low !== undefined) this.extend(other.low);
    if (other.high !== undefined) this.extend(other.high);
  }
}
