// The CPU side of receiving a CSV import, from bytes to what one batch's
// staging transaction writes: the file is read into batches
// (csv.ts), each batch validated and prepared (import-rows.ts), and its
// accepted rows written out as the COPY text of the staging table. It also
// keeps the range of ICCIDs and IMSIs staged so far, and names the rows of
// a batch that fall inside it ("suspects"): only those can repeat a row of
// an earlier batch, and only those does the staging transaction look up.
//
// No I/O apart from the operator lookups the preparer is given: the receiver
// runs this in a worker thread (import-parse-worker.ts), so parsing the next
// batches overlaps the database work and the gRPC stream of the main thread.
import { simCopyLine } from "../db/copy-text.ts";
import { KeyRange, type Rejection } from "../domain/import-job.ts";
import { parseSimCsv } from "./csv.ts";
import type { ImportRowPreparer } from "./import-rows.ts";

/** A row of the batch inside the key range staged before it. */
interface Suspect {
  /** Its index among the batch's accepted rows (and lines of `copyText`). */
  row: number;
  position: number;
  iccid: string;
  imsi: string | null;
}

/** One batch of the file, ready for its staging transaction. */
export interface ParsedBatch {
  /** 1, 2, …: the staging table's batch number. */
  number: number;
  /** Rows of the file in this batch, accepted or not. */
  received: number;
  /** COPY text (batch, position, the SIM's columns) of the accepted rows, one line each. */
  copyText: string;
  /** Where each accepted row's line starts in `copyText`. */
  lineStarts: Uint32Array<ArrayBuffer>;
  rejections: Rejection[];
  suspects: Suspect[];
}

export async function* parseCsvImport(
  source: AsyncIterable<Buffer>,
  options: { batchSize: number; batchBytes: number; preparer: ImportRowPreparer },
): AsyncGenerator<ParsedBatch> {
  const stagedIccids = new KeyRange();
  const stagedImsis = new KeyRange();
  let number = 0;
  for await (const items of parseSimCsv(source, options.batchSize, options.batchBytes)) {
    number++;
    const { pending, rejections } = await options.preparer.prepare(items);
    const iccids = new KeyRange();
    const imsis = new KeyRange();
    const lineStarts = new Uint32Array(pending.length);
    let copyText = "";
    for (let row = 0; row < pending.length; row++) {
      const { position, sim } = pending[row]!;
      iccids.extend(sim.iccid);
      if (sim.imsi !== null) imsis.extend(sim.imsi);
      lineStarts[row] = copyText.length;
      copyText += simCopyLine(sim, `${number}\t${position}\t`);
    }
    // A batch wholly outside what was staged (a file in order) needs no look at its rows.
    const suspects: Suspect[] = [];
    if (stagedIccids.overlaps(iccids) || stagedImsis.overlaps(imsis)) {
      pending.forEach(({ position, sim }, row) => {
        if (stagedIccids.covers(sim.iccid) || (sim.imsi !== null && stagedImsis.covers(sim.imsi))) {
          suspects.push({ row, position, iccid: sim.iccid, imsi: sim.imsi });
        }
      });
    }
    // Rows the staging transaction rejects are not staged, but widening the
    // range by them only costs lookups.
    stagedIccids.include(iccids);
    stagedImsis.include(imsis);
    yield { number, received: items.length, copyText, lineStarts, rejections, suspects };
  }
}

/** The batch's COPY text without the lines of the given rows (indexes of accepted rows). */
export function withoutRows(batch: ParsedBatch, rows: ReadonlySet<number>): string {
  let text = "";
  let kept = 0;
  for (let row = 0; row < batch.lineStarts.length; row++) {
    if (!rows.has(row)) continue;
    text += batch.copyText.slice(kept, batch.lineStarts[row]);
    kept = row + 1 < batch.lineStarts.length ? batch.lineStarts[row + 1]! : batch.copyText.length;
  }
  return text + batch.copyText.slice(kept);
}
