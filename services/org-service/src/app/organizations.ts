// Use cases of the organization aggregate. One transaction per command, the
// event written to the outbox inside it; tenant scope checked on every call
// (an organization the caller cannot see is 404, never 403).
import { randomUUID } from "node:crypto";
import {
  conflict,
  enqueueEvent,
  forbidden,
  isUniqueViolation,
  type Knex,
  notFound,
  type Principal,
} from "@simhub/platform";
import { checkCursor, checkLimit, checkUuid, cursorAfter, Problems } from "@simhub/platform/domain";
import {
  findOrganization,
  insertOrganization,
  listOrganizations as listOrganizationRows,
  ORGANIZATION_NAME_INDEX,
  type RowLock,
  updateOrganization as updateOrganizationRow,
} from "../db/organizations.ts";
import { canCreateOrganization, canSeeOrganization, organizationListScope } from "../domain/access.ts";
import {
  type Organization,
  planOrganizationUpdate,
  validateCreateOrganization,
  validateUpdateOrganization,
} from "../domain/organization.ts";
import type { OrgDeps } from "./deps.ts";

const nameTaken = () => conflict("ORGANIZATION_NAME_TAKEN", "an organization with this name already exists");
const organizationNotFound = () => notFound("ORGANIZATION_NOT_FOUND", "organization not found");

function eventData(org: Organization) {
  return { orgId: org.id, name: org.name, status: org.status };
}

export async function createOrganization(deps: OrgDeps, principal: Principal, input: { name: string }) {
  const { name } = validateCreateOrganization(input);
  if (!canCreateOrganization(principal)) throw forbidden("only the platform admin creates organizations");
  try {
    return await deps.db.transaction(async (trx) => {
      const org = await insertOrganization(trx, { id: randomUUID(), name });
      await enqueueEvent(trx, deps.events, {
        type: "OrganizationCreated",
        subject: org.id,
        orgId: org.id,
        data: eventData(org),
      });
      return org;
    });
  } catch (error) {
    if (isUniqueViolation(error, ORGANIZATION_NAME_INDEX)) throw nameTaken();
    throw error;
  }
}

/** Loads an organization the caller may see, or 404. */
export async function requireVisibleOrganization(
  db: Knex | Knex.Transaction,
  principal: Principal,
  orgId: string,
  options: RowLock = {},
): Promise<Organization> {
  if (!canSeeOrganization(principal, orgId)) throw organizationNotFound();
  const org = await findOrganization(db, orgId, options);
  if (!org) throw organizationNotFound();
  return org;
}

export async function getOrganization(deps: OrgDeps, principal: Principal, input: { id: string }) {
  const problems = new Problems();
  const id = checkUuid(problems, "orgId", input.id);
  problems.throwIfAny();
  return requireVisibleOrganization(deps.db, principal, id);
}

export async function listOrganizations(
  deps: OrgDeps,
  principal: Principal,
  input: { limit: number; cursor: string },
): Promise<{ items: Organization[]; nextCursor: string }> {
  const problems = new Problems();
  const limit = checkLimit(problems, input.limit);
  const afterSeq = checkCursor(problems, input.cursor);
  problems.throwIfAny();
  const scope = organizationListScope(principal);
  if ("onlyId" in scope && scope.onlyId === undefined) return { items: [], nextCursor: "" };
  // One row more than asked tells whether another page exists.
  const rows = await listOrganizationRows(deps.db, {
    afterSeq,
    limit: limit + 1,
    onlyId: "onlyId" in scope ? scope.onlyId : undefined,
  });
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorAfter(items[items.length - 1]!.seq) : "";
  return { items, nextCursor };
}

export async function updateOrganization(
  deps: OrgDeps,
  principal: Principal,
  input: { id: string; name?: string | undefined; status?: string | undefined },
) {
  const { id, changes } = validateUpdateOrganization(input);
  try {
    return await deps.db.transaction(async (trx) => {
      const current = await requireVisibleOrganization(trx, principal, id, { forUpdate: true });
      const effective = planOrganizationUpdate(principal, current, changes);
      if (Object.keys(effective).length === 0) return current;
      const org = await updateOrganizationRow(trx, id, effective);
      await enqueueEvent(trx, deps.events, {
        type: "OrganizationUpdated",
        subject: org.id,
        orgId: org.id,
        data: eventData(org),
      });
      return org;
    });
  } catch (error) {
    if (isUniqueViolation(error, ORGANIZATION_NAME_INDEX)) throw nameTaken();
    throw error;
  }
}
