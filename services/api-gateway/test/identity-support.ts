// Helpers for the identity tests through the gateway: an independent TOTP
// (RFC 6238) implementation, a token forger that signs with identity-service's
// real private key (read from its database and unsealed with the key the
// test gave it, as only a test may) so each claim can be bent alone, and a
// gRPC client for calling a backend service directly with any token.
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  randomBytes,
  sign,
} from "node:crypto";
import type { OrgServiceMethods, SimServiceMethods } from "@simhub/contracts";
import { createGrpcClient, createLogger, createMetrics, type GrpcClient } from "@simhub/platform";
import type { Stack } from "@simhub/testing";

/** base64 of 32 bytes handed to identity-service as IDENTITY_SECRETS_KEY. */
export const IDENTITY_SECRETS_KEY = Buffer.alloc(32, 7).toString("base64");

export const b64url = (value: unknown) =>
  Buffer.from(typeof value === "string" ? value : JSON.stringify(value)).toString("base64url");

function base32Decode(input: string): Buffer {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of input.replace(/=+$/, "").toUpperCase()) {
    value = (value << 5) | alphabet.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
    }
  }
  return Buffer.from(out);
}

/** The 6-digit TOTP code (SHA-1, 30 s) of `secret` at `epochSeconds`. */
export function totp(secret: string, epochSeconds = Date.now() / 1000): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(epochSeconds / 30)));
  const digest = createHmac("sha1", base32Decode(secret)).update(counter).digest();
  const offset = digest[digest.length - 1]! & 0x0f;
  const code = (digest.readUInt32BE(offset) & 0x7fffffff) % 1_000_000;
  return String(code).padStart(6, "0");
}

/** Waits until the current 30 s step has at least `marginMs` left; returns now in seconds. */
export async function awayFromStepEdge(marginMs = 5_000): Promise<number> {
  const intoStep = Date.now() % 30_000;
  if (30_000 - intoStep < marginMs)
    await new Promise((resolve) => setTimeout(resolve, 30_000 - intoStep + 200));
  return Date.now() / 1000;
}

function unseal(sealed: string, associatedData: string): string {
  const raw = Buffer.from(sealed.split(":")[1]!, "base64");
  const decipher = createDecipheriv(
    "aes-256-gcm",
    Buffer.from(IDENTITY_SECRETS_KEY, "base64"),
    raw.subarray(0, 12),
    { authTagLength: 16 },
  );
  decipher.setAAD(Buffer.from(associatedData));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
}

/** Seals like identity-service does (AES-256-GCM, "v1:" + base64(nonce ‖ tag ‖ ciphertext)). */
export function seal(plaintext: string, associatedData: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Buffer.from(IDENTITY_SECRETS_KEY, "base64"), nonce, {
    authTagLength: 16,
  });
  cipher.setAAD(Buffer.from(associatedData));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return `v1:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64")}`;
}

export interface Forger {
  kid: string;
  publicJwk: Record<string, string>;
  /** A token as identity-service would issue it, with `claims` and `header` overriding its parts. */
  sign(claims: Record<string, unknown>, header?: Record<string, unknown>): string;
}

export async function tokenForger(stack: Stack): Promise<Forger> {
  const [row] = await stack.query(
    "identity-service",
    "SELECT kid, public_jwk, private_jwk_sealed FROM signing_keys WHERE activates_at <= now() ORDER BY activates_at DESC LIMIT 1",
  );
  const privateKey = createPrivateKey({
    key: JSON.parse(unseal(row.private_jwk_sealed, `signing-key:${row.kid}`)),
    format: "jwk",
  });
  return {
    kid: row.kid,
    publicJwk: row.public_jwk,
    sign(claims, header = {}) {
      const now = Math.floor(Date.now() / 1000);
      const input = `${b64url({ alg: "EdDSA", typ: "at+jwt", kid: row.kid, ...header })}.${b64url({
        iss: "simhub",
        aud: "simhub-api",
        iat: now,
        nbf: now,
        exp: now + 300,
        jti: randomBytes(8).toString("hex"),
        ...claims,
      })}`;
      return `${input}.${sign(null, Buffer.from(input), privateKey).toString("base64url")}`;
    },
  };
}

export function simClient(stack: Stack): GrpcClient<SimServiceMethods> {
  return createGrpcClient<SimServiceMethods>("sim", stack.services["sim-service"].grpcAddress, {
    logger: createLogger("identity-test", "silent"),
    metrics: createMetrics("identity-test"),
    deadlineMs: 10_000,
    breaker: { volumeThreshold: 100_000 },
  });
}

export function orgClient(stack: Stack): GrpcClient<OrgServiceMethods> {
  return createGrpcClient<OrgServiceMethods>("org", stack.services["org-service"].grpcAddress, {
    logger: createLogger("identity-test", "silent"),
    metrics: createMetrics("identity-test"),
    deadlineMs: 10_000,
    breaker: { volumeThreshold: 100_000 },
  });
}

/** A valid 19-digit ICCID (89 prefix, Luhn check digit) from a serial number. */
export function iccid(serial: number, prefix = "89445"): string {
  const body = `${prefix}${String(serial).padStart(18 - prefix.length, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}
