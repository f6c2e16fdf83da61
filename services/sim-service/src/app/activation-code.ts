// Activation codes are stored as HMAC-SHA256(key, iccid ":" code). A slow
// password hash (argon2) would cost ~50 ms per SIM, which an import of a
// million SIMs cannot pay, and buys nothing against online guessing (the
// verifying RPC is internal and answers the same for every failure). Against
// a leaked table, the key does what a slow hash would: without it even a
// 4-character code cannot be tested offline. The ICCID in the message ties a
// hash to its SIM, so equal codes on two SIMs do not look equal.
import { createHmac, timingSafeEqual } from "node:crypto";

export function hashActivationCode(key: string, iccid: string, code: string): Buffer {
  return createHmac("sha256", key).update(`${iccid}:${code}`).digest();
}

export function activationCodeMatches(
  key: string,
  iccid: string,
  code: string,
  stored: Buffer | null,
): boolean {
  if (stored?.length !== 32) return false;
  return timingSafeEqual(hashActivationCode(key, iccid, code), stored);
}
