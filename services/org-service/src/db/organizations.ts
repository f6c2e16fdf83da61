// Organization rows ↔ domain objects. Every query is parameterised.
import type { Knex } from "@simhub/platform";
import type { Organization, OrganizationChanges, OrganizationStatus } from "../domain/organization.ts";

interface OrganizationRow {
  id: string;
  seq: string;
  name: string;
  status: OrganizationStatus;
  created_at: Date;
  updated_at: Date;
}

const columns = ["id", "seq", "name", "status", "created_at", "updated_at"];

function toOrganization(row: OrganizationRow): Organization {
  return {
    id: row.id,
    seq: row.seq,
    name: row.name,
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export interface RowLock {
  forUpdate?: boolean;
  forShare?: boolean;
}

export const ORGANIZATION_NAME_INDEX = "organizations_name_key";

export async function insertOrganization(db: Knex | Knex.Transaction, input: { id: string; name: string }) {
  const [row] = await db("organizations").insert({ id: input.id, name: input.name }).returning(columns);
  return toOrganization(row as OrganizationRow);
}

export async function findOrganization(
  db: Knex | Knex.Transaction,
  id: string,
  options: RowLock = {},
): Promise<Organization | undefined> {
  const query = db("organizations").select(columns).where({ id }).first();
  if (options.forUpdate) query.forUpdate();
  else if (options.forShare) query.forShare();
  const row = (await query) as OrganizationRow | undefined;
  return row ? toOrganization(row) : undefined;
}

export async function updateOrganization(
  trx: Knex.Transaction,
  id: string,
  changes: OrganizationChanges,
): Promise<Organization> {
  const [row] = await trx("organizations")
    .where({ id })
    .update({ ...changes, updated_at: trx.fn.now() })
    .returning(columns);
  return toOrganization(row as OrganizationRow);
}

export async function listOrganizations(
  db: Knex,
  options: { afterSeq?: number | undefined; limit: number; onlyId?: string | undefined },
): Promise<Organization[]> {
  const query = db("organizations").select(columns).orderBy("seq").limit(options.limit);
  if (options.afterSeq !== undefined) query.where("seq", ">", options.afterSeq);
  if (options.onlyId !== undefined) query.where({ id: options.onlyId });
  const rows = (await query) as OrganizationRow[];
  return rows.map(toOrganization);
}
