// Brute-force counters in PostgreSQL, so every replica sees the same ones.
// Rows are read FOR UPDATE in key order (no deadlocks between attempts that
// share keys); the decisions themselves are the pure functions in
// domain/throttle.ts.
import type { Knex } from "@simhub/platform";
import type { ThrottleState } from "../domain/throttle.ts";

export async function lockThrottleRows(
  trx: Knex.Transaction,
  keys: string[],
): Promise<Map<string, ThrottleState>> {
  const sorted = [...new Set(keys)].sort();
  if (sorted.length === 0) return new Map();
  await trx.raw(
    `INSERT INTO login_throttle (key) SELECT unnest(?::text[]) ORDER BY 1 ON CONFLICT (key) DO NOTHING`,
    [sorted],
  );
  const rows = await trx("login_throttle").whereIn("key", sorted).orderBy("key").forUpdate();
  return new Map(
    rows.map(
      (row: { key: string; failures: number; last_failure_at: Date | null; locked_until: Date | null }) => [
        row.key,
        { failures: row.failures, lastFailureAt: row.last_failure_at, lockedUntil: row.locked_until },
      ],
    ),
  );
}

export async function saveThrottleState(trx: Knex.Transaction, key: string, state: ThrottleState) {
  await trx("login_throttle").where({ key }).update({
    failures: state.failures,
    last_failure_at: state.lastFailureAt,
    locked_until: state.lockedUntil,
  });
}

/** Forgets counters that decayed and are not locked (keeps the table small). */
export async function pruneThrottle(db: Knex, decaySeconds: number) {
  await db.raw(
    `DELETE FROM login_throttle
      WHERE (last_failure_at IS NULL OR last_failure_at < now() - make_interval(secs => ?))
        AND (locked_until IS NULL OR locked_until < now())`,
    [decaySeconds],
  );
}
