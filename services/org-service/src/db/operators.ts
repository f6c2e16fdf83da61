// Operator-contract rows ↔ domain objects.
import type { Knex } from "@simhub/platform";
import type { Integration, NewOperator, Operator } from "../domain/operator.ts";

interface OperatorRow {
  id: string;
  seq: string;
  org_id: string;
  operator_name: string;
  mcc: string;
  mnc: string;
  integration: Integration;
  created_at: Date;
}

const columns = ["id", "seq", "org_id", "operator_name", "mcc", "mnc", "integration", "created_at"];

export const OPERATOR_PLMN_INDEX = "operators_org_plmn_key";

function toOperator(row: OperatorRow): Operator {
  return {
    id: row.id,
    seq: row.seq,
    orgId: row.org_id,
    operatorName: row.operator_name,
    mcc: row.mcc,
    mnc: row.mnc,
    integration: row.integration,
    createdAt: row.created_at,
  };
}

export async function insertOperator(trx: Knex.Transaction, id: string, input: NewOperator) {
  const [row] = await trx("operators")
    .insert({
      id,
      org_id: input.orgId,
      operator_name: input.operatorName,
      mcc: input.mcc,
      mnc: input.mnc,
      integration: input.integration,
    })
    .returning(columns);
  return toOperator(row as OperatorRow);
}

export async function findOperator(db: Knex, orgId: string, id: string): Promise<Operator | undefined> {
  const row = (await db("operators").select(columns).where({ id, org_id: orgId }).first()) as
    | OperatorRow
    | undefined;
  return row ? toOperator(row) : undefined;
}

export async function listOperators(
  db: Knex,
  options: { orgId: string; afterSeq?: number | undefined; limit: number },
): Promise<Operator[]> {
  const query = db("operators")
    .select(columns)
    .where({ org_id: options.orgId })
    .orderBy("seq")
    .limit(options.limit);
  if (options.afterSeq !== undefined) query.where("seq", ">", options.afterSeq);
  return ((await query) as OperatorRow[]).map(toOperator);
}
