// POST /v1/auth/token: the OAuth 2.0 token endpoint, client-credentials
// grant only (RFC 6749 §4.4), so any standard OAuth client works against it
// unchanged. The request is a form (application/x-www-form-urlencoded); the
// client authenticates with HTTP Basic (client_secret_basic: id and secret
// each form-urlencoded, then joined by ":" and base64-encoded, §2.3.1) or
// with client_id and client_secret in the form (client_secret_post), never
// both (§2.3). Errors are §5.2 error responses, not problem documents
// (http/oauth-errors.ts). identity-service checks the credentials and
// throttles failed secrets like failed passwords.
//
// Scope: a key acts with the one role it was created with, so there is
// nothing to choose; a request naming a scope gets `invalid_scope` rather
// than a token that silently means something else. Unknown parameters are
// ignored (§3.1).
import { z } from "zod";
import { FORM_CONTENT_TYPE } from "../http/body.ts";
import { OAuthError } from "../http/oauth-errors.ts";
import { defineRoute, type RouteSpec } from "../http/route.ts";

const CLIENT_CREDENTIALS = "client_credentials";

const TokenRequestBody = z
  .looseObject({
    grant_type: z.string().max(100).optional().meta({ description: "`client_credentials`" }),
    client_id: z.string().max(200).optional().meta({ description: "With client_secret_post" }),
    client_secret: z.string().max(200).optional().meta({ description: "With client_secret_post" }),
    scope: z.string().max(1000).optional().meta({ description: "Not supported: refused with invalid_scope" }),
  })
  .meta({ id: "ClientCredentialsTokenRequest" });

const TokenResponse = z
  .object({
    access_token: z.string().meta({ description: "JWT (EdDSA); send as `Authorization: Bearer`" }),
    token_type: z.literal("Bearer"),
    expires_in: z.number().int().meta({ description: "Seconds; at most 300" }),
  })
  .meta({ id: "ClientCredentialsToken" });

interface ClientCredentials {
  clientId: string;
  clientSecret: string;
}

/** Decodes one part of HTTP Basic credentials as RFC 6749 §2.3.1 encodes it (form-urlencoding). */
function formDecode(part: string): string | undefined {
  try {
    return decodeURIComponent(part.replaceAll("+", " "));
  } catch {
    return undefined;
  }
}

/**
 * The client's Basic credentials: undefined without an Authorization header
 * of the Basic scheme (a Bearer header is no client authentication).
 */
export function basicCredentials(header: string | undefined): ClientCredentials | undefined {
  const match = /^Basic(?:\s+(.*))?$/i.exec(header?.trim() ?? "");
  if (!match) return undefined;
  const malformed = () => new OAuthError("invalid_client", "malformed HTTP Basic credentials", 401);
  const encoded = (match[1] ?? "").trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(encoded)) throw malformed();
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) throw malformed();
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (!clientId || !clientSecret) throw malformed();
  return { clientId, clientSecret };
}

type TokenRequest = z.infer<typeof TokenRequestBody>;

/** Which credentials the request carries; exactly one method (RFC 6749 §2.3). */
export function clientCredentialsOf(
  body: TokenRequest,
  authorization: string | undefined,
): ClientCredentials {
  const basic = basicCredentials(authorization);
  if (basic) {
    if (body.client_secret !== undefined) {
      throw new OAuthError("invalid_request", "authenticate with HTTP Basic or client_secret, not both");
    }
    if (body.client_id !== undefined && body.client_id !== basic.clientId) {
      throw new OAuthError("invalid_request", "client_id differs from the HTTP Basic credentials");
    }
    return basic;
  }
  if (body.client_id === undefined || body.client_secret === undefined) {
    throw new OAuthError(
      "invalid_client",
      "client authentication required: HTTP Basic, or client_id and client_secret in the form",
      401,
    );
  }
  return { clientId: body.client_id, clientSecret: body.client_secret };
}

export const tokenRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/auth/token",
    operationId: "issueToken",
    idempotency: false,
    auth: false,
    bodyType: "form",
    errorFormat: "oauth",
    summary: "OAuth 2.0 token endpoint: an API key's credentials for an access token",
    description: `RFC 6749 §4.4 client-credentials grant. Send \`grant_type=client_credentials\` as ${FORM_CONTENT_TYPE}, and authenticate with HTTP Basic (client_secret_basic: form-urlencoded client id and secret) or with \`client_id\` and \`client_secret\` in the form (client_secret_post), not both. The access token (at most 5 minutes, no refresh token) acts with the key's role in its tenant. Errors are RFC 6749 §5.2 error responses, not problem documents: 400 invalid_request (missing or repeated parameters, wrong content type), unsupported_grant_type, invalid_scope (scopes are not supported: a key has one role); 401 invalid_client with WWW-Authenticate for an unknown, malformed or revoked client and a wrong secret alike; 413 for a body over 4 KiB; 429 temporarily_unavailable with Retry-After after repeated failed secrets (locked like a login: 5 failures per client and address, 30 per address) or past the address rate limit. Takes no part in Idempotency-Key.`,
    tags: ["Authentication"],
    body: TokenRequestBody,
    responses: { 200: TokenResponse },
    handler: async ({ body, req, clients, clientAddress }) => {
      if (body.grant_type === undefined) throw new OAuthError("invalid_request", "grant_type is required");
      if (body.grant_type !== CLIENT_CREDENTIALS) {
        throw new OAuthError("unsupported_grant_type", `only ${CLIENT_CREDENTIALS} is supported`);
      }
      if (body.scope !== undefined) {
        throw new OAuthError("invalid_scope", "scopes are not supported: a key acts with its own role");
      }
      const credentials = clientCredentialsOf(body, req.header("authorization"));
      const issued = await clients.identity.IssueClientCredentialsToken({
        clientId: credentials.clientId,
        clientSecret: credentials.clientSecret,
        sourceAddress: clientAddress,
      });
      return {
        status: 200,
        headers: { "cache-control": "no-store", pragma: "no-cache" },
        body: { access_token: issued.accessToken, token_type: "Bearer", expires_in: issued.expiresIn },
      };
    },
  }),
];
