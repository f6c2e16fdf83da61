// Input rules shared by the services' use cases: ids, names, list limits
// and cursors. Pure functions; each failure names the offending field
// with the same path the REST body uses, so the gateway and direct gRPC
// callers get the same problem document.
import { decodeCursor, encodeCursor } from "./cursor.ts";
import { type FieldError, invalid } from "./errors.ts";

export const NAME_MAX_LENGTH = 200;
export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 500;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** Collects field errors and throws them together, so a caller learns every problem at once. */
export class Problems {
  readonly errors: FieldError[] = [];
  add(path: string, message: string) {
    this.errors.push({ path, message });
  }
  throwIfAny(message = "invalid request") {
    if (this.errors.length > 0) throw invalid(message, this.errors);
  }
}

/** The field errors of a required UUID at `path`: none when `value` is one. */
export function uuidErrors(path: string, value: string): FieldError[] {
  if (!value) return [{ path, message: "is required" }];
  return isUuid(value) ? [] : [{ path, message: "must be a UUID" }];
}

/** A required UUID, lower-cased; a problem at `path` when it is none. */
export function checkUuid(problems: Problems, path: string, value: string): string {
  for (const error of uuidErrors(path, value)) problems.add(error.path, error.message);
  return value.toLowerCase();
}

/** A required UUID, lower-cased, refused at once (a command with one id field). */
export function requireUuid(path: string, value: string): string {
  const problems = new Problems();
  const uuid = checkUuid(problems, path, value);
  problems.throwIfAny(`${path} must be a UUID`);
  return uuid;
}

/**
 * A display name: trimmed, 1–200 characters (UTF-16 code units, counted
 * the way the gateway's schemas count them), no control characters.
 */
export function checkName(problems: Problems, path: string, value: string | undefined): string {
  const name = (value ?? "").trim();
  if (!name) problems.add(path, "is required");
  else if (name.length > NAME_MAX_LENGTH) problems.add(path, `must be at most ${NAME_MAX_LENGTH} characters`);
  else if (CONTROL.test(name)) problems.add(path, "must not contain control characters");
  return name;
}

/** proto3 sends 0 for "not given". */
export function checkLimit(problems: Problems, limit: number): number {
  if (limit === 0) return DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    problems.add("limit", `must be between 1 and ${MAX_LIMIT}`);
  }
  return limit;
}

/**
 * Keyset cursors carry the `seq` of the last row returned: lists are ordered
 * by an insertion sequence, so a row inserted while a client pages is never
 * returned twice and never shifts rows the client has not seen yet.
 */
export function checkCursor(problems: Problems, cursor: string): number | undefined {
  if (!cursor) return undefined;
  const decoded = decodeCursor(cursor);
  const seq = decoded?.s;
  if (typeof seq !== "string" || !/^[1-9]\d{0,17}$/.test(seq)) {
    problems.add("cursor", "is not a cursor this list returned");
    return undefined;
  }
  return Number(seq);
}

export function cursorAfter(seq: number | string): string {
  return encodeCursor({ s: String(seq) });
}
