// The staging table of one import and the set-based statements that move its
// rows into `sims`.
//
// - One UNLOGGED table per import (`sim_import_staging_<id>`): COPY into it
//   writes no WAL and maintains no unique index, and dropping it at the end
//   is one catalogue change instead of a DELETE of every row. Its index on
//   the batch number only ever appends to its rightmost page (rows arrive
//   in batch order). (A BRIN index would be smaller, but ranges written
//   after its creation stay unsummarised without a vacuum, and an
//   unsummarised range matches every batch: each batch would read the
//   whole table.)
// - Duplicates inside the file are settled while it is staged: a row whose
//   ICCID or IMSI an earlier staged row holds is rejected there and never
//   staged (`earlierStagedLines`). Most files list their SIMs in order, so
//   the receiver only asks about rows inside the key range staged so far;
//   the indexes that answer are made the first time it has to ask
//   (`indexStagedKeys`), so a sorted file never pays for them.
// - A batch is applied by ONE `INSERT … SELECT … ORDER BY iccid`. With the
//   file's own duplicates gone, the only conflicts left are SIMs already on
//   the platform, so the statement is plain and the unique indexes are the
//   check. A unique violation rolls the batch back and it is applied again
//   with `ON CONFLICT DO NOTHING`, which skips the taken rows; the batches
//   after it probe the unique indexes first (`NOT EXISTS`), which costs less
//   than speculative insertion into every unique index when many rows are
//   taken (a file uploaded again).
// - The planner settings are local to the batch's transaction: statistics of
//   a table that grows by a million rows during the import lag behind, and a
//   hash join that reads all of `sims` per batch would be a disaster, while
//   the index probes are always right for a batch of a few thousand rows.
//   JIT is off too: those settings inflate the cost estimates past the JIT
//   threshold, and compiling the plan took longer than running it.
// - Batch transactions commit without waiting for the WAL flush
//   (`synchronous_commit = off`): a batch lost in a database crash takes its
//   progress counters with it (same transaction), so an apply does that
//   batch again, and an upload fails anyway (crash recovery empties the
//   unlogged staging table). The completion, which writes the event, commits
//   normally, and its flush makes every earlier batch durable with it.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { isUuid, type Knex } from "@simhub/platform";
import { from as copyFrom } from "pg-copy-streams";
import { transactionConnection } from "./copy-text.ts";

const STAGING_PREFIX = "sim_import_staging_";

/** The staging table's name; import ids are UUIDs we generate, checked all the same. */
export function stagingTable(importId: string): string {
  if (!isUuid(importId)) throw new Error("import id is not a UUID");
  return `${STAGING_PREFIX}${importId.toLowerCase().replaceAll("-", "")}`;
}

function importIdOfTable(table: string): string {
  const hex = table.slice(STAGING_PREFIX.length);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export async function createStagingTable(trx: Knex.Transaction, importId: string): Promise<void> {
  const table = stagingTable(importId);
  await trx.raw(
    `CREATE UNLOGGED TABLE ?? (
       batch integer NOT NULL, position integer NOT NULL,
       iccid text COLLATE "C" NOT NULL, imsi text COLLATE "C", msisdn text COLLATE "C", imei text COLLATE "C",
       e_sim boolean NOT NULL, operator_id uuid, activation_code_hash bytea, status text NOT NULL
     ) WITH (autovacuum_enabled = false)`,
    [table],
  );
  await trx.raw("CREATE INDEX ON ?? (batch)", [table]);
}

export async function dropStagingTable(db: Knex | Knex.Transaction, importId: string): Promise<void> {
  await db.raw("DROP TABLE IF EXISTS ??", [stagingTable(importId)]);
}

/** Import ids of every staging table there is (to clean up after a crash). */
export async function stagingTableImportIds(db: Knex): Promise<string[]> {
  const result = await db.raw<{ rows: { tablename: string }[] }>(
    "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE ?",
    [`${STAGING_PREFIX}%`],
  );
  return result.rows.map((row) => importIdOfTable(row.tablename));
}

/**
 * Rows in the staging table, or null when it does not exist. Counting ten
 * million rows takes seconds: the one statement of an import allowed past
 * the service's statement timeout (it runs twice per import).
 */
export async function countStagedRows(db: Knex, importId: string): Promise<number | null> {
  return db.transaction(async (trx) => {
    const exists = await trx.raw<{ rows: { table: string | null }[] }>("SELECT to_regclass(?) AS table", [
      stagingTable(importId),
    ]);
    if (!exists.rows[0]?.table) return null;
    await trx.raw("SET LOCAL statement_timeout = '10min'");
    const result = await trx.raw<{ rows: { count: number }[] }>("SELECT count(*)::int AS count FROM ??", [
      stagingTable(importId),
    ]);
    return result.rows[0]!.count;
  });
}

/** COPY batches' rows, as COPY text (import-parsing.ts), into the import's staging table: one COPY. */
export async function stageRows(
  trx: Knex.Transaction,
  importId: string,
  copyTexts: readonly Uint8Array[],
): Promise<void> {
  await trx.raw("SET LOCAL synchronous_commit = off");
  const texts = copyTexts
    .filter((text) => text.byteLength > 0)
    .map((text) => Buffer.from(text.buffer, text.byteOffset, text.byteLength));
  if (texts.length === 0) return;
  const connection = await transactionConnection(trx);
  const table = stagingTable(importId);
  await pipeline(Readable.from(texts), connection.query(copyFrom(`COPY "${table}" FROM STDIN`)));
}

async function forIndexProbes(trx: Knex.Transaction): Promise<void> {
  await trx.raw(
    "SET LOCAL enable_hashjoin = off; SET LOCAL enable_mergejoin = off; SET LOCAL enable_seqscan = off; SET LOCAL jit = off; SET LOCAL synchronous_commit = off",
  );
}

/**
 * Indexes the staged rows' ICCIDs and IMSIs, for `earlierStagedLines`. Made
 * once per import, when a batch first reaches into the key range staged
 * before it: a CREATE INDEX over the rows so far is a sorted build, and the
 * COPYs of the batches after it keep the indexes up.
 */
export async function indexStagedKeys(trx: Knex.Transaction, importId: string): Promise<void> {
  const table = stagingTable(importId);
  await trx.raw("CREATE INDEX ON ?? (iccid)", [table]);
  await trx.raw("CREATE INDEX ON ?? (imsi) WHERE imsi IS NOT NULL", [table]);
}

/**
 * For each row, the line of the staged row (an earlier batch) holding its
 * ICCID, and of the one holding its IMSI; null where none does. Staged
 * rows never share an ICCID or an IMSI, so there is at most one of each.
 */
export async function earlierStagedLines(
  trx: Knex.Transaction,
  importId: string,
  rows: readonly { iccid: string; imsi: string | null }[],
): Promise<{ iccidLine: number | null; imsiLine: number | null }[]> {
  if (rows.length === 0) return [];
  await forIndexProbes(trx);
  const table = stagingTable(importId);
  const result = await trx.raw<{ rows: { iccid_line: number | null; imsi_line: number | null }[] }>(
    `SELECT (SELECT e.position FROM ?? e WHERE e.iccid = c.iccid LIMIT 1) AS iccid_line,
            (SELECT e.position FROM ?? e WHERE e.imsi = c.imsi LIMIT 1) AS imsi_line
       FROM unnest(?::text[], ?::text[]) WITH ORDINALITY AS c(iccid, imsi, ord)
      ORDER BY c.ord`,
    // No IMSI is sent as "", which no staged IMSI equals.
    [table, table, rows.map((row) => row.iccid), rows.map((row) => row.imsi ?? "")],
  );
  return result.rows.map((row) => ({ iccidLine: row.iccid_line, imsiLine: row.imsi_line }));
}

/**
 * How a batch goes into `sims`: `plain` lets a unique violation roll it
 * back; `probe` skips rows whose ICCID or IMSI is taken by looking first;
 * `on-conflict` skips them whatever a concurrent writer does meanwhile.
 */
export type ApplyMode = "plain" | "probe" | "on-conflict";

/**
 * Moves one staged batch into `sims`. Returns the rows the batch held that
 * were not inserted: their ICCID or IMSI was taken by a SIM on the
 * platform (the staged rows are free of the file's own duplicates). In
 * `plain` mode that cannot happen: a taken row is a unique violation.
 */
export async function applyStagedBatch(
  trx: Knex.Transaction,
  job: { importId: string; orgId: string; batch: number },
  mode: ApplyMode,
): Promise<{ inserted: number; skipped: { position: number; iccid: string; imsi: string | null }[] }> {
  await forIndexProbes(trx);
  const table = stagingTable(job.importId);
  const columns =
    "iccid, org_id, imsi, msisdn, imei, e_sim, operator_id, activation_code_hash, status, import_id";
  const select = `SELECT s.iccid, ?::uuid, s.imsi, s.msisdn, s.imei, s.e_sim, s.operator_id, s.activation_code_hash,
                         s.status, ?::uuid
                    FROM ?? s WHERE s.batch = ?`;
  const bindings = [job.orgId, job.importId, table, job.batch];
  if (mode === "plain") {
    const result = await trx.raw(`INSERT INTO sims (${columns}) ${select} ORDER BY s.iccid`, bindings);
    return { inserted: result.rowCount ?? 0, skipped: [] };
  }
  const sql =
    mode === "probe"
      ? `INSERT INTO sims (${columns}) ${select}
           AND NOT EXISTS (SELECT 1 FROM sims x WHERE x.iccid = s.iccid)
           AND (s.imsi IS NULL OR NOT EXISTS (SELECT 1 FROM sims y WHERE y.imsi = s.imsi))
         ORDER BY s.iccid
         RETURNING iccid`
      : `INSERT INTO sims (${columns}) ${select} ORDER BY s.iccid ON CONFLICT DO NOTHING RETURNING iccid`;
  const result = await trx.raw<{ rows: { iccid: string }[] }>(sql, bindings);
  // Most batches of a file uploaded again in part lose no row: a count says
  // so without reading the batch back.
  const staged = await trx.raw<{ rows: { count: number }[] }>(
    "SELECT count(*)::int AS count FROM ?? WHERE batch = ?",
    [table, job.batch],
  );
  if (result.rows.length === staged.rows[0]!.count) return { inserted: result.rows.length, skipped: [] };
  const inserted = new Set(result.rows.map((row) => row.iccid));
  const rows = await trx.raw<{ rows: { position: number; iccid: string; imsi: string | null }[] }>(
    "SELECT position, iccid, imsi FROM ?? WHERE batch = ? ORDER BY position",
    [table, job.batch],
  );
  return { inserted: inserted.size, skipped: rows.rows.filter((row) => !inserted.has(row.iccid)) };
}

/**
 * Takes an import's rows out of `sims` again, a slice per transaction (only
 * after PostgreSQL lost the staged rows in a crash). `import_id` has no
 * index, so each slice may scan: the statement timeout is lifted for it.
 */
export async function deleteImportedSims(db: Knex, importId: string, slice = 10_000): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await db.transaction(async (trx) => {
      await trx.raw("SET LOCAL statement_timeout = '10min'");
      const result = await trx.raw(
        "DELETE FROM sims WHERE ctid = ANY(ARRAY(SELECT ctid FROM sims WHERE import_id = ?::uuid LIMIT ?))",
        [importId, slice],
      );
      return result.rowCount ?? 0;
    });
    total += deleted;
    if (deleted < slice) return total;
  }
}
