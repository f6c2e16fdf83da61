// Ingesting usage records (API.md, "Usage"; docs/usage.md): records are
// checked one by one, gathered into batches, and each batch is applied
// with one lookup of the SIMs not met yet and one transaction: the SIM rows
// locked, one statement for records, totals and SIM facts, one for the
// events. A batch that commits stays committed; a client that sends the
// same records again gets them counted as duplicates.
import type { EventType } from "@simhub/contracts";
import {
  buildOutboxRows,
  type CallOptions,
  type EventToPublish,
  forbidden,
  invalid,
  notFound,
  outboxEventsRowSql,
  type Principal,
  requireUuid,
  ruleBroken,
} from "@simhub/platform";
import { applyRecords } from "../db/records.ts";
import { lockSims } from "../db/sims.ts";
import { type IngestScope, ingestScope } from "../domain/access.ts";
import { NdjsonLines } from "../domain/ndjson.ts";
import { oldestKept, periodOf } from "../domain/period.ts";
import {
  checkRecord,
  MAX_RECORDS_PER_BATCH,
  type RecordLimits,
  type RecordRejection,
  type UsageRecord,
} from "../domain/records.ts";
import type { UsageDeps } from "./deps.ts";
import { resolveSims } from "./sim-directory.ts";

/** Rejections listed in an answer; all of them are counted. */
const MAX_LISTED_REJECTIONS = 10_000;
/** A JSON body's bytes (10,000 records of a few hundred bytes fit well within). */
const MAX_JSON_BYTES = 16 * 1024 * 1024;

export interface IngestOutcome {
  accepted: number;
  duplicates: number;
  rejected: RecordRejection[];
  rejectedCount: number;
  batches: number;
}

export type IngestSource = "api" | "nats";

/** One ingestion: its scope, its running counts, the batch being gathered. */
export class IngestSession {
  readonly outcome: IngestOutcome = {
    accepted: 0,
    duplicates: 0,
    rejected: [],
    rejectedCount: 0,
    batches: 0,
  };
  private batch: UsageRecord[] = [];
  private readonly limits: RecordLimits;

  private readonly deps: UsageDeps;
  private readonly orgId: string;
  private readonly scope: Extract<IngestScope, { kind: "organization" | "company" }>;
  private readonly source: IngestSource;
  private readonly callOptions: CallOptions | undefined;

  constructor(
    deps: UsageDeps,
    orgId: string,
    scope: Extract<IngestScope, { kind: "organization" | "company" }>,
    source: IngestSource,
    callOptions?: CallOptions,
  ) {
    this.deps = deps;
    this.orgId = orgId;
    this.scope = scope;
    this.source = source;
    this.callOptions = callOptions;
    const now = deps.now?.() ?? new Date();
    this.limits = { now, oldest: oldestKept(now, deps.retentionMonths) };
  }

  /** Checks one parsed record; applies the batch once it is full. */
  async add(value: unknown, index: number): Promise<void> {
    const checked = checkRecord(value, index, this.limits);
    if (!checked.ok) {
      this.reject(checked.rejection);
      return;
    }
    this.batch.push(checked.record);
    if (this.batch.length >= this.deps.batchSize) await this.flush();
  }

  reject(rejection: RecordRejection) {
    this.outcome.rejectedCount++;
    if (this.outcome.rejected.length < MAX_LISTED_REJECTIONS) this.outcome.rejected.push(rejection);
    this.deps.metrics.records.inc({ source: this.source, outcome: "rejected" });
  }

  /** Applies the records gathered so far. */
  async flush(): Promise<void> {
    const records = this.batch;
    this.batch = [];
    if (records.length === 0) return;
    const stopTimer = this.deps.metrics.batchDuration.startTimer();
    const iccids = [...new Set(records.map((record) => record.iccid))];
    const sims = await resolveSims(this.deps, this.orgId, iccids, this.callOptions);
    const accepted: UsageRecord[] = [];
    for (const record of records) {
      const sim = sims.get(record.iccid);
      const owned =
        sim !== undefined &&
        sim.orgId === this.orgId &&
        (this.scope.kind === "organization" || sim.companyId === this.scope.companyId);
      if (owned) accepted.push(record);
      // Unknown, another organization's, another company's: one answer for all.
      else
        this.reject({
          index: record.index,
          recordId: record.recordId,
          code: "SIM_NOT_FOUND",
          message: "SIM not found",
        });
    }
    if (accepted.length > 0) {
      await this.deps.partitions.ensure(periodsOf(accepted));
      const inserted = await applyBatch(this.deps, this.orgId, accepted);
      this.outcome.accepted += inserted;
      this.outcome.duplicates += accepted.length - inserted;
      this.deps.metrics.records.inc({ source: this.source, outcome: "accepted" }, inserted);
      this.deps.metrics.records.inc(
        { source: this.source, outcome: "duplicate" },
        accepted.length - inserted,
      );
    }
    this.outcome.batches++;
    stopTimer();
  }
}

/** The months of a batch's records (a number per record, a string per month). */
function periodsOf(records: readonly UsageRecord[]): string[] {
  const months = new Set<number>();
  for (const record of records)
    months.add(record.startedAt.getUTCFullYear() * 12 + record.startedAt.getUTCMonth());
  return [...months].map((month) => periodOf(new Date(Date.UTC(Math.floor(month / 12), month % 12, 1))));
}

/** The records, their totals, the SIMs' facts and the events of one batch, in one transaction. */
async function applyBatch(deps: UsageDeps, orgId: string, records: UsageRecord[]): Promise<number> {
  const iccids = [...new Set(records.map((record) => record.iccid))].sort();
  return deps.db.transaction(async (trx) => {
    const before = await lockSims(trx, iccids);
    const applied = await applyRecords(trx, orgId, records);
    const events: EventToPublish<EventType>[] = [];
    for (const totals of applied.totals) {
      const sim = before.get(totals.iccid)!;
      events.push({
        type: "SimUsageUpdated",
        subject: totals.iccid,
        orgId: sim.orgId,
        companyId: sim.companyId,
        data: { ...totals, orgId: sim.orgId, companyId: sim.companyId },
      });
    }
    for (const facts of applied.sims) {
      const sim = before.get(facts.iccid)!;
      const tenancy = { orgId: sim.orgId, companyId: sim.companyId };
      if (sim.neverUsed) {
        events.push({
          type: "SimFirstUsage",
          subject: facts.iccid,
          ...tenancy,
          data: { iccid: facts.iccid, ...tenancy, at: facts.firstAt },
        });
      }
      const newer = facts.imeiAtUs !== null && (sim.imeiSeenUs === null || facts.imeiAtUs >= sim.imeiSeenUs);
      if (facts.imei !== null && newer && facts.imei !== sim.imei) {
        events.push({
          type: "SimImeiChanged",
          subject: facts.iccid,
          ...tenancy,
          data: { iccid: facts.iccid, ...tenancy, previousImei: sim.imei, imei: facts.imei },
        });
      }
    }
    if (events.length > 0) {
      // A batch's events (one per SIM it touched: thousands) as one outbox row.
      const outbox = outboxEventsRowSql(buildOutboxRows(deps.events, events));
      await trx.raw(outbox.sql, outbox.bindings as never);
    }
    return applied.inserted;
  });
}

/** The organization a caller sends usage for, and which of its SIMs; 404/403 otherwise. */
function checkIngestScope(principal: Principal, orgIdInput: string) {
  const orgId = requireUuid("orgId", orgIdInput);
  const scope = ingestScope(principal, orgId);
  if (scope.kind === "not_visible") throw notFound("ORGANIZATION_NOT_FOUND", "organization not found");
  if (scope.kind === "forbidden") throw forbidden("end users cannot send usage records", "USAGE_FORBIDDEN");
  return { orgId, scope };
}

export interface IngestChunk {
  orgId: string;
  format: string;
  data: Uint8Array;
  last: boolean;
}

/** An ingestion streamed over gRPC: a JSON document or NDJSON, in chunks. */
export async function ingestStream(
  deps: UsageDeps,
  principal: Principal,
  chunks: AsyncIterable<IngestChunk>,
): Promise<IngestOutcome> {
  const iterator = chunks[Symbol.asyncIterator]();
  const first = await iterator.next();
  if (first.done) throw invalid("the stream is empty", [], "EMPTY_STREAM");
  const { orgId, scope } = checkIngestScope(principal, first.value.orgId);
  const format = first.value.format;
  if (format !== "json" && format !== "ndjson") {
    throw invalid('format is "json" or "ndjson"', [{ path: "format", message: "unknown format" }]);
  }
  const session = new IngestSession(deps, orgId, scope, "api");
  const rest = (async function* () {
    yield first.value;
    for (;;) {
      const next = await iterator.next();
      if (next.done) return;
      yield next.value;
    }
  })();
  let complete = false;
  if (format === "json") {
    const parts: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of rest) {
      bytes += chunk.data.length;
      if (bytes > MAX_JSON_BYTES)
        throw ruleBroken("BODY_TOO_LARGE", `a JSON body is at most ${MAX_JSON_BYTES} bytes`);
      if (chunk.data.length > 0) parts.push(chunk.data);
      if (chunk.last) complete = true;
    }
    if (!complete) throw invalid("the upload was cut off", [], "UPLOAD_INCOMPLETE");
    const records = parseJsonBody(Buffer.concat(parts));
    for (let index = 0; index < records.length; index++) await session.add(records[index], index);
  } else {
    const lines = new NdjsonLines();
    const take = async (line: { index: number; text: string }) => {
      if (line.text.trim() === "") return;
      let value: unknown;
      try {
        value = JSON.parse(line.text);
      } catch {
        session.reject({
          index: line.index,
          recordId: "",
          code: "INVALID_JSON",
          message: `line ${line.index + 1} is not JSON`,
        });
        return;
      }
      await session.add(value, line.index);
    };
    for await (const chunk of rest) {
      for (const line of lines.push(chunk.data)) await take(line);
      if (chunk.last) complete = true;
    }
    // Records after the last full batch were sent but never confirmed complete: not applied.
    if (!complete) throw invalid("the upload was cut off", [], "UPLOAD_INCOMPLETE");
    for (const line of lines.end()) await take(line);
  }
  await session.flush();
  // Checked records are rejected as they are read, unknown SIMs per batch: list them in body order.
  session.outcome.rejected.sort((a, b) => a.index - b.index);
  return session.outcome;
}

/** `{records:[…]}` with at most 10,000 records. */
function parseJsonBody(bytes: Buffer): unknown[] {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw invalid("the body is not valid JSON (UTF-8)", [], "INVALID_JSON");
  }
  const records = (body as { records?: unknown } | null)?.records;
  if (!Array.isArray(records)) {
    const message = "records is an array of usage records";
    throw invalid(message, [{ path: "records", message }]);
  }
  if (records.length > MAX_RECORDS_PER_BATCH) {
    throw ruleBroken(
      "TOO_MANY_RECORDS",
      `a JSON body holds at most ${MAX_RECORDS_PER_BATCH} records (${records.length} sent); send more as NDJSON`,
    );
  }
  return records;
}
