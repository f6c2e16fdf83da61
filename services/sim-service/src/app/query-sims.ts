// Reads: one SIM, a page of SIMs, a SIM's history, counts per status.
import {
  checkLimit,
  checkUuid,
  decodeCursor,
  encodeCursor,
  forbidden,
  invalid,
  isCompanyRole,
  isOrgRole,
  notFound,
  type Principal,
  Problems,
} from "@simhub/platform";
import { type HistoryEntry, listHistory, listTenureBoundaries } from "../db/history.ts";
import {
  countSimsByStatus,
  findImport,
  listSims,
  listSimsJson,
  type SimListFilter,
  type SimRecord,
} from "../db/sims.ts";
import { listScope } from "../domain/access.ts";
import { historyAudience, redactForEndUser, tenureBoundaryKinds } from "../domain/history-view.ts";
import { isSimStatus, SIM_STATUSES } from "../domain/status.ts";
import type { SimDeps } from "./deps.ts";
import { loadVisibleSim } from "./mutate.ts";

/** The page size asked for (0: the default), or an invalid-argument error naming `limit`. */
export function pageSize(limit: number): number {
  const problems = new Problems();
  const size = checkLimit(problems, limit);
  problems.throwIfAny("invalid limit");
  return size;
}

export function badCursor() {
  return invalid(
    "cursor is not valid",
    [{ path: "cursor", message: "not a cursor from a previous page" }],
    "INVALID_CURSOR",
  );
}

export function getSim(deps: SimDeps, principal: Principal, iccid: string): Promise<SimRecord> {
  return loadVisibleSim(deps, principal, iccid);
}

export interface ListSimsInput {
  orgId: string;
  companyId: string;
  endUserId: string;
  status: string;
  q: string;
  limit: number;
  cursor: string;
  planId?: string;
}

/**
 * The filter of a page of the SIMs the caller may see, or undefined when the
 * filters cannot match anything the caller may see. The caller's scope is
 * added to the filters, never replaced by them: an org user asking for
 * another organization's SIMs gets an empty page.
 */
function visibleListFilter(principal: Principal, input: ListSimsInput): SimListFilter | undefined {
  const scope = listScope(principal);
  if (!scope) throw forbidden("this role lists no SIMs");
  // Every malformed filter is named in one answer.
  const problems = new Problems();
  const limit = checkLimit(problems, input.limit);
  const filter = {
    orgId: input.orgId ? checkUuid(problems, "orgId", input.orgId) : undefined,
    companyId: input.companyId ? checkUuid(problems, "companyId", input.companyId) : undefined,
    endUserId: input.endUserId ? checkUuid(problems, "endUserId", input.endUserId) : undefined,
  };
  const planId = input.planId ? checkUuid(problems, "planId", input.planId) : undefined;
  problems.throwIfAny("invalid list of SIMs");
  let status: (typeof SIM_STATUSES)[number] | undefined;
  if (input.status) {
    if (!isSimStatus(input.status)) {
      throw invalid(`status must be one of ${SIM_STATUSES.join(", ")}`, [
        { path: "status", message: "unknown status" },
      ]);
    }
    status = input.status;
  }
  let prefix: string | undefined;
  if (input.q) {
    prefix = input.q.trim().replace(/^\+/, "");
    if (!/^[0-9]{1,20}$/.test(prefix)) {
      throw invalid("q must be the first digits of an ICCID or MSISDN", [
        { path: "q", message: "1 to 20 digits, optionally after a +" },
      ]);
    }
  }
  let after: string | undefined;
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    if (!cursor || typeof cursor.iccid !== "string" || !/^[0-9]{1,20}$/.test(cursor.iccid)) throw badCursor();
    after = cursor.iccid;
  }
  // Two different values for one column (scope vs filter) match nothing.
  for (const key of ["orgId", "companyId", "endUserId"] as const) {
    if (scope[key] && filter[key] && scope[key] !== filter[key]) return undefined;
  }
  return {
    ...(scope.orgId || filter.orgId ? { orgId: scope.orgId ?? filter.orgId } : {}),
    ...(scope.companyId || filter.companyId ? { companyId: scope.companyId ?? filter.companyId } : {}),
    ...(scope.endUserId || filter.endUserId ? { endUserId: scope.endUserId ?? filter.endUserId } : {}),
    ...(status ? { status } : {}),
    ...(planId ? { planId } : {}),
    ...(prefix ? { prefix } : {}),
    ...(after ? { after } : {}),
    limit,
  };
}

/** A page of the SIMs the caller may see, in ICCID order (visibleListFilter). */
export async function listVisibleSims(
  deps: SimDeps,
  principal: Principal,
  input: ListSimsInput,
): Promise<{ items: SimRecord[]; nextCursor: string }> {
  const filter = visibleListFilter(principal, input);
  if (!filter) return { items: [], nextCursor: "" };
  const items = await listSims(deps.db, { ...filter, limit: filter.limit + 1 });
  const page = items.slice(0, filter.limit);
  const nextCursor = items.length > filter.limit ? encodeCursor({ iccid: page[page.length - 1]!.iccid }) : "";
  return { items: page, nextCursor };
}

/** The same page as listVisibleSims, as the REST API's JSON array built by PostgreSQL. */
export async function listVisibleSimsJson(
  deps: SimDeps,
  principal: Principal,
  input: ListSimsInput,
): Promise<{ itemsJson: string; nextCursor: string }> {
  const filter = visibleListFilter(principal, input);
  if (!filter) return { itemsJson: "[]", nextCursor: "" };
  const page = await listSimsJson(deps.db, filter, { hidePlan: principal.role === "end_user" });
  return {
    itemsJson: page.itemsJson,
    nextCursor: page.more && page.last ? encodeCursor({ iccid: page.last }) : "",
  };
}

/**
 * The SIM's history, oldest first. The first page starts with the import
 * that brought the SIM in (from the import's own record, so an import of a
 * million SIMs does not write a million history rows), then every
 * assignment and status change. Companies and end users see only their own
 * time with the SIM (domain/history-view.ts).
 */
export async function listSimHistory(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string; limit: number; cursor: string },
): Promise<{ items: HistoryEntry[]; nextCursor: string }> {
  const sim = await loadVisibleSim(deps, principal, input.iccid);
  const limit = pageSize(input.limit);
  let afterId: string | undefined;
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    if (!cursor || typeof cursor.id !== "string" || !/^[0-9]{1,19}$/.test(cursor.id)) throw badCursor();
    afterId = cursor.id;
  }
  const audience = historyAudience(
    principal,
    principal.role === "end_user" || isCompanyRole(principal.role)
      ? await listTenureBoundaries(deps.db, sim.iccid, tenureBoundaryKinds)
      : [],
  );
  const windows = audience.kind === "tenure" ? audience.windows : undefined;
  const items: HistoryEntry[] = [];
  if (afterId === undefined && audience.kind === "everything") {
    const simImport = await findImport(deps.db, sim.importId);
    if (simImport) {
      items.push({
        id: `import-${simImport.id}`,
        iccid: sim.iccid,
        kind: "imported",
        actorUserId: simImport.actorUserId,
        actorRole: simImport.actorRole,
        before: {},
        after: { importId: simImport.id, orgId: simImport.orgId, status: sim.status },
        createdAt: simImport.createdAt,
      });
    }
  }
  const rows = await listHistory(deps.db, sim.iccid, afterId ?? "0", limit - items.length + 1, windows);
  const wanted = limit - items.length;
  const visible =
    audience.kind === "tenure" && audience.endUser
      ? rows.map((row) => redactForEndUser(row, principal.userId))
      : rows;
  items.push(...visible.slice(0, wanted));
  const hasMore = rows.length > wanted;
  const lastRow = items.length > 0 ? items[items.length - 1] : undefined;
  const lastId = lastRow && !lastRow.id.startsWith("import-") ? lastRow.id : "0";
  return { items, nextCursor: hasMore ? encodeCursor({ id: lastId }) : "" };
}

/** SIMs of one company per status, for the company view. */
export async function countCompanySims(
  deps: SimDeps,
  principal: Principal,
  input: { companyId: string },
): Promise<Record<string, number>> {
  const problems = new Problems();
  const companyId = checkUuid(problems, "companyId", input.companyId);
  problems.throwIfAny("invalid company id");
  if (principal.role === "platform_admin" || principal.role === "service") {
    return countSimsByStatus(deps.db, { companyId });
  }
  if (isOrgRole(principal.role) && principal.orgId) {
    // Scoped to the caller's organization: another organization's company counts nothing.
    return countSimsByStatus(deps.db, { companyId, orgId: principal.orgId });
  }
  if (isCompanyRole(principal.role) && principal.companyId === companyId) {
    return countSimsByStatus(deps.db, { companyId });
  }
  throw notFound("COMPANY_NOT_FOUND", "company not found");
}
