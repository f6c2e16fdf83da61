// Authentication end to end, through the gateway and real processes: every
// auth endpoint, the access-token negatives (through the gateway AND against
// a backend service's gRPC directly), refresh rotation and family
// revocation, TOTP through the API, brute-force 429 with Retry-After, and
// signing-key rotation without a single failed request.
import { AppError } from "@simhub/platform";
import { type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  awayFromStepEdge,
  b64url,
  type Forger,
  IDENTITY_SECRETS_KEY,
  orgClient,
  tokenForger,
  totp,
} from "./identity-support.ts";

let stack: Stack;
let adminToken: string;
let orgId: string;

const PASSWORD = "correct horse battery staple";

beforeAll(async () => {
  stack = await startStack({
    envFor: {
      "identity-service": { IDENTITY_SECRETS_KEY, SIGNING_KEY_PUBLISH_LEAD_SECONDS: "6" },
    },
  });
  adminToken = await stack.login(stack.admin.username, stack.admin.password);
  const org = await stack.http(adminToken).post("/v1/organizations", { name: "Identity Org" });
  expect(org.status).toBe(201);
  orgId = org.body.id;
});

afterAll(async () => {
  await stack?.stop();
});

async function newStaff(username: string, role: "org_admin" | "org_staff" = "org_staff") {
  const response = await stack.http(adminToken).post(`/v1/organizations/${orgId}/staff`, {
    username,
    email: `${username}@example.com`,
    password: PASSWORD,
    role,
  });
  expect(response.status).toBe(201);
  return response.body as { id: string; username: string };
}

const anonymous = () => stack.http();

describe("login, me, refresh, logout", () => {
  it("logs in with tokens that are never cached, and /v1/me describes the caller", async () => {
    const response = await anonymous().post("/v1/auth/login", {
      username: stack.admin.username,
      password: stack.admin.password,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.stringMatching(/^rt_/),
      expiresIn: 900,
      tokenType: "Bearer",
    });
    expect(response.headers.get("cache-control")).toBe("no-store");
    const me = await stack.http(response.body.accessToken).get("/v1/me");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      username: stack.admin.username,
      role: "platform_admin",
      orgId: null,
      companyId: null,
      mfaEnabled: false,
    });
  });

  it("answers an unknown user and a wrong password with the same problem", async () => {
    await newStaff("same-answer");
    const unknown = await anonymous().post("/v1/auth/login", {
      username: "nobody-at-all",
      password: PASSWORD,
    });
    const wrong = await anonymous().post("/v1/auth/login", {
      username: "same-answer",
      password: "wrong-password!",
    });
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const strip = ({ requestId: _, ...rest }: Record<string, unknown>) => rest;
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(unknown.body.code).toBe("INVALID_CREDENTIALS");
  });

  it("rotates the refresh token; a reused one ends the whole session", async () => {
    await newStaff("refresher");
    const login = await anonymous().post("/v1/auth/login", { username: "refresher", password: PASSWORD });
    const first = login.body.refreshToken as string;
    const second = await anonymous().post("/v1/auth/refresh", { refreshToken: first });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first);
    expect((await stack.http(second.body.accessToken).get("/v1/me")).body.username).toBe("refresher");

    const reuse = await anonymous().post("/v1/auth/refresh", { refreshToken: first });
    expect(reuse.status).toBe(401);
    expect(reuse.body.code).toBe("REFRESH_TOKEN_REUSED");
    const revoked = await anonymous().post("/v1/auth/refresh", { refreshToken: second.body.refreshToken });
    expect(revoked.status).toBe(401);
    expect(revoked.body.code).toBe("REFRESH_TOKEN_REVOKED");
  });

  it("logs out: 204, and the session's refresh token is dead", async () => {
    const login = await anonymous().post("/v1/auth/login", {
      username: stack.admin.username,
      password: stack.admin.password,
    });
    const logout = await anonymous().post("/v1/auth/logout", { refreshToken: login.body.refreshToken });
    expect(logout.status).toBe(204);
    const after = await anonymous().post("/v1/auth/refresh", { refreshToken: login.body.refreshToken });
    expect(after.status).toBe(401);
    expect((await anonymous().post("/v1/auth/logout", { refreshToken: "rt_unknown" })).status).toBe(204);
  });

  it("changes a password: 204, other sessions end, the policy applies", async () => {
    await newStaff("changer");
    const login = await anonymous().post("/v1/auth/login", { username: "changer", password: PASSWORD });
    const api = stack.http(login.body.accessToken);
    const weak = await api.post("/v1/me/password", { currentPassword: PASSWORD, newPassword: "short" });
    expect(weak.status).toBe(400);
    expect(weak.body.errors.map((e: { path: string }) => e.path)).toContain("body.newPassword");
    const same = await api.post("/v1/me/password", { currentPassword: PASSWORD, newPassword: "CHANGER" });
    expect(same.status).toBe(400);
    const sameAsUsername = await api.post("/v1/me/password", {
      currentPassword: PASSWORD,
      newPassword: "changer".padEnd(12, "x").replace(/x+$/, "") || "changer",
    });
    expect(sameAsUsername.status).toBe(400);
    const wrong = await api.post("/v1/me/password", {
      currentPassword: "not my password",
      newPassword: "a whole new password",
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body.code).toBe("INVALID_CURRENT_PASSWORD");
    const ok = await api.post("/v1/me/password", {
      currentPassword: PASSWORD,
      newPassword: "a whole new password",
    });
    expect(ok.status).toBe(204);
    expect(
      (await anonymous().post("/v1/auth/refresh", { refreshToken: login.body.refreshToken })).status,
    ).toBe(401);
    expect(
      (await anonymous().post("/v1/auth/login", { username: "changer", password: "a whole new password" }))
        .status,
    ).toBe(200);
  });

  it("refuses the username as password when creating a user", async () => {
    const response = await stack.http(adminToken).post(`/v1/organizations/${orgId}/staff`, {
      username: "mirror.image.user",
      email: "mirror@example.com",
      password: "Mirror.Image.User",
      role: "org_staff",
    });
    expect(response.status).toBe(400);
    expect(response.body.errors).toEqual([{ path: "password", message: "must not equal the username" }]);
  });
});

describe("TOTP through the API", () => {
  it("enrols, confirms, then logs in in two steps with a code or a recovery code", async () => {
    await newStaff("two-step");
    const first = await anonymous().post("/v1/auth/login", { username: "two-step", password: PASSWORD });
    const api = stack.http(first.body.accessToken);
    const enrolment = await api.post("/v1/me/mfa/totp");
    expect(enrolment.status).toBe(200);
    expect(enrolment.body.otpauthUri).toMatch(/^otpauth:\/\/totp\//);
    expect(enrolment.body.recoveryCodes).toHaveLength(10);
    expect(enrolment.headers.get("cache-control")).toBe("no-store");

    const now = await awayFromStepEdge();
    const bad = await api.post("/v1/me/mfa/totp/confirm", { code: totp(enrolment.body.secret, now + 60) });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("INVALID_MFA_CODE");
    const confirmed = await api.post("/v1/me/mfa/totp/confirm", {
      code: totp(enrolment.body.secret, now - 30),
    });
    expect(confirmed.status).toBe(204);
    expect((await api.get("/v1/me")).body.mfaEnabled).toBe(true);

    const step1 = await anonymous().post("/v1/auth/login", { username: "two-step", password: PASSWORD });
    expect(step1.status).toBe(200);
    expect(step1.body).toEqual({ mfaRequired: true, mfaToken: expect.stringMatching(/^mfa_/) });
    const step2 = await anonymous().post("/v1/auth/mfa", {
      mfaToken: step1.body.mfaToken,
      code: totp(enrolment.body.secret, now),
    });
    expect(step2.status).toBe(200);
    expect(step2.body.tokenType).toBe("Bearer");
    expect((await stack.http(step2.body.accessToken).get("/v1/me")).body.username).toBe("two-step");

    const again = await anonymous().post("/v1/auth/login", { username: "two-step", password: PASSWORD });
    const replayed = await anonymous().post("/v1/auth/mfa", {
      mfaToken: again.body.mfaToken,
      code: totp(enrolment.body.secret, now),
    });
    expect(replayed.status).toBe(401);
    expect(replayed.body.code).toBe("INVALID_MFA_CODE");
    const recovery = await anonymous().post("/v1/auth/mfa", {
      mfaToken: again.body.mfaToken,
      code: enrolment.body.recoveryCodes[0],
    });
    expect(recovery.status).toBe(200);
  });

  it("accepts one code once: 20 parallel submissions, exactly one 200", async () => {
    await newStaff("parallel-codes");
    const login = await anonymous().post("/v1/auth/login", {
      username: "parallel-codes",
      password: PASSWORD,
    });
    const api = stack.http(login.body.accessToken);
    const { secret } = (await api.post("/v1/me/mfa/totp")).body;
    const now = await awayFromStepEdge(12_000);
    expect((await api.post("/v1/me/mfa/totp/confirm", { code: totp(secret, now - 30) })).status).toBe(204);
    const mfaTokens: string[] = [];
    for (let i = 0; i < 20; i++) {
      mfaTokens.push(
        (await anonymous().post("/v1/auth/login", { username: "parallel-codes", password: PASSWORD })).body
          .mfaToken,
      );
    }
    const code = totp(secret, now);
    const responses = await Promise.all(
      mfaTokens.map((mfaToken) => anonymous().post("/v1/auth/mfa", { mfaToken, code })),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    expect(statuses.filter((s) => s === 401 || s === 429)).toHaveLength(19);
  });

  it("refuses confirmation without an enrolment (422) and a second enrolment once on (409)", async () => {
    await newStaff("no-enrolment");
    const login = await anonymous().post("/v1/auth/login", { username: "no-enrolment", password: PASSWORD });
    const api = stack.http(login.body.accessToken);
    const confirm = await api.post("/v1/me/mfa/totp/confirm", { code: "123456" });
    expect(confirm.status).toBe(422);
    expect(confirm.body.code).toBe("MFA_ENROLMENT_NOT_STARTED");
    const { secret } = (await api.post("/v1/me/mfa/totp")).body;
    await awayFromStepEdge();
    expect((await api.post("/v1/me/mfa/totp/confirm", { code: totp(secret) })).status).toBe(204);
    expect((await api.post("/v1/me/mfa/totp")).status).toBe(409);
  });
});

describe("brute-force protection", () => {
  it("answers 429 with Retry-After after five failures, even for the right password", async () => {
    await newStaff("guessed-at");
    for (let i = 0; i < 5; i++) {
      const response = await anonymous().post("/v1/auth/login", {
        username: "guessed-at",
        password: `wrong guess ${i}`,
      });
      expect(response.status).toBe(401);
    }
    const locked = await anonymous().post("/v1/auth/login", { username: "guessed-at", password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("RATE_LIMITED");
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(25);
    expect(retryAfter).toBeLessThanOrEqual(30);
  });
});

describe("JWKS", () => {
  it("the gateway serves identity-service's public keys", async () => {
    const viaGateway = await anonymous().get("/.well-known/jwks.json");
    expect(viaGateway.status).toBe(200);
    const direct = await (
      await fetch(`${stack.services["identity-service"].httpUrl}/.well-known/jwks.json`)
    ).json();
    expect(viaGateway.body).toEqual(direct);
    for (const key of viaGateway.body.keys) {
      expect(key).toMatchObject({ kty: "OKP", crv: "Ed25519", alg: "EdDSA", use: "sig" });
      expect(key.d).toBeUndefined();
    }
  });
});

// The same negatives against two doors: the gateway, and org-service's gRPC
// port called directly (a caller who skips the gateway gets nowhere either).
describe.each([
  {
    door: "gateway",
    async call(token: string): Promise<{ ok: boolean; code: string }> {
      const response = await stack.http(token).get("/v1/organizations");
      return {
        ok: response.status === 200,
        code: response.status === 401 ? response.body.code : String(response.status),
      };
    },
  },
  {
    door: "org-service gRPC",
    async call(token: string): Promise<{ ok: boolean; code: string }> {
      const client = orgClient(stack);
      try {
        await client.ListOrganizations({ limit: 1, cursor: "" }, { token });
        return { ok: true, code: "OK" };
      } catch (error) {
        if (error instanceof AppError && error.kind === "unauthenticated")
          return { ok: false, code: error.code };
        throw error;
      } finally {
        client.close();
      }
    },
  },
])("access-token negatives at the $door", ({ call }) => {
  let forger: Forger;
  let adminId: string;
  beforeAll(async () => {
    forger = await tokenForger(stack);
    adminId = (await stack.http(adminToken).get("/v1/me")).body.id;
  });
  const now = () => Math.floor(Date.now() / 1000);
  const rejected = async (token: string) => {
    const result = await call(token);
    expect(result.ok).toBe(false);
    expect(result.code).toMatch(/^(INVALID_TOKEN|TOKEN_EXPIRED)$/);
    return result;
  };

  it("accepts the control token signed like identity-service signs", async () => {
    expect((await call(forger.sign({ sub: adminId, role: "platform_admin" }))).ok).toBe(true);
  });

  it("rejects alg none", async () => {
    const unsigned = `${b64url({ alg: "none", typ: "at+jwt", kid: forger.kid })}.${b64url({
      sub: adminId,
      role: "platform_admin",
      iss: "simhub",
      aud: "simhub-api",
      iat: now(),
      exp: now() + 300,
    })}.`;
    await rejected(unsigned);
  });

  it("rejects a wrong algorithm (HS256 keyed with the public key)", async () => {
    const { createHmac } = await import("node:crypto");
    const input = `${b64url({ alg: "HS256", typ: "at+jwt", kid: forger.kid })}.${b64url({
      sub: adminId,
      role: "platform_admin",
      iss: "simhub",
      aud: "simhub-api",
      iat: now(),
      exp: now() + 300,
    })}`;
    for (const secret of [JSON.stringify(forger.publicJwk), Buffer.from(forger.publicJwk.x!, "base64url")]) {
      await rejected(`${input}.${createHmac("sha256", secret).update(input).digest("base64url")}`);
    }
  });

  it("rejects a bad signature", async () => {
    const token = forger.sign({ sub: adminId, role: "platform_admin" });
    const [header, , signature] = token.split(".");
    const escalated = b64url({
      sub: adminId,
      role: "platform_admin",
      org: "00000000-0000-4000-8000-000000000001",
      iss: "simhub",
      aud: "simhub-api",
      iat: now(),
      exp: now() + 3600,
    });
    await rejected(`${header}.${escalated}.${signature}`);
  });

  it("rejects an expired token", async () => {
    const result = await rejected(
      forger.sign({ sub: adminId, role: "platform_admin", iat: now() - 1000, exp: now() - 60 }),
    );
    expect(result.code).toBe("TOKEN_EXPIRED");
  });

  it("rejects a token not yet valid (nbf in the future)", async () => {
    await rejected(forger.sign({ sub: adminId, role: "platform_admin", nbf: now() + 600 }));
  });

  it("rejects a token issued in the future (iat ahead of the clock)", async () => {
    await rejected(
      forger.sign({
        sub: adminId,
        role: "platform_admin",
        iat: now() + 600,
        nbf: undefined,
        exp: now() + 900,
      }),
    );
  });

  it("rejects a wrong audience", async () => {
    await rejected(forger.sign({ sub: adminId, role: "platform_admin", aud: "some-other-api" }));
  });

  it("rejects a wrong issuer", async () => {
    await rejected(forger.sign({ sub: adminId, role: "platform_admin", iss: "https://evil.example" }));
  });

  it("rejects an unknown kid", async () => {
    await rejected(forger.sign({ sub: adminId, role: "platform_admin" }, { kid: "no-such-key" }));
  });

  it("rejects a refresh token used as an access token", async () => {
    const login = await anonymous().post("/v1/auth/login", {
      username: stack.admin.username,
      password: stack.admin.password,
    });
    await rejected(login.body.refreshToken);
  });
});

describe("signing-key rotation", () => {
  it("only the platform admin rotates (403 for an organization admin)", async () => {
    await newStaff("not-a-rotator", "org_admin");
    const token = await stack.login("not-a-rotator", PASSWORD);
    const response = await stack.http(token).post("/v1/admin/signing-keys/rotate");
    expect(response.status).toBe(403);
  });

  it("rotates without a single failed request, old tokens keep working, new tokens carry the new kid", async () => {
    const oldToken = adminToken;
    const kidOf = (token: string) =>
      JSON.parse(Buffer.from(token.split(".")[0]!, "base64url").toString()).kid;
    const oldKid = kidOf(oldToken);
    // Warm every verifier's key cache with the old key set.
    expect((await stack.http(oldToken).get("/v1/organizations")).status).toBe(200);

    const rotation = await stack.http(oldToken).post("/v1/admin/signing-keys/rotate");
    expect(rotation.status).toBe(200);
    expect(rotation.body.previousKid).toBe(oldKid);
    const activatesAt = new Date(rotation.body.activatesAt).getTime();

    // Keep logging in and using fresh tokens across the switch; not one may fail.
    const failures: string[] = [];
    const kids = new Set<string>();
    while (Date.now() < activatesAt + 3_000) {
      const token = await stack.login(stack.admin.username, stack.admin.password);
      kids.add(kidOf(token));
      const viaGateway = await stack.http(token).get("/v1/organizations");
      if (viaGateway.status !== 200) failures.push(`gateway ${viaGateway.status} ${viaGateway.body?.code}`);
      const client = orgClient(stack);
      try {
        await client.ListOrganizations({ limit: 1, cursor: "" }, { token });
      } catch (error) {
        failures.push(`org-service ${(error as AppError).code}`);
      } finally {
        client.close();
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(failures).toEqual([]);
    expect(kids).toEqual(new Set([oldKid, rotation.body.kid]));
    expect((await stack.http(oldToken).get("/v1/me")).status).toBe(200);
    // The gateway's copy of the JWKS is cached for at most 10 s.
    const served = async () =>
      ((await anonymous().get("/.well-known/jwks.json")).body.keys as { kid: string }[])
        .map((key) => key.kid)
        .sort();
    const deadline = Date.now() + 12_000;
    while ((await served()).length < 2 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    expect(await served()).toEqual([oldKid, rotation.body.kid].sort());
  });
});
