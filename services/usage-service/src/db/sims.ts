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

/** What a batch's events are decided from: a SIM's owner, whether it was used, its device. */
export interface LockedSim {
  orgId: string;
  companyId: string | null;
  neverUsed: boolean;
  imei: string | null;
  /** When the device was last reported, in microseconds since the epoch (exact as a number). */
  imeiSeenUs: number | null;
}

/**
 * The SIMs' rows locked until the transaction ends, in ICCID order (so two
 * batches of the same SIMs queue instead of deadlocking), as they are now:
 * what the batch's events compare against. Times come as numbers: parsing
 * three timestamps into Dates for each of 10,000 SIMs cost more than the
 * rest of reading them.
 */
export async function lockSims(
  trx: Knex.Transaction,
  iccids: readonly string[],
): Promise<Map<string, LockedSim>> {
  const result = await trx.raw<{
    rows: {
      iccid: string;
      org_id: string;
      company_id: string | null;
      never_used: boolean;
      imei: string | null;
      imei_seen_us: number | null;
    }[];
  }>(
    `SELECT iccid, org_id, company_id, first_used_at IS NULL AS never_used, imei,
            (extract(epoch FROM imei_seen_at) * 1000000)::float8 AS imei_seen_us
       FROM usage_sims WHERE iccid = ANY(?::text[]) ORDER BY iccid FOR UPDATE`,
    [[...iccids]],
  );
  const locked = new Map<string, LockedSim>();
  for (const row of result.rows) {
    locked.set(row.iccid, {
      orgId: row.org_id,
      companyId: row.company_id,
      neverUsed: row.never_used,
      imei: row.imei,
      imeiSeenUs: row.imei_seen_us,
    });
  }
  return locked;
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
 * The columns sim-service's events change: each with its type and the
 * column holding the time of the fact it holds (events of different kinds
 * may arrive out of order; an older fact of one kind must not be mistaken
 * for stale because a newer fact of another kind came first).
 */
const knownSimColumns = {
  company_id: { type: "uuid", asOf: "company_as_of" },
  end_user_id: { type: "uuid", asOf: "end_user_as_of" },
  status: { type: "text", asOf: "status_as_of" },
} as const;
export type KnownSimColumn = keyof typeof knownSimColumns;

export interface KnownSimChange {
  iccid: string;
  /** When sim-service made the change (its event's time). */
  at: string;
  /** One value per column of the call, in its order. */
  values: (string | null)[];
}

/**
 * Applies changes sim-service announced, each at its time, to SIMs this
 * service knows (one it has not met is looked up when met): a column takes
 * a change unless what it holds is newer. One statement for many changes
 * of the same columns. Of a SIM's changes the latest counts (of equal
 * times, the later in the list), which is what applying them one by one in
 * order leaves.
 */
export async function updateKnownSims(
  trx: Knex.Transaction,
  columns: readonly KnownSimColumn[],
  changes: readonly KnownSimChange[],
): Promise<void> {
  if (changes.length === 0) return;
  // Column names and types come from the fixed table above, never from input.
  const arrays = columns.map((column) => `?::${knownSimColumns[column].type}[]`).join(", ");
  const set = columns
    .map((column) => {
      const asOf = knownSimColumns[column].asOf;
      return `${column} = CASE WHEN s.${asOf} <= c.at THEN c.${column} ELSE s.${column} END, ${asOf} = GREATEST(s.${asOf}, c.at)`;
    })
    .join(", ");
  const newer = columns.map((column) => `s.${knownSimColumns[column].asOf} <= c.at`).join(" OR ");
  await trx.raw(
    `WITH c AS (
       SELECT DISTINCT ON (iccid) *
         FROM unnest(?::text[], ?::timestamptz[], ${arrays}) WITH ORDINALITY AS c(iccid, at, ${columns.join(", ")}, ord)
        ORDER BY iccid, at DESC, ord DESC
     )
     UPDATE usage_sims s SET ${set}, updated_at = now()
       FROM c WHERE s.iccid = c.iccid AND (${newer})`,
    [
      changes.map((change) => change.iccid),
      changes.map((change) => change.at),
      ...columns.map((_, index) => changes.map((change) => change.values[index] ?? null)),
    ] as Knex.RawBinding[],
  );
}
