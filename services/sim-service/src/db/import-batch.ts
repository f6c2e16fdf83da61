// Writing one batch of an import: COPY the rows into a temporary table, then
// one INSERT … SELECT … ON CONFLICT DO NOTHING RETURNING moves them into
// `sims`. COPY is PostgreSQL's cheapest way in (plain text, no per-value
// parameter encoding on either side); ON CONFLICT makes a duplicate — an
// earlier row of this import, a SIM already on the platform, or a concurrent
// import of the same SIM — a skipped row instead of an aborted transaction.
//
// Everything runs on the import's own transaction connection, so the
// temporary table (dropped at commit or rollback) and the rows stay inside
// the one transaction that makes an import all-or-nothing.
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Knex } from "@simhub/platform";
import { from as copyFrom } from "pg-copy-streams";
import { SimCopyText, transactionConnection } from "./copy-text.ts";
import type { NewSim } from "./sims.ts";

const BATCH_TABLE = "sim_import_batch";

/** Transactions whose temporary batch table exists (it lives until their end). */
const withBatchTable = new WeakSet<Knex.Transaction>();

/**
 * Inserts `sims` (one batch of import `importId` into organization `orgId`)
 * and returns the ICCIDs actually inserted; the others collided with an
 * existing ICCID or IMSI.
 */
export async function writeImportBatch(
  trx: Knex.Transaction,
  orgId: string,
  importId: string,
  sims: readonly NewSim[],
): Promise<Set<string>> {
  if (sims.length === 0) return new Set();
  if (!withBatchTable.has(trx)) {
    await trx.raw(
      `CREATE TEMP TABLE ${BATCH_TABLE} (
         iccid text, imsi text, msisdn text, imei text, e_sim boolean,
         operator_id uuid, activation_code_hash bytea, status text
       ) ON COMMIT DROP`,
    );
    withBatchTable.add(trx);
  }
  const connection = await transactionConnection(trx);
  const copy = new SimCopyText();
  for (const sim of sims) copy.append(sim);
  const { text } = copy.take();
  await pipeline(
    Readable.from([Buffer.from(text.buffer, text.byteOffset, text.byteLength)]),
    connection.query(copyFrom(`COPY ${BATCH_TABLE} FROM STDIN`)),
  );
  const result = await trx.raw<{ rows: { iccid: string }[] }>(
    `INSERT INTO sims (iccid, org_id, imsi, msisdn, imei, e_sim, operator_id, activation_code_hash, status, import_id)
     SELECT iccid, ?::uuid, imsi, msisdn, imei, e_sim, operator_id, activation_code_hash, status, ?::uuid
       FROM ${BATCH_TABLE}
     ON CONFLICT DO NOTHING
     RETURNING iccid`,
    [orgId, importId],
  );
  // Created in this transaction, so TRUNCATE empties it in place, cheaply.
  await trx.raw(`TRUNCATE ${BATCH_TABLE}`);
  return new Set(result.rows.map((row) => row.iccid));
}
