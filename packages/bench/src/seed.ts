// Filling the databases for the read path. Organizations, companies and SIMs
// go through the API (so every service knows them and every event is
// published); the read datasets' assignments of up to a million SIMs to
// companies are written with SQL, the way the services store them, since
// there is no bulk-assignment route and a million single assignments would
// take longer than the rest of the run:
//   - sim-service: sims.company_id (+ version, updated_at), and the
//     companies' rows of its chain replica (chain_companies) where the
//     company events have not filled them yet;
//   - the baseline database: the same assignments.
// company-service keeps no copy of assignments (it asks sim-service when it
// needs one), so its database is left as the API made it.
// No SimAssigned event is published for these rows and no history row is
// written; the read path reads neither.
import pg from "pg";

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url, statement_timeout: 0 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Every SIM of the table, in ICCID order, goes to companies[(position) mod n]: a company's SIMs are spread over the table. */
const ROUND_ROBIN_UPDATE = `
  UPDATE sims s
     SET company_id = ($1::uuid[])[((m.position - 1) % cardinality($1::uuid[])) + 1],
         end_user_id = NULL,
         version = s.version + 1,
         updated_at = now()
    FROM (SELECT iccid, row_number() OVER (ORDER BY iccid) AS position FROM sims) m
   WHERE s.iccid = m.iccid`;

export interface AssignmentTargets {
  simDatabaseUrl: string;
  baselineDatabaseUrl: string;
  orgId: string;
}

/**
 * Rewrites every row of `sims` in one transaction. Updating an indexed column
 * touches every index once per row, which for a million rows takes minutes;
 * dropping the secondary indexes and building them again from their own
 * definitions (read from the catalogue, so the schema stays exactly as the
 * service made it) takes seconds. Only for seeding, while nothing else runs.
 */
async function rewriteAllSims(client: pg.Client, companyIds: string[]): Promise<number> {
  await client.query("BEGIN");
  await client.query("SET LOCAL maintenance_work_mem = '256MB'");
  const { rows: indexes } = await client.query<{ name: string; definition: string }>(
    `SELECT i.relname AS name, pg_get_indexdef(i.oid) AS definition
       FROM pg_index x
       JOIN pg_class i ON i.oid = x.indexrelid
      WHERE x.indrelid = 'sims'::regclass
        AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = x.indexrelid)`,
  );
  for (const index of indexes) await client.query(`DROP INDEX ${pg.escapeIdentifier(index.name)}`);
  const { rowCount } = await client.query(ROUND_ROBIN_UPDATE, [companyIds]);
  for (const index of indexes) await client.query(index.definition);
  await client.query("COMMIT");
  await client.query("VACUUM ANALYZE sims");
  return rowCount ?? 0;
}

export async function assignAllSimsWithSql(
  targets: AssignmentTargets,
  companyIds: string[],
): Promise<number> {
  const [assigned] = await Promise.all([
    withClient(targets.simDatabaseUrl, async (client) => {
      await client.query(
        `INSERT INTO chain_companies (company_id, org_id)
         SELECT id, $2 FROM unnest($1::uuid[]) AS id ON CONFLICT (company_id) DO NOTHING`,
        [companyIds, targets.orgId],
      );
      return rewriteAllSims(client, companyIds);
    }),
    withClient(targets.baselineDatabaseUrl, (client) => rewriteAllSims(client, companyIds)),
  ]);
  return assigned;
}

/** Copies SIMs from the baseline's COPY table into its `sims` table, as an import would store them. */
export async function baselineSimsFromCopyTable(baselineUrl: string, orgId: string): Promise<number> {
  return withClient(baselineUrl, async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO sims (iccid, org_id, status, imsi, msisdn, import_id)
       SELECT iccid, $1, 'not_available', imsi, msisdn, gen_random_uuid() FROM sims_copy`,
      [orgId],
    );
    await client.query("TRUNCATE sims_copy");
    await client.query("VACUUM ANALYZE sims");
    return rowCount ?? 0;
  });
}

/** Empties the import baselines' COPY targets (sims_copy, sims_like) and checkpoints, so both start alike. */
export async function truncateCopyTables(baselineUrl: string): Promise<void> {
  await withClient(baselineUrl, async (client) => {
    await client.query("TRUNCATE sims_copy, sims_like");
    await client.query("CHECKPOINT");
  });
}

export { withClient };
