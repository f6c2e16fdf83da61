// usage_sims: the SIMs usage-service has met, as sim-service told it (a
// lookup on first sight, its events after that).
import type { Knex } from "@simhub/platform";

export interface KnownSim {
  iccid: string;
  orgId: string;
  companyId: string | null;
  endUserId: string | null;
}

export interface SimUsageState extends KnownSim {
  imei: string | null;
  imeiSeenAt: Date | null;
  firstUsedAt: Date | null;
  lastUsedAt: Date | null;
}

interface SimRow {
  iccid: string;
  org_id: string;
  company_id: string | null;
  end_user_id: string | null;
  imei: string | null;
  imei_seen_at: Date | null;
  first_used_at: Date | null;
  last_used_at: Date | null;
}

function toState(row: SimRow): SimUsageState {
  return {
    iccid: row.iccid,
    orgId: row.org_id,
    companyId: row.company_id,
    endUserId: row.end_user_id,
    imei: row.imei,
    imeiSeenAt: row.imei_seen_at,
    firstUsedAt: row.first_used_at,
    lastUsedAt: row.last_used_at,
  };
}

const columns = "iccid, org_id, company_id, end_user_id, imei, imei_seen_at, first_used_at, last_used_at";

export async function findKnownSims(db: Knex, iccids: readonly string[]): Promise<Map<string, KnownSim>> {
  const result = await db.raw<{ rows: SimRow[] }>(
    `SELECT ${columns} FROM usage_sims WHERE iccid = ANY(?::text[])`,
    [[...iccids]],
  );
  return new Map(result.rows.map((row) => [row.iccid, toState(row)]));
}

export async function findSimState(db: Knex, iccid: string): Promise<SimUsageState | undefined> {
  const result = await db.raw<{ rows: SimRow[] }>(`SELECT ${columns} FROM usage_sims WHERE iccid = ?`, [
    iccid,
  ]);
  const row = result.rows[0];
  return row ? toState(row) : undefined;
}

/**
 * The SIMs' rows locked until the transaction ends, in ICCID order (so two
 * batches of the same SIMs queue instead of deadlocking), as they are now:
 * what the batch's events compare against.
 */
export async function lockSims(
  trx: Knex.Transaction,
  iccids: readonly string[],
): Promise<Map<string, SimUsageState>> {
  const result = await trx.raw<{ rows: SimRow[] }>(
    `SELECT ${columns} FROM usage_sims WHERE iccid = ANY(?::text[]) ORDER BY iccid FOR UPDATE`,
    [[...iccids]],
  );
  return new Map(result.rows.map((row) => [row.iccid, toState(row)]));
}

export interface LookedUpSim {
  iccid: string;
  orgId: string;
  companyId: string | null;
  endUserId: string | null;
  status: string;
  imei: string | null;
}

/** What sim-service answered; a row its events wrote meanwhile is newer and kept. */
export async function rememberSims(db: Knex, sims: readonly LookedUpSim[]): Promise<void> {
  if (sims.length === 0) return;
  await db.raw(
    `INSERT INTO usage_sims (iccid, org_id, company_id, end_user_id, status, imei)
     SELECT * FROM unnest(?::text[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[])
     ON CONFLICT (iccid) DO NOTHING`,
    [
      sims.map((sim) => sim.iccid),
      sims.map((sim) => sim.orgId),
      sims.map((sim) => sim.companyId),
      sims.map((sim) => sim.endUserId),
      sims.map((sim) => sim.status),
      sims.map((sim) => sim.imei),
    ] as Knex.RawBinding[],
  );
}

/**
 * Applies a change sim-service announced at `at` to a SIM this service
 * knows (one it has not met is looked up when met), unless what it knows is
 * newer.
 */
export async function updateKnownSim(
  trx: Knex.Transaction,
  iccid: string,
  at: string,
  changes: Partial<{ company_id: string | null; end_user_id: string | null; status: string }>,
): Promise<void> {
  await trx("usage_sims")
    .where({ iccid })
    .andWhere("known_as_of", "<=", at)
    .update({ ...changes, known_as_of: at, updated_at: trx.fn.now() });
}
