// Endpoint rows ↔ the domain's Endpoint. Secrets stay sealed here; only the
// app layer opens them, and never returns them except once at creation and
// rotation.
import type { Knex } from "@simhub/platform";
import type { Endpoint, EndpointStatus, Owner } from "../domain/endpoint.ts";

interface EndpointRow {
  id: string;
  seq: string;
  org_id: string;
  company_id: string | null;
  url: string;
  events: string[];
  status: EndpointStatus;
  description: string;
  disabled_reason: string | null;
  secret_sealed: string;
  previous_secret_sealed: string | null;
  previous_secret_expires_at: Date | null;
  validated_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface EndpointSecrets {
  sealed: string;
  previousSealed: string | null;
  previousExpiresAt: Date | null;
}

export type StoredEndpoint = Endpoint & { secrets: EndpointSecrets };

function fromRow(row: EndpointRow): StoredEndpoint {
  return {
    id: row.id,
    seq: String(row.seq),
    orgId: row.org_id,
    companyId: row.company_id,
    url: row.url,
    events: row.events,
    status: row.status,
    description: row.description,
    disabledReason: row.disabled_reason,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    validatedAt: row.validated_at,
    secrets: {
      sealed: row.secret_sealed,
      previousSealed: row.previous_secret_sealed,
      previousExpiresAt: row.previous_secret_expires_at,
    },
  };
}

export async function insertEndpoint(
  db: Knex | Knex.Transaction,
  endpoint: Owner & { id: string; url: string; events: string[]; description: string; secretSealed: string },
): Promise<StoredEndpoint> {
  const [row] = await db<EndpointRow>("endpoints")
    .insert({
      id: endpoint.id,
      org_id: endpoint.orgId,
      company_id: endpoint.companyId,
      url: endpoint.url,
      events: endpoint.events,
      description: endpoint.description,
      secret_sealed: endpoint.secretSealed,
      validated_at: new Date(),
    })
    .returning("*");
  return fromRow(row as EndpointRow);
}

export async function countEndpointsOf(db: Knex | Knex.Transaction, owner: Owner): Promise<number> {
  const query = db("endpoints").where({ org_id: owner.orgId });
  if (owner.companyId) query.where({ company_id: owner.companyId });
  else query.whereNull("company_id");
  const [row] = await query.count<{ count: string }[]>({ count: "*" });
  return Number(row?.count ?? 0);
}

export async function findEndpoint(
  db: Knex | Knex.Transaction,
  id: string,
  options: { forUpdate?: boolean } = {},
): Promise<StoredEndpoint | undefined> {
  const query = db<EndpointRow>("endpoints").where({ id }).first();
  if (options.forUpdate) query.forUpdate();
  const row = await query;
  return row ? fromRow(row as EndpointRow) : undefined;
}

export async function listEndpointRows(
  db: Knex,
  options: Owner & { afterSeq: number | undefined; limit: number; companiesToo: boolean },
): Promise<StoredEndpoint[]> {
  const query = db<EndpointRow>("endpoints").where({ org_id: options.orgId });
  if (options.companyId) query.where({ company_id: options.companyId });
  else if (!options.companiesToo) query.whereNull("company_id");
  if (options.afterSeq !== undefined) query.where("seq", ">", options.afterSeq);
  const rows = await query.orderBy("seq").limit(options.limit);
  return (rows as EndpointRow[]).map(fromRow);
}

export async function updateEndpointRow(
  db: Knex | Knex.Transaction,
  id: string,
  changes: Partial<{
    url: string;
    events: string[];
    status: EndpointStatus;
    description: string;
    disabledReason: string | null;
    validatedAt: Date;
    secrets: EndpointSecrets;
  }>,
): Promise<StoredEndpoint | undefined> {
  const row: Record<string, unknown> = { updated_at: db.fn.now() };
  if (changes.url !== undefined) row.url = changes.url;
  if (changes.events !== undefined) row.events = changes.events;
  if (changes.status !== undefined) row.status = changes.status;
  if (changes.description !== undefined) row.description = changes.description;
  if (changes.disabledReason !== undefined) row.disabled_reason = changes.disabledReason;
  if (changes.validatedAt !== undefined) row.validated_at = changes.validatedAt;
  if (changes.secrets !== undefined) {
    row.secret_sealed = changes.secrets.sealed;
    row.previous_secret_sealed = changes.secrets.previousSealed;
    row.previous_secret_expires_at = changes.secrets.previousExpiresAt;
  }
  const [updated] = await db<EndpointRow>("endpoints").where({ id }).update(row).returning("*");
  return updated ? fromRow(updated as EndpointRow) : undefined;
}

/**
 * Disables an active endpoint; undefined when it was not active (someone
 * else disabled it first), so the event is published once.
 */
export async function disableEndpointRow(
  db: Knex | Knex.Transaction,
  id: string,
  reason: string,
): Promise<StoredEndpoint | undefined> {
  const [row] = await db<EndpointRow>("endpoints")
    .where({ id, status: "active" })
    .update({ status: "disabled", disabled_reason: reason, updated_at: db.fn.now() })
    .returning("*");
  return row ? fromRow(row as EndpointRow) : undefined;
}

/** Deletes the endpoint with its deliveries and their attempts, in one statement. */
export async function deleteEndpointRow(db: Knex | Knex.Transaction, id: string): Promise<void> {
  await db.raw(
    `WITH gone_deliveries AS (
       DELETE FROM deliveries WHERE endpoint_id = ? RETURNING id
     ), gone_attempts AS (
       DELETE FROM delivery_attempts WHERE delivery_id IN (SELECT id FROM gone_deliveries)
     )
     DELETE FROM endpoints WHERE id = ?`,
    [id, id],
  );
}

/** Active endpoints whose last successful echo check is older than `before`. */
export async function endpointsToRevalidate(
  db: Knex,
  before: Date,
  limit: number,
): Promise<StoredEndpoint[]> {
  const rows = await db<EndpointRow>("endpoints")
    .where({ status: "active" })
    .where((query) => query.whereNull("validated_at").orWhere("validated_at", "<", before))
    .orderBy("validated_at")
    .limit(limit);
  return (rows as EndpointRow[]).map(fromRow);
}
