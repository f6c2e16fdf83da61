// Operator contracts of an organization. sim-service calls getOperator to
// check an import's operatorId and whether the operator is integrated.
import { randomUUID } from "node:crypto";
import {
  conflict,
  enqueueEvent,
  forbidden,
  isUniqueViolation,
  notFound,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { checkCursor, checkLimit, checkUuid, cursorAfter, Problems } from "@simhub/platform/domain";
import {
  findOperator,
  insertOperator,
  listOperators as listOperatorRows,
  OPERATOR_PLMN_INDEX,
} from "../db/operators.ts";
import { canManageContracts, canReadContracts } from "../domain/access.ts";
import { type Operator, validateNewOperator } from "../domain/operator.ts";
import type { OrgDeps } from "./deps.ts";
import { requireVisibleOrganization } from "./organizations.ts";

const operatorNotFound = () => notFound("OPERATOR_NOT_FOUND", "operator not found");

export async function addOperator(
  deps: OrgDeps,
  principal: Principal,
  input: { orgId: string; operatorName: string; mcc: string; mnc: string; integration: string },
) {
  const operator = validateNewOperator(input);
  try {
    return await deps.db.transaction(async (trx) => {
      // FOR SHARE: an archive of the organization waits for this contract, or this waits for it.
      const org = await requireVisibleOrganization(trx, principal, operator.orgId, { forShare: true });
      if (!canManageContracts(principal, org.id)) {
        throw forbidden("only the platform admin or the organization's admin signs operator contracts");
      }
      if (org.status !== "active") {
        throw ruleBroken("ORGANIZATION_ARCHIVED", "an archived organization cannot add operators");
      }
      const created = await insertOperator(trx, randomUUID(), operator);
      await enqueueEvent(trx, deps.events, {
        type: "OperatorIntegrationAdded",
        subject: org.id,
        orgId: org.id,
        data: {
          orgId: org.id,
          operatorId: created.id,
          operatorName: created.operatorName,
          mcc: created.mcc,
          mnc: created.mnc,
          integration: created.integration,
        },
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, OPERATOR_PLMN_INDEX)) {
      throw conflict("OPERATOR_ALREADY_ADDED", "the organization already has a contract with this MCC/MNC");
    }
    throw error;
  }
}

async function requireReadableContracts(deps: OrgDeps, principal: Principal, orgId: string) {
  const org = await requireVisibleOrganization(deps.db, principal, orgId);
  if (!canReadContracts(principal, org.id)) throw forbidden("company users cannot read operator contracts");
  return org;
}

export async function listOperators(
  deps: OrgDeps,
  principal: Principal,
  input: { orgId: string; limit: number; cursor: string },
): Promise<{ items: Operator[]; nextCursor: string }> {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  const limit = checkLimit(problems, input.limit);
  const afterSeq = checkCursor(problems, input.cursor);
  problems.throwIfAny();
  await requireReadableContracts(deps, principal, orgId);
  const rows = await listOperatorRows(deps.db, { orgId, afterSeq, limit: limit + 1 });
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorAfter(items[items.length - 1]!.seq) : "";
  return { items, nextCursor };
}

export async function getOperator(
  deps: OrgDeps,
  principal: Principal,
  input: { orgId: string; operatorId: string },
): Promise<Operator> {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  const operatorId = checkUuid(problems, "operatorId", input.operatorId);
  problems.throwIfAny();
  await requireReadableContracts(deps, principal, orgId);
  const operator = await findOperator(deps.db, orgId, operatorId);
  if (!operator) throw operatorNotFound();
  return operator;
}
