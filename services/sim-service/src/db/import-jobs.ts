// The import job's row (`sim_imports`) and its rejected lines
// (`sim_import_rejections`). Progress counters only ever move forward and
// every write to a running import checks that this process still holds it
// (its lease), so two replicas never work on one import at once.
import type { Knex } from "@simhub/platform";
import type { ImportStatus, Rejection } from "../domain/import-job.ts";

export interface ImportJobRecord {
  id: string;
  orgId: string;
  format: "json" | "csv";
  status: ImportStatus;
  actorUserId: string;
  actorRole: string;
  rowsReceived: number;
  rowsImported: number;
  rowsRejected: number;
  bytesReceived: number;
  rowsStaged: number;
  batchesStaged: number;
  batchesApplied: number;
  createdAt: Date;
  /** created_at in microseconds since the epoch: a keyset cursor loses nothing of it. */
  createdMicros: string;
  finishedAt: Date | null;
  failure: string | null;
}

interface ImportJobRow {
  id: string;
  org_id: string;
  format: "json" | "csv";
  status: ImportStatus;
  actor_user_id: string;
  actor_role: string;
  rows_received: number;
  imported: number;
  rejected: number;
  bytes_received: string | number;
  rows_staged: number;
  batches_staged: number;
  batches_applied: number;
  created_at: Date;
  created_us: string;
  finished_at: Date | null;
  failure: string | null;
}

function toRecord(row: ImportJobRow): ImportJobRecord {
  return {
    id: row.id,
    orgId: row.org_id,
    format: row.format,
    status: row.status,
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    rowsReceived: row.rows_received,
    rowsImported: row.imported,
    rowsRejected: row.rejected,
    bytesReceived: Number(row.bytes_received),
    rowsStaged: row.rows_staged,
    batchesStaged: row.batches_staged,
    batchesApplied: row.batches_applied,
    createdAt: row.created_at,
    createdMicros: row.created_us,
    finishedAt: row.finished_at,
    failure: row.failure,
  };
}

export async function insertImportJob(
  db: Knex | Knex.Transaction,
  job: Pick<ImportJobRecord, "id" | "orgId" | "format" | "status" | "actorUserId" | "actorRole"> & {
    leaseSeconds: number;
  },
): Promise<void> {
  await db.raw(
    `INSERT INTO sim_imports (id, org_id, format, status, actor_user_id, actor_role, imported, rejected, lease_until)
     VALUES (?, ?, ?, ?, ?, ?, 0, 0, now() + make_interval(secs => ?))`,
    [job.id, job.orgId, job.format, job.status, job.actorUserId, job.actorRole, job.leaseSeconds],
  );
}

export async function findImportJob(
  db: Knex | Knex.Transaction,
  id: string,
): Promise<ImportJobRecord | undefined> {
  const row = await db<ImportJobRow>("sim_imports").select("*", db.raw(CREATED_US)).where({ id }).first();
  return row ? toRecord(row) : undefined;
}

const CREATED_US = "(extract(epoch FROM created_at) * 1000000)::bigint::text AS created_us";

/** One page of an organization's imports, newest first (index sim_imports_org_created). */
export async function listImportJobs(
  db: Knex,
  orgId: string,
  limit: number,
  after: { createdMicros: string; id: string } | undefined,
): Promise<ImportJobRecord[]> {
  const query = db<ImportJobRow>("sim_imports")
    .select("*", db.raw(CREATED_US))
    .where({ org_id: orgId })
    .orderBy([
      { column: "created_at", order: "desc" },
      { column: "id", order: "desc" },
    ])
    .limit(limit);
  if (after) {
    query.whereRaw(
      "(created_at, id) < (timestamptz 'epoch' + ?::bigint * interval '1 microsecond', ?::uuid)",
      [after.createdMicros, after.id],
    );
  }
  return (await query).map(toRecord);
}

/**
 * Counters after batches `first`…`last` were staged (in one transaction).
 * False when the import is no longer this process's to write, or a batch
 * before `first` is not staged.
 */
export async function recordStagedBatches(
  trx: Knex.Transaction,
  id: string,
  batches: { first: number; last: number; received: number; rejected: number; staged: number; bytes: number },
  leaseSeconds: number,
): Promise<boolean> {
  const updated = await trx.raw(
    `UPDATE sim_imports
        SET rows_received = rows_received + ?, rejected = rejected + ?, rows_staged = rows_staged + ?,
            bytes_received = ?, batches_staged = ?, lease_until = now() + make_interval(secs => ?)
      WHERE id = ? AND status = 'receiving' AND batches_staged = ? - 1`,
    [
      batches.received,
      batches.rejected,
      batches.staged,
      batches.bytes,
      batches.last,
      leaseSeconds,
      id,
      batches.first,
    ],
  );
  return updated.rowCount === 1;
}

/**
 * Takes a batch for this transaction: false when it is applied already, or
 * the import is no longer applying. Two transactions claiming one batch
 * meet on the primary key, so the second waits for the first and finds it
 * taken (or free again, if the first rolled back).
 */
export async function claimBatch(trx: Knex.Transaction, id: string, batch: number): Promise<boolean> {
  const claimed = await trx.raw(
    `INSERT INTO sim_import_applied_batches (import_id, batch)
       SELECT id, ? FROM sim_imports WHERE id = ? AND status = 'applying'
     ON CONFLICT DO NOTHING`,
    [batch, id],
  );
  return claimed.rowCount === 1;
}

/** Counters after a claimed batch was applied, and the lease renewed. */
export async function recordAppliedBatch(
  trx: Knex.Transaction,
  id: string,
  batch: { imported: number; rejected: number },
  leaseSeconds: number,
): Promise<void> {
  await trx.raw(
    `UPDATE sim_imports
        SET imported = imported + ?, rejected = rejected + ?, batches_applied = batches_applied + 1,
            lease_until = now() + make_interval(secs => ?)
      WHERE id = ?`,
    [batch.imported, batch.rejected, leaseSeconds, id],
  );
}

/** The batches of an import applied so far. */
export async function appliedBatches(db: Knex, id: string): Promise<Set<number>> {
  const rows = await db("sim_import_applied_batches").select("batch").where({ import_id: id });
  return new Set(rows.map((row: { batch: number }) => row.batch));
}

/** An import that has ended needs no record of its batches. */
export async function forgetAppliedBatches(trx: Knex | Knex.Transaction, id: string): Promise<void> {
  await trx("sim_import_applied_batches").where({ import_id: id }).delete();
}

/** A JSON import, written in one transaction: its counts and `completed` at once. */
export async function recordFinishedImport(
  trx: Knex.Transaction,
  id: string,
  counts: { received: number; imported: number; rejected: number },
): Promise<void> {
  await trx.raw(
    `UPDATE sim_imports SET status = 'completed', rows_received = ?, imported = ?, rejected = ?,
            finished_at = now(), lease_until = NULL
      WHERE id = ?`,
    [counts.received, counts.imported, counts.rejected, id],
  );
}

/** receiving → applying, once every batch is staged. */
export async function markApplying(
  db: Knex,
  id: string,
  bytes: number,
  leaseSeconds: number,
): Promise<boolean> {
  const updated = await db.raw(
    `UPDATE sim_imports SET status = 'applying', bytes_received = ?, lease_until = now() + make_interval(secs => ?)
      WHERE id = ? AND status = 'receiving'`,
    [bytes, leaseSeconds, id],
  );
  return updated.rowCount === 1;
}

/** applying → completed, when every staged batch has been applied. */
export async function markCompleted(trx: Knex.Transaction, id: string): Promise<boolean> {
  const updated = await trx.raw(
    `UPDATE sim_imports SET status = 'completed', finished_at = now(), lease_until = NULL
      WHERE id = ? AND status = 'applying' AND batches_applied = batches_staged`,
    [id],
  );
  return updated.rowCount === 1;
}

export async function markFailed(
  trx: Knex | Knex.Transaction,
  id: string,
  failure: string,
): Promise<boolean> {
  const updated = await trx.raw(
    `UPDATE sim_imports SET status = 'failed', failure = ?, finished_at = now(), lease_until = NULL
      WHERE id = ? AND status IN ('receiving', 'applying')`,
    [failure, id],
  );
  return updated.rowCount === 1;
}

/** Keeps the imports this process works on from being taken over by another. */
export async function renewLeases(db: Knex, ids: readonly string[], leaseSeconds: number): Promise<void> {
  if (ids.length === 0) return;
  await db.raw(
    `UPDATE sim_imports SET lease_until = now() + make_interval(secs => ?)
      WHERE id = ANY(?::uuid[]) AND status IN ('receiving', 'applying')`,
    [leaseSeconds, [...ids]],
  );
}

/** Gives up imports at shutdown: whoever sweeps next (this process restarted, or a replica) takes them at once. */
export async function releaseLeases(db: Knex, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.raw(
    "UPDATE sim_imports SET lease_until = now() WHERE id = ANY(?::uuid[]) AND status IN ('receiving', 'applying')",
    [[...ids]],
  );
}

/**
 * Takes over running imports whose lease has expired (their process is
 * gone): each is claimed by one process only, by the conditional update.
 */
export async function claimAbandonedImports(
  db: Knex,
  leaseSeconds: number,
): Promise<{ id: string; status: ImportStatus }[]> {
  const result = await db.raw<{ rows: { id: string; status: ImportStatus }[] }>(
    `UPDATE sim_imports SET lease_until = now() + make_interval(secs => ?)
      WHERE id IN (SELECT id FROM sim_imports
                    WHERE status IN ('receiving', 'applying') AND lease_until < now()
                    ORDER BY lease_until LIMIT 100 FOR UPDATE SKIP LOCKED)
      RETURNING id, status`,
    [leaseSeconds],
  );
  return result.rows;
}

/** Which of these imports are still running (their staging tables are in use). */
export async function runningImportIds(db: Knex, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const result = await db.raw<{ rows: { id: string }[] }>(
    "SELECT id FROM sim_imports WHERE id = ANY(?::uuid[]) AND status IN ('receiving', 'applying')",
    [[...ids]],
  );
  return new Set(result.rows.map((row) => row.id));
}

export async function insertRejections(
  trx: Knex.Transaction,
  importId: string,
  rejections: readonly Rejection[],
): Promise<void> {
  if (rejections.length === 0) return;
  await trx.raw(
    `INSERT INTO sim_import_rejections (import_id, position, iccid, code, message)
     SELECT ?::uuid, * FROM unnest(?::int[], ?::text[], ?::text[], ?::text[])
     ON CONFLICT DO NOTHING`,
    [
      importId,
      rejections.map((rejection) => rejection.position),
      rejections.map((rejection) => rejection.iccid),
      rejections.map((rejection) => rejection.code),
      rejections.map((rejection) => rejection.message),
    ],
  );
}

/** Rejected lines in file order, after `afterPosition`. */
export async function listRejections(
  db: Knex,
  importId: string,
  limit: number,
  afterPosition: number,
): Promise<Rejection[]> {
  const rows = await db("sim_import_rejections")
    .select("position", "iccid", "code", "message")
    .where({ import_id: importId })
    .andWhere("position", ">", afterPosition)
    .orderBy("position")
    .limit(limit);
  return rows as Rejection[];
}
