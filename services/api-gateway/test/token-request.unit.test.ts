// The token endpoint's own parsing: form parameters (each once, empty ones
// omitted, no nesting) and client authentication (HTTP Basic with RFC 6749
// §2.3.1 form-urlencoding, or the form; never both).
import { once } from "node:events";
import type { AddressInfo } from "node:net";
import { AppError, createLogger } from "@simhub/platform";
import express from "express";
import { describe, expect, it } from "vitest";
import { parseFormParameters } from "../src/http/body.ts";
import { OAuthError, oauthErrorHandler } from "../src/http/oauth-errors.ts";
import { HttpProblem } from "../src/http/problem.ts";
import { basicCredentials, clientCredentialsOf } from "../src/routes/token.ts";

/** HTTP Basic as §2.3.1 says: each part application/x-www-form-urlencoded first. */
const basic = (id: string, secret: string) => {
  const form = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
  return `Basic ${Buffer.from(`${form(id)}:${form(secret)}`).toString("base64")}`;
};

function oauthErrorOf(fn: () => unknown): { error: string; status: number } {
  try {
    fn();
  } catch (error) {
    if (error instanceof OAuthError) return { error: error.error, status: error.status };
    throw error;
  }
  throw new Error("no error thrown");
}

describe("form parameters", () => {
  it("decodes percent-encoding and '+', and omits parameters without a value", () => {
    expect(parseFormParameters("grant_type=client_credentials&client_id=a%2Bb+c&scope=&empty")).toEqual({
      grant_type: "client_credentials",
      client_id: "a+b c",
    });
  });

  it("refuses a parameter sent twice, naming it", () => {
    try {
      parseFormParameters("grant_type=a&client_id=x&grant_type=b");
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).errors).toEqual([
        { path: "body.grant_type", message: "sent more than once" },
      ]);
    }
  });

  it("keeps bracketed names as they are and gives no prototype tricks", () => {
    const parsed = parseFormParameters("a[b]=c&__proto__=x&constructor=y");
    expect(parsed).toEqual({ "a[b]": "c", ["__proto__"]: "x", constructor: "y" });
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });
});

describe("client authentication", () => {
  const id = "simhub_ck_abc-def_ghi";
  const secret = "simhub_cs_se:cret+with/odd~chars ";

  it("decodes HTTP Basic with form-urlencoded parts (what OAuth clients send)", () => {
    expect(basicCredentials(basic(id, secret))).toEqual({ clientId: id, clientSecret: secret });
    expect(basicCredentials(basic(id, secret).replace("Basic", "basic"))).toEqual({
      clientId: id,
      clientSecret: secret,
    });
  });

  it("ignores other schemes and refuses malformed Basic credentials as invalid_client", () => {
    expect(basicCredentials(undefined)).toBeUndefined();
    expect(basicCredentials("Bearer abc")).toBeUndefined();
    for (const header of [
      "Basic",
      "Basic ###",
      `Basic ${Buffer.from("no colon").toString("base64")}`,
      `Basic ${Buffer.from(":secret").toString("base64")}`,
      `Basic ${Buffer.from("id:").toString("base64")}`,
      `Basic ${Buffer.from("id:%E0%A4%A").toString("base64")}`,
    ]) {
      expect(
        oauthErrorOf(() => basicCredentials(header)),
        header,
      ).toEqual({ error: "invalid_client", status: 401 });
    }
  });

  it("takes the form's client_id and client_secret without Basic", () => {
    expect(clientCredentialsOf({ client_id: id, client_secret: secret }, undefined)).toEqual({
      clientId: id,
      clientSecret: secret,
    });
    expect(oauthErrorOf(() => clientCredentialsOf({ client_id: id }, undefined))).toEqual({
      error: "invalid_client",
      status: 401,
    });
  });

  it("refuses two methods at once, and a form client_id that is not Basic's", () => {
    expect(oauthErrorOf(() => clientCredentialsOf({ client_secret: secret }, basic(id, secret)))).toEqual({
      error: "invalid_request",
      status: 400,
    });
    expect(oauthErrorOf(() => clientCredentialsOf({ client_id: "other" }, basic(id, secret)))).toEqual({
      error: "invalid_request",
      status: 400,
    });
    expect(clientCredentialsOf({ client_id: id }, basic(id, secret))).toEqual({
      clientId: id,
      clientSecret: secret,
    });
  });
});

describe("RFC 6749 error responses", () => {
  // A real Express app whose one route fails as told, ending in the token endpoint's error handler.
  async function answerTo(error: unknown) {
    const app = express();
    app.post(
      "/token",
      () => {
        throw error;
      },
      oauthErrorHandler(createLogger("token-test", "silent")),
    );
    const server = app.listen(0, "127.0.0.1");
    await once(server, "listening");
    try {
      const { port } = server.address() as AddressInfo;
      const response = await fetch(`http://127.0.0.1:${port}/token`, { method: "POST" });
      return { status: response.status, headers: response.headers, body: (await response.json()) as any };
    } finally {
      server.close();
    }
  }

  it("maps every failure to its status and error code, never to a problem document", async () => {
    const cases: [unknown, number, string][] = [
      [
        new AppError("unauthenticated", "INVALID_CLIENT", "client authentication failed"),
        401,
        "invalid_client",
      ],
      [
        new AppError("invalid", "INVALID_ARGUMENT", "bad", {
          errors: [{ path: "body.scope", message: "too long" }],
        }),
        400,
        "invalid_request",
      ],
      [
        new AppError("rate_limited", "RATE_LIMITED", "too many", { retryAfterSeconds: 30 }),
        429,
        "temporarily_unavailable",
      ],
      [new AppError("unavailable", "SERVICE_UNAVAILABLE", "down"), 503, "temporarily_unavailable"],
      [
        new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", "send application/x-www-form-urlencoded"),
        400,
        "invalid_request",
      ],
      [
        Object.assign(new Error("too large"), { type: "entity.too.large", status: 413 }),
        413,
        "invalid_request",
      ],
      [new OAuthError("unsupported_grant_type", "only client_credentials"), 400, "unsupported_grant_type"],
      [new Error("boom"), 500, "server_error"],
    ];
    for (const [error, status, code] of cases) {
      const answer = await answerTo(error);
      expect(answer.status, code).toBe(status);
      expect(answer.body.error, code).toBe(code);
      expect(answer.headers.get("content-type"), code).toMatch(/^application\/json/);
      expect(answer.headers.get("cache-control"), code).toBe("no-store");
      expect(answer.headers.get("www-authenticate") !== null, code).toBe(status === 401);
    }
    expect((await answerTo(cases[2]![0])).headers.get("retry-after")).toBe("30");
    expect((await answerTo(cases[1]![0])).body.error_description).toBe("scope: too long");
    // No internal detail leaks into the description.
    expect((await answerTo(new Error("database password is hunter2"))).body.error_description).not.toContain(
      "hunter2",
    );
  });
});
