// The JSON import (≤ 1,000 SIMs, one batch) and the checks every import
// starts with. The streamed CSV import is a job of its own
// (import-receive.ts, import-apply.ts); a JSON import is small enough to be
// one short transaction, but it is an import resource all the same: its row,
// counts and rejections read like a CSV import's.
//
// Rows are validated and operators looked up first, outside any
// transaction; then one transaction writes the batch with a single
// INSERT … ON CONFLICT DO NOTHING RETURNING (rows the database skipped are
// duplicates of a SIM already on the platform), its rejections, the import
// row and its one SimsImported event.
import { randomUUID } from "node:crypto";
import type { SimServiceMethods } from "@simhub/contracts";
import {
  AppError,
  enqueueEvent,
  invalid,
  isUuid,
  notFound,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { writeImportBatch } from "../db/import-batch.ts";
import { findImportJob, insertImportJob, insertRejections, recordFinishedImport } from "../db/import-jobs.ts";
import { existingIccids, existingImsis } from "../db/sims.ts";
import { organizationAccess } from "../domain/access.ts";
import type { Rejection } from "../domain/import-job.ts";
import type { SimDeps } from "./deps.ts";
import { toImportMessage, toRejectedMessage } from "./import-queries.ts";
import { duplicateRejection, type ImportItem, ImportRowPreparer, operatorLookup } from "./import-rows.ts";

type ImportSimsResponse = SimServiceMethods["ImportSims"]["response"];

const MAX_JSON_IMPORT = 1_000;
/** Rejections listed in an import's answer; all of them are in GET /v1/imports/{id}/rejections. */
export const MAX_REPORTED_REJECTIONS = 10_000;

/** The organization must be the caller's to manage, exist and be active. */
export async function checkOrganization(deps: SimDeps, principal: Principal, orgId: string): Promise<void> {
  if (!isUuid(orgId)) {
    throw invalid("orgId must be a UUID", [{ path: "orgId", message: "must be a UUID" }]);
  }
  const access = organizationAccess(principal, orgId);
  if (access === "not_visible") throw notFound("ORGANIZATION_NOT_FOUND", "organization not found");
  if (access === "forbidden") {
    throw new AppError("forbidden", "FORBIDDEN", "only the organization's users may import its SIMs");
  }
  let organization: { status: string };
  try {
    organization = await deps.org.GetOrganization({ id: orgId });
  } catch (error) {
    if (error instanceof AppError && error.kind === "not_found") {
      throw notFound("ORGANIZATION_NOT_FOUND", "organization not found");
    }
    throw error;
  }
  if (organization.status !== "active") {
    throw ruleBroken("ORGANIZATION_NOT_ACTIVE", "the organization is archived; it cannot take new SIMs");
  }
}

/** Proto strings use "" for "absent"; the row validator wants undefined. */
function fromProto(value: string): string | undefined {
  return value === "" ? undefined : value;
}

export interface JsonSimInput {
  iccid: string;
  imsi: string;
  msisdn: string;
  imei: string;
  eSim: boolean;
  operatorId: string;
  activationCode: string;
}

export async function importSims(
  deps: SimDeps,
  principal: Principal,
  input: { orgId: string; sims: readonly JsonSimInput[] },
): Promise<ImportSimsResponse> {
  if (input.sims.length === 0) {
    throw invalid("sims must not be empty", [{ path: "sims", message: "at least one SIM is required" }]);
  }
  if (input.sims.length > MAX_JSON_IMPORT) {
    throw invalid(`at most ${MAX_JSON_IMPORT} SIMs per request; use the CSV import for more`, [
      { path: "sims", message: `at most ${MAX_JSON_IMPORT} items` },
    ]);
  }
  await checkOrganization(deps, principal, input.orgId);
  const items: ImportItem[] = input.sims.map((sim, index) => ({
    index,
    line: 0,
    candidate: {
      iccid: sim.iccid,
      imsi: fromProto(sim.imsi),
      msisdn: fromProto(sim.msisdn),
      imei: fromProto(sim.imei),
      eSim: sim.eSim,
      operatorId: fromProto(sim.operatorId),
      activationCode: fromProto(sim.activationCode),
    },
  }));
  const importId = randomUUID();
  const { rejections, pending } = await new ImportRowPreparer({
    lookupOperator: operatorLookup(deps, input.orgId),
    hashActivationCode: deps.hashActivationCode,
  }).prepare(items);
  const job = await deps.db.transaction(async (trx) => {
    await insertImportJob(trx, {
      id: importId,
      orgId: input.orgId,
      format: "json",
      status: "applying",
      actorUserId: principal.userId,
      actorRole: principal.role,
      leaseSeconds: deps.importLeaseSeconds,
    });
    const inserted = await writeImportBatch(
      trx,
      input.orgId,
      importId,
      pending.map(({ sim }) => sim),
    );
    const skipped = pending.filter(({ sim }) => !inserted.has(sim.iccid));
    const all: Rejection[] = [...rejections];
    if (skipped.length > 0) {
      const iccidOwners = await existingIccids(
        trx,
        skipped.map(({ sim }) => sim.iccid),
      );
      const imsiOwners = await existingImsis(
        trx,
        skipped.flatMap(({ sim }) => (sim.imsi && !iccidOwners.has(sim.iccid) ? [sim.imsi] : [])),
      );
      for (const { position, sim } of skipped) {
        all.push(
          duplicateRejection(
            importId,
            { position, iccid: sim.iccid, imsi: sim.imsi },
            iccidOwners.get(sim.iccid),
            sim.imsi ? imsiOwners.get(sim.imsi) : undefined,
          ),
        );
      }
    }
    all.sort((a, b) => a.position - b.position);
    await insertRejections(trx, importId, all);
    await recordFinishedImport(trx, importId, {
      received: items.length,
      imported: inserted.size,
      rejected: all.length,
    });
    await enqueueEvent(trx, deps.events, {
      type: "SimsImported",
      subject: importId,
      orgId: input.orgId,
      data: { importId, orgId: input.orgId, count: inserted.size, rejected: all.length },
    });
    return { record: (await findImportJob(trx, importId))!, rejected: all };
  });
  deps.logger.info(
    {
      importId,
      orgId: input.orgId,
      format: "json",
      imported: job.record.rowsImported,
      rejected: job.rejected.length,
    },
    "SIMs imported",
  );
  return {
    importId,
    imported: job.record.rowsImported,
    rejected: job.rejected.map((rejection) => toRejectedMessage(rejection, "json")),
    rejectedCount: job.rejected.length,
    rejectedTruncated: false,
    import: toImportMessage(job.record),
  };
}
