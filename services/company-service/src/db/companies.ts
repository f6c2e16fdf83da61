// Company rows ↔ domain objects. Every query is parameterised.
import type { Knex } from "@simhub/platform";
import type { Company, CompanyChanges, CompanyStatus, NewCompany } from "../domain/company.ts";

interface CompanyRow {
  id: string;
  seq: string;
  org_id: string;
  name: string;
  virtual: boolean;
  status: CompanyStatus;
  currency: string | null;
  notification_email: string | null;
  created_at: Date;
  updated_at: Date;
  archived_at: Date | null;
}

const columns = [
  "id",
  "seq",
  "org_id",
  "name",
  "virtual",
  "status",
  "currency",
  "notification_email",
  "created_at",
  "updated_at",
  "archived_at",
];

export const COMPANY_NAME_INDEX = "companies_org_name_key";

function toCompany(row: CompanyRow): Company {
  return {
    id: row.id,
    seq: row.seq,
    orgId: row.org_id,
    name: row.name,
    virtual: row.virtual,
    status: row.status,
    settings: { currency: row.currency, notificationEmail: row.notification_email },
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    archivedAt: row.archived_at,
  };
}

export async function insertCompany(trx: Knex.Transaction, id: string, input: NewCompany): Promise<Company> {
  const [row] = await trx("companies")
    .insert({
      id,
      org_id: input.orgId,
      name: input.name,
      virtual: input.virtual,
      currency: input.settings.currency,
      notification_email: input.settings.notificationEmail,
    })
    .returning(columns);
  return toCompany(row as CompanyRow);
}

export async function findCompany(
  db: Knex | Knex.Transaction,
  id: string,
  lock: "update" | "share" | "none" = "none",
): Promise<Company | undefined> {
  const query = db("companies").select(columns).where({ id }).first();
  if (lock === "update") query.forUpdate();
  if (lock === "share") query.forShare();
  const row = (await query) as CompanyRow | undefined;
  return row ? toCompany(row) : undefined;
}

export async function updateCompany(
  trx: Knex.Transaction,
  id: string,
  changes: CompanyChanges,
): Promise<Company> {
  const patch: Record<string, unknown> = { updated_at: trx.fn.now() };
  if (changes.name !== undefined) patch.name = changes.name;
  if (changes.currency !== undefined) patch.currency = changes.currency;
  if (changes.notificationEmail !== undefined) patch.notification_email = changes.notificationEmail;
  const [row] = await trx("companies").where({ id }).update(patch).returning(columns);
  return toCompany(row as CompanyRow);
}

export async function markArchived(trx: Knex.Transaction, id: string): Promise<Company> {
  const [row] = await trx("companies")
    .where({ id })
    .update({ status: "archived", archived_at: trx.fn.now(), updated_at: trx.fn.now() })
    .returning(columns);
  return toCompany(row as CompanyRow);
}

export async function listCompanies(
  db: Knex,
  options: {
    orgId: string;
    afterSeq?: number | undefined;
    limit: number;
    status?: CompanyStatus | undefined;
    onlyId?: string | undefined;
    excludeVirtual?: boolean;
  },
): Promise<Company[]> {
  const query = db("companies")
    .select(columns)
    .where({ org_id: options.orgId })
    .orderBy("seq")
    .limit(options.limit);
  if (options.afterSeq !== undefined) query.where("seq", ">", options.afterSeq);
  if (options.status !== undefined) query.where({ status: options.status });
  if (options.onlyId !== undefined) query.where({ id: options.onlyId });
  if (options.excludeVirtual) query.where({ virtual: false });
  return ((await query) as CompanyRow[]).map(toCompany);
}
