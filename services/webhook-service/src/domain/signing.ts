// Standard Webhooks 1.0 signatures: `webhook-signature` is a space-separated
// list of `v1,<base64 HMAC-SHA256(key, "<id>.<timestamp>.<body>")>`, one per
// valid secret (two while a rotated-out secret is still honoured). A secret
// is "whsec_" + base64 of its key bytes. Pure: no I/O, only hashing.
import { createHmac, createSecretKey, type KeyObject } from "node:crypto";

const SECRET_PREFIX = "whsec_";

export function secretFromKey(key: Buffer): string {
  return `${SECRET_PREFIX}${key.toString("base64")}`;
}

// Decoding a secret for every attempt costs more than the HMAC itself, and
// createHmac turns a Buffer key into a KeyObject on every call (several
// times the cost of the hash of a small body): keep the KeyObject.
const keys = new Map<string, KeyObject>();

function keyOf(secret: string): KeyObject {
  let key = keys.get(secret);
  if (!key) {
    if (!secret.startsWith(SECRET_PREFIX)) throw new Error("not a webhook secret");
    key = createSecretKey(Buffer.from(secret.slice(SECRET_PREFIX.length), "base64"));
    if (keys.size > 10_000) keys.clear();
    keys.set(secret, key);
  }
  return key;
}

function sign(secret: string, id: string, timestampSeconds: number, body: string): string {
  const mac = createHmac("sha256", keyOf(secret))
    .update(`${id}.${timestampSeconds}.${body}`)
    .digest("base64");
  return `v1,${mac}`;
}

/**
 * The headers of one attempt, as name, value, name, value, … (what the HTTP
 * client sends): signed with every secret given (current first).
 */
export function signedHeaders(
  secrets: string[],
  id: string,
  timestampSeconds: number,
  body: string,
): string[] {
  let signature = sign(secrets[0]!, id, timestampSeconds, body);
  for (let index = 1; index < secrets.length; index++) {
    signature += ` ${sign(secrets[index]!, id, timestampSeconds, body)}`;
  }
  return [
    "content-type",
    "application/json",
    "webhook-id",
    id,
    "webhook-timestamp",
    String(timestampSeconds),
    "webhook-signature",
    signature,
  ];
}
