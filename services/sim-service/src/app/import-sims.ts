// Importing SIMs: JSON (≤ 1,000 per request) and CSV streams of any size.
//
// Both paths feed one SimImport, batch by batch, inside ONE transaction: a
// batch is validated row by row, then written with a single multi-row
// INSERT … ON CONFLICT DO NOTHING RETURNING, and rows the database skipped
// are reported as duplicates (an earlier row of the same import or a SIM
// already on the platform: the same unique indexes catch both, so no set of
// seen identifiers has to grow with the file). One transaction means nothing
// half-written: a broken stream, a cancelled call or an outage mid-file
// rolls the whole import back, and its single SimsImported event is written
// with the last batch. Memory holds one batch being parsed plus one being
// written, whatever the file's size.
import { randomUUID } from "node:crypto";
import type { SimServiceMethods } from "@simhub/contracts";
import {
  AppError,
  type ClientStream,
  enqueueEvent,
  invalid,
  type Knex,
  notFound,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { writeImportBatch } from "../db/import-batch.ts";
import { existingIccids, existingImsis, insertImport, type NewSim } from "../db/sims.ts";
import { organizationAccess } from "../domain/access.ts";
import { type SimRow, type SimRowCandidate, validateSimRow } from "../domain/identifiers.ts";
import { initialStatusForImport, type SimStatus } from "../domain/status.ts";
import { parseSimCsv } from "./csv.ts";
import type { SimDeps } from "./deps.ts";

type ImportSimsChunk = SimServiceMethods["ImportSimsStream"]["requestOut"];
type ImportSimsResponse = SimServiceMethods["ImportSims"]["response"];
type RejectedSim = NonNullable<ImportSimsResponse["rejected"]>[number];

export const MAX_JSON_IMPORT = 1_000;
/** Rejections reported in detail; beyond this only the count grows. */
export const MAX_REPORTED_REJECTIONS = 10_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One candidate row and where it came from: a JSON index or a CSV line. */
export interface ImportItem {
  candidate: SimRowCandidate;
  index: number;
  line: number;
  /** A row rejected before validation (e.g. a CSV line with the wrong number of cells). */
  problem?: { code: string; message: string };
}

type Rejection = Required<Pick<RejectedSim, "index" | "iccid" | "code" | "message" | "line">>;

/** A batch validated and ready to write. */
interface PreparedBatch {
  rejections: Rejection[];
  pending: { item: ImportItem; sim: NewSim }[];
}

function rawIccid(candidate: SimRowCandidate): string {
  return typeof candidate.iccid === "string" ? candidate.iccid.trim() : "";
}

function where(item: ImportItem): string {
  return item.line > 0 ? `line ${item.line}` : `index ${item.index}`;
}

/** The state of one import while its batches arrive. */
class SimImport {
  readonly id = randomUUID();
  imported = 0;
  rejectedCount = 0;
  readonly rejected: Rejection[] = [];
  // operatorId → the status its SIMs start in, or null for an operator the
  // organization has no contract with. One GetOperator per distinct id.
  private readonly operators = new Map<string, SimStatus | null>();
  private readonly deps: SimDeps;
  private readonly trx: Knex.Transaction;
  private readonly orgId: string;

  constructor(deps: SimDeps, trx: Knex.Transaction, orgId: string) {
    this.deps = deps;
    this.trx = trx;
    this.orgId = orgId;
  }

  private report(rejections: Rejection[]) {
    rejections.sort((a, b) => a.line - b.line || a.index - b.index);
    this.rejectedCount += rejections.length;
    for (const rejection of rejections) {
      if (this.rejected.length >= MAX_REPORTED_REJECTIONS) break;
      this.rejected.push(rejection);
    }
  }

  private async learnOperators(operatorIds: Iterable<string>) {
    const unknown = [...new Set(operatorIds)].filter((id) => !this.operators.has(id));
    await Promise.all(
      unknown.map(async (operatorId) => {
        try {
          const operator = await this.deps.org.GetOperator({ orgId: this.orgId, operatorId });
          this.operators.set(
            operatorId,
            operator.orgId === this.orgId ? initialStatusForImport(operator.integration === "api") : null,
          );
        } catch (error) {
          if (error instanceof AppError && (error.kind === "not_found" || error.kind === "invalid")) {
            this.operators.set(operatorId, null);
          } else throw error;
        }
      }),
    );
  }

  /**
   * The CPU part of a batch (validation, operator lookups, duplicates inside
   * the batch, hashing codes), which needs no database: it runs while the
   * previous batch is being written.
   */
  async prepare(items: readonly ImportItem[]): Promise<PreparedBatch> {
    const rejections: Rejection[] = [];
    const reject = (item: ImportItem, code: string, message: string) =>
      rejections.push({ index: item.index, line: item.line, iccid: rawIccid(item.candidate), code, message });

    const valid: { item: ImportItem; row: SimRow }[] = [];
    for (const item of items) {
      if (item.problem) {
        reject(item, item.problem.code, item.problem.message);
        continue;
      }
      const result = validateSimRow(item.candidate);
      if (!result.ok) {
        reject(item, result.problems[0]!.code, result.problems.map((problem) => problem.message).join("; "));
      } else valid.push({ item, row: result.row });
    }

    await this.learnOperators(valid.flatMap(({ row }) => (row.operatorId ? [row.operatorId] : [])));

    // Duplicates inside the batch are caught here so the message can point
    // at the earlier row; those across batches are caught by the database.
    const batchIccids = new Map<string, ImportItem>();
    const batchImsis = new Map<string, ImportItem>();
    const pending: { item: ImportItem; sim: NewSim }[] = [];
    for (const { item, row } of valid) {
      let status: SimStatus = initialStatusForImport(false);
      if (row.operatorId) {
        const known = this.operators.get(row.operatorId);
        if (!known) {
          reject(item, "UNKNOWN_OPERATOR", "operatorId is not an operator contract of this organization");
          continue;
        }
        status = known;
      }
      const earlier = batchIccids.get(row.iccid);
      if (earlier) {
        reject(item, "DUPLICATE_ICCID", `ICCID appears earlier in this import (${where(earlier)})`);
        continue;
      }
      const earlierImsi = row.imsi ? batchImsis.get(row.imsi) : undefined;
      if (earlierImsi) {
        reject(item, "DUPLICATE_IMSI", `IMSI appears earlier in this import (${where(earlierImsi)})`);
        continue;
      }
      batchIccids.set(row.iccid, item);
      if (row.imsi) batchImsis.set(row.imsi, item);
      pending.push({
        item,
        sim: {
          iccid: row.iccid,
          imsi: row.imsi,
          msisdn: row.msisdn,
          imei: row.imei,
          eSim: row.eSim,
          operatorId: row.operatorId,
          activationCodeHashHex: row.activationCode
            ? this.deps.hashActivationCode(row.iccid, row.activationCode).toString("hex")
            : null,
          status,
        },
      });
    }
    return { rejections, pending };
  }

  /** The database part of a batch: insert, then tell apart why skipped rows were skipped. */
  async write(batch: PreparedBatch): Promise<void> {
    const { rejections, pending } = batch;
    const reject = (item: ImportItem, code: string, message: string) =>
      rejections.push({ index: item.index, line: item.line, iccid: rawIccid(item.candidate), code, message });
    const inserted = await writeImportBatch(
      this.trx,
      this.orgId,
      this.id,
      pending.map(({ sim }) => sim),
    );
    this.imported += inserted.size;

    const skipped = pending.filter(({ sim }) => !inserted.has(sim.iccid));
    if (skipped.length > 0) {
      const iccidOwners = await existingIccids(
        this.trx,
        skipped.map(({ sim }) => sim.iccid),
      );
      const imsiCandidates = skipped.filter(({ sim }) => !iccidOwners.has(sim.iccid) && sim.imsi);
      const imsiOwners = await existingImsis(
        this.trx,
        imsiCandidates.map(({ sim }) => sim.imsi!),
      );
      for (const { item, sim } of skipped) {
        const iccidImport = iccidOwners.get(sim.iccid);
        const imsiImport = sim.imsi ? imsiOwners.get(sim.imsi) : undefined;
        if (iccidImport !== undefined) {
          reject(
            item,
            "DUPLICATE_ICCID",
            iccidImport === this.id
              ? "ICCID appears earlier in this import"
              : "a SIM with this ICCID already exists",
          );
        } else if (imsiImport !== undefined) {
          reject(
            item,
            "DUPLICATE_IMSI",
            imsiImport === this.id
              ? "IMSI appears earlier in this import"
              : "a SIM with this IMSI already exists",
          );
        } else {
          // The conflicting row went away between the insert and this check
          // (only possible for a concurrent import that rolled back).
          reject(item, "DUPLICATE_ICCID", "the SIM conflicts with a concurrent import; import it again");
        }
      }
    }
    this.report(rejections);
  }

  /** Records the import and its one SimsImported event, in the import's transaction. */
  async finish(principal: Principal, format: "json" | "csv"): Promise<ImportSimsResponse> {
    await insertImport(this.trx, {
      id: this.id,
      orgId: this.orgId,
      format,
      actorUserId: principal.userId,
      actorRole: principal.role,
      imported: this.imported,
      rejected: this.rejectedCount,
    });
    await enqueueEvent(this.trx, this.deps.events, {
      type: "SimsImported",
      subject: this.id,
      orgId: this.orgId,
      data: { importId: this.id, orgId: this.orgId, count: this.imported, rejected: this.rejectedCount },
    });
    this.deps.logger.info(
      { importId: this.id, orgId: this.orgId, format, imported: this.imported, rejected: this.rejectedCount },
      "SIMs imported",
    );
    return {
      importId: this.id,
      imported: this.imported,
      rejected: this.rejected,
      rejectedCount: this.rejectedCount,
      rejectedTruncated: this.rejectedCount > this.rejected.length,
    };
  }
}

/** The organization must be the caller's to manage, exist and be active. */
async function checkOrganization(deps: SimDeps, principal: Principal, orgId: string): Promise<void> {
  if (!UUID.test(orgId)) {
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
  return deps.db.transaction(async (trx) => {
    const simImport = new SimImport(deps, trx, input.orgId);
    await simImport.write(await simImport.prepare(items));
    return simImport.finish(principal, "json");
  });
}

/**
 * The streamed CSV import. The first chunk names the organization; the bytes
 * of all chunks form the file; the last chunk says so (`last`), so a stream
 * cut off midway is never mistaken for a whole file. Parsing pauses while a batch is being
 * written, which pauses the gRPC stream (HTTP/2 flow control), which pauses
 * the gateway's upload: the back-pressure reaches the client.
 */
export async function importSimsCsv(
  deps: SimDeps,
  principal: Principal,
  chunks: ClientStream<ImportSimsChunk>,
): Promise<ImportSimsResponse> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) {
    throw invalid("the stream is empty", [
      { path: "orgId", message: "the first chunk must name the organization" },
    ]);
  }
  const orgId = first.value.orgId;
  await checkOrganization(deps, principal, orgId);
  if (deps.importSlots.inUse >= deps.importSlots.max) {
    throw new AppError("rate_limited", "IMPORTS_BUSY", "too many imports are running; try again shortly", {
      retryAfterSeconds: 5,
    });
  }
  deps.importSlots.inUse++;
  try {
    return await importCsvStream(deps, principal, orgId, first.value, iterator, chunks);
  } finally {
    deps.importSlots.inUse--;
  }
}

async function importCsvStream(
  deps: SimDeps,
  principal: Principal,
  orgId: string,
  first: ImportSimsChunk,
  iterator: AsyncIterator<ImportSimsChunk>,
  chunks: ClientStream<ImportSimsChunk>,
): Promise<ImportSimsResponse> {
  let complete = first.last;
  async function* bytes(): AsyncGenerator<Buffer> {
    if (first.data.length > 0) yield first.data;
    while (!complete) {
      const next = await iterator.next();
      if (next.done) {
        throw new AppError("aborted", "UPLOAD_INCOMPLETE", "the upload ended before its last chunk");
      }
      if (next.value.data.length > 0) yield next.value.data;
      complete = next.value.last;
    }
  }

  return deps.db.transaction(async (trx) => {
    const simImport = new SimImport(deps, trx, orgId);
    // Two stages: while one batch is in the database, the next is parsed
    // and prepared, so the database is kept busy and at most two batches
    // are in memory.
    let writing: Promise<void> = Promise.resolve();
    for await (const batch of parseSimCsv(bytes(), deps.importBatchSize)) {
      const prepared = await simImport.prepare(batch);
      await writing;
      writing = simImport.write(prepared);
      writing.catch(() => {}); // awaited above or below; never unhandled
    }
    await writing;
    if (!complete || chunks.cancelled) {
      throw new AppError("aborted", "UPLOAD_INCOMPLETE", "the upload ended before its last chunk");
    }
    return simImport.finish(principal, "csv");
  });
}
