// Opaque secrets handed to clients (refresh tokens, MFA tokens, recovery
// codes): random, and stored only as their SHA-256. They carry 256 (tokens)
// or 80 (recovery codes) bits of entropy, so a fast hash is enough; a slow
// hash is for low-entropy passwords.
import { createHash, randomBytes } from "node:crypto";

export function randomToken(prefix: string): string {
  return `${prefix}_${randomBytes(32).toString("base64url")}`;
}

export function sha256(value: string): Buffer {
  return createHash("sha256").update(value, "utf8").digest();
}

const crockford = "0123456789abcdefghjkmnpqrstvwxyz";

/** e.g. "7k2m9-x4q1p-c8d3t-..." formatted as 4 groups of 4 (80 bits). */
export function randomRecoveryCode(): string {
  const bytes = randomBytes(16);
  let out = "";
  for (let i = 0; i < 16; i++) out += crockford[bytes[i]! % 32];
  return `${out.slice(0, 4)}-${out.slice(4, 8)}-${out.slice(8, 12)}-${out.slice(12, 16)}`;
}

/** Recovery codes are compared without dashes, spaces or case. */
export function normalizeRecoveryCode(code: string): string {
  return code.replace(/[\s-]/g, "").toLowerCase();
}
