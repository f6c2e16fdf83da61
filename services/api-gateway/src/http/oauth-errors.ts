// Errors of the OAuth 2.0 token endpoint as RFC 6749 §5.2 wants them:
// `{"error": "...", "error_description": "..."}` as application/json, never
// cached, instead of the problem documents of every other route. OAuth
// client libraries read exactly this shape and nothing else. A route
// declared with `errorFormat: "oauth"` ends its pipeline with this handler,
// so every failure on it (rate limit, content type, size, validation, the
// grant itself, a service outage) leaves in this shape.
//
// The statuses: 400 for every malformed request (§5.2 says 400 unless
// specified otherwise: a wrong content type is an `invalid_request` too);
// 401 `invalid_client` with `WWW-Authenticate: Basic` (§5.2: a client that
// tried HTTP Basic must get the header; it is sent whichever method was
// used). Three statuses HTTP itself needs are kept, under the closest
// registered code: 413 (`invalid_request`) for a body past its limit, 429
// with Retry-After (`temporarily_unavailable`) while the caller is rate
// limited or its client locked after failed secrets, 503 with Retry-After
// (`temporarily_unavailable`) while identity-service is unavailable; 500
// `server_error` for anything unexpected.
import { AppError, type Logger } from "@simhub/platform";
import type { ErrorRequestHandler, Response } from "express";
import { z } from "zod";
import { HttpProblem } from "./problem.ts";

export type OAuthErrorCode =
  | "invalid_request"
  | "invalid_client"
  | "invalid_grant"
  | "unauthorized_client"
  | "unsupported_grant_type"
  | "invalid_scope"
  | "temporarily_unavailable"
  | "server_error";

const oauthErrorCodes: readonly OAuthErrorCode[] = [
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "temporarily_unavailable",
  "server_error",
];

/** The error body, for the OpenAPI document. */
export const OAuthErrorResponse = z
  .object({
    error: z.enum(oauthErrorCodes),
    error_description: z.string().optional(),
  })
  .meta({ id: "OAuthError", description: "RFC 6749 §5.2 error response" });

/** An RFC 6749 error a route throws on purpose (unsupported grant type, scope). */
export class OAuthError extends Error {
  readonly error: OAuthErrorCode;
  readonly status: number;
  constructor(error: OAuthErrorCode, description: string, status = 400) {
    super(description);
    this.error = error;
    this.status = status;
  }
}

const WWW_AUTHENTICATE = 'Basic realm="simhub", charset="UTF-8"';

export interface OAuthErrorAnswer {
  status: number;
  error: OAuthErrorCode;
  description: string;
  retryAfter?: number;
}

function render(error: unknown): OAuthErrorAnswer {
  if (error instanceof OAuthError) {
    return { status: error.status, error: error.error, description: error.message };
  }
  if (error instanceof AppError) {
    switch (error.kind) {
      case "unauthenticated":
        return { status: 401, error: "invalid_client", description: error.message };
      case "invalid":
        return {
          status: 400,
          error: "invalid_request",
          description: error.errors?.length
            ? `${error.errors.map((e) => `${e.path.replace(/^body\./, "")}: ${e.message}`).join("; ")}`
            : error.message,
        };
      case "rate_limited":
        return {
          status: 429,
          error: "temporarily_unavailable",
          description: error.message,
          retryAfter: error.retryAfterSeconds ?? 1,
        };
      case "unavailable":
      case "deadline":
        return {
          status: 503,
          error: "temporarily_unavailable",
          description: "the service is unavailable; try again later",
          retryAfter: error.retryAfterSeconds ?? 5,
        };
      default:
        return { status: 500, error: "server_error", description: "an unexpected error occurred" };
    }
  }
  if (error instanceof HttpProblem) {
    return { status: error.status === 413 ? 413 : 400, error: "invalid_request", description: error.message };
  }
  const bodyError = error as { type?: string; status?: number };
  if (bodyError?.type === "entity.too.large") {
    return { status: 413, error: "invalid_request", description: "the body is too large" };
  }
  if (bodyError?.type && bodyError.status && bodyError.status < 500) {
    return { status: 400, error: "invalid_request", description: "the body could not be read" };
  }
  return { status: 500, error: "server_error", description: "an unexpected error occurred" };
}

/** error_description may hold only %x20-21 / %x23-5B / %x5D-7E (RFC 6749 §5.2). */
const describable = (text: string) => text.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, "?").slice(0, 500);

export function sendOAuthError(res: Response, rendered: OAuthErrorAnswer) {
  res.setHeader("Cache-Control", "no-store");
  res.setHeader("Pragma", "no-cache");
  if (rendered.status === 401) res.setHeader("WWW-Authenticate", WWW_AUTHENTICATE);
  if (rendered.retryAfter !== undefined) res.setHeader("Retry-After", String(rendered.retryAfter));
  res
    .status(rendered.status)
    .type("application/json")
    .send(JSON.stringify({ error: rendered.error, error_description: describable(rendered.description) }));
}

export function oauthErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, next) => {
    if (res.headersSent) {
      next(error);
      return;
    }
    const rendered = render(error);
    if (rendered.status >= 500 && rendered.error === "server_error") {
      logger.error({ err: error instanceof AppError ? error.cause : error }, "token request failed");
    }
    sendOAuthError(res, rendered);
  };
}
