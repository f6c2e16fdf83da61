// TOTP windows, sealed secrets, recovery codes and password hashing.

import { createSecretBox } from "@simhub/platform";
import { describe, expect, it } from "vitest";
import { createPasswordHasher } from "../src/crypto/passwords.ts";
import { normalizeRecoveryCode, randomRecoveryCode, randomToken, sha256 } from "../src/crypto/random.ts";
import { matchTotp, newTotpSecret, totpCodeAt, totpUri } from "../src/crypto/totp.ts";

describe("TOTP", () => {
  const secret = newTotpSecret();
  // The middle of a step, so ±30 s lands squarely in the neighbouring steps.
  const now = (Math.floor(Date.now() / 30_000) * 30 + 15) * 1000;
  const step = Math.floor(now / 30_000);

  it("accepts the current step and ±1 step, reporting which step matched", async () => {
    for (const delta of [-1, 0, 1]) {
      const code = await totpCodeAt(secret, now / 1000 + delta * 30);
      expect(await matchTotp(secret, code, now)).toBe(step + delta);
    }
  });

  it("refuses ±2 steps", async () => {
    for (const delta of [-2, 2]) {
      const code = await totpCodeAt(secret, now / 1000 + delta * 30);
      const same = await totpCodeAt(secret, now / 1000);
      if (code === same) continue; // one-in-a-million collision of codes
      expect(await matchTotp(secret, code, now)).toBeNull();
    }
  });

  it("refuses anything that is not six digits", async () => {
    expect(await matchTotp(secret, "12345", now)).toBeNull();
    expect(await matchTotp(secret, "abcdef", now)).toBeNull();
  });

  it("builds an otpauth URI for authenticator apps", () => {
    const uri = totpUri("simhub", "alice", secret);
    expect(uri).toMatch(/^otpauth:\/\/totp\/simhub:alice\?/);
    expect(uri).toContain(`secret=${secret}`);
  });
});

describe("secret box", () => {
  const box = createSecretBox(Buffer.alloc(32, 7));
  it("round-trips and binds the ciphertext to its row", () => {
    const sealed = box.seal("JBSWY3DPEHPK3PXP", "totp:user-1");
    expect(sealed).not.toContain("JBSWY3DPEHPK3PXP");
    expect(box.open(sealed, "totp:user-1")).toBe("JBSWY3DPEHPK3PXP");
    expect(() => box.open(sealed, "totp:user-2")).toThrow();
  });
  it("refuses another key", () => {
    const sealed = box.seal("x", "a");
    expect(() => createSecretBox(Buffer.alloc(32, 8)).open(sealed, "a")).toThrow();
  });
});

describe("opaque secrets", () => {
  it("tokens are long, random and prefixed", () => {
    const a = randomToken("rt");
    expect(a).toMatch(/^rt_[\w-]{43}$/);
    expect(randomToken("rt")).not.toBe(a);
    expect(sha256(a)).toHaveLength(32);
  });
  it("recovery codes carry 16 characters and compare without dashes or case", () => {
    const code = randomRecoveryCode();
    expect(code).toMatch(/^[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}-[0-9a-z]{4}$/);
    expect(normalizeRecoveryCode(code.toUpperCase().replaceAll("-", " "))).toBe(code.replaceAll("-", ""));
  });
});

describe("argon2id", () => {
  it("hashes with the configured parameters and asks for a rehash when they rise", async () => {
    const weak = await createPasswordHasher({ memoryCost: 19456, timeCost: 2, parallelism: 1 });
    const strong = await createPasswordHasher({ memoryCost: 19456, timeCost: 3, parallelism: 1 });
    const hash = await weak.hash("correct horse battery");
    expect(hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await weak.verify(hash, "correct horse battery")).toEqual({ valid: true, needsRehash: false });
    expect(await strong.verify(hash, "correct horse battery")).toEqual({ valid: true, needsRehash: true });
    expect(await weak.verify(hash, "wrong horse battery")).toEqual({ valid: false, needsRehash: false });
  });
});
