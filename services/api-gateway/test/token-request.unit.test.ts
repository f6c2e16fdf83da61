// The token endpoint's own parsing: form parameters (each once, empty ones
// omitted, no nesting) and client authentication (HTTP Basic with RFC 6749
// §2.3.1 form-urlencoding, or the form; never both).
import { AppError } from "@simhub/platform";
import { describe, expect, it } from "vitest";
import { parseFormParameters } from "../src/http/body.ts";
import { OAuthError } from "../src/http/oauth-errors.ts";
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
