// Counters of wrong activation codes per organization, one row each, in
// fixed windows. Each statement is one atomic upsert, so parallel attempts
// never lose a count.
import type { Knex } from "@simhub/platform";

/** Counts one attempt in the current window (a stale window starts over); returns the count and the window's end. */
export async function countActivationAttempt(
  db: Knex,
  orgId: string,
  windowSeconds: number,
): Promise<{ attempts: number; windowEndsAt: Date }> {
  const { rows } = await db.raw(
    `INSERT INTO activation_failures AS f (org_id, window_start, failures)
     VALUES (?, now(), 1)
     ON CONFLICT (org_id) DO UPDATE SET
       window_start = CASE WHEN f.window_start <= now() - make_interval(secs => ?) THEN now() ELSE f.window_start END,
       failures = CASE WHEN f.window_start <= now() - make_interval(secs => ?) THEN 1 ELSE f.failures + 1 END
     RETURNING failures, window_start + make_interval(secs => ?) AS window_ends_at`,
    [orgId, windowSeconds, windowSeconds, windowSeconds],
  );
  const row = rows[0] as { failures: number; window_ends_at: Date };
  return { attempts: row.failures, windowEndsAt: row.window_ends_at };
}

/** A right code gives its counted attempt back. */
export async function giveBackActivationAttempt(db: Knex, orgId: string): Promise<void> {
  await db.raw(`UPDATE activation_failures SET failures = greatest(failures - 1, 0) WHERE org_id = ?`, [
    orgId,
  ]);
}
