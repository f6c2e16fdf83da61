// Applying staged imports, and finishing imports whose process is gone.
//
// An import in `applying` has every row validated and staged, free of the
// file's own duplicates. Each batch is moved into `sims` by one short
// transaction that also records its rejections, its counts and the batch
// itself (sim_import_applied_batches: a batch is never applied twice); the
// last transaction marks the import completed and writes its one
// SimsImported event. A crash between batches loses nothing: whoever holds
// the import next applies the batches not yet recorded.
//
// Batches are applied by `applyWorkers` transactions at once. Staged rows
// never share an ICCID or IMSI, so batches cannot conflict with each other
// and the order they commit in changes nothing; PostgreSQL maintains the
// indexes of two inserts on two cores. One INSERT at a time left a core
// idle while the other did all of the index work (docs/performance.md).
//
// Who holds an import is a lease in its row, renewed every few seconds by
// the process working on it. The sweep (at start and every half lease)
// takes over imports whose lease has run out: one still `receiving` lost
// its upload with its process and fails; one `applying` is resumed. Staging
// tables of finished imports (a crash right after the commit) are dropped.
import { enqueueEvent, type Knex, type Logger } from "@simhub/platform";
import {
  appliedBatches,
  claimAbandonedImports,
  claimBatch,
  findImportJob,
  forgetAppliedBatches,
  insertRejections,
  markCompleted,
  markFailed,
  recordAppliedBatch,
  releaseLeases,
  renewLeases,
  runningImportIds,
} from "../db/import-jobs.ts";
import {
  type ApplyMode,
  applyStagedBatch,
  countStagedRows,
  deleteImportedSims,
  dropStagingTable,
  stagingTableImportIds,
} from "../db/import-staging.ts";
import { existingIccids, existingImsis } from "../db/sims.ts";
import { type Rejection, stagedRowsIntact } from "../domain/import-job.ts";
import { duplicateRejection } from "./import-rows.ts";

const UNIQUE_VIOLATION = "23505";

export interface ImportJobsDeps {
  db: Knex;
  events: { namespace: string; source: string };
  logger: Logger;
  leaseSeconds: number;
  /** Batches of one import applied at once, each by its own transaction. */
  applyWorkers: number;
}

/**
 * Thrown when a batch is applied already or the import no longer applying:
 * another process took the import over (its lease had run out).
 */
class LeaseLost extends Error {}

/** One apply of an import: how its batches go in, learnt as they do. */
class BatchRun {
  /** `plain` until a batch meets a SIM already on the platform; `probe` after that. */
  mode: ApplyMode = "plain";
  /** A batch failed: the run ends once the batches in progress are done. */
  failed = false;
  readonly orgId: string;

  constructor(orgId: string) {
    this.orgId = orgId;
  }
}

export class ImportJobs {
  private readonly deps: ImportJobsDeps;
  /** Imports this process works on: their leases are renewed. */
  private readonly held = new Set<string>();
  private readonly applying = new Map<string, Promise<void>>();
  private timers: NodeJS.Timeout[] = [];
  private stopping = false;

  constructor(deps: ImportJobsDeps) {
    this.deps = deps;
  }

  start(): void {
    const leaseMs = this.deps.leaseSeconds * 1000;
    this.timers.push(
      setInterval(() => {
        renewLeases(this.deps.db, [...this.held], this.deps.leaseSeconds).catch((error) =>
          this.deps.logger.warn({ err: error }, "import leases not renewed"),
        );
      }, leaseMs / 3),
      setInterval(() => void this.sweep(), leaseMs / 2),
    );
    for (const timer of this.timers) timer.unref();
    void this.sweep();
  }

  /**
   * Stops taking work: applies in progress stop after their current batch,
   * and their leases are given up so they are resumed as soon as a process
   * sweeps (this one restarted, or a replica), not a lease later.
   */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const timer of this.timers) clearInterval(timer);
    const held = [...this.applying.keys()];
    await Promise.allSettled(this.applying.values());
    await releaseLeases(this.deps.db, held).catch((error) =>
      this.deps.logger.warn({ err: error }, "import leases not released"),
    );
  }

  hold(importId: string): void {
    this.held.add(importId);
  }

  release(importId: string): void {
    this.held.delete(importId);
  }

  /** Applies an import this process holds; resolves once it is completed (or failed). */
  apply(importId: string): Promise<void> {
    const running = this.applying.get(importId);
    if (running) return running;
    this.hold(importId);
    const run = this.applyAll(importId)
      .catch((error) => {
        if (error instanceof LeaseLost) {
          this.deps.logger.warn({ importId }, "import taken over by another process");
          return;
        }
        // Left to the sweep: the lease runs out and the import is resumed.
        this.deps.logger.error({ err: error, importId }, "applying the import failed; it will be resumed");
        throw error;
      })
      .finally(() => {
        this.applying.delete(importId);
        this.release(importId);
      });
    this.applying.set(importId, run);
    return run;
  }

  /** Fails an import and drops its staging table, in one transaction. */
  async fail(importId: string, failure: string): Promise<void> {
    await this.deps.db.transaction(async (trx) => {
      await markFailed(trx, importId, failure);
      await forgetAppliedBatches(trx, importId);
      await dropStagingTable(trx, importId);
    });
    this.release(importId);
  }

  private async applyAll(importId: string): Promise<void> {
    const { db, logger } = this.deps;
    const job = await findImportJob(db, importId);
    if (job?.status !== "applying") return;
    const staged = await countStagedRows(db, importId);
    if (!stagedRowsIntact(job.rowsStaged, staged)) {
      // Only a crash of PostgreSQL empties an unlogged table.
      const removed = await deleteImportedSims(db, importId);
      await this.fail(
        importId,
        "the staged rows were lost when the database restarted; import the file again",
      );
      logger.error({ importId, removed }, "import failed: staged rows lost");
      return;
    }
    const applied = await appliedBatches(db, importId);
    const todo: number[] = [];
    for (let batch = 1; batch <= job.batchesStaged; batch++) if (!applied.has(batch)) todo.push(batch);
    const run = new BatchRun(job.orgId);
    const worker = async () => {
      while (!this.stopping && !run.failed) {
        const batch = todo.shift();
        if (batch === undefined) return;
        try {
          await this.applyBatch(importId, run, batch);
        } catch (error) {
          run.failed = true; // the other workers stop after their batch
          throw error;
        }
      }
    };
    const workers = Array.from({ length: Math.min(this.deps.applyWorkers, todo.length) }, worker);
    const failure = (await Promise.allSettled(workers)).find((outcome) => outcome.status === "rejected");
    if (failure) throw failure.reason;
    if (this.stopping) return;
    const completed = await db.transaction(async (trx) => {
      if (!(await markCompleted(trx, importId))) return undefined;
      await forgetAppliedBatches(trx, importId);
      const done = (await findImportJob(trx, importId))!;
      await enqueueEvent(trx, this.deps.events, {
        type: "SimsImported",
        subject: importId,
        orgId: done.orgId,
        data: { importId, orgId: done.orgId, count: done.rowsImported, rejected: done.rowsRejected },
      });
      return done;
    });
    if (!completed) return;
    await dropStagingTable(db, importId);
    logger.info(
      {
        importId,
        orgId: completed.orgId,
        imported: completed.rowsImported,
        rejected: completed.rowsRejected,
      },
      "SIMs imported",
    );
  }

  private async applyBatch(importId: string, run: BatchRun, batch: number): Promise<void> {
    try {
      await this.applyBatchAs(importId, run.orgId, batch, run.mode);
    } catch (error) {
      // A row of the batch is taken by a SIM on the platform (or by a
      // concurrent writer, between a probe and the insert): the batch is
      // applied again skipping taken rows, and the batches after it probe.
      if ((error as { code?: string }).code !== UNIQUE_VIOLATION) throw error;
      run.mode = "probe";
      await this.applyBatchAs(importId, run.orgId, batch, "on-conflict");
    }
  }

  private async applyBatchAs(importId: string, orgId: string, batch: number, mode: ApplyMode) {
    await this.deps.db.transaction(async (trx) => {
      if (!(await claimBatch(trx, importId, batch))) throw new LeaseLost();
      const { inserted, skipped } = await applyStagedBatch(trx, { importId, orgId, batch }, mode);
      let rejections: Rejection[] = [];
      if (skipped.length > 0) {
        const iccidOwners = await existingIccids(
          trx,
          skipped.map((row) => row.iccid),
        );
        const imsiOwners = await existingImsis(
          trx,
          skipped.flatMap((row) => (row.imsi && !iccidOwners.has(row.iccid) ? [row.imsi] : [])),
        );
        rejections = skipped.map((row) =>
          duplicateRejection(
            importId,
            row,
            iccidOwners.get(row.iccid),
            row.imsi ? imsiOwners.get(row.imsi) : undefined,
          ),
        );
        await insertRejections(trx, importId, rejections);
      }
      await recordAppliedBatch(
        trx,
        importId,
        { imported: inserted, rejected: rejections.length },
        this.deps.leaseSeconds,
      );
    });
  }

  /** Takes over imports whose process is gone, and drops staging tables nobody uses. */
  async sweep(): Promise<void> {
    if (this.stopping) return;
    const { db, logger } = this.deps;
    try {
      for (const { id, status } of await claimAbandonedImports(db, this.deps.leaseSeconds)) {
        if (status === "receiving") {
          await this.fail(id, "the upload was interrupted: the service receiving it stopped");
          logger.warn({ importId: id }, "abandoned import failed: its upload was interrupted");
        } else {
          logger.warn({ importId: id }, "resuming an abandoned import");
          this.apply(id).catch(() => {});
        }
      }
      const tables = await stagingTableImportIds(db);
      const running = await runningImportIds(db, tables);
      for (const importId of tables) if (!running.has(importId)) await dropStagingTable(db, importId);
    } catch (error) {
      logger.warn({ err: error }, "import sweep failed; it runs again shortly");
    }
  }
}
