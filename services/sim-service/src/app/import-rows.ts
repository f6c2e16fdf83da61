// The CPU part of importing a batch, shared by the JSON and the CSV import:
// validate every row, learn the operators the rows name (once per distinct
// id per import, before any transaction is open), catch duplicates inside
// the batch, hash activation codes. Nothing here touches the database, and
// the operators are asked through a function, so the CSV import runs this
// in a worker thread (import-parse-worker.ts); rejections leave here already
// bounded in size.
import { AppError } from "@simhub/platform/domain";
import type { NewSim } from "../db/sims.ts";
import { type SimRow, type SimRowCandidate, validateSimRow } from "../domain/identifiers.ts";
import { boundedRejection, type Rejection } from "../domain/import-job.ts";
import { initialStatusForImport, type SimStatus } from "../domain/status.ts";
import type { ActivationCodeHasher } from "./activation-code.ts";
import type { SimDeps } from "./deps.ts";

/** One candidate row and where it came from: a JSON index or a CSV line. */
export interface ImportItem {
  candidate: SimRowCandidate;
  index: number;
  line: number;
  /** A row rejected before validation (e.g. a CSV line with the wrong number of cells). */
  problem?: { code: string; message: string };
}

/** A batch validated and ready to write: rows keep their line (CSV) or index (JSON). */
export interface PreparedBatch {
  rejections: Rejection[];
  pending: { position: number; sim: NewSim }[];
}

function positionOf(item: ImportItem): number {
  return item.line > 0 ? item.line : item.index;
}

function rawIccid(candidate: SimRowCandidate): string {
  return typeof candidate.iccid === "string" ? candidate.iccid.trim() : "";
}

function where(item: ImportItem): string {
  return item.line > 0 ? `line ${item.line}` : `index ${item.index}`;
}

/**
 * The status an operator's SIMs start in, or null for an operator the
 * organization has no contract with.
 */
export type OperatorLookup = (operatorId: string) => Promise<SimStatus | null>;

/** Asks org-service about an operator of the organization (GetOperator). */
export function operatorLookup(deps: Pick<SimDeps, "org">, orgId: string): OperatorLookup {
  return async (operatorId) => {
    try {
      const operator = await deps.org.GetOperator({ orgId, operatorId });
      return operator.orgId === orgId ? initialStatusForImport(operator.integration === "api") : null;
    } catch (error) {
      if (error instanceof AppError && (error.kind === "not_found" || error.kind === "invalid")) return null;
      throw error;
    }
  };
}

export class ImportRowPreparer {
  // operatorId → the status its SIMs start in, or null (no contract).
  private readonly operators = new Map<string, SimStatus | null>();
  private readonly lookupOperator: OperatorLookup;
  private readonly hashActivationCode: ActivationCodeHasher;

  constructor(sources: { lookupOperator: OperatorLookup; hashActivationCode: ActivationCodeHasher }) {
    this.lookupOperator = sources.lookupOperator;
    this.hashActivationCode = sources.hashActivationCode;
  }

  private async learnOperators(operatorIds: Iterable<string>) {
    const unknown = [...new Set(operatorIds)].filter((id) => !this.operators.has(id));
    await Promise.all(
      unknown.map(async (operatorId) =>
        this.operators.set(operatorId, await this.lookupOperator(operatorId)),
      ),
    );
  }

  async prepare(items: readonly ImportItem[]): Promise<PreparedBatch> {
    const rejections: Rejection[] = [];
    const reject = (item: ImportItem, code: string, message: string) =>
      rejections.push(boundedRejection(positionOf(item), rawIccid(item.candidate), code, message));

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
    const pending: PreparedBatch["pending"] = [];
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
        rejections.push(
          repeatedRejection(positionOf(item), rawIccid(item.candidate), "iccid", where(earlier)),
        );
        continue;
      }
      const earlierImsi = row.imsi ? batchImsis.get(row.imsi) : undefined;
      if (earlierImsi) {
        rejections.push(
          repeatedRejection(positionOf(item), rawIccid(item.candidate), "imsi", where(earlierImsi)),
        );
        continue;
      }
      batchIccids.set(row.iccid, item);
      if (row.imsi) batchImsis.set(row.imsi, item);
      pending.push({
        position: positionOf(item),
        sim: {
          iccid: row.iccid,
          imsi: row.imsi,
          msisdn: row.msisdn,
          imei: row.imei,
          eSim: row.eSim,
          operatorId: row.operatorId,
          activationCodeHashHex: row.activationCode
            ? this.hashActivationCode(row.iccid, row.activationCode).toString("hex")
            : null,
          status,
        },
      });
    }
    rejections.sort((a, b) => a.position - b.position);
    return { rejections, pending };
  }
}

/**
 * A row whose ICCID (or IMSI) an earlier row of the same import holds:
 * found inside a batch while it is prepared, or against the rows staged
 * before it (import-receive.ts). `earlier` says where ("line 7", "index 3").
 */
export function repeatedRejection(
  position: number,
  iccid: string,
  key: "iccid" | "imsi",
  earlier: string,
): Rejection {
  return key === "iccid"
    ? boundedRejection(
        position,
        iccid,
        "DUPLICATE_ICCID",
        `ICCID appears earlier in this import (${earlier})`,
      )
    : boundedRejection(position, iccid, "DUPLICATE_IMSI", `IMSI appears earlier in this import (${earlier})`);
}

/**
 * Why rows the database skipped were skipped: an ICCID or IMSI taken by an
 * earlier row of this import or by a SIM already on the platform.
 */
export function duplicateRejection(
  importId: string,
  row: { position: number; iccid: string; imsi: string | null },
  iccidOwner: string | undefined,
  imsiOwner: string | undefined,
): Rejection {
  if (iccidOwner !== undefined) {
    return boundedRejection(
      row.position,
      row.iccid,
      "DUPLICATE_ICCID",
      iccidOwner === importId
        ? "ICCID appears earlier in this import"
        : "a SIM with this ICCID already exists",
    );
  }
  if (imsiOwner !== undefined) {
    return boundedRejection(
      row.position,
      row.iccid,
      "DUPLICATE_IMSI",
      imsiOwner === importId ? "IMSI appears earlier in this import" : "a SIM with this IMSI already exists",
    );
  }
  // The conflicting row went away between the insert and this check.
  return boundedRejection(
    row.position,
    row.iccid,
    "DUPLICATE_ICCID",
    "the SIM conflicts with a concurrent change; import it again",
  );
}
