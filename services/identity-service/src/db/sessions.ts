// Refresh tokens (one family per login, rotated on every use) and the
// short-lived challenges of the second login step. Only hashes are stored.
import { randomUUID } from "node:crypto";
import type { Knex } from "@simhub/platform";

type Db = Knex | Knex.Transaction;

export interface RefreshTokenRecord {
  id: string;
  familyId: string;
  userId: string;
  familyStartedAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
  revokedAt: Date | null;
}

export async function insertRefreshToken(
  db: Db,
  token: { familyId: string; userId: string; tokenHash: Buffer; familyStartedAt: Date; expiresAt: Date },
): Promise<string> {
  const id = randomUUID();
  await db("refresh_tokens").insert({
    id,
    family_id: token.familyId,
    user_id: token.userId,
    token_hash: token.tokenHash,
    family_started_at: token.familyStartedAt,
    expires_at: token.expiresAt,
  });
  return id;
}

export async function findRefreshTokenForUpdate(
  trx: Knex.Transaction,
  tokenHash: Buffer,
): Promise<RefreshTokenRecord | undefined> {
  const row = await trx("refresh_tokens").where({ token_hash: tokenHash }).forUpdate().first();
  if (!row) return undefined;
  return {
    id: row.id,
    familyId: row.family_id,
    userId: row.user_id,
    familyStartedAt: row.family_started_at,
    expiresAt: row.expires_at,
    usedAt: row.used_at,
    revokedAt: row.revoked_at,
  };
}

export async function markRefreshTokenUsed(trx: Knex.Transaction, id: string) {
  await trx("refresh_tokens").where({ id }).update({ used_at: trx.fn.now() });
}

export async function revokeFamily(db: Db, familyId: string): Promise<number> {
  return db("refresh_tokens")
    .where({ family_id: familyId })
    .whereNull("revoked_at")
    .update({ revoked_at: db.fn.now() });
}

export async function revokeAllForUser(db: Db, userId: string): Promise<number> {
  return db("refresh_tokens")
    .where({ user_id: userId })
    .whereNull("revoked_at")
    .update({ revoked_at: db.fn.now() });
}

export async function insertMfaChallenge(
  db: Db,
  challenge: { userId: string; tokenHash: Buffer; expiresAt: Date },
): Promise<void> {
  await db("mfa_challenges").insert({
    id: randomUUID(),
    user_id: challenge.userId,
    token_hash: challenge.tokenHash,
    expires_at: challenge.expiresAt,
  });
}

/**
 * Takes one attempt from a live challenge, atomically (parallel submissions
 * each take their own): the user id, or undefined when the challenge is
 * unknown, expired, consumed or out of attempts.
 */
export async function takeMfaAttempt(
  db: Db,
  tokenHash: Buffer,
  maxAttempts: number,
): Promise<{ id: string; userId: string } | undefined> {
  const result = await db.raw(
    `UPDATE mfa_challenges SET attempts = attempts + 1
      WHERE token_hash = ? AND consumed_at IS NULL AND expires_at > now() AND attempts < ?
      RETURNING id, user_id`,
    [tokenHash, maxAttempts],
  );
  const row = result.rows[0] as { id: string; user_id: string } | undefined;
  return row ? { id: row.id, userId: row.user_id } : undefined;
}

/** Marks a challenge used; false when another request consumed it first. */
export async function consumeMfaChallenge(db: Db, id: string): Promise<boolean> {
  const updated = await db("mfa_challenges")
    .where({ id })
    .whereNull("consumed_at")
    .update({ consumed_at: db.fn.now() });
  return updated === 1;
}

export async function deleteStaleChallenges(db: Db): Promise<void> {
  await db("mfa_challenges").where("expires_at", "<", db.raw("now() - interval '1 hour'")).delete();
}
