// API keys: rows ↔ records. Every query parameterised; lists are keyset
// pages over `seq` that match the partial indexes of live keys.
import type { Knex } from "@simhub/platform";
import type { ApiKeyRole } from "../domain/api-keys.ts";

export interface ApiKeyRecord {
  id: string;
  seq: string;
  name: string;
  role: ApiKeyRole;
  orgId: string;
  companyId: string | null;
  clientId: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

/** What a token request needs: the record and the stored hash of its secret. */
export interface ApiKeyCredential extends ApiKeyRecord {
  secretHash: Buffer;
}

interface ApiKeyRow {
  id: string;
  seq: string;
  name: string;
  role: ApiKeyRole;
  org_id: string;
  company_id: string | null;
  client_id: string;
  secret_hash: Buffer;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const columns = [
  "id",
  "seq",
  "name",
  "role",
  "org_id",
  "company_id",
  "client_id",
  "created_at",
  "last_used_at",
  "revoked_at",
];

function toRecord(row: ApiKeyRow): ApiKeyRecord {
  return {
    id: row.id,
    seq: String(row.seq),
    name: row.name,
    role: row.role,
    orgId: row.org_id,
    companyId: row.company_id,
    clientId: row.client_id,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}

export async function insertApiKey(
  db: Knex | Knex.Transaction,
  key: {
    id: string;
    name: string;
    role: ApiKeyRole;
    orgId: string;
    companyId: string | null;
    clientId: string;
    secretHash: Buffer;
    createdBy: string;
  },
): Promise<ApiKeyRecord> {
  const [row] = await db("api_keys")
    .insert({
      id: key.id,
      name: key.name,
      role: key.role,
      org_id: key.orgId,
      company_id: key.companyId,
      client_id: key.clientId,
      secret_hash: key.secretHash,
      created_by: key.createdBy,
    })
    .returning(columns);
  return toRecord(row as ApiKeyRow);
}

export async function findApiKeyById(db: Knex, id: string): Promise<ApiKeyRecord | undefined> {
  const row = await db("api_keys").where({ id }).whereNull("revoked_at").first(columns);
  return row ? toRecord(row as ApiKeyRow) : undefined;
}

export async function findCredentialByClientId(
  db: Knex | Knex.Transaction,
  clientId: string,
): Promise<ApiKeyCredential | undefined> {
  const row = (await db("api_keys")
    .where({ client_id: clientId })
    .first([...columns, "secret_hash"])) as ApiKeyRow | undefined;
  return row ? { ...toRecord(row), secretHash: row.secret_hash } : undefined;
}

/** A page of live keys of an organization (its own, company_id null) or of a company. */
export async function listLiveApiKeys(
  db: Knex,
  owner: { orgId: string } | { companyId: string },
  limit: number,
  afterSeq: number | undefined,
): Promise<ApiKeyRecord[]> {
  const query = db("api_keys").whereNull("revoked_at");
  if ("orgId" in owner) query.where({ org_id: owner.orgId }).whereNull("company_id");
  else query.where({ company_id: owner.companyId });
  if (afterSeq !== undefined) query.where("seq", ">", afterSeq);
  const rows = await query.orderBy("seq").limit(limit).select(columns);
  return (rows as ApiKeyRow[]).map(toRecord);
}

/** Revokes a live key; false when it was revoked already (by a concurrent call). */
export async function revokeApiKey(db: Knex, id: string, revokedBy: string): Promise<boolean> {
  const updated = await db("api_keys")
    .where({ id })
    .whereNull("revoked_at")
    .update({ revoked_at: db.fn.now(), revoked_by: revokedBy });
  return updated === 1;
}

/**
 * Records that a token was issued. Written at most once a minute per key, so
 * a busy integration does not turn every token into a row update.
 */
export async function touchApiKey(db: Knex, id: string): Promise<void> {
  await db.raw(
    `UPDATE api_keys SET last_used_at = now()
      WHERE id = ? AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
    [id],
  );
}
