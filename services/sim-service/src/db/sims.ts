// SIM rows: parameterised queries and row ↔ record mapping. Array parameters
// (unnest, ANY) are bound whole, so a batch is one statement, not one per SIM.
import { type Knex, preparedRaw } from "@simhub/platform";
import { SIM_STATUS_IDS, type SimStatus, type SuspensionReason } from "../domain/status.ts";

export interface SimRecord {
  iccid: string;
  orgId: string;
  companyId: string | null;
  endUserId: string | null;
  planId: string | null;
  /** The company the SIM's plan is offered to; null for an organization-wide plan (or none). */
  planCompanyId: string | null;
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
  /** ISO 8601 (UTC, milliseconds), as PostgreSQL formatted it: no Date round trip. */
  createdAt: string;
  updatedAt: string;
}

export interface SimRow {
  iccid: string;
  org_id: string;
  company_id: string | null;
  end_user_id: string | null;
  plan_id: string | null;
  plan_company_id: string | null;
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
  created_at: string;
  updated_at: string;
}

const isoTimestamp = (column: string) =>
  `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** Every column of a SIM row, timestamps already as ISO 8601 text. */
export function simColumns(alias: string): string {
  const a = `${alias}.`;
  return `${a}iccid, ${a}org_id, ${a}company_id, ${a}end_user_id, ${a}plan_id, ${a}plan_company_id, ${a}status,
          ${a}status_reason, ${a}has_been_active, ${a}imsi, ${a}msisdn, ${a}imei, ${a}e_sim,
          ${a}operator_id, ${a}activation_code_hash, ${a}import_id, ${a}version,
          ${isoTimestamp(`${a}created_at`)} AS created_at, ${isoTimestamp(`${a}updated_at`)} AS updated_at`;
}

/**
 * Bindings that include whole arrays (with nulls) for unnest/ANY. knex passes
 * an array bound to a single `?` through as one parameter, which node-postgres
 * sends as a PostgreSQL array; knex's types just do not list arrays with nulls.
 */
function arrayBindings(values: readonly unknown[]): readonly Knex.RawBinding[] {
  return values as readonly Knex.RawBinding[];
}

export function toRecord(row: SimRow): SimRecord {
  return {
    iccid: row.iccid,
    orgId: row.org_id,
    companyId: row.company_id,
    endUserId: row.end_user_id,
    planId: row.plan_id,
    planCompanyId: row.plan_company_id,
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

const findSimSql = `SELECT ${simColumns("s")} FROM sims s WHERE s.iccid = ?`;

export async function findSim(db: Knex | Knex.Transaction, iccid: string): Promise<SimRecord | undefined> {
  const result = await preparedRaw<{ rows: SimRow[] }>(db, findSimSql, [iccid]);
  const row = result.rows[0];
  return row ? toRecord(row) : undefined;
}

/** The SIMs of `iccids` that exist, in one query. */
export async function findSimsByIccid(db: Knex, iccids: readonly string[]): Promise<SimRecord[]> {
  if (iccids.length === 0) return [];
  const result = await db.raw<{ rows: SimRow[] }>(
    `SELECT ${simColumns("s")} FROM sims s WHERE s.iccid = ANY(?::text[])`,
    [[...iccids]],
  );
  return result.rows.map(toRecord);
}

/** The company's entry in the chain replica, read with the SIM it is to receive. */
export interface ReplicaCompany {
  orgId: string;
  archived: boolean;
  /** Null when the organization is not in the replica yet. */
  orgStatus: string | null;
}

const findSimWithCompanySql = `
  SELECT ${simColumns("s")}, c.org_id AS chain_org_id, c.archived AS chain_archived, o.status AS chain_org_status
    FROM sims s
    LEFT JOIN chain_companies c ON c.company_id = ?
    LEFT JOIN chain_organizations o ON o.org_id = c.org_id
   WHERE s.iccid = ?`;

/** The SIM and, in the same round trip, what the chain replica knows of `companyId`. */
export async function findSimWithCompany(
  db: Knex,
  iccid: string,
  companyId: string,
): Promise<{ sim: SimRecord; company: ReplicaCompany | undefined } | undefined> {
  const result = await preparedRaw<{
    rows: (SimRow & {
      chain_org_id: string | null;
      chain_archived: boolean;
      chain_org_status: string | null;
    })[];
  }>(db, findSimWithCompanySql, [companyId, iccid]);
  const row = result.rows[0];
  if (!row) return undefined;
  return {
    sim: toRecord(row),
    company:
      row.chain_org_id === null
        ? undefined
        : { orgId: row.chain_org_id, archived: row.chain_archived, orgStatus: row.chain_org_status },
  };
}

/** The fields a command may change; `version` and `updated_at` follow automatically. */
export interface SimChanges {
  companyId?: string | null;
  endUserId?: string | null;
  status?: SimStatus;
  statusReason?: SuspensionReason | null;
  hasBeenActive?: boolean;
  /** Takes the SIM's plan away (a plan offered to the company the SIM leaves). */
  removePlan?: true;
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

interface SimImportRecord {
  id: string;
  orgId: string;
  format: "json" | "csv";
  actorUserId: string;
  actorRole: string;
  imported: number;
  rejected: number;
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
  // One prepared statement per combination of filters (a few dozen at most).
  const { sql, bindings } = listSimsQuery(db, filter).toSQL();
  const result = await preparedRaw<{ rows: SimRow[] }>(db, sql, bindings);
  return result.rows.map(toRecord);
}

/**
 * One page as the REST API's JSON array (API.md, "Sim"), built by
 * PostgreSQL: the rows are never parsed into objects on the way to the
 * client. `limit` + 1 rows are read to know whether a page follows; `last`
 * is the ICCID the next page starts after. `hidePlan` leaves planId null
 * (end users are not shown plans).
 */
export async function listSimsJson(
  db: Knex,
  filter: SimListFilter,
  options: { hidePlan: boolean },
): Promise<{ itemsJson: string; more: boolean; last: string | null }> {
  const page = listSimsQuery(db, { ...filter, limit: filter.limit + 1 }, "sims.*").toSQL();
  const sql = `WITH page AS (${page.sql}),
    numbered AS (SELECT page.*, row_number() OVER (ORDER BY iccid) AS n FROM page)
    SELECT '[' || coalesce(string_agg(${options.hidePlan ? simJsonWithoutPlan : simJson}, ',' ORDER BY iccid)
                             FILTER (WHERE n <= ?), '') || ']' AS items_json,
           count(*) > ? AS more,
           max(iccid) FILTER (WHERE n <= ?) AS last
      FROM numbered`;
  const limit = filter.limit;
  const { rows } = await preparedRaw<{ rows: { items_json: string; more: boolean; last: string | null }[] }>(
    db,
    sql,
    [...page.bindings, limit, limit, limit],
  );
  const row = rows[0]!;
  return { itemsJson: row.items_json, more: row.more, last: row.last };
}

/**
 * A SIM row as the REST API's JSON object, written by concatenation: keys
 * in API.md's order, compact as JSON.stringify writes it. Concatenation
 * costs PostgreSQL less than half of what row_to_json or json_build_object
 * cost for the same page (docs/performance.md, "The list's JSON"), because
 * no value goes through a JSON escaper. That is safe only because no value
 * needs one: uuids, integers, booleans, the status columns (CHECK
 * constraints), and ICCID, IMSI, MSISDN and IMEI, which every write path
 * accepts as ASCII digits only (domain/identifiers.ts, the import's fast
 * path, the SimImeiChanged contract). A column that could hold free text
 * must go through to_json here.
 */
function simJsonExpression(options: { hidePlan: boolean }): string {
  const quoted = (column: string) => `'"' || ${column} || '"'`;
  const nullable = (column: string) => `coalesce('"' || ${column} || '"', 'null')`;
  const timestamp = (column: string) => `'"' || ${isoTimestamp(column)} || '"'`;
  const statusId = `CASE status ${Object.entries(SIM_STATUS_IDS)
    .map(([status, id]) => `WHEN '${status}' THEN '${id}'`)
    .join(" ")} END`;
  const fields: [key: string, value: string][] = [
    ["iccid", quoted("iccid")],
    ["orgId", quoted("org_id")],
    ["companyId", nullable("company_id")],
    ["endUserId", nullable("end_user_id")],
    ["planId", options.hidePlan ? "'null'" : nullable("plan_id")],
    ["status", quoted("status")],
    ["statusId", statusId],
    ["statusReason", nullable("status_reason")],
    ["imsi", nullable("imsi")],
    ["msisdn", nullable("msisdn")],
    ["imei", nullable("imei")],
    ["eSim", "e_sim::text"],
    ["operatorId", nullable("operator_id")],
    ["importId", quoted("import_id")],
    ["version", "version::text"],
    ["createdAt", timestamp("created_at")],
    ["updatedAt", timestamp("updated_at")],
  ];
  return fields
    .map(([key, value], index) => `'${index === 0 ? "{" : ","}"${key}":' || ${value}`)
    .concat(`'}'`)
    .join(" || ");
}

const simJson = simJsonExpression({ hidePlan: false });
const simJsonWithoutPlan = simJsonExpression({ hidePlan: true });

/** The query behind listSims, on its own so tests can EXPLAIN exactly what runs. */
export function listSimsQuery(
  db: Knex,
  filter: SimListFilter,
  columns = simColumns("sims"),
): Knex.QueryBuilder {
  const query = db("sims").select(db.raw(columns));
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
