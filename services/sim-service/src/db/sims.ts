// SIM rows: parameterised queries and row ↔ record mapping. Array parameters
// (unnest, ANY) are bound whole, so a batch is one statement, not one per SIM.
import type { Knex } from "@simhub/platform";
import type { SimStatus, SuspensionReason } from "../domain/status.ts";

export interface SimRecord {
  iccid: string;
  orgId: string;
  companyId: string | null;
  endUserId: string | null;
  planId: string | null;
  status: SimStatus;
  statusReason: SuspensionReason | null;
  hasBeenActive: boolean;
  imsi: string | null;
  msisdn: string | null;
  imei: string | null;
  eSim: boolean;
  operatorId: string | null;
  activationCodeHash: Buffer | null;
  importId: string;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

interface SimRow {
  iccid: string;
  org_id: string;
  company_id: string | null;
  end_user_id: string | null;
  plan_id: string | null;
  status: SimStatus;
  status_reason: SuspensionReason | null;
  has_been_active: boolean;
  imsi: string | null;
  msisdn: string | null;
  imei: string | null;
  e_sim: boolean;
  operator_id: string | null;
  activation_code_hash: Buffer | null;
  import_id: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

/**
 * Bindings that include whole arrays (with nulls) for unnest/ANY. knex passes
 * an array bound to a single `?` through as one parameter, which node-postgres
 * sends as a PostgreSQL array; knex's types just do not list arrays with nulls.
 */
function arrayBindings(values: readonly unknown[]): readonly Knex.RawBinding[] {
  return values as readonly Knex.RawBinding[];
}

function toRecord(row: SimRow): SimRecord {
  return {
    iccid: row.iccid,
    orgId: row.org_id,
    companyId: row.company_id,
    endUserId: row.end_user_id,
    planId: row.plan_id,
    status: row.status,
    statusReason: row.status_reason,
    hasBeenActive: row.has_been_active,
    imsi: row.imsi,
    msisdn: row.msisdn,
    imei: row.imei,
    eSim: row.e_sim,
    operatorId: row.operator_id,
    activationCodeHash: row.activation_code_hash,
    importId: row.import_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export async function findSim(db: Knex | Knex.Transaction, iccid: string): Promise<SimRecord | undefined> {
  const row = (await db<SimRow>("sims").where({ iccid }).first()) as SimRow | undefined;
  return row ? toRecord(row) : undefined;
}

/** The fields a command may change; `version` and `updated_at` follow automatically. */
export interface SimChanges {
  companyId?: string | null;
  endUserId?: string | null;
  status?: SimStatus;
  statusReason?: SuspensionReason | null;
  hasBeenActive?: boolean;
}

/**
 * Optimistic update: applies `changes` only if the row still has
 * `expectedVersion`, and returns the new row; undefined means someone else
 * changed the SIM in between (the caller re-reads and decides again).
 */
export async function updateSimIfVersion(
  trx: Knex.Transaction,
  iccid: string,
  expectedVersion: number,
  changes: SimChanges,
): Promise<SimRecord | undefined> {
  const columns: Record<string, unknown> = {};
  if (changes.companyId !== undefined) columns.company_id = changes.companyId;
  if (changes.endUserId !== undefined) columns.end_user_id = changes.endUserId;
  if (changes.status !== undefined) columns.status = changes.status;
  if (changes.statusReason !== undefined) columns.status_reason = changes.statusReason;
  if (changes.hasBeenActive !== undefined) columns.has_been_active = changes.hasBeenActive;
  const rows = (await trx("sims")
    .where({ iccid, version: expectedVersion })
    .update({ ...columns, version: trx.raw("version + 1"), updated_at: trx.fn.now() })
    .returning("*")) as SimRow[];
  return rows[0] ? toRecord(rows[0]) : undefined;
}

/** One validated SIM of an import, ready to store (db/import-batch.ts). */
export interface NewSim {
  iccid: string;
  imsi: string | null;
  msisdn: string | null;
  imei: string | null;
  eSim: boolean;
  operatorId: string | null;
  /** Hex of the activation-code HMAC, or null. */
  activationCodeHashHex: string | null;
  status: SimStatus;
}

/** Which of `iccids` exist, and from which import. */
export async function existingIccids(
  trx: Knex.Transaction,
  iccids: readonly string[],
): Promise<Map<string, string>> {
  if (iccids.length === 0) return new Map();
  const result = await trx.raw<{ rows: { iccid: string; import_id: string }[] }>(
    "SELECT iccid, import_id FROM sims WHERE iccid = ANY(?::text[])",
    arrayBindings([iccids]),
  );
  return new Map(result.rows.map((row) => [row.iccid, row.import_id]));
}

/** Which of `imsis` exist, and from which import. */
export async function existingImsis(
  trx: Knex.Transaction,
  imsis: readonly string[],
): Promise<Map<string, string>> {
  if (imsis.length === 0) return new Map();
  const result = await trx.raw<{ rows: { imsi: string; import_id: string }[] }>(
    "SELECT imsi, import_id FROM sims WHERE imsi = ANY(?::text[])",
    arrayBindings([imsis]),
  );
  return new Map(result.rows.map((row) => [row.imsi, row.import_id]));
}

export interface SimImportRecord {
  id: string;
  orgId: string;
  format: "json" | "csv";
  actorUserId: string;
  actorRole: string;
  imported: number;
  rejected: number;
}

export async function insertImport(trx: Knex.Transaction, record: SimImportRecord): Promise<void> {
  await trx("sim_imports").insert({
    id: record.id,
    org_id: record.orgId,
    format: record.format,
    actor_user_id: record.actorUserId,
    actor_role: record.actorRole,
    imported: record.imported,
    rejected: record.rejected,
  });
}

export async function findImport(
  db: Knex,
  id: string,
): Promise<(SimImportRecord & { createdAt: Date }) | undefined> {
  const row = await db("sim_imports").where({ id }).first();
  if (!row) return undefined;
  return {
    id: row.id,
    orgId: row.org_id,
    format: row.format,
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    imported: row.imported,
    rejected: row.rejected,
    createdAt: row.created_at,
  };
}

export interface SimListFilter {
  orgId?: string;
  companyId?: string;
  endUserId?: string;
  status?: SimStatus;
  planId?: string;
  /** Digits: prefix of the ICCID or of the MSISDN. */
  prefix?: string;
  /** Keyset: only ICCIDs after this one. */
  after?: string;
  limit: number;
}

/** The smallest string greater than every string that starts with `prefix` (byte order, "C" collation). */
function prefixUpperBound(prefix: string): string {
  const last = prefix.charCodeAt(prefix.length - 1);
  return prefix.slice(0, -1) + String.fromCharCode(last + 1);
}

/**
 * One page in ICCID order. Every filter combination has an index whose
 * leading columns are the equality filters followed by iccid (see
 * migrations.ts), so the page is read in order and stops after `limit` rows.
 */
export async function listSims(db: Knex, filter: SimListFilter): Promise<SimRecord[]> {
  const rows = (await listSimsQuery(db, filter)) as SimRow[];
  return rows.map(toRecord);
}

/** The query behind listSims, on its own so tests can EXPLAIN exactly what runs. */
export function listSimsQuery(db: Knex, filter: SimListFilter): Knex.QueryBuilder {
  const query = db("sims").select("*");
  if (filter.orgId) query.where("org_id", filter.orgId);
  if (filter.companyId) query.where("company_id", filter.companyId);
  if (filter.endUserId) query.where("end_user_id", filter.endUserId);
  if (filter.status) query.where("status", filter.status);
  if (filter.planId) query.where("plan_id", filter.planId);
  if (filter.prefix) {
    const low = filter.prefix;
    const high = prefixUpperBound(filter.prefix);
    // Every ICCID starts with 89, so most MSISDN prefixes cannot match one and
    // need only the msisdn index.
    const mayMatchIccid = "89".startsWith(low) || low.startsWith("89");
    if (mayMatchIccid) {
      query.where((where) => {
        where
          .where((iccid) => iccid.where("iccid", ">=", low).andWhere("iccid", "<", high))
          .orWhere((msisdn) => msisdn.where("msisdn", ">=", low).andWhere("msisdn", "<", high));
      });
    } else {
      query.where("msisdn", ">=", low).andWhere("msisdn", "<", high);
    }
  }
  if (filter.after) query.where("iccid", ">", filter.after);
  return query.orderBy("iccid", "asc").limit(filter.limit);
}

export async function countSimsByStatus(
  db: Knex,
  scope: { companyId: string; orgId?: string },
): Promise<Record<string, number>> {
  const query = db("sims").select("status").count({ count: "*" }).where("company_id", scope.companyId);
  if (scope.orgId) query.where("org_id", scope.orgId);
  const rows = (await query.groupBy("status")) as { status: string; count: string }[];
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}
