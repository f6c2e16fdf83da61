// Use cases of the company aggregate. One transaction per command, events
// written to the outbox inside it, tenant scope checked on every call.
//
// Organization facts (exists, name, active) come from the local chain replica
// (@simhub/platform chain-replica.ts), fed by OrganizationCreated and
// OrganizationUpdated; org-service is asked only for an organization the
// replica has not heard of yet (with the caller's token), and the answer is
// kept. The replica lags the events by milliseconds: a company created just
// as its organization is archived may still be accepted, as if it had come a
// moment earlier. Archiving asks sim-service, the system of record for
// assignments, whether SIMs are assigned (503 while it cannot be asked).
import { randomUUID } from "node:crypto";
import {
  conflict,
  enqueueEvent,
  enqueueEvents,
  forbidden,
  isUniqueViolation,
  notFound,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { checkCursor, checkLimit, checkUuid, cursorAfter, Problems } from "@simhub/platform/domain";
import {
  COMPANY_NAME_INDEX,
  findCompany,
  insertCompany,
  listCompanies as listCompanyRows,
  markArchived,
  updateCompany as updateCompanyRow,
} from "../db/companies.ts";
import {
  canEditSettings,
  canManageCompaniesOf,
  canResolveCompany,
  canSeeCompany,
  canSeeOrganization,
  companyListScope,
} from "../domain/access.ts";
import {
  type Company,
  type CompanyStatus,
  companyStatuses,
  effectiveChanges,
  validateCompanyUpdate,
  validateNewCompany,
} from "../domain/company.ts";
import type { CompanyDeps } from "./deps.ts";

const companyNotFound = () => notFound("COMPANY_NOT_FOUND", "company not found");
const organizationNotFound = () => notFound("ORGANIZATION_NOT_FOUND", "organization not found");
const nameTaken = () =>
  conflict("COMPANY_NAME_TAKEN", "the organization already has a company with this name");

function eventData(company: Company) {
  return {
    companyId: company.id,
    orgId: company.orgId,
    name: company.name,
    virtual: company.virtual,
    status: company.status,
  };
}

/** The organization as the replica knows it; 404 if it does not exist. */
async function fetchOrganization(deps: CompanyDeps, orgId: string) {
  const org = await deps.chain.organization(orgId);
  if (!org) throw organizationNotFound();
  return org;
}

export async function createCompany(
  deps: CompanyDeps,
  principal: Principal,
  input: { orgId: string; name: string; virtual: boolean; currency: string; notificationEmail: string },
): Promise<Company> {
  const company = validateNewCompany(input);
  if (!canSeeOrganization(principal, company.orgId)) throw organizationNotFound();
  if (!canManageCompaniesOf(principal, company.orgId)) {
    throw forbidden("only the platform admin or the organization's admin creates companies");
  }
  const org = await fetchOrganization(deps, company.orgId);
  if (org.status !== "active") {
    throw ruleBroken("ORGANIZATION_ARCHIVED", "an archived organization cannot create companies");
  }
  try {
    return await deps.db.transaction(async (trx) => {
      const created = await insertCompany(trx, randomUUID(), company);
      await enqueueEvent(trx, deps.events, {
        type: "CompanyCreated",
        subject: created.id,
        orgId: created.orgId,
        companyId: created.id,
        data: eventData(created),
      });
      return created;
    });
  } catch (error) {
    if (isUniqueViolation(error, COMPANY_NAME_INDEX)) throw nameTaken();
    throw error;
  }
}

function checkCompanyId(id: string): string {
  const problems = new Problems();
  const companyId = checkUuid(problems, "companyId", id);
  problems.throwIfAny();
  return companyId;
}

export async function getCompany(deps: CompanyDeps, principal: Principal, input: { id: string }) {
  const company = await findCompany(deps.db, checkCompanyId(input.id));
  if (!company || !canSeeCompany(principal, company)) throw companyNotFound();
  return company;
}

export async function listCompanies(
  deps: CompanyDeps,
  principal: Principal,
  input: { orgId: string; limit: number; cursor: string; status: string },
): Promise<{ items: Company[]; nextCursor: string }> {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  const limit = checkLimit(problems, input.limit);
  const afterSeq = checkCursor(problems, input.cursor);
  let status: CompanyStatus | undefined;
  if (input.status) {
    if ((companyStatuses as readonly string[]).includes(input.status)) status = input.status as CompanyStatus;
    else problems.add("status", `must be one of ${companyStatuses.join(", ")}`);
  }
  problems.throwIfAny();
  const scope = companyListScope(principal, orgId);
  if (scope.kind === "none") throw organizationNotFound();
  // An organization that does not exist is 404, not an empty list.
  await fetchOrganization(deps, orgId);
  const rows = await listCompanyRows(deps.db, {
    orgId,
    afterSeq,
    limit: limit + 1,
    status,
    ...(scope.kind === "own" ? { onlyId: scope.companyId, excludeVirtual: !scope.includeVirtual } : {}),
  });
  const items = rows.slice(0, limit);
  const nextCursor = rows.length > limit ? cursorAfter(items[items.length - 1]!.seq) : "";
  return { items, nextCursor };
}

export async function updateCompany(
  deps: CompanyDeps,
  principal: Principal,
  input: {
    id: string;
    name?: string | undefined;
    currency?: string | undefined;
    notificationEmail?: string | undefined;
    orgId?: string | undefined;
  },
): Promise<Company> {
  const { id, changes } = validateCompanyUpdate(input);
  try {
    return await deps.db.transaction(async (trx) => {
      const current = await findCompany(trx, id, "update");
      if (!current || !canSeeCompany(principal, current)) throw companyNotFound();
      if (changes.name !== undefined && !canManageCompaniesOf(principal, current.orgId)) {
        throw forbidden("only the platform admin or the organization's admin renames a company");
      }
      const touchesSettings = changes.currency !== undefined || changes.notificationEmail !== undefined;
      if (touchesSettings && !canEditSettings(principal, current)) {
        throw forbidden("not allowed to change this company's settings");
      }
      if (current.status === "archived") {
        throw ruleBroken("COMPANY_ARCHIVED", "an archived company cannot be changed");
      }
      const effective = effectiveChanges(current, changes);
      if (Object.keys(effective).length === 0) return current;
      const updated = await updateCompanyRow(trx, id, effective);
      await enqueueEvent(trx, deps.events, {
        type: "CompanyUpdated",
        subject: updated.id,
        orgId: updated.orgId,
        companyId: updated.id,
        data: eventData(updated),
      });
      return updated;
    });
  } catch (error) {
    if (isUniqueViolation(error, COMPANY_NAME_INDEX)) throw nameTaken();
    throw error;
  }
}

/**
 * Archives a company for good. Refused with 409 COMPANY_HAS_SIMS while
 * sim-service says SIMs are assigned to it, and 503 while it cannot be asked.
 * An assignment that commits after that answer is undone by sim-service when
 * CompanyArchived reaches it (see its events/company-events.ts). Archiving an
 * archived company answers it as it is (DELETE is idempotent) and publishes
 * nothing.
 */
export async function archiveCompany(deps: CompanyDeps, principal: Principal, input: { id: string }) {
  const id = checkCompanyId(input.id);
  const found = await findCompany(deps.db, id);
  if (!found || !canSeeCompany(principal, found)) throw companyNotFound();
  if (!canManageCompaniesOf(principal, found.orgId)) {
    throw forbidden("only the platform admin or the organization's admin archives a company");
  }
  if (found.status === "archived") return found;
  const { counts } = await deps.sim.CountSimsByStatus({ companyId: id });
  const assigned = Object.values(counts ?? {}).reduce((sum, n) => sum + n, 0);
  if (assigned > 0) {
    throw conflict(
      "COMPANY_HAS_SIMS",
      `${assigned} SIM${assigned === 1 ? " is" : "s are"} assigned to this company; unassign ${assigned === 1 ? "it" : "them"} first`,
    );
  }
  return deps.db.transaction(async (trx) => {
    const current = await findCompany(trx, id, "update");
    if (!current) throw companyNotFound();
    if (current.status === "archived") return current;
    const archived = await markArchived(trx, id);
    const envelope = { subject: archived.id, orgId: archived.orgId, companyId: archived.id };
    // CompanyUpdated carries the new state for subscribers that mirror
    // companies; CompanyArchived marks the lifecycle step itself.
    await enqueueEvents(trx, deps.events, [
      { type: "CompanyUpdated", ...envelope, data: eventData(archived) },
      { type: "CompanyArchived", ...envelope, data: { companyId: archived.id, orgId: archived.orgId } },
    ]);
    return archived;
  });
}

/**
 * The chain check of sim-service and identity-service: the company with its
 * organization and both statuses. The callers decide what an archived link
 * means for them; this call only reports it.
 */
export async function resolveCompany(deps: CompanyDeps, principal: Principal, input: { companyId: string }) {
  const company = await findCompany(deps.db, checkCompanyId(input.companyId));
  if (!company || !canResolveCompany(principal, company)) throw companyNotFound();
  const org = await fetchOrganization(deps, company.orgId);
  return { company, organization: { id: org.orgId, name: org.name, status: org.status } };
}
