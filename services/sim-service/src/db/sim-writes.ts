// Writing SIM changes: each change with its history row and its events in
// one statement (one round trip, no BEGIN/COMMIT), guarded by the version
// the decision saw (or, for an assignment decided without reading the SIM,
// by the state it needs) and, for assignments, by the company's
// chain-replica row locked FOR SHARE in the same statement (chain-replica.ts
// says why).
//
// Group commit: changes that reach the process while a statement is in
// flight wait for it and then go together, in one statement and one commit
// (SimWriteBatcher). Nothing waits for a timer: a change that finds the way
// clear is written at once. Each caller still gets its own outcome; when a
// batch fails as a whole (a constraint of one row, a deadlock), its changes
// are written again one by one, so each caller gets its own error.
import { type Knex, liveCompanyCte, type NewOutboxRow, outboxInsertSql, preparedRaw } from "@simhub/platform";
import type { NewHistoryEntry } from "./history.ts";
import { type SimChanges, type SimRecord, type SimRow, simColumns, toRecord } from "./sims.ts";

/**
 * What the row must still be for the change to apply: the version the change
 * was decided on, or, for an assignment decided without reading the SIM
 * (app/assign-sims.ts), free in that organization and not archived.
 */
export type SimChangeGuard = { version: number } | { freeInOrg: string };

export interface SimChangeWrite {
  iccid: string;
  guard: SimChangeGuard;
  changes: SimChanges;
  history: NewHistoryEntry;
  outbox: readonly NewOutboxRow[];
  /** The change needs this company to be live in the chain replica when it commits (assignments). */
  liveCompany?: { companyId: string; orgId: string };
}

export type SimChangeOutcome =
  | { kind: "written"; sim: SimRecord }
  /** The row is no longer what the guard asks (someone else changed the SIM since it was read): decide again. */
  | { kind: "stale" }
  /** The company (or its organization) is not live in the replica: nothing was written. */
  | { kind: "company_not_live" };

/** The `freeInOrg` guard: the SIM row `row` is in organization `org`, without a company, not archived. */
const freeIn = (row: string, org: string) =>
  `${row}.org_id = ${org} AND ${row}.company_id IS NULL AND ${row}.status <> 'archived'`;

const changeColumns: [Exclude<keyof SimChanges, "removePlan">, string][] = [
  ["companyId", "company_id"],
  ["endUserId", "end_user_id"],
  ["status", "status"],
  ["statusReason", "status_reason"],
  ["hasBeenActive", "has_been_active"],
];

/** One change in its own statement; history and outbox rows only when the update happened. */
async function writeSimChange(db: Knex, write: SimChangeWrite): Promise<SimChangeOutcome> {
  const bindings: unknown[] = [];
  const ctes: string[] = [];
  if (write.liveCompany) {
    ctes.push(`live AS (${liveCompanyCte("?::uuid", "?::uuid")})`);
    bindings.push(write.liveCompany.companyId, write.liveCompany.orgId);
  }
  const sets: string[] = [];
  for (const [field, column] of changeColumns) {
    if (write.changes[field] === undefined) continue;
    sets.push(`${column} = ?`);
    bindings.push(write.changes[field]);
  }
  if (write.changes.removePlan) sets.push("plan_id = NULL, plan_type = NULL, plan_company_id = NULL");
  const [guard, guardValue] =
    "version" in write.guard
      ? ["s.version = ?", write.guard.version]
      : [freeIn("s", "?"), write.guard.freeInOrg];
  ctes.push(`updated AS (
      UPDATE sims s SET ${sets.join(", ")}, version = s.version + 1, updated_at = now()
       WHERE s.iccid = ? AND ${guard}${write.liveCompany ? " AND EXISTS (SELECT 1 FROM live)" : ""}
   RETURNING ${simColumns("s")})`);
  bindings.push(write.iccid, guardValue);
  ctes.push(`history AS (
      INSERT INTO sim_history (iccid, kind, actor_user_id, actor_role, before, after)
      SELECT iccid, ?, ?, ?, ?::jsonb, ?::jsonb FROM updated)`);
  const entry = write.history;
  bindings.push(
    entry.kind,
    entry.actorUserId,
    entry.actorRole,
    JSON.stringify(entry.before),
    JSON.stringify(entry.after),
  );
  if (write.outbox.length > 0) {
    const outbox = outboxInsertSql(write.outbox, "EXISTS (SELECT 1 FROM updated)");
    ctes.push(`events AS (${outbox.sql})`);
    bindings.push(...outbox.bindings);
  }
  const liveFlag = write.liveCompany ? "EXISTS (SELECT 1 FROM live)" : "true";
  const sql = `WITH ${ctes.join(",\n")}
    SELECT ${liveFlag} AS company_live, u.* FROM (SELECT 1) AS one LEFT JOIN updated u ON true`;
  const result = await preparedRaw<{ rows: (SimRow & { company_live: boolean })[] }>(db, sql, bindings);
  const row = result.rows[0]!;
  if (row.iccid !== null) return { kind: "written", sim: toRecord(row) };
  return row.company_live ? { kind: "stale" } : { kind: "company_not_live" };
}

/** The changes in one statement, each with its own guard; one outcome per change, in order. */
async function writeSimChanges(db: Knex, writes: readonly SimChangeWrite[]): Promise<SimChangeOutcome[]> {
  const column = <T>(pick: (write: SimChangeWrite, n: number) => T) =>
    writes.map((write, n) => pick(write, n));
  type Field = Exclude<keyof SimChanges, "removePlan">;
  const set = (field: Field) => column((write) => write.changes[field] !== undefined);
  const value = (field: Field) => column((write) => write.changes[field] ?? null);
  const events = writes.flatMap((write, n) => write.outbox.map((row) => ({ n, row })));
  const result = await preparedRaw<{
    rows: (SimRow & { n: number; company_live: boolean; written: number | null })[];
  }>(db, batchedWriteSql, [
    column((_write, n) => n),
    column((write) => write.iccid),
    column((write) => ("version" in write.guard ? write.guard.version : null)),
    column((write) => ("freeInOrg" in write.guard ? write.guard.freeInOrg : null)),
    set("companyId"),
    value("companyId"),
    set("endUserId"),
    value("endUserId"),
    set("status"),
    value("status"),
    set("statusReason"),
    value("statusReason"),
    set("hasBeenActive"),
    value("hasBeenActive"),
    column((write) => write.changes.removePlan === true),
    column((write) => write.liveCompany?.companyId ?? null),
    column((write) => write.liveCompany?.orgId ?? null),
    column((write) => write.history.kind),
    column((write) => write.history.actorUserId),
    column((write) => write.history.actorRole),
    column((write) => JSON.stringify(write.history.before)),
    column((write) => JSON.stringify(write.history.after)),
    events.map((event) => event.n),
    events.map((event) => event.row.event_id),
    events.map((event) => event.row.subject),
    events.map((event) => event.row.type),
    events.map((event) => event.row.payload),
    events.map((event) => event.row.headers),
  ]);
  const outcomes: SimChangeOutcome[] = new Array(writes.length);
  for (const row of result.rows) {
    outcomes[row.n] =
      row.written !== null
        ? { kind: "written", sim: toRecord(row) }
        : row.company_live
          ? { kind: "stale" }
          : { kind: "company_not_live" };
  }
  return outcomes;
}

const liveFor = (alias: string) =>
  `(${alias}.live_company IS NULL OR EXISTS (SELECT 1 FROM live l WHERE l.company_id = ${alias}.live_company AND l.org_id = ${alias}.live_org))`;

const batchedWriteSql = `
  WITH input AS (
    SELECT * FROM unnest(?::int[], ?::text[], ?::int[], ?::uuid[], ?::bool[], ?::uuid[], ?::bool[], ?::uuid[],
                         ?::bool[], ?::text[], ?::bool[], ?::text[], ?::bool[], ?::bool[], ?::bool[],
                         ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::jsonb[], ?::jsonb[])
      AS i(n, iccid, version, free_in_org, set_company, company_id, set_end_user, end_user_id,
           set_status, status, set_reason, status_reason, set_active, has_been_active, remove_plan,
           live_company, live_org, kind, actor_user_id, actor_role, before, after)
  ),
  live AS (
    SELECT c.company_id, c.org_id
      FROM chain_companies c
      JOIN chain_organizations o ON o.org_id = c.org_id
     WHERE (c.company_id, c.org_id) IN (SELECT live_company, live_org FROM input WHERE live_company IS NOT NULL)
       AND NOT c.archived AND o.status = 'active'
       FOR SHARE OF c
  ),
  updated AS (
    UPDATE sims s SET
      company_id = CASE WHEN i.set_company THEN i.company_id ELSE s.company_id END,
      end_user_id = CASE WHEN i.set_end_user THEN i.end_user_id ELSE s.end_user_id END,
      status = CASE WHEN i.set_status THEN i.status ELSE s.status END,
      status_reason = CASE WHEN i.set_reason THEN i.status_reason ELSE s.status_reason END,
      has_been_active = CASE WHEN i.set_active THEN i.has_been_active ELSE s.has_been_active END,
      plan_id = CASE WHEN i.remove_plan THEN NULL ELSE s.plan_id END,
      plan_type = CASE WHEN i.remove_plan THEN NULL ELSE s.plan_type END,
      plan_company_id = CASE WHEN i.remove_plan THEN NULL ELSE s.plan_company_id END,
      version = s.version + 1,
      updated_at = now()
      FROM input i
     WHERE s.iccid = i.iccid
       AND (s.version = i.version OR (i.free_in_org IS NOT NULL AND ${freeIn("s", "i.free_in_org")}))
       AND ${liveFor("i")}
    RETURNING i.n AS written, ${simColumns("s")}
  ),
  history AS (
    INSERT INTO sim_history (iccid, kind, actor_user_id, actor_role, before, after)
    SELECT i.iccid, i.kind, i.actor_user_id, i.actor_role, i.before, i.after
      FROM input i JOIN updated u ON u.written = i.n
     ORDER BY i.n
  ),
  events AS (
    INSERT INTO outbox (event_id, subject, type, payload, headers)
    SELECT e.event_id, e.subject, e.type, e.payload, e.headers
      FROM unnest(?::int[], ?::uuid[], ?::text[], ?::text[], ?::jsonb[], ?::jsonb[]) WITH ORDINALITY
           AS e(n, event_id, subject, type, payload, headers, position)
      JOIN updated u ON u.written = e.n
     ORDER BY e.position
  )
  SELECT i.n, ${liveFor("i")} AS company_live, u.*
    FROM input i LEFT JOIN updated u ON u.written = i.n`;

interface Queued {
  write: SimChangeWrite;
  resolve: (outcome: SimChangeOutcome) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit of SIM changes (see the top of this file). `maxBatch` 1
 * writes every change in a statement of its own.
 */
export class SimWriteBatcher {
  private readonly db: Knex;
  private readonly maxBatch: number;
  private readonly maxInFlight: number;
  private queue: Queued[] = [];
  private inFlight = 0;

  constructor(db: Knex, options: { maxBatch: number; maxInFlight: number }) {
    this.db = db;
    this.maxBatch = options.maxBatch;
    this.maxInFlight = options.maxInFlight;
  }

  write(write: SimChangeWrite): Promise<SimChangeOutcome> {
    if (this.maxBatch <= 1) return writeSimChange(this.db, write);
    return new Promise((resolve, reject) => {
      this.queue.push({ write, resolve, reject });
      this.pump();
    });
  }

  private pump(): void {
    while (this.inFlight < this.maxInFlight && this.queue.length > 0) {
      // Two changes of one SIM never share a statement: the second is decided
      // on a version the first may change, and goes in the next one.
      const batch: Queued[] = [];
      const rest: Queued[] = [];
      const iccids = new Set<string>();
      for (const queued of this.queue) {
        if (batch.length < this.maxBatch && !iccids.has(queued.write.iccid)) {
          batch.push(queued);
          iccids.add(queued.write.iccid);
        } else rest.push(queued);
      }
      this.queue = rest;
      this.inFlight++;
      this.flush(batch).finally(() => {
        this.inFlight--;
        this.pump();
      });
    }
  }

  private async flush(batch: Queued[]): Promise<void> {
    if (batch.length === 1) {
      const [only] = batch;
      await writeSimChange(this.db, only!.write).then(only!.resolve, only!.reject);
      return;
    }
    let outcomes: SimChangeOutcome[];
    try {
      outcomes = await writeSimChanges(
        this.db,
        batch.map((queued) => queued.write),
      );
    } catch {
      // One change's failure must not become everyone's: each alone, with its own answer.
      await Promise.all(
        batch.map((queued) => writeSimChange(this.db, queued.write).then(queued.resolve, queued.reject)),
      );
      return;
    }
    for (const [index, queued] of batch.entries()) queued.resolve(outcomes[index]!);
  }
}
