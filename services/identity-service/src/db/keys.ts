// Signing keys: the public JWK in clear, the private JWK sealed.
import type { Knex } from "@simhub/platform";

export interface SigningKeyRow {
  kid: string;
  alg: string;
  publicJwk: Record<string, unknown>;
  privateJwkSealed: string;
  createdAt: Date;
  activatesAt: Date;
  retiredAt: Date | null;
}

function toRecord(row: {
  kid: string;
  alg: string;
  public_jwk: Record<string, unknown>;
  private_jwk_sealed: string;
  created_at: Date;
  activates_at: Date;
  retired_at: Date | null;
}): SigningKeyRow {
  return {
    kid: row.kid,
    alg: row.alg,
    publicJwk: row.public_jwk,
    privateJwkSealed: row.private_jwk_sealed,
    createdAt: row.created_at,
    activatesAt: row.activates_at,
    retiredAt: row.retired_at,
  };
}

/**
 * The keys to serve: the newest (retired_at null, perhaps not yet
 * activated), the one it replaces until then, and every retired key still
 * within its serving window. `now` comes from the database, so every replica
 * agrees on which key signs.
 */
export async function loadServedKeys(
  db: Knex,
  servingWindowSeconds: number,
): Promise<{ keys: SigningKeyRow[]; now: Date }> {
  const rows = await db("signing_keys")
    .whereNull("retired_at")
    .orWhere("retired_at", ">", db.raw("now() - make_interval(secs => ?)", [servingWindowSeconds]))
    .orderBy("activates_at", "desc");
  const [{ now }] = (await db.raw("SELECT now() AS now")).rows as [{ now: Date }];
  return { keys: rows.map(toRecord), now };
}

export async function insertKey(
  trx: Knex.Transaction,
  key: { kid: string; alg: string; publicJwk: object; privateJwkSealed: string },
  activateAfterSeconds: number,
): Promise<Date> {
  const [row] = await trx("signing_keys")
    .insert({
      kid: key.kid,
      alg: key.alg,
      public_jwk: JSON.stringify(key.publicJwk),
      private_jwk_sealed: key.privateJwkSealed,
      activates_at: trx.raw("now() + make_interval(secs => ?)", [activateAfterSeconds]),
    })
    .returning("activates_at");
  return (row as { activates_at: Date }).activates_at;
}

/** The newest key stops signing when its successor activates (same transaction, same now()). */
export async function retireNewestKey(
  trx: Knex.Transaction,
  afterSeconds: number,
): Promise<string | undefined> {
  const rows = await trx("signing_keys")
    .whereNull("retired_at")
    .update({ retired_at: trx.raw("now() + make_interval(secs => ?)", [afterSeconds]) })
    .returning("kid");
  return (rows[0] as { kid: string } | undefined)?.kid;
}

export async function findActiveKid(trx: Knex.Transaction): Promise<string | undefined> {
  const row = await trx("signing_keys").whereNull("retired_at").first("kid");
  return row?.kid;
}
