// Activation codes are stored as HMAC-SHA256(key, iccid ":" code). A slow
// password hash (argon2) would cost ~50 ms per SIM, which an import of a
// million SIMs cannot pay, and buys nothing against online guessing (the
// verifying RPC is internal and answers the same for every failure). Against
// a leaked table, the key does what a slow hash would: without it even a
// 4-character code cannot be tested offline. The ICCID in the message ties a
// hash to its SIM, so equal codes on two SIMs do not look equal.
//
// The HMAC is computed from two one-shot SHA-256 hashes over the key's
// precomputed pads (RFC 2104), about four times cheaper than a createHmac
// object per SIM; a unit test checks it against createHmac.
import { hash, timingSafeEqual } from "node:crypto";

const BLOCK_BYTES = 64;

export type ActivationCodeHasher = (iccid: string, code: string) => Buffer;

export function activationCodeHasher(key: string): ActivationCodeHasher {
  let keyBytes = Buffer.from(key, "utf8");
  if (keyBytes.length > BLOCK_BYTES) keyBytes = hash("sha256", keyBytes, "buffer");
  const block = Buffer.alloc(BLOCK_BYTES);
  keyBytes.copy(block);
  const innerPad = Buffer.from(block.map((byte) => byte ^ 0x36));
  const outerPad = Buffer.from(block.map((byte) => byte ^ 0x5c));
  return (iccid, code) => {
    const inner = hash(
      "sha256",
      Buffer.concat([innerPad, Buffer.from(`${iccid}:${code}`, "utf8")]),
      "buffer",
    );
    return hash("sha256", Buffer.concat([outerPad, inner]), "buffer");
  };
}

export function activationCodeMatches(
  hasher: ActivationCodeHasher,
  iccid: string,
  code: string,
  stored: Buffer | null,
): boolean {
  if (stored?.length !== 32) return false;
  return timingSafeEqual(hasher(iccid, code), stored);
}
