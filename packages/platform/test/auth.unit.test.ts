// The shared access-token verifier, the one rule every service (identity-
// service included) applies: an `iat` in the future beyond the 5 s of clock
// tolerance is refused, also for a token that would otherwise verify.
import { randomUUID } from "node:crypto";
import { createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { AppError, createTokenVerifier, type TokenVerifier } from "../src/index.ts";

let sign: (claims: { iat?: number; exp?: number }) => Promise<string>;
let verify: TokenVerifier;
const userId = randomUUID();
const now = () => Math.floor(Date.now() / 1000);

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair("EdDSA");
  const kid = "test-key";
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: "EdDSA", use: "sig" };
  verify = createTokenVerifier({
    issuer: "simhub",
    audience: "simhub-api",
    keys: createLocalJWKSet({ keys: [jwk] }),
  });
  sign = ({ iat = now(), exp = now() + 300 }) =>
    new SignJWT({ role: "platform_admin" })
      .setProtectedHeader({ alg: "EdDSA", typ: "at+jwt", kid })
      .setSubject(userId)
      .setIssuer("simhub")
      .setAudience("simhub-api")
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(privateKey);
});

async function refusal(token: string): Promise<AppError> {
  const error = await verify(token).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("createTokenVerifier and iat", () => {
  it("accepts a token issued now (the control case)", async () => {
    expect((await verify(await sign({}))).userId).toBe(userId);
  });

  it("refuses a token issued in the future, however near its expiry", async () => {
    for (const ahead of [60, 600, 3_600]) {
      const error = await refusal(await sign({ iat: now() + ahead, exp: now() + ahead + 300 }));
      expect(error.kind).toBe("unauthenticated");
      expect(error.code).toBe("INVALID_TOKEN");
    }
  });

  it("allows the same clock tolerance as for exp (5 s)", async () => {
    expect((await verify(await sign({ iat: now() + 2 }))).userId).toBe(userId);
  });

  it("refuses a token issued more than a day ago, even if it has not expired", async () => {
    const error = await refusal(await sign({ iat: now() - 2 * 86_400, exp: now() + 300 }));
    expect(error.kind).toBe("unauthenticated");
  });
});
