// identity-service over its own gRPC edge, in this process, against real
// PostgreSQL and NATS: login, tokens and their negatives, refresh rotation,
// TOTP, brute-force protection, key rotation and the admin bootstrap.
import { createHash, randomUUID } from "node:crypto";
import { AppError } from "@simhub/platform";
import { decodeJwt, decodeProtectedHeader } from "jose";
import knexFactory from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { totpCodeAt } from "../src/crypto/totp.ts";
import { startIdentityService } from "../src/service.ts";
import {
  awayFromStepEdge,
  base64url,
  identityClient,
  seedUser,
  startTestIdentity,
  type TestIdentity,
  testConfig,
  tokenForger,
} from "./support.ts";

let identity: TestIdentity;

beforeAll(async () => {
  identity = await startTestIdentity({
    // Short locks so the test can watch one end; the production default is 30 s.
    LOGIN_LOCK_BASE_SECONDS: "2",
    LOGIN_ADDRESS_FREE_ATTEMPTS: "8",
    SIGNING_KEY_PUBLISH_LEAD_SECONDS: "2",
  });
});

afterAll(async () => {
  await identity?.stop();
});

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

// Each user logs in from an address of its own (the client address the
// gateway would pass), so one test's failures never lock another's logins.
const addressOf = (username: string) => {
  const digest = createHash("sha256").update(username).digest();
  return `10.${digest[0]}.${digest[1]}.${digest[2]}`;
};
const anyAddress = () => addressOf(randomUUID());

const login = (username: string, password: string, sourceAddress = addressOf(username)) =>
  identity.client.Login({ username, password, sourceAddress });

async function accessTokenOf(username: string, password: string) {
  const response = await login(username, password);
  expect(response.mfaRequired).toBe(false);
  return response;
}

describe("login", () => {
  it("issues an EdDSA access token with the agreed header and claims, and an opaque refresh token", async () => {
    const response = await accessTokenOf(identity.admin.username, identity.admin.password);
    const header = decodeProtectedHeader(response.accessToken);
    expect(header).toMatchObject({ alg: "EdDSA", typ: "at+jwt" });
    expect(header.kid).toBe(identity.service.keys.activeKid);
    const claims = decodeJwt(response.accessToken);
    expect(claims).toMatchObject({ iss: "simhub", aud: "simhub-api", role: "platform_admin" });
    expect(claims.exp! - claims.iat!).toBe(900);
    expect(claims.jti).toBeTruthy();
    expect(claims.org).toBeUndefined();
    expect(response.expiresIn).toBe(900);
    expect(response.refreshToken).toMatch(/^rt_/);
    const me = await identity.client.GetMe({}, { token: response.accessToken });
    expect(me).toMatchObject({ username: "admin", role: "platform_admin", orgId: "", mfaEnabled: false });
  });

  it("answers an unknown user and a wrong password identically, in about the same time", async () => {
    await seedUser(identity, { username: "timing-user", password: "timing-user-password" });
    const timings = { unknown: [] as number[], wrong: [] as number[] };
    const errors: AppError[] = [];
    for (let i = 0; i < 3; i++) {
      for (const [kind, username] of [
        ["unknown", `nobody-${i}`],
        ["wrong", "timing-user"],
      ] as const) {
        const started = performance.now();
        errors.push(await failure(login(username, `not-the-password-${i}`)));
        timings[kind].push(performance.now() - started);
      }
    }
    for (const error of errors) {
      expect({ kind: error.kind, code: error.code, message: error.message }).toEqual({
        kind: "unauthenticated",
        code: "INVALID_CREDENTIALS",
        message: "invalid username or password",
      });
    }
    const median = (values: number[]) => values.sort((a, b) => a - b)[1]!;
    // Both paths run one argon2id verification; without the dummy check an
    // unknown user would answer many times faster.
    expect(median(timings.unknown)).toBeGreaterThan(median(timings.wrong) * 0.5);
    expect(median(timings.wrong)).toBeGreaterThan(median(timings.unknown) * 0.5);
  });

  it("refuses empty fields as invalid input, naming them", async () => {
    const error = await failure(login("", ""));
    expect(error.kind).toBe("invalid");
    expect(error.errors.map((e) => e.path)).toEqual(["username", "password"]);
  });

  it("matches usernames regardless of case", async () => {
    await seedUser(identity, { username: "Mixed.Case", password: "mixed-case-password" });
    expect((await login("mixed.case", "mixed-case-password")).accessToken).toBeTruthy();
  });
});

describe("access-token negatives (gRPC GetMe)", () => {
  let forger: Awaited<ReturnType<typeof tokenForger>>;
  let userId: string;
  beforeAll(async () => {
    forger = await tokenForger(identity.databaseUrl);
    const me = await identity.client.GetMe(
      {},
      { token: (await accessTokenOf(identity.admin.username, identity.admin.password)).accessToken },
    );
    userId = me.id;
  });

  const expectRejected = async (token: string) => {
    const error = await failure(identity.client.GetMe({}, { token }));
    expect(error.kind).toBe("unauthenticated");
    return error;
  };

  it("accepts a well-formed forged-by-the-key token (the control case)", async () => {
    const token = await forger.sign({ sub: userId, role: "platform_admin" });
    expect((await identity.client.GetMe({}, { token })).id).toBe(userId);
  });

  it("rejects alg none", async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = `${base64url({ alg: "none", typ: "at+jwt", kid: forger.kid })}.${base64url({
      sub: userId,
      role: "platform_admin",
      iss: "simhub",
      aud: "simhub-api",
      iat: now,
      exp: now + 300,
    })}.`;
    await expectRejected(token);
  });

  it("rejects a wrong algorithm (HS256 keyed with the public key)", async () => {
    const { createHmac } = await import("node:crypto");
    const now = Math.floor(Date.now() / 1000);
    const signingInput = `${base64url({ alg: "HS256", typ: "at+jwt", kid: forger.kid })}.${base64url({
      sub: userId,
      role: "platform_admin",
      iss: "simhub",
      aud: "simhub-api",
      iat: now,
      exp: now + 300,
    })}`;
    const signature = createHmac("sha256", JSON.stringify(forger.publicJwk)).update(signingInput).digest();
    await expectRejected(`${signingInput}.${signature.toString("base64url")}`);
    const withX = createHmac("sha256", Buffer.from(String(forger.publicJwk.x), "base64url"))
      .update(signingInput)
      .digest();
    await expectRejected(`${signingInput}.${withX.toString("base64url")}`);
  });

  it("rejects a bad signature", async () => {
    const token = await forger.sign({ sub: userId, role: "platform_admin" });
    const [header, payload] = token.split(".");
    // Same header, a payload promoting the caller, the old signature.
    const tampered = `${header}.${base64url({ ...decodeJwt(token), sub: "someone-else" })}.${token.split(".")[2]}`;
    await expectRejected(tampered);
    const flipped = token.slice(0, -2) + (token.at(-2) === "A" ? "B" : "A") + token.at(-1);
    await expectRejected(flipped);
    expect(payload).toBeTruthy();
  });

  it("rejects an expired token", async () => {
    const now = Math.floor(Date.now() / 1000);
    const error = await expectRejected(
      await forger.sign({ sub: userId, role: "platform_admin", iat: now - 1000, exp: now - 60 }),
    );
    expect(error.code).toBe("TOKEN_EXPIRED");
  });

  it("rejects a token not yet valid (nbf in the future)", async () => {
    const now = Math.floor(Date.now() / 1000);
    await expectRejected(await forger.sign({ sub: userId, role: "platform_admin", nbf: now + 600 }));
  });

  it("rejects a token issued in the future (iat ahead of the clock), by the shared verifier's one rule", async () => {
    const now = Math.floor(Date.now() / 1000);
    for (const ahead of [60, 600]) {
      const error = await expectRejected(
        await forger.sign({ sub: userId, role: "platform_admin", iat: now + ahead, exp: now + ahead + 300 }),
      );
      expect(error.code).toBe("INVALID_TOKEN");
    }
  });

  it("rejects a wrong audience", async () => {
    await expectRejected(await forger.sign({ sub: userId, role: "platform_admin", aud: "another-api" }));
  });

  it("rejects a wrong issuer", async () => {
    await expectRejected(await forger.sign({ sub: userId, role: "platform_admin", iss: "someone-else" }));
  });

  it("rejects an unknown kid", async () => {
    await expectRejected(await forger.sign({ sub: userId, role: "platform_admin" }, { kid: "unknown-kid" }));
  });

  it("rejects a refresh token used as an access token", async () => {
    const { refreshToken } = await accessTokenOf(identity.admin.username, identity.admin.password);
    await expectRejected(refreshToken);
  });

  it("rejects a token of another type (typ JWT)", async () => {
    await expectRejected(await forger.sign({ sub: userId, role: "platform_admin" }, { typ: "JWT" }));
  });

  it("rejects a call without a token", async () => {
    const error = await failure(identity.client.GetMe({}));
    expect(error.code).toBe("MISSING_TOKEN");
  });
});

describe("refresh tokens", () => {
  it("rotate on every use; the old one no longer works", async () => {
    const first = await accessTokenOf(identity.admin.username, identity.admin.password);
    const second = await identity.client.Refresh({ refreshToken: first.refreshToken });
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.accessToken).toBeTruthy();
    expect((await identity.client.GetMe({}, { token: second.accessToken })).username).toBe("admin");
    const third = await identity.client.Refresh({ refreshToken: second.refreshToken });
    expect(third.refreshToken).not.toBe(second.refreshToken);
  });

  it("reusing a spent one revokes the whole family", async () => {
    const first = await accessTokenOf(identity.admin.username, identity.admin.password);
    const second = await identity.client.Refresh({ refreshToken: first.refreshToken });
    const reuse = await failure(identity.client.Refresh({ refreshToken: first.refreshToken }));
    expect(reuse.code).toBe("REFRESH_TOKEN_REUSED");
    // The thief's replay ended the legitimate client's session too.
    const after = await failure(identity.client.Refresh({ refreshToken: second.refreshToken }));
    expect(after.code).toBe("REFRESH_TOKEN_REVOKED");
  });

  it("only one of parallel refreshes with one token wins; the family then ends", async () => {
    const first = await accessTokenOf(identity.admin.username, identity.admin.password);
    const results = await Promise.allSettled(
      Array.from({ length: 5 }, () => identity.client.Refresh({ refreshToken: first.refreshToken })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
  });

  it("logout revokes the session; an unknown token logs out quietly", async () => {
    const session = await accessTokenOf(identity.admin.username, identity.admin.password);
    const rotated = await identity.client.Refresh({ refreshToken: session.refreshToken });
    await identity.client.Logout({ refreshToken: rotated.refreshToken });
    expect((await failure(identity.client.Refresh({ refreshToken: rotated.refreshToken }))).code).toBe(
      "REFRESH_TOKEN_REVOKED",
    );
    await identity.client.Logout({ refreshToken: "rt_unknown" });
  });

  it("refuses an unknown refresh token", async () => {
    expect((await failure(identity.client.Refresh({ refreshToken: "rt_nope" }))).code).toBe(
      "INVALID_REFRESH_TOKEN",
    );
  });

  it("stores only hashes", async () => {
    const { refreshToken } = await accessTokenOf(identity.admin.username, identity.admin.password);
    const db = identity.service.deps.db;
    const rows = await db.raw(
      "SELECT count(*)::int AS n FROM refresh_tokens WHERE encode(token_hash, 'escape') LIKE ?",
      [`%${refreshToken}%`],
    );
    expect(rows.rows[0].n).toBe(0);
  });
});

describe("TOTP", () => {
  async function enrol(username: string, password: string) {
    await seedUser(identity, { username, password });
    const { accessToken } = await accessTokenOf(username, password);
    const enrolment = await identity.client.StartTotpEnrolment({}, { token: accessToken });
    return { accessToken, ...enrolment };
  }

  const mfaLogin = async (username: string, password: string) => {
    const response = await login(username, password);
    expect(response).toMatchObject({ mfaRequired: true, accessToken: "", refreshToken: "" });
    expect(response.mfaToken).toMatch(/^mfa_/);
    return response.mfaToken;
  };

  it("enrols with an otpauth URI and recovery codes, and stores the secret sealed", async () => {
    const enrolment = await enrol("totp-enrol", "totp-enrol-password");
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/simhub:totp-enrol\?secret=/);
    expect(enrolment.recoveryCodes).toHaveLength(10);
    const [row] = (
      await identity.service.deps.db.raw(
        "SELECT m.* FROM user_mfa m JOIN users u ON u.id = m.user_id WHERE u.username = 'totp-enrol'",
      )
    ).rows;
    expect(row.enabled).toBe(false);
    expect(JSON.stringify(row)).not.toContain(enrolment.secret);
    // Not on until a first code confirms it.
    expect((await login("totp-enrol", "totp-enrol-password")).mfaRequired).toBe(false);
  });

  it("accepts a code one step behind or ahead, and the current one", async () => {
    const now = await awayFromStepEdge();
    const enrolment = await enrol("totp-window", "totp-window-password");
    await identity.client.ConfirmTotp(
      { code: await totpCodeAt(enrolment.secret, now - 30) },
      { token: enrolment.accessToken },
    );
    const current = await identity.client.CompleteMfaLogin({
      mfaToken: await mfaLogin("totp-window", "totp-window-password"),
      code: await totpCodeAt(enrolment.secret, now),
      sourceAddress: anyAddress(),
    });
    expect(current.accessToken).toBeTruthy();
    const ahead = await identity.client.CompleteMfaLogin({
      mfaToken: await mfaLogin("totp-window", "totp-window-password"),
      code: await totpCodeAt(enrolment.secret, now + 30),
      sourceAddress: anyAddress(),
    });
    expect(ahead.accessToken).toBeTruthy();
    expect(ahead.refreshToken).toMatch(/^rt_/);
    // A code of a step before the last accepted one is refused (each step once, never older).
    const older = await failure(
      identity.client.CompleteMfaLogin({
        mfaToken: await mfaLogin("totp-window", "totp-window-password"),
        code: await totpCodeAt(enrolment.secret, now),
        sourceAddress: anyAddress(),
      }),
    );
    expect(older.code).toBe("INVALID_MFA_CODE");
  });

  it("refuses a code two steps behind or ahead", async () => {
    const now = await awayFromStepEdge();
    const enrolment = await enrol("totp-far", "totp-far-password");
    for (const delta of [-60, 60]) {
      const error = await failure(
        identity.client.ConfirmTotp(
          { code: await totpCodeAt(enrolment.secret, now + delta) },
          { token: enrolment.accessToken },
        ),
      );
      expect(error.code).toBe("INVALID_MFA_CODE");
    }
    await identity.client.ConfirmTotp(
      { code: await totpCodeAt(enrolment.secret, now) },
      { token: enrolment.accessToken },
    );
    for (const delta of [-60, 60]) {
      const error = await failure(
        identity.client.CompleteMfaLogin({
          mfaToken: await mfaLogin("totp-far", "totp-far-password"),
          code: await totpCodeAt(enrolment.secret, now + delta),
          sourceAddress: anyAddress(),
        }),
      );
      expect(error.code).toBe("INVALID_MFA_CODE");
    }
  });

  it("accepts one code once: of 20 parallel submissions exactly one succeeds", async () => {
    const now = await awayFromStepEdge(10_000);
    const enrolment = await enrol("totp-replay", "totp-replay-password");
    await identity.client.ConfirmTotp(
      { code: await totpCodeAt(enrolment.secret, now - 30) },
      { token: enrolment.accessToken },
    );
    const mfaTokens: string[] = [];
    for (let i = 0; i < 20; i++) mfaTokens.push(await mfaLogin("totp-replay", "totp-replay-password"));
    const code = await totpCodeAt(enrolment.secret, now);
    const results = await Promise.allSettled(
      mfaTokens.map((mfaToken) =>
        identity.client.CompleteMfaLogin({ mfaToken, code, sourceAddress: anyAddress() }),
      ),
    );
    const succeeded = results.filter((r) => r.status === "fulfilled");
    const refused = results.flatMap((r) => (r.status === "rejected" ? [r.reason as AppError] : []));
    expect(succeeded).toHaveLength(1);
    expect(refused).toHaveLength(19);
    for (const error of refused) expect(["INVALID_MFA_CODE", "RATE_LIMITED"]).toContain(error.code);
  });

  it("recovery codes work once each and only after confirmation", async () => {
    const now = await awayFromStepEdge();
    const enrolment = await enrol("totp-recovery", "totp-recovery-password");
    await identity.client.ConfirmTotp(
      { code: await totpCodeAt(enrolment.secret, now) },
      { token: enrolment.accessToken },
    );
    const [code] = enrolment.recoveryCodes;
    const ok = await identity.client.CompleteMfaLogin({
      mfaToken: await mfaLogin("totp-recovery", "totp-recovery-password"),
      code: code!.toUpperCase(),
      sourceAddress: anyAddress(),
    });
    expect(ok.accessToken).toBeTruthy();
    const again = await failure(
      identity.client.CompleteMfaLogin({
        mfaToken: await mfaLogin("totp-recovery", "totp-recovery-password"),
        code: code!,
        sourceAddress: anyAddress(),
      }),
    );
    expect(again.code).toBe("INVALID_MFA_CODE");
    const hashes = await identity.service.deps.db.raw("SELECT code_hash FROM recovery_codes");
    expect(JSON.stringify(hashes.rows)).not.toContain(code!.replaceAll("-", ""));
  });

  it("an MFA token is single-use and cannot be used before its password step", async () => {
    const now = await awayFromStepEdge();
    const enrolment = await enrol("totp-single", "totp-single-password");
    await identity.client.ConfirmTotp(
      { code: await totpCodeAt(enrolment.secret, now - 30) },
      { token: enrolment.accessToken },
    );
    const mfaToken = await mfaLogin("totp-single", "totp-single-password");
    await identity.client.CompleteMfaLogin({
      mfaToken,
      code: enrolment.recoveryCodes[0]!,
      sourceAddress: anyAddress(),
    });
    const replay = await failure(
      identity.client.CompleteMfaLogin({
        mfaToken,
        code: enrolment.recoveryCodes[1]!,
        sourceAddress: anyAddress(),
      }),
    );
    expect(replay.code).toBe("INVALID_MFA_TOKEN");
    const forged = await failure(
      identity.client.CompleteMfaLogin({
        mfaToken: "mfa_forged",
        code: "123456",
        sourceAddress: anyAddress(),
      }),
    );
    expect(forged.code).toBe("INVALID_MFA_TOKEN");
  });

  it("can be turned off with a code", async () => {
    const now = await awayFromStepEdge();
    const enrolment = await enrol("totp-off", "totp-off-password");
    await identity.client.ConfirmTotp(
      { code: await totpCodeAt(enrolment.secret, now - 30) },
      { token: enrolment.accessToken },
    );
    expect((await identity.client.GetMe({}, { token: enrolment.accessToken })).mfaEnabled).toBe(true);
    await identity.client.DisableTotp(
      { code: enrolment.recoveryCodes[0]! },
      { token: enrolment.accessToken },
    );
    expect((await login("totp-off", "totp-off-password")).mfaRequired).toBe(false);
  });

  it("hole 9: TOTP confirm is throttled like a password, counted before the check", async () => {
    const now = await awayFromStepEdge();
    const enrolment = await enrol("totp-guess-confirm", "totp-guess-confirm-password");
    const right = await totpCodeAt(enrolment.secret, now);
    const wrong = right === "000000" ? "111111" : "000000";
    for (let i = 0; i < 5; i++) {
      const error = await failure(
        identity.client.ConfirmTotp({ code: wrong }, { token: enrolment.accessToken }),
      );
      expect(error.code).toBe("INVALID_MFA_CODE");
    }
    // A stolen access token gets no sixth guess, even a right one.
    const locked = await failure(
      identity.client.ConfirmTotp({ code: right }, { token: enrolment.accessToken }),
    );
    expect(locked.code).toBe("RATE_LIMITED");
    expect((await identity.client.GetMe({}, { token: enrolment.accessToken })).mfaEnabled).toBe(false);
  });

  it("hole 9: TOTP disable is throttled, and a parallel burst of MFA codes gets no more than five checks", async () => {
    const now = await awayFromStepEdge(10_000);
    const enrolment = await enrol("totp-guess-off", "totp-guess-off-password");
    const right = await totpCodeAt(enrolment.secret, now - 30);
    await identity.client.ConfirmTotp({ code: right }, { token: enrolment.accessToken });
    const wrong = (offset: number) => String((Number(right) + 1 + offset) % 1_000_000).padStart(6, "0");
    const disables = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        identity.client.DisableTotp({ code: wrong(i) }, { token: enrolment.accessToken }),
      ),
    );
    const disableCodes = disables.map((r) => (r.status === "rejected" ? (r.reason as AppError).code : "OK"));
    expect(disableCodes.filter((c) => c === "INVALID_MFA_CODE").length).toBeLessThanOrEqual(5);
    expect(disableCodes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(5);
    expect((await identity.client.GetMe({}, { token: enrolment.accessToken })).mfaEnabled).toBe(true);

    // The MFA login step counts before it checks: 20 parallel wrong codes
    // from one address, over four challenges, get at most five checked.
    const mfaTokens: string[] = [];
    for (let i = 0; i < 4; i++) mfaTokens.push(await mfaLogin("totp-guess-off", "totp-guess-off-password"));
    const address = "192.0.2.99";
    const completions = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        identity.client.CompleteMfaLogin({
          mfaToken: mfaTokens[i % 4]!,
          code: wrong(i),
          sourceAddress: address,
        }),
      ),
    );
    const codes = completions.map((r) => (r.status === "rejected" ? (r.reason as AppError).code : "OK"));
    expect(codes.filter((c) => c === "INVALID_MFA_CODE").length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(15);
  });
});

describe("brute-force protection", () => {
  it("locks an account after five failures with a Retry-After, then lets the owner back in", async () => {
    await seedUser(identity, { username: "brute-account", password: "brute-account-password" });
    for (let i = 0; i < 5; i++) {
      expect((await failure(login("brute-account", `wrong-password-${i}`))).code).toBe("INVALID_CREDENTIALS");
    }
    const locked = await failure(login("brute-account", "brute-account-password"));
    expect(locked.kind).toBe("rate_limited");
    expect(locked.code).toBe("RATE_LIMITED");
    expect(locked.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    expect(locked.retryAfterSeconds).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, locked.retryAfterSeconds! * 1000 + 200));
    expect((await login("brute-account", "brute-account-password")).accessToken).toBeTruthy();
  });

  it("locks an unknown account the same way (no oracle)", async () => {
    for (let i = 0; i < 5; i++) await failure(login("no-such-account", `wrong-password-${i}`));
    expect((await failure(login("no-such-account", "whatever-password"))).code).toBe("RATE_LIMITED");
  });

  it("counts attempts before checking them: a parallel burst gets no more than five guesses", async () => {
    await seedUser(identity, { username: "brute-burst", password: "brute-burst-password" });
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => login("brute-burst", `burst-guess-${i}`)),
    );
    const codes = results.map((r) => (r.status === "rejected" ? (r.reason as AppError).code : "OK"));
    expect(codes.filter((c) => c === "INVALID_CREDENTIALS").length).toBeLessThanOrEqual(5);
    expect(codes.filter((c) => c === "RATE_LIMITED").length).toBeGreaterThanOrEqual(15);
  });

  it("hole 3: a caller without the gateway's identity cannot choose its address", async () => {
    // Straight at the gRPC port, rotating a made-up sourceAddress per guess:
    // every guess counts at the caller's own peer address instead.
    const direct = identityClient(`127.0.0.1:${identity.service.grpcPort}`, { asGateway: false });
    try {
      // Spraying many accounts, each guess claiming another address: the
      // address counter (8 free in this file) is the caller's peer, whatever it claims.
      const codes: string[] = [];
      for (let i = 0; i < 10; i++) {
        const error = await failure(
          direct.Login({
            username: `rotating-${i}`,
            password: `guess-${i}`,
            sourceAddress: `203.0.113.${i}`,
          }),
        );
        codes.push(error.code);
      }
      expect(codes.slice(0, 8)).toEqual(Array(8).fill("INVALID_CREDENTIALS"));
      expect(codes.slice(8)).toEqual(Array(2).fill("RATE_LIMITED"));
      // The gateway, which may say the address, still gets a user in from elsewhere.
      await seedUser(identity, { username: "rotating-owner", password: "rotating-owner-password" });
      expect(
        (await login("rotating-owner", "rotating-owner-password", "198.51.100.200")).accessToken,
      ).toBeTruthy();
    } finally {
      direct.close();
    }
  });

  it("locks a source address guessing across many accounts, not other addresses", async () => {
    for (let i = 0; i < 8; i++) {
      await failure(login(`spray-${i}`, "sprayed-password-1", "198.51.100.7"));
    }
    await seedUser(identity, { username: "spray-victim", password: "spray-victim-password" });
    expect((await failure(login("spray-victim", "spray-victim-password", "198.51.100.7"))).code).toBe(
      "RATE_LIMITED",
    );
    expect((await login("spray-victim", "spray-victim-password", "203.0.113.9")).accessToken).toBeTruthy();
  });
});

describe("passwords", () => {
  it("changes with the current one, ends other sessions, and follows the policy", async () => {
    await seedUser(identity, { username: "pw-change", password: "pw-change-password" });
    const session = await accessTokenOf("pw-change", "pw-change-password");
    const weak = await failure(
      identity.client.ChangePassword(
        { currentPassword: "pw-change-password", newPassword: "short" },
        { token: session.accessToken },
      ),
    );
    expect(weak.errors).toEqual([{ path: "newPassword", message: "at least 12 characters" }]);
    const same = await failure(
      identity.client.ChangePassword(
        { currentPassword: "pw-change-password", newPassword: "PW-CHANGE" + "" },
        { token: session.accessToken },
      ),
    );
    expect(same.kind).toBe("invalid");
    const wrong = await failure(
      identity.client.ChangePassword(
        { currentPassword: "not-the-password", newPassword: "a-brand-new-password" },
        { token: session.accessToken },
      ),
    );
    expect(wrong.code).toBe("INVALID_CURRENT_PASSWORD");
    await identity.client.ChangePassword(
      { currentPassword: "pw-change-password", newPassword: "a-brand-new-password" },
      { token: session.accessToken },
    );
    expect((await failure(identity.client.Refresh({ refreshToken: session.refreshToken }))).code).toBe(
      "REFRESH_TOKEN_REVOKED",
    );
    expect((await login("pw-change", "a-brand-new-password")).accessToken).toBeTruthy();
    expect((await failure(login("pw-change", "pw-change-password"))).code).toBe("INVALID_CREDENTIALS");
  });

  it("rehashes at login when the argon2 parameters rise", async () => {
    await seedUser(identity, { username: "rehash-user", password: "rehash-user-password" });
    const hashOf = async () =>
      (await identity.service.deps.db("users").where({ username: "rehash-user" }).first("password_hash"))
        .password_hash as string;
    expect(await hashOf()).toMatch(/\$m=19456,t=2,p=1\$/);
    await identity.restart({ ARGON2_TIME_COST: "3" });
    await login("rehash-user", "rehash-user-password");
    expect(await hashOf()).toMatch(/\$m=19456,t=3,p=1\$/);
    await identity.restart({ ARGON2_TIME_COST: "2" });
  });
});

describe("signing keys", () => {
  it("rotation: the new key is published first, then signs; the old key's tokens keep working", async () => {
    const jwksKids = async () =>
      (
        (await (
          await fetch(`http://127.0.0.1:${identity.service.httpPort}/.well-known/jwks.json`)
        ).json()) as {
          keys: { kid: string; kty: string; crv: string; d?: string }[];
        }
      ).keys;
    const before = await accessTokenOf(identity.admin.username, identity.admin.password);
    const oldKid = decodeProtectedHeader(before.accessToken).kid;
    const rotated = await identity.client.RotateSigningKey({}, { token: before.accessToken });
    expect(rotated.previousKid).toBe(oldKid);
    expect(rotated.kid).not.toBe(oldKid);
    const leadMs = new Date(rotated.activatesAt).getTime() - Date.now();
    expect(leadMs).toBeGreaterThan(0);
    expect(leadMs).toBeLessThanOrEqual(2_000);
    // Published at once, not signing yet.
    expect((await jwksKids()).map((key) => key.kid).sort()).toEqual([oldKid, rotated.kid].sort());
    const during = await accessTokenOf(identity.admin.username, identity.admin.password);
    expect(decodeProtectedHeader(during.accessToken).kid).toBe(oldKid);
    await new Promise((resolve) => setTimeout(resolve, leadMs + 100));
    const after = await accessTokenOf(identity.admin.username, identity.admin.password);
    expect(decodeProtectedHeader(after.accessToken).kid).toBe(rotated.kid);
    expect((await identity.client.GetMe({}, { token: before.accessToken })).username).toBe("admin");
    expect((await identity.client.GetMe({}, { token: after.accessToken })).username).toBe("admin");
    const served = await jwksKids();
    expect(served.map((key) => key.kid).sort()).toEqual([oldKid, rotated.kid].sort());
    for (const key of served) {
      expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519" });
      expect(key.d).toBeUndefined();
    }
    const [row] = (await identity.service.deps.db.raw("SELECT private_jwk_sealed FROM signing_keys LIMIT 1"))
      .rows;
    expect(row.private_jwk_sealed).toMatch(/^v1:/);
  });

  it("only the platform admin rotates", async () => {
    const forger = await tokenForger(identity.databaseUrl);
    const token = await forger.sign({
      sub: "00000000-0000-4000-8000-000000000001",
      role: "org_admin",
      org: "00000000-0000-4000-8000-000000000002",
    });
    expect((await failure(identity.client.RotateSigningKey({}, { token }))).kind).toBe("forbidden");
  });
});

describe("bootstrap", () => {
  it("replicas starting together create one admin and one active key", async () => {
    const url = identity.databaseUrl;
    const replicas = await Promise.all(
      [1, 2].map(() => startIdentityService(testConfig(url, identity.namespace, { ARGON2_TIME_COST: "2" }))),
    );
    await Promise.all(replicas.map((replica) => replica.stop()));
    const db = knexFactory({ client: "pg", connection: url, pool: { min: 0, max: 1 } });
    try {
      const admins = await db("users").where({ role: "platform_admin" }).count({ n: "*" });
      expect(Number(admins[0]!.n)).toBe(1);
      const active = await db("signing_keys").whereNull("retired_at").count({ n: "*" });
      expect(Number(active[0]!.n)).toBe(1);
    } finally {
      await db.destroy();
    }
  });

  it("refuses to start without an admin password of 12 characters or more", () => {
    expect(() =>
      testConfig(identity.databaseUrl, identity.namespace, { SIMHUB_ADMIN_PASSWORD: "short" }),
    ).toThrow(/SIMHUB_ADMIN_PASSWORD/);
  });
});
