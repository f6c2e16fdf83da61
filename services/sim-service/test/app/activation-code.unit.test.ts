// The activation-code hash is an HMAC-SHA256 built from one-shot hashes;
// it must equal the standard construction for every key and message.
import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { activationCodeHasher, activationCodeMatches } from "../../src/app/activation-code.ts";

describe("activation codes", () => {
  it("hashes exactly like HMAC-SHA256(key, iccid ':' code), for short and long keys", () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 200 }),
        fc.string(),
        fc.string(),
        (key, iccid, code) => {
          const expected = createHmac("sha256", key).update(`${iccid}:${code}`).digest();
          expect(activationCodeHasher(key)(iccid, code).equals(expected)).toBe(true);
        },
      ),
    );
  });

  it("matches only the stored hash of the same SIM and code", () => {
    const hasher = activationCodeHasher("a-key-of-sixteen-characters");
    const stored = hasher("8944500102030405067", "ABCD-1234");
    expect(activationCodeMatches(hasher, "8944500102030405067", "ABCD-1234", stored)).toBe(true);
    expect(activationCodeMatches(hasher, "8944500102030405067", "ABCD-1235", stored)).toBe(false);
    expect(activationCodeMatches(hasher, "8944500102030405075", "ABCD-1234", stored)).toBe(false);
    expect(activationCodeMatches(hasher, "8944500102030405067", "ABCD-1234", null)).toBe(false);
    expect(activationCodeMatches(hasher, "8944500102030405067", "ABCD-1234", Buffer.alloc(3))).toBe(false);
  });
});
