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
import { SimCopyText } from "../db/copy-text.ts";
import type { Rejection } from "../domain/import-job.ts";
import { parseSimCsv } from "./csv.ts";
import { Key, KeyRange } from "./import-keys.ts";
import type { ImportItem, ImportRowPreparer } from "./import-rows.ts";

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
  /** COPY text (batch, position, the SIM's columns) of the accepted rows, one line each, in bytes. */
  copyText: Uint8Array<ArrayBuffer>;
  /** Where each accepted row's line starts in `copyText`. */
  lineStarts: Uint32Array<ArrayBuffer>;
  rejections: Rejection[];
  suspects: Suspect[];
}

/**
 * The file's batches: `batchSize` rows, or fewer once their cells add up to
 * `batchBytes`. Rows are prepared one by one as each chunk is read, and an
 * accepted row is at once a line of the batch's COPY text: what a batch
 * holds while it fills is that text, its rejections and the keys seen in
 * it, not an object per row (the process's young generation is small, and
 * objects that outlive it are copied and promoted: a batch of them cost a
 * third of the parser's time in collections).
 */
export async function* parseCsvImport(
  source: AsyncIterable<Buffer>,
  options: { batchSize: number; batchBytes: number; preparer: ImportRowPreparer; plainLines?: boolean },
): AsyncGenerator<ParsedBatch> {
  const { preparer } = options;
  const staged = { iccids: new KeyRange(), imsis: new KeyRange() };
  const copy = new SimCopyText();
  const iccidKey = new Key();
  const imsiKey = new Key();
  let number = 1;
  let received = 0;
  let cellBytes = 0;
  let rejections: Rejection[] = [];
  let suspects: Suspect[] = [];
  let batchKeys = { iccids: new KeyRange(), imsis: new KeyRange() };
  const finish = (): ParsedBatch => {
    const { text, lineStarts } = copy.take();
    const batch = { number, received, copyText: text, lineStarts, rejections, suspects };
    // Rows the staging transaction rejects are not staged, but widening the
    // range by them only costs lookups.
    staged.iccids.include(batchKeys.iccids);
    staged.imsis.include(batchKeys.imsis);
    number++;
    received = 0;
    cellBytes = 0;
    rejections = [];
    suspects = [];
    batchKeys = { iccids: new KeyRange(), imsis: new KeyRange() };
    preparer.startBatch();
    return batch;
  };
  /** Notes an accepted row's keys; a row inside the range staged before this batch may repeat an earlier batch's row. */
  const keep = (position: number, iccid: Key, imsi: Key | undefined) => {
    if (staged.iccids.covers(iccid) || (imsi !== undefined && staged.imsis.covers(imsi))) {
      suspects.push({ row: copy.rows, position, iccid: iccid.toString(), imsi: imsi?.toString() ?? null });
    }
    batchKeys.iccids.extend(iccid);
    if (imsi !== undefined) batchKeys.imsis.extend(imsi);
  };

  for await (const entries of parseSimCsv(source, { plainLines: options.plainLines })) {
    for (const entry of entries) {
      let item: ImportItem;
      if ("sim" in entry) {
        const { sim } = entry;
        const imsi = sim.hasImsi ? sim.imsi : undefined;
        if (preparer.claimKeys(sim.iccid, imsi, sim.line) === undefined) {
          received++;
          cellBytes += sim.cellBytes;
          keep(sim.line, sim.iccid, imsi);
          copy.appendStagedRanges(sim, number, sim.line, preparer.statusWithoutOperator);
          if (received >= options.batchSize || cellBytes >= options.batchBytes) yield finish();
          continue;
        }
        item = entry.item(); // a repeat inside the batch: the general path words the rejection
      } else item = entry;
      let outcome = preparer.prepareRow(item);
      if (outcome.kind === "operator-unknown") outcome = await preparer.prepareRowLearning(item);
      received++;
      cellBytes += item.cellBytes ?? 0;
      if (outcome.kind === "rejected") rejections.push(outcome.rejection);
      else if (outcome.kind === "accepted") {
        const { position, sim } = outcome;
        keep(
          position,
          iccidKey.setString(sim.iccid),
          sim.imsi === null ? undefined : imsiKey.setString(sim.imsi),
        );
        copy.appendStaged(sim, number, position);
      }
      if (received >= options.batchSize || cellBytes >= options.batchBytes) yield finish();
    }
  }
  if (received > 0) yield finish();
}

/** The batch's COPY text without the lines of the given rows (indexes of accepted rows). */
export function withoutRows(batch: ParsedBatch, rows: ReadonlySet<number>): Buffer {
  const text = Buffer.from(batch.copyText.buffer, batch.copyText.byteOffset, batch.copyText.byteLength);
  const kept: Buffer[] = [];
  let from = 0;
  for (let row = 0; row < batch.lineStarts.length; row++) {
    if (!rows.has(row)) continue;
    kept.push(text.subarray(from, batch.lineStarts[row]));
    from = row + 1 < batch.lineStarts.length ? batch.lineStarts[row + 1]! : text.length;
  }
  kept.push(text.subarray(from));
  return Buffer.concat(kept);
}
