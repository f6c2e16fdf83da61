// The CPU part of importing a batch, shared by the JSON and the CSV import:
// validate every row, learn the operators the rows name (once per distinct
// id per import, before any transaction is open), catch duplicates inside
// the batch, hash activation codes. Nothing here touches the database, and
// the operators are asked through a function, so the CSV import runs this
// in a worker thread (import-parse-worker.ts); rejections leave here already
// bounded in size.
import { AppError } from "@simhub/platform/domain";
import type { NewSim } from "../db/sims.ts";
import { type SimRowCandidate, validateSimRow } from "../domain/identifiers.ts";
import { boundedRejection, type Rejection } from "../domain/import-job.ts";
import { initialStatusForImport, type SimStatus } from "../domain/status.ts";
import type { ActivationCodeHasher } from "./activation-code.ts";
import type { SimDeps } from "./deps.ts";
import { BatchKeys, Key } from "./import-keys.ts";

/** One candidate row and where it came from: a JSON index or a CSV line. */
export interface ImportItem {
  candidate: SimRowCandidate;
  index: number;
  line: number;
  /** CSV: the length of the line's cells. */
  cellBytes?: number;
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

/** Where the earlier row at `position` is, in the terms of `item`'s import (CSV lines or JSON indexes). */
function where(item: ImportItem, position: number): string {
  return item.line > 0 ? `line ${position}` : `index ${position}`;
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

/** What becomes of one row: staged as `sim`, rejected, or waiting for its operator to be learnt. */
type RowOutcome =
  | { kind: "accepted"; position: number; sim: NewSim }
  | { kind: "rejected"; rejection: Rejection }
  | { kind: "operator-unknown"; operatorId: string };

export class ImportRowPreparer {
  // operatorId → the status its SIMs start in, or null (no contract).
  private readonly operators = new Map<string, SimStatus | null>();
  private readonly lookupOperator: OperatorLookup;
  private readonly hashActivationCode: ActivationCodeHasher;
  // The batch's ICCIDs and IMSIs → the position of the row holding them.
  // Duplicates inside a batch are caught here so the message can point at
  // the earlier row; those across batches by the staging transaction.
  private readonly batchIccids = new BatchKeys();
  private readonly batchImsis = new BatchKeys();
  private readonly iccidKey = new Key();
  private readonly imsiKey = new Key();
  /** The status of a SIM whose row names no operator. */
  readonly statusWithoutOperator: SimStatus = initialStatusForImport(false);

  constructor(sources: { lookupOperator: OperatorLookup; hashActivationCode: ActivationCodeHasher }) {
    this.lookupOperator = sources.lookupOperator;
    this.hashActivationCode = sources.hashActivationCode;
  }

  async learnOperator(operatorId: string): Promise<void> {
    if (!this.operators.has(operatorId))
      this.operators.set(operatorId, await this.lookupOperator(operatorId));
  }

  /** From here on duplicates are looked for among the rows of a new batch. */
  startBatch(): void {
    this.batchIccids.clear();
    this.batchImsis.clear();
  }

  /**
   * One row, at once: nothing here waits, so a file is prepared row by row
   * as it is read, without holding a batch's worth of objects. A row naming
   * an operator not learnt yet comes back `operator-unknown`: learn it
   * (`learnOperator`) and prepare the row again.
   */
  prepareRow(item: ImportItem): RowOutcome {
    const position = positionOf(item);
    const rejected = (code: string, message: string): RowOutcome => ({
      kind: "rejected",
      rejection: boundedRejection(position, rawIccid(item.candidate), code, message),
    });
    if (item.problem) return rejected(item.problem.code, item.problem.message);
    const result = validateSimRow(item.candidate);
    if (!result.ok) {
      return rejected(result.problems[0]!.code, result.problems.map((problem) => problem.message).join("; "));
    }
    const { row } = result;
    let status = this.statusWithoutOperator;
    if (row.operatorId) {
      const known = this.operators.get(row.operatorId);
      if (known === undefined) return { kind: "operator-unknown", operatorId: row.operatorId };
      if (known === null) {
        return rejected("UNKNOWN_OPERATOR", "operatorId is not an operator contract of this organization");
      }
      status = known;
    }
    const repeat = this.claimKeys(
      this.iccidKey.setString(row.iccid),
      row.imsi ? this.imsiKey.setString(row.imsi) : undefined,
      position,
    );
    if (repeat) {
      return {
        kind: "rejected",
        rejection: repeatedRejection(
          position,
          rawIccid(item.candidate),
          repeat.key,
          where(item, repeat.earlier),
        ),
      };
    }
    return {
      kind: "accepted",
      position,
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
    };
  }

  /**
   * Takes a row's keys for the batch, or, taking neither, names the one an
   * earlier row of the batch holds and where. The CSV parser calls it for
   * the rows it read from their bytes (import-plain-line.ts) and leaves a
   * repeat to prepareRow, which words its rejection.
   */
  claimKeys(
    iccid: Key,
    imsi: Key | undefined,
    position: number,
  ): { key: "iccid" | "imsi"; earlier: number } | undefined {
    const earlier = this.batchIccids.positionOf(iccid);
    if (earlier !== undefined) return { key: "iccid", earlier };
    const earlierImsi = imsi ? this.batchImsis.positionOf(imsi) : undefined;
    if (earlierImsi !== undefined) return { key: "imsi", earlier: earlierImsi };
    this.batchIccids.add(iccid, position);
    if (imsi) this.batchImsis.add(imsi, position);
    return undefined;
  }

  /** A row, learning its operator first if need be. */
  async prepareRowLearning(item: ImportItem): Promise<Exclude<RowOutcome, { kind: "operator-unknown" }>> {
    let outcome = this.prepareRow(item);
    if (outcome.kind === "operator-unknown") {
      await this.learnOperator(outcome.operatorId);
      outcome = this.prepareRow(item);
    }
    if (outcome.kind === "operator-unknown") throw new Error("the operator was not learnt");
    return outcome;
  }

  /** A whole batch (the JSON import's one). */
  async prepare(items: readonly ImportItem[]): Promise<PreparedBatch> {
    this.startBatch();
    const rejections: Rejection[] = [];
    const pending: PreparedBatch["pending"] = [];
    for (const item of items) {
      const outcome = await this.prepareRowLearning(item);
      if (outcome.kind === "rejected") rejections.push(outcome.rejection);
      else pending.push({ position: outcome.position, sim: outcome.sim });
    }
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
