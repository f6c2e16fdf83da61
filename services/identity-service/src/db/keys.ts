// Signing keys: the public JWK in clear, the private JWK sealed.
import type { Knex } from "@simhub/platform";

export interface SigningKeyRow {
  kid: string;
  alg: string;
  publicJwk: Record<string, unknown>;
  privateJwkSealed: string;
  createdAt: Date;
  retiredAt: Date | null;
}

function toRecord(row: {
  kid: string;
  alg: string;
  public_jwk: Record<string, unknown>;
  private_jwk_sealed: string;
  created_at: Date;
  retired_at: Date | null;
}): SigningKeyRow {
  return {
    kid: row.kid,
    alg: row.alg,
    publicJwk: row.public_jwk,
    privateJwkSealed: row.private_jwk_sealed,
    createdAt: row.created_at,
    retiredAt: row.retired_at,
  };
}

/** The active key and every retired key still within its serving window. */
export async function loadServedKeys(db: Knex, servingWindowSeconds: number): Promise<SigningKeyRow[]> {
  const rows = await db("signing_keys")
    .whereNull("retired_at")
    .orWhere("retired_at", ">", db.raw("now() - make_interval(secs => ?)", [servingWindowSeconds]))
    .orderBy("created_at", "desc");
  return rows.map(toRecord);
}

export async function insertActiveKey(
  trx: Knex.Transaction,
  key: { kid: string; alg: string; publicJwk: object; privateJwkSealed: string },
) {
  await trx("signing_keys").insert({
    kid: key.kid,
    alg: key.alg,
    public_jwk: JSON.stringify(key.publicJwk),
    private_jwk_sealed: key.privateJwkSealed,
  });
}

export async function retireActiveKey(trx: Knex.Transaction): Promise<string | undefined> {
  const rows = await trx("signing_keys")
    .whereNull("retired_at")
    .update({ retired_at: trx.fn.now() })
    .returning("kid");
  return (rows[0] as { kid: string } | undefined)?.kid;
}

export async function findActiveKid(trx: Knex.Transaction): Promise<string | undefined> {
  const row = await trx("signing_keys").whereNull("retired_at").first("kid");
  return row?.kid;
}
