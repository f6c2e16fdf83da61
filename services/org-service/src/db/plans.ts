// Plan rows ↔ domain objects. bigint columns arrive as strings from
// node-postgres; they are bounded (see the migration) far below 2^53, so they
// become exact numbers.
import type { Knex } from "@simhub/platform";
import type {
  BillingPeriod,
  NewPlan,
  Plan,
  PlanStatus,
  PlanTerms,
  PlanType,
  PlanUpdate,
} from "../domain/plan.ts";
import type { RowLock } from "./organizations.ts";

interface PlanRow {
  id: string;
  seq: string;
  org_id: string;
  company_id: string | null;
  name: string;
  type: PlanType;
  currency: string;
  price: string;
  data_mb: number | null;
  sms_count: number | null;
  voice_minutes: number | null;
  validity_days: number | null;
  billing_period: BillingPeriod | null;
  rate_per_mb_minor: string | null;
  status: PlanStatus;
  created_at: Date;
  updated_at: Date;
}

export const PLAN_NAME_INDEX = "plans_org_name_key";

const columns = [
  "id",
  "seq",
  "org_id",
  "company_id",
  "name",
  "type",
  "currency",
  "price",
  "data_mb",
  "sms_count",
  "voice_minutes",
  "validity_days",
  "billing_period",
  "rate_per_mb_minor",
  "status",
  "created_at",
  "updated_at",
];

const termColumns: Record<keyof PlanTerms, string> = {
  price: "price",
  dataMb: "data_mb",
  smsCount: "sms_count",
  voiceMinutes: "voice_minutes",
  validityDays: "validity_days",
  billingPeriod: "billing_period",
  ratePerMbMinor: "rate_per_mb_minor",
};

function toPlan(row: PlanRow): Plan {
  return {
    id: row.id,
    seq: row.seq,
    orgId: row.org_id,
    companyId: row.company_id,
    name: row.name,
    type: row.type,
    currency: row.currency,
    price: Number(row.price),
    dataMb: row.data_mb,
    smsCount: row.sms_count,
    voiceMinutes: row.voice_minutes,
    validityDays: row.validity_days,
    billingPeriod: row.billing_period,
    ratePerMbMinor: row.rate_per_mb_minor === null ? null : Number(row.rate_per_mb_minor),
    status: row.status,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function termValues(terms: Partial<PlanTerms>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(termColumns)) {
    const value = terms[key as keyof PlanTerms];
    if (value !== undefined) values[column] = value;
  }
  return values;
}

export async function insertPlan(trx: Knex.Transaction, id: string, plan: NewPlan): Promise<Plan> {
  const [row] = await trx("plans")
    .insert({
      id,
      org_id: plan.orgId,
      company_id: plan.companyId,
      name: plan.name,
      type: plan.type,
      currency: plan.currency,
      ...termValues(plan),
    })
    .returning(columns);
  return toPlan(row as PlanRow);
}

export async function findPlan(
  db: Knex | Knex.Transaction,
  id: string,
  options: RowLock = {},
): Promise<Plan | undefined> {
  const query = db("plans").select(columns).where({ id }).first();
  if (options.forUpdate) query.forUpdate();
  else if (options.forShare) query.forShare();
  const row = (await query) as PlanRow | undefined;
  return row ? toPlan(row) : undefined;
}

export async function updatePlan(trx: Knex.Transaction, id: string, update: PlanUpdate): Promise<Plan> {
  const [row] = await trx("plans")
    .where({ id })
    .update({
      ...(update.name !== undefined ? { name: update.name } : {}),
      ...(update.status !== undefined ? { status: update.status } : {}),
      ...termValues(update.terms),
      updated_at: trx.fn.now(),
    })
    .returning(columns);
  return toPlan(row as PlanRow);
}

export async function listPlans(
  db: Knex,
  options: {
    orgId: string;
    /** Company users: organization-wide plans and this company's. */
    forCompanyId?: string | undefined;
    status?: PlanStatus | undefined;
    type?: PlanType | undefined;
    afterSeq?: number | undefined;
    limit: number;
  },
): Promise<Plan[]> {
  const query = db("plans")
    .select(columns)
    .where({ org_id: options.orgId })
    .orderBy("seq")
    .limit(options.limit);
  if (options.forCompanyId !== undefined) {
    const companyId = options.forCompanyId;
    query.where((scope) => scope.whereNull("company_id").orWhere("company_id", companyId));
  }
  if (options.status !== undefined) query.where({ status: options.status });
  if (options.type !== undefined) query.where({ type: options.type });
  if (options.afterSeq !== undefined) query.where("seq", ">", options.afterSeq);
  return ((await query) as PlanRow[]).map(toPlan);
}
