// Receiving a streamed CSV import: the import row exists from the first
// chunk, and every batch of the file is parsed, validated and staged by its
// own short transaction, which also records the batch's rejections and the
// import's progress. A row whose ICCID or IMSI an earlier batch staged is
// rejected by that transaction (the earlier line wins, as inside a batch),
// so the staged rows are free of the file's own duplicates. No transaction
// waits for the uploader, and no remote call happens inside one (operators
// are looked up while a batch is prepared). Once the last chunk is in and
// every row is staged, the import moves to `applying` (import-apply.ts):
// with `respondAsync` the caller is answered then, otherwise when the
// import has completed.
//
// The file is parsed and prepared in a worker thread (import-parser.ts)
// while this thread stages: the worker keeps at most one batch ready beyond
// the one being staged and reads no further until it is taken, which pauses
// the gRPC stream (HTTP/2 flow control), which pauses the gateway's upload.
// The back-pressure reaches the client, and memory holds a few batches
// whatever the file's size.
import { randomUUID } from "node:crypto";
import type { SimServiceMethods } from "@simhub/contracts";
import { AppError, type ClientStream, invalid, type Knex, type Principal } from "@simhub/platform";
import {
  findImportJob,
  insertImportJob,
  insertRejections,
  listRejections,
  markApplying,
  recordStagedBatches,
} from "../db/import-jobs.ts";
import {
  countStagedRows,
  createStagingTable,
  earlierStagedLines,
  indexStagedKeys,
  stageRows,
} from "../db/import-staging.ts";
import { type Rejection, stagedRowsIntact } from "../domain/import-job.ts";
import type { SimDeps } from "./deps.ts";
import { parseInWorker } from "./import-parser.ts";
import { type ParsedBatch, withoutRows } from "./import-parsing.ts";
import { toImportMessage, toRejectedMessage } from "./import-queries.ts";
import { operatorLookup, repeatedRejection } from "./import-rows.ts";
import { checkOrganization, MAX_REPORTED_REJECTIONS } from "./import-sims.ts";

/** Batches parsed ahead of staging, at most: up to this many are staged in one transaction. */
const BATCHES_AHEAD = 4;

type ImportSimsChunk = SimServiceMethods["ImportSimsStream"]["requestOut"];
type ImportSimsResponse = SimServiceMethods["ImportSimsStream"]["response"];

function uploadIncomplete() {
  return new AppError("aborted", "UPLOAD_INCOMPLETE", "the upload ended before its last chunk");
}

/**
 * The streamed CSV import. The first chunk names the organization; the bytes
 * of all chunks form the file; the last chunk says so (`last`), so a stream
 * cut off midway is never mistaken for a whole file.
 */
export async function importSimsCsv(
  deps: SimDeps,
  principal: Principal,
  chunks: ClientStream<ImportSimsChunk>,
): Promise<ImportSimsResponse> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    throw invalid("the stream is empty", [
      { path: "orgId", message: "the first chunk must name the organization" },
    ]);
  }
  const orgId = first.value.orgId;
  await checkOrganization(deps, principal, orgId);
  if (deps.importSlots.inUse >= deps.importSlots.max) {
    throw new AppError(
      "rate_limited",
      "IMPORTS_BUSY",
      "too many imports are being received; try again shortly",
      {
        retryAfterSeconds: 5,
      },
    );
  }
  deps.importSlots.inUse++;
  // The slot is for receiving: it is free again as soon as the upload has
  // ended, before a failed one is written down.
  let slotHeld = true;
  const releaseSlot = () => {
    if (slotHeld) deps.importSlots.inUse--;
    slotHeld = false;
  };
  const importId = randomUUID();
  try {
    await deps.db.transaction(async (trx) => {
      await insertImportJob(trx, {
        id: importId,
        orgId,
        format: "csv",
        status: "receiving",
        actorUserId: principal.userId,
        actorRole: principal.role,
        leaseSeconds: deps.importLeaseSeconds,
      });
      await createStagingTable(trx, importId);
    });
    deps.importJobs.hold(importId);
    try {
      await receive(deps, { importId, orgId }, first.value, iterator, chunks);
    } catch (error) {
      releaseSlot();
      const reason = error instanceof AppError ? error.message : "the import could not be received";
      await deps.importJobs
        .fail(importId, reason)
        .catch((failure) =>
          deps.logger.error({ err: failure, importId }, "the failed import could not be marked failed"),
        );
      throw error;
    }
  } finally {
    releaseSlot();
  }
  if (first.value.respondAsync) {
    deps.importJobs.apply(importId).catch(() => {}); // logged there; resumed by the sweep
    return answer(deps, importId, false);
  }
  await deps.importJobs.apply(importId);
  return answer(deps, importId, true);
}

async function receive(
  deps: SimDeps,
  job: { importId: string; orgId: string },
  first: ImportSimsChunk,
  iterator: AsyncIterator<ImportSimsChunk>,
  chunks: ClientStream<ImportSimsChunk>,
): Promise<void> {
  let complete = first.last;
  let bytes = first.data.length;
  async function* upload(): AsyncGenerator<Buffer> {
    if (first.data.length > 0) yield first.data;
    while (!complete) {
      const next = await iterator.next();
      if (next.done) throw uploadIncomplete();
      bytes += next.value.data.length;
      if (next.value.data.length > 0) yield next.value.data;
      complete = next.value.last;
    }
  }

  const stager = new BatchStager(deps.db, job.importId, deps.importLeaseSeconds);
  // While one group of batches is staged, the worker parses the next ones;
  // the next group is every batch ready by the time this one is staged. When
  // staging is the slower side, batches queue up and go in a few per
  // transaction: its round trips (BEGIN, the counts, COMMIT) were a third of
  // the time of staging one batch on a busy machine.
  const groups = parseInWorker(upload(), {
    batchSize: deps.importBatchSize,
    batchBytes: deps.importBatchBytes,
    activationCodeKey: deps.activationCodeKey,
    batchesAhead: BATCHES_AHEAD,
    lookupOperator: operatorLookup(deps, job.orgId),
  });
  for await (const group of groups) await stager.stage(group, bytes);
  if (!complete || chunks.cancelled) throw uploadIncomplete();

  const expected = (await findImportJob(deps.db, job.importId))!.rowsStaged;
  if (!stagedRowsIntact(expected, await countStagedRows(deps.db, job.importId))) {
    throw new AppError(
      "unavailable",
      "IMPORT_STAGING_LOST",
      "the database restarted during the upload; upload it again",
    );
  }
  if (!(await markApplying(deps.db, job.importId, bytes, deps.importLeaseSeconds))) {
    throw new AppError("aborted", "IMPORT_ABANDONED", "the import was taken over; upload it again");
  }
}

/**
 * Stages an import's batches, a group of them per transaction: their rows
 * by COPY, less those repeating a row of an earlier batch, their
 * rejections, and the count of batches staged. The worker names the rows
 * of a batch inside the key range staged before it ("suspects"); only
 * those are looked up in the staging table (indexed the first time that
 * happens), after the group's earlier batches are in it.
 */
export class BatchStager {
  private indexed = false;
  private readonly db: Knex;
  private readonly importId: string;
  private readonly leaseSeconds: number;

  constructor(db: Knex, importId: string, leaseSeconds: number) {
    this.db = db;
    this.importId = importId;
    this.leaseSeconds = leaseSeconds;
  }

  /** Stages batches that follow the last one staged, in order; `bytesSoFar` of the upload are received. */
  async stage(group: readonly ParsedBatch[], bytesSoFar: number): Promise<void> {
    await this.db.transaction(async (trx) => {
      const rejections: Rejection[] = [];
      let texts: Uint8Array[] = [];
      let received = 0;
      let staged = 0;
      for (const batch of group) {
        if (batch.suspects.length > 0 && texts.length > 0) {
          await stageRows(trx, this.importId, texts);
          texts = [];
        }
        const repeated = await this.repeatedRows(trx, batch);
        const batchRejections =
          repeated.length === 0
            ? batch.rejections
            : [...batch.rejections, ...repeated.map(({ rejection }) => rejection)].sort(
                (a, b) => a.position - b.position,
              );
        for (const rejection of batchRejections) rejections.push(rejection);
        texts.push(
          repeated.length === 0
            ? batch.copyText
            : withoutRows(batch, new Set(repeated.map(({ row }) => row))),
        );
        received += batch.received;
        staged += batch.lineStarts.length - repeated.length;
      }
      await stageRows(trx, this.importId, texts);
      await insertRejections(trx, this.importId, rejections);
      const recorded = await recordStagedBatches(
        trx,
        this.importId,
        {
          first: group[0]!.number,
          last: group[group.length - 1]!.number,
          received,
          rejected: rejections.length,
          staged,
          bytes: bytesSoFar,
        },
        this.leaseSeconds,
      );
      if (!recorded)
        throw new AppError("aborted", "IMPORT_ABANDONED", "the import was taken over; upload it again");
    });
  }

  /** The rows of a batch that repeat a row of an earlier batch. */
  private async repeatedRows(
    trx: Knex.Transaction,
    batch: ParsedBatch,
  ): Promise<{ row: number; rejection: Rejection }[]> {
    if (batch.suspects.length === 0) return [];
    if (!this.indexed) await indexStagedKeys(trx, this.importId);
    this.indexed = true;
    const lines = await earlierStagedLines(trx, this.importId, batch.suspects);
    return batch.suspects.flatMap(({ row, position, iccid }, i) => {
      const { iccidLine, imsiLine } = lines[i]!;
      if (iccidLine !== null)
        return [{ row, rejection: repeatedRejection(position, iccid, "iccid", `line ${iccidLine}`) }];
      if (imsiLine !== null)
        return [{ row, rejection: repeatedRejection(position, iccid, "imsi", `line ${imsiLine}`) }];
      return [];
    });
  }
}

/** The answer to the upload: the import as it stands, and its first rejections once it is done. */
async function answer(deps: SimDeps, importId: string, withRejections: boolean): Promise<ImportSimsResponse> {
  const job = (await findImportJob(deps.db, importId))!;
  if (job.status === "failed") {
    throw new AppError("unavailable", "IMPORT_FAILED", job.failure ?? "the import failed");
  }
  const rejected = withRejections ? await listRejections(deps.db, importId, MAX_REPORTED_REJECTIONS, 0) : [];
  return {
    importId,
    imported: job.rowsImported,
    rejected: rejected.map((rejection) => toRejectedMessage(rejection, "csv")),
    rejectedCount: job.rowsRejected,
    rejectedTruncated: job.rowsRejected > rejected.length,
    import: toImportMessage(job),
  };
}
