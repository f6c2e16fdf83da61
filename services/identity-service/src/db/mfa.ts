// TOTP state and recovery codes per user.
import type { Knex } from "@simhub/platform";

type Db = Knex | Knex.Transaction;

export interface MfaRecord {
  enabled: boolean;
  secretSealed: string | null;
  pendingSecretSealed: string | null;
  lastUsedStep: number | null;
}

export async function findMfa(db: Db, userId: string): Promise<MfaRecord | undefined> {
  const row = await db("user_mfa").where({ user_id: userId }).first();
  if (!row) return undefined;
  return {
    enabled: row.enabled,
    secretSealed: row.secret_sealed,
    pendingSecretSealed: row.pending_secret_sealed,
    lastUsedStep: row.last_used_step === null ? null : Number(row.last_used_step),
  };
}

/** Starts (or restarts) an enrolment: a pending secret and a fresh set of pending recovery codes. */
export async function savePendingEnrolment(
  trx: Knex.Transaction,
  userId: string,
  pendingSecretSealed: string,
  recoveryCodeHashes: Buffer[],
) {
  await trx.raw(
    `INSERT INTO user_mfa (user_id, pending_secret_sealed) VALUES (?, ?)
     ON CONFLICT (user_id) DO UPDATE SET pending_secret_sealed = EXCLUDED.pending_secret_sealed, updated_at = now()`,
    [userId, pendingSecretSealed],
  );
  await trx("recovery_codes").where({ user_id: userId, pending: true }).delete();
  await trx("recovery_codes").insert(
    recoveryCodeHashes.map((hash) => ({ user_id: userId, code_hash: hash, pending: true })),
  );
}

/**
 * Accepts a TOTP time step at most once: only one of any number of parallel
 * submissions of one code updates the row (a conditional UPDATE), and a code
 * older than the last accepted one is refused too.
 */
export async function claimTotpStep(db: Db, userId: string, step: number): Promise<boolean> {
  const updated = await db("user_mfa")
    .where({ user_id: userId })
    .where((query) => query.whereNull("last_used_step").orWhere("last_used_step", "<", step))
    .update({ last_used_step: step, updated_at: db.fn.now() });
  return updated === 1;
}

/** Turns the pending enrolment on: its secret and its recovery codes replace any earlier ones. */
export async function activatePendingEnrolment(trx: Knex.Transaction, userId: string, sealedSecret: string) {
  await trx("user_mfa").where({ user_id: userId }).update({
    enabled: true,
    secret_sealed: sealedSecret,
    pending_secret_sealed: null,
    enabled_at: trx.fn.now(),
    updated_at: trx.fn.now(),
  });
  await trx("recovery_codes").where({ user_id: userId, pending: false }).delete();
  await trx("recovery_codes").where({ user_id: userId, pending: true }).update({ pending: false });
}

export async function disableMfa(trx: Knex.Transaction, userId: string) {
  await trx("user_mfa").where({ user_id: userId }).delete();
  await trx("recovery_codes").where({ user_id: userId }).delete();
}

/** Uses a recovery code once: true for exactly one of parallel submissions. */
export async function useRecoveryCode(db: Db, userId: string, codeHash: Buffer): Promise<boolean> {
  const updated = await db("recovery_codes")
    .where({ user_id: userId, code_hash: codeHash, pending: false })
    .whereNull("used_at")
    .update({ used_at: db.fn.now() });
  return updated === 1;
}
