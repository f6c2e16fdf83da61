// Reading imports: one import with its progress, its rejected lines in file
// order, an organization's imports newest first. An import belongs to its
// organization: only that organization's users (and the platform admin)
// see it; anyone else gets IMPORT_NOT_FOUND, never a hint that it exists.
import type { SimServiceMethods } from "@simhub/contracts";
import {
  AppError,
  decodeCursor,
  encodeCursor,
  notFound,
  type Principal,
  requireUuid,
} from "@simhub/platform";
import { findImportJob, type ImportJobRecord, listImportJobs, listRejections } from "../db/import-jobs.ts";
import { organizationAccess } from "../domain/access.ts";
import type { Rejection } from "../domain/import-job.ts";
import type { SimDeps } from "./deps.ts";
import { badCursor, pageSize } from "./query-sims.ts";

type SimImportMessage = SimServiceMethods["GetImport"]["response"];
type RejectedMessage = NonNullable<SimServiceMethods["ListImportRejections"]["response"]["items"]>[number];

export function toImportMessage(job: ImportJobRecord): SimImportMessage {
  return {
    id: job.id,
    orgId: job.orgId,
    format: job.format,
    status: job.status,
    rowsReceived: job.rowsReceived,
    rowsImported: job.rowsImported,
    rowsRejected: job.rowsRejected,
    bytesReceived: job.bytesReceived,
    createdAt: job.createdAt.toISOString(),
    finishedAt: job.finishedAt ? job.finishedAt.toISOString() : "",
    failure: job.failure ?? "",
  };
}

export function toRejectedMessage(rejection: Rejection, format: "csv" | "json"): RejectedMessage {
  return {
    index: format === "json" ? rejection.position : 0,
    line: format === "csv" ? rejection.position : 0,
    iccid: rejection.iccid,
    code: rejection.code,
    message: rejection.message,
  };
}

function importNotFound() {
  return notFound("IMPORT_NOT_FOUND", "import not found");
}

async function loadVisibleImport(deps: SimDeps, principal: Principal, importId: string) {
  const job = await findImportJob(deps.db, requireUuid("importId", importId));
  if (!job || organizationAccess(principal, job.orgId) !== "allowed") throw importNotFound();
  return job;
}

export async function getImport(deps: SimDeps, principal: Principal, importId: string) {
  return toImportMessage(await loadVisibleImport(deps, principal, importId));
}

export async function listImportRejections(
  deps: SimDeps,
  principal: Principal,
  input: { importId: string; limit: number; cursor: string },
) {
  const job = await loadVisibleImport(deps, principal, input.importId);
  const limit = pageSize(input.limit);
  let after = -1;
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    if (!cursor || !Number.isSafeInteger(cursor.position)) throw badCursor();
    after = cursor.position as number;
  }
  const rows = await listRejections(deps.db, job.id, limit + 1, after);
  const page = rows.slice(0, limit);
  return {
    items: page.map((rejection) => toRejectedMessage(rejection, job.format)),
    nextCursor: rows.length > limit ? encodeCursor({ position: page[page.length - 1]!.position }) : "",
  };
}

export async function listImports(
  deps: SimDeps,
  principal: Principal,
  input: { orgId: string; limit: number; cursor: string },
) {
  const orgId = requireUuid("orgId", input.orgId);
  const access = organizationAccess(principal, orgId);
  if (access === "not_visible") throw notFound("ORGANIZATION_NOT_FOUND", "organization not found");
  if (access === "forbidden") {
    throw new AppError("forbidden", "FORBIDDEN", "only the organization's users may see its imports");
  }
  const limit = pageSize(input.limit);
  let after: { createdMicros: string; id: string } | undefined;
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    if (
      !cursor ||
      typeof cursor.at !== "string" ||
      !/^-?[0-9]{1,19}$/.test(cursor.at) ||
      typeof cursor.id !== "string" ||
      !/^[0-9a-f-]{36}$/.test(cursor.id)
    ) {
      throw badCursor();
    }
    after = { createdMicros: cursor.at, id: cursor.id };
  }
  const rows = await listImportJobs(deps.db, orgId, limit + 1, after);
  const page = rows.slice(0, limit);
  const last = page[page.length - 1];
  return {
    items: page.map(toImportMessage),
    nextCursor: rows.length > limit && last ? encodeCursor({ at: last.createdMicros, id: last.id }) : "",
  };
}
