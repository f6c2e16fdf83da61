// Validation of SIM identifiers and of one candidate import row (JSON item or
// CSV line). Pure: the caller decides what a rejection costs (a rejected row,
// a 400); every failure carries a stable code plus a message naming the problem.
import { isUuid } from "@simhub/platform/domain";

type IdentifierErrorCode =
  | "INVALID_ICCID"
  | "INVALID_IMSI"
  | "INVALID_MSISDN"
  | "INVALID_IMEI"
  | "INVALID_ACTIVATION_CODE"
  | "INVALID_OPERATOR_ID"
  | "INVALID_ESIM";

/** Which rule an identifier broke, for callers and tests that must not parse messages. */
type IdentifierProblemReason =
  | "required"
  | "not_a_string"
  | "characters"
  | "length"
  | "prefix"
  | "check_digit"
  | "format"
  | "strength";

export type IdentifierResult =
  | { readonly ok: true; readonly value: string }
  | {
      readonly ok: false;
      readonly code: IdentifierErrorCode;
      readonly reason: IdentifierProblemReason;
      readonly message: string;
    };

const ACTIVATION_CODE_CHARS = /^[A-Za-z0-9-]+$/;

function fail(code: IdentifierErrorCode, reason: IdentifierProblemReason, message: string): IdentifierResult {
  return { ok: false, code, reason, message };
}

function ok(value: string): IdentifierResult {
  return { ok: true, value };
}

// Only ASCII 0-9 count as digits: `\d`-like Unicode classes would let '٠' or
// full-width digits through, which no operator system accepts. A loop over
// the characters: the import checks a few identifiers a row, a million rows
// a file, and the regular expression cost more than everything else a
// validation does.
function isAsciiDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * The Luhn (mod 10) check digit of the ASCII digits `value[0, end)`.
 * Walking right to left, the digit next to the (future) check digit is
 * doubled. An end instead of a slice: the ICCIDs of an import are checked
 * without a copy of each.
 */
function luhnDigitOf(value: string, end: number): number {
  let sum = 0;
  let double = true;
  for (let i = end - 1; i >= 0; i--) {
    let digit = value.charCodeAt(i) - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return (10 - (sum % 10)) % 10;
}

/**
 * Whether the ASCII digits `data[start, end)` end in the Luhn check digit
 * of the others: the same sum over bytes, for the CSV import's rows read
 * from the file's bytes (import-plain-line.ts). The caller has checked
 * that they are digits.
 */
export function isValidLuhnBytes(data: Uint8Array, start: number, end: number): boolean {
  let sum = 0;
  let double = true;
  for (let i = end - 2; i >= start; i--) {
    let digit = data[i]! - 48;
    if (double) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
    double = !double;
  }
  return (10 - (sum % 10)) % 10 === data[end - 1]! - 48;
}

/**
 * The Luhn (mod 10) check digit to append to `digitsWithoutCheck`.
 * Throws a RangeError when the input is empty or not ASCII digits only.
 */
export function luhnCheckDigit(digitsWithoutCheck: string): number {
  if (!isAsciiDigits(digitsWithoutCheck)) {
    throw new RangeError("luhnCheckDigit needs a non-empty string of ASCII digits");
  }
  return luhnDigitOf(digitsWithoutCheck, digitsWithoutCheck.length);
}

/** True when `number` is at least two ASCII digits and its last digit is the Luhn check digit of the rest. */
export function isValidLuhn(number: string): boolean {
  if (number.length < 2 || !isAsciiDigits(number)) return false;
  return luhnDigitOf(number, number.length - 1) === number.charCodeAt(number.length - 1) - 48;
}

/**
 * ICCID (ITU-T E.118): 19 or 20 digits, starting with the telecom industry
 * prefix 89, the last digit a Luhn check digit over the others. Surrounding
 * whitespace is trimmed; whitespace inside (printed groups) is rejected rather
 * than guessed at.
 */
export function validateIccid(input: string): IdentifierResult {
  const value = input.trim();
  if (value === "") return fail("INVALID_ICCID", "required", "ICCID is required");
  if (!isAsciiDigits(value)) return fail("INVALID_ICCID", "characters", "ICCID must contain digits only");
  if (value.length !== 19 && value.length !== 20) {
    return fail("INVALID_ICCID", "length", "ICCID must be 19 or 20 digits");
  }
  if (!value.startsWith("89")) return fail("INVALID_ICCID", "prefix", "ICCID must start with 89");
  if (!isValidLuhn(value)) return fail("INVALID_ICCID", "check_digit", "ICCID check digit is wrong (Luhn)");
  return ok(value);
}

/** IMSI: exactly 15 digits (MCC + MNC + MSIN). */
export function validateImsi(input: string): IdentifierResult {
  const value = input.trim();
  if (value === "") return fail("INVALID_IMSI", "required", "IMSI is required");
  if (!isAsciiDigits(value)) return fail("INVALID_IMSI", "characters", "IMSI must contain digits only");
  if (value.length !== 15) return fail("INVALID_IMSI", "length", "IMSI must be exactly 15 digits");
  return ok(value);
}

/**
 * MSISDN in E.164, stored as digits only: an optional leading '+' in the
 * input is dropped. 8 to 15 digits, and never a leading 0, since E.164
 * starts with the country code (a national or "00" form is rejected).
 */
export function validateMsisdn(input: string): IdentifierResult {
  const trimmed = input.trim();
  if (trimmed === "") return fail("INVALID_MSISDN", "required", "MSISDN is required");
  const value = trimmed.startsWith("+") ? trimmed.slice(1) : trimmed;
  if (value === "") return fail("INVALID_MSISDN", "length", "MSISDN must be 8 to 15 digits (E.164)");
  if (!isAsciiDigits(value)) {
    return fail(
      "INVALID_MSISDN",
      "characters",
      "MSISDN must contain digits only, with an optional leading +",
    );
  }
  if (value.length < 8 || value.length > 15) {
    return fail("INVALID_MSISDN", "length", "MSISDN must be 8 to 15 digits (E.164)");
  }
  if (value.startsWith("0")) {
    return fail(
      "INVALID_MSISDN",
      "prefix",
      "MSISDN must not start with 0 (E.164 starts with the country code)",
    );
  }
  return ok(value);
}

/** IMEI: 15 digits, the last a Luhn check digit over the other 14. */
export function validateImei(input: string): IdentifierResult {
  const value = input.trim();
  if (value === "") return fail("INVALID_IMEI", "required", "IMEI is required");
  if (!isAsciiDigits(value)) return fail("INVALID_IMEI", "characters", "IMEI must contain digits only");
  if (value.length !== 15) return fail("INVALID_IMEI", "length", "IMEI must be exactly 15 digits");
  if (!isValidLuhn(value)) return fail("INVALID_IMEI", "check_digit", "IMEI check digit is wrong (Luhn)");
  return ok(value);
}

/**
 * Activation code: up to 64 letters, digits and '-' (case kept), strong
 * enough to stand online guessing across many SIMs: at least 8 symbols
 * (dashes do not count) and 40 bits, with the alphabet judged from the
 * classes the code uses (digits 10, upper case 26, lower case 26). So 8
 * letters and digits pass (41 bits), 8 upper-case letters alone do not
 * (37.6; 9 do), and digits only need 13. With ICCIDs sequential, a short
 * code is what made guessing across an organization's SIMs pay.
 */
export function validateActivationCode(input: string): IdentifierResult {
  const value = input.trim();
  if (value === "") return fail("INVALID_ACTIVATION_CODE", "required", "activation code is required");
  if (value.length > 64) {
    return fail("INVALID_ACTIVATION_CODE", "length", "activation code must be at most 64 characters");
  }
  if (!ACTIVATION_CODE_CHARS.test(value)) {
    return fail(
      "INVALID_ACTIVATION_CODE",
      "characters",
      "activation code may contain only letters, digits and '-'",
    );
  }
  if (activationCodeBits(value) < MIN_ACTIVATION_CODE_BITS || value.replaceAll("-", "").length < 8) {
    return fail(
      "INVALID_ACTIVATION_CODE",
      "strength",
      "activation code is too weak: at least 8 letters and digits (40 bits; 9 letters of one case, or 13 digits)",
    );
  }
  return ok(value);
}

const MIN_ACTIVATION_CODE_BITS = 40;

/** Bits of a code of letters, digits and '-', from its length and the character classes it uses. */
export function activationCodeBits(code: string): number {
  const symbols = code.replaceAll("-", "");
  const alphabet =
    (/[0-9]/.test(symbols) ? 10 : 0) + (/[A-Z]/.test(symbols) ? 26 : 0) + (/[a-z]/.test(symbols) ? 26 : 0);
  return alphabet === 0 ? 0 : symbols.length * Math.log2(alphabet);
}

/**
 * Operator contract id: a UUID in its canonical 8-4-4-4-12 hex form, returned
 * lower-case. Whether it is a contract of the importing organization is
 * decided where the contracts are known, not here.
 */
export function validateOperatorId(input: string): IdentifierResult {
  const value = input.trim();
  if (value === "") return fail("INVALID_OPERATOR_ID", "required", "operatorId is required");
  if (!isUuid(value)) return fail("INVALID_OPERATOR_ID", "format", "operatorId must be a UUID");
  return ok(value.toLowerCase());
}

/** One SIM as offered for import: a JSON item or a CSV line (where every cell is a string). */
export interface SimRowCandidate {
  readonly iccid?: unknown;
  readonly imsi?: unknown;
  readonly msisdn?: unknown;
  readonly imei?: unknown;
  readonly eSim?: unknown;
  readonly operatorId?: unknown;
  readonly activationCode?: unknown;
}

/** A row that passed validation, normalised for storage: absent optional fields are null. */
interface SimRow {
  readonly iccid: string;
  readonly imsi: string | null;
  readonly msisdn: string | null;
  readonly imei: string | null;
  readonly eSim: boolean;
  readonly operatorId: string | null;
  readonly activationCode: string | null;
}

type SimRowField = keyof SimRowCandidate & keyof SimRow;

interface SimRowProblem {
  readonly field: SimRowField;
  readonly code: IdentifierErrorCode;
  readonly reason: IdentifierProblemReason;
  readonly message: string;
}

export type SimRowResult =
  | { readonly ok: true; readonly row: SimRow }
  | { readonly ok: false; readonly problems: readonly SimRowProblem[] };

type Validator = (input: string) => IdentifierResult;

const OPTIONAL_FIELDS: readonly {
  field: "imsi" | "msisdn" | "imei" | "operatorId" | "activationCode";
  code: IdentifierErrorCode;
  label: string;
  validate: Validator;
}[] = [
  { field: "imsi", code: "INVALID_IMSI", label: "IMSI", validate: validateImsi },
  { field: "msisdn", code: "INVALID_MSISDN", label: "MSISDN", validate: validateMsisdn },
  { field: "imei", code: "INVALID_IMEI", label: "IMEI", validate: validateImei },
  { field: "operatorId", code: "INVALID_OPERATOR_ID", label: "operatorId", validate: validateOperatorId },
  {
    field: "activationCode",
    code: "INVALID_ACTIVATION_CODE",
    label: "activation code",
    validate: validateActivationCode,
  },
];

// A CSV leaves an optional column empty; JSON may send null. Both mean "absent".
function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === "string" && value.trim() === "");
}

// JSON sends a boolean; a CSV cell sends text. Anything else is a mistake worth
// reporting rather than coercing (a "yes" might mean either).
function parseESim(value: unknown): boolean | undefined {
  if (isAbsent(value)) return false;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") {
    const text = value.trim().toLowerCase();
    if (text === "true") return true;
    if (text === "false") return false;
  }
  return undefined;
}

/**
 * Validates one candidate import row and reports every problem in it, not just
 * the first, so a rejected line can be fixed in one go. Identifiers must be
 * strings even in JSON: a 20-digit ICCID as a JSON number has already lost
 * digits, and a numeric IMSI would lose leading zeros.
 */
export function validateSimRow(candidate: SimRowCandidate): SimRowResult {
  const problems: SimRowProblem[] = [];

  let iccid = "";
  if (isAbsent(candidate.iccid)) {
    problems.push({
      field: "iccid",
      code: "INVALID_ICCID",
      reason: "required",
      message: "ICCID is required",
    });
  } else if (typeof candidate.iccid !== "string") {
    problems.push({
      field: "iccid",
      code: "INVALID_ICCID",
      reason: "not_a_string",
      message: "ICCID must be a string of digits",
    });
  } else {
    const result = validateIccid(candidate.iccid);
    if (result.ok) iccid = result.value;
    else problems.push({ field: "iccid", code: result.code, reason: result.reason, message: result.message });
  }

  const optional: Record<(typeof OPTIONAL_FIELDS)[number]["field"], string | null> = {
    imsi: null,
    msisdn: null,
    imei: null,
    operatorId: null,
    activationCode: null,
  };
  for (const { field, code, label, validate } of OPTIONAL_FIELDS) {
    const raw = candidate[field];
    if (isAbsent(raw)) continue;
    if (typeof raw !== "string") {
      problems.push({ field, code, reason: "not_a_string", message: `${label} must be a string` });
      continue;
    }
    const result = validate(raw);
    if (result.ok) optional[field] = result.value;
    else problems.push({ field, code: result.code, reason: result.reason, message: result.message });
  }

  const eSim = parseESim(candidate.eSim);
  if (eSim === undefined) {
    problems.push({
      field: "eSim",
      code: "INVALID_ESIM",
      reason: "format",
      message: "eSim must be true or false",
    });
  }

  if (problems.length > 0 || eSim === undefined) return { ok: false, problems };
  return {
    ok: true,
    row: {
      iccid,
      imsi: optional.imsi,
      msisdn: optional.msisdn,
      imei: optional.imei,
      eSim,
      operatorId: optional.operatorId,
      activationCode: optional.activationCode,
    },
  };
}
