// The SIM's history: one row per assignment (company, end user, plan) or status change, with who did it
// and the changed fields before and after.
import { type Knex, type NewOutboxRow, outboxInsertSql } from "@simhub/platform";

type HistoryKind =
  | "imported"
  | "assigned"
  | "unassigned"
  | "end_user_assigned"
  | "end_user_unassigned"
  | "status_changed"
  | "plan_assigned";

export interface HistoryEntry {
  id: string;
  iccid: string;
  kind: HistoryKind;
  actorUserId: string;
  actorRole: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  createdAt: Date;
}

export type NewHistoryEntry = Omit<HistoryEntry, "id" | "createdAt">;

export async function insertHistory(
  trx: Knex.Transaction,
  entries: readonly NewHistoryEntry[],
): Promise<void> {
  if (entries.length === 0) return;
  await trx("sim_history").insert(
    entries.map((entry) => ({
      iccid: entry.iccid,
      kind: entry.kind,
      actor_user_id: entry.actorUserId,
      actor_role: entry.actorRole,
      before: JSON.stringify(entry.before),
      after: JSON.stringify(entry.after),
    })),
  );
}

/** History rows of changes the platform made by itself (actor `system`), and their events, in one statement. */
export async function insertSystemHistory(
  trx: Knex.Transaction,
  history: { iccid: string; kind: string; before: object; after: object }[],
  outbox: readonly NewOutboxRow[],
): Promise<void> {
  const events = outboxInsertSql(outbox);
  await trx.raw(
    `WITH history AS (
       INSERT INTO sim_history (iccid, kind, actor_user_id, actor_role, before, after)
       SELECT h.iccid, h.kind, ?, ?, h.before, h.after
         FROM unnest(?::text[], ?::text[], ?::jsonb[], ?::jsonb[]) AS h(iccid, kind, before, after)
     )
     ${events.sql}`,
    [
      "system",
      "system",
      history.map((entry) => entry.iccid),
      history.map((entry) => entry.kind),
      history.map((entry) => JSON.stringify(entry.before)),
      history.map((entry) => JSON.stringify(entry.after)),
      ...events.bindings,
    ] as Knex.RawBinding[],
  );
}

/** The entries that open and close a company's or an end user's time with the SIM, oldest first. */
export async function listTenureBoundaries(db: Knex, iccid: string, kinds: readonly string[]) {
  const rows = await db("sim_history")
    .where({ iccid })
    .whereIn("kind", kinds)
    .orderBy("id", "asc")
    .select("id", "kind", "after");
  return rows.map((row: { id: string | number; kind: string; after: Record<string, unknown> }) => ({
    id: String(row.id),
    kind: row.kind,
    after: row.after,
  }));
}

/** Oldest first, keyset by id; with `windows`, only the entries inside them (none when empty). */
export async function listHistory(
  db: Knex,
  iccid: string,
  afterId: string | undefined,
  limit: number,
  windows?: readonly { fromId: string; toId: string | null }[],
): Promise<HistoryEntry[]> {
  if (windows?.length === 0) return [];
  const query = db("sim_history").where({ iccid });
  if (afterId !== undefined) query.where("id", ">", afterId);
  if (windows) {
    query.where((inside) => {
      for (const window of windows) {
        inside.orWhere((one) => {
          one.where("id", ">=", window.fromId);
          if (window.toId !== null) one.where("id", "<=", window.toId);
        });
      }
    });
  }
  const rows = await query.orderBy("id", "asc").limit(limit);
  return rows.map((row) => ({
    id: String(row.id),
    iccid: row.iccid,
    kind: row.kind,
    actorUserId: row.actor_user_id,
    actorRole: row.actor_role,
    before: row.before,
    after: row.after,
    createdAt: row.created_at,
  }));
}
