// A usage record as the network reports it (API.md, "Usage"), checked one
// by one: each bad record is rejected with its reason and the others go on.
// Pure.
import { ICCID_PATTERN, IMEI_PATTERN } from "@simhub/contracts";

const usageTypes = ["data", "sms", "voice"] as const;
type UsageType = (typeof usageTypes)[number];

/** Records of one JSON body; NDJSON streams are applied in batches of at most this many too. */
export const MAX_RECORDS_PER_BATCH = 10_000;

export interface UsageRecord {
  /** Position in the body: `records` index, or NDJSON line − 1. */
  index: number;
  recordId: string;
  iccid: string;
  type: UsageType;
  /** Bytes, messages or seconds. */
  quantity: number;
  startedAt: Date;
  /** As sent (RFC 3339, checked): what the database parses, without a toISOString per record. */
  startedAtText: string;
  imei: string | null;
}

export interface RecordRejection {
  index: number;
  recordId: string;
  code: string;
  message: string;
}

export type RecordCheck = { ok: true; record: UsageRecord } | { ok: false; rejection: RecordRejection };

// RFC 3339 with a zone: "2026-12-01T10:00:00Z", "…+02:00", fractions allowed.
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;
const RECORD_ID = /^[\x21-\x7e]{1,128}$/;
/** A record may start a little in the future of this clock (clock skew of the reporting system). */
const FUTURE_TOLERANCE_MS = 10 * 60_000;

export interface RecordLimits {
  now: Date;
  /** The first instant accepted: the start of the oldest month kept. */
  oldest: Date;
}

const DAYS_IN_MONTH = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const digit = (text: string, at: number) => text.charCodeAt(at) - 48;

/**
 * "2026-02-30…" parses in JavaScript (as 2 March); a record's date must
 * exist. Read from the characters (the text matched RFC3339 already): this
 * runs for every record.
 */
function isCalendarDate(text: string): boolean {
  const day = digit(text, 8) * 10 + digit(text, 9);
  if (day <= 28) return day >= 1;
  const month = digit(text, 5) * 10 + digit(text, 6);
  if (month < 1 || month > 12 || day > DAYS_IN_MONTH[month - 1]!) return false;
  if (month !== 2 || day !== 29) return true;
  const year = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function reject(index: number, recordId: string, code: string, message: string): RecordCheck {
  return { ok: false, rejection: { index, recordId, code, message } };
}

/** Checks one parsed JSON value as a usage record. */
export function checkRecord(value: unknown, index: number, limits: RecordLimits): RecordCheck {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return reject(index, "", "INVALID_RECORD", "a record is a JSON object");
  }
  const input = value as Record<string, unknown>;
  const recordId = typeof input.recordId === "string" ? input.recordId : "";
  if (!RECORD_ID.test(recordId)) {
    return reject(
      index,
      recordId.slice(0, 128),
      "INVALID_RECORD_ID",
      "recordId is 1 to 128 visible ASCII characters",
    );
  }
  const iccid = input.iccid;
  if (typeof iccid !== "string" || !ICCID_PATTERN.test(iccid)) {
    return reject(index, recordId, "INVALID_ICCID", "iccid is 19 or 20 digits starting with 89");
  }
  const type = input.type;
  if (typeof type !== "string" || !(usageTypes as readonly string[]).includes(type)) {
    return reject(index, recordId, "INVALID_TYPE", `type is one of ${usageTypes.join(", ")}`);
  }
  const quantity = input.quantity;
  if (typeof quantity !== "number" || !Number.isSafeInteger(quantity) || quantity < 0) {
    return reject(
      index,
      recordId,
      "INVALID_QUANTITY",
      "quantity is a whole number ≥ 0 (bytes, messages or seconds)",
    );
  }
  const startedAtText = input.startedAt;
  const startedAtMs =
    typeof startedAtText === "string" && RFC3339.test(startedAtText) ? Date.parse(startedAtText) : Number.NaN;
  if (!Number.isFinite(startedAtMs) || !isCalendarDate(startedAtText as string)) {
    return reject(
      index,
      recordId,
      "INVALID_STARTED_AT",
      "startedAt is an RFC 3339 date-time with a time zone",
    );
  }
  if (startedAtMs > limits.now.getTime() + FUTURE_TOLERANCE_MS) {
    return reject(index, recordId, "INVALID_STARTED_AT", "startedAt lies in the future");
  }
  if (startedAtMs < limits.oldest.getTime()) {
    return reject(
      index,
      recordId,
      "INVALID_STARTED_AT",
      `startedAt is before ${limits.oldest.toISOString()}, older than the months kept`,
    );
  }
  const imei = input.imei ?? null;
  if (imei !== null && (typeof imei !== "string" || !IMEI_PATTERN.test(imei))) {
    return reject(index, recordId, "INVALID_IMEI", "imei is 14 to 16 digits, or absent");
  }
  return {
    ok: true,
    record: {
      index,
      recordId,
      iccid,
      type: type as UsageType,
      quantity,
      startedAt: new Date(startedAtMs),
      startedAtText: startedAtText as string,
      imei,
    },
  };
}
