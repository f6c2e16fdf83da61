// Every error leaves the gateway as an RFC 9457 problem document with a
// stable `code`. This is the one place where error kinds (and so gRPC
// statuses, see platform errors.ts) become HTTP statuses.
import { AppError, type ErrorKind, type FieldError } from "@simhub/platform";
import type { Response } from "express";

const httpStatusOfKind: Record<ErrorKind, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  aborted: 409,
  rule: 422,
  rate_limited: 429,
  unavailable: 503,
  deadline: 504,
};

const titles: Record<number, string> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  408: "Request Timeout",
  409: "Conflict",
  413: "Content Too Large",
  415: "Unsupported Media Type",
  422: "Unprocessable Content",
  429: "Too Many Requests",
  500: "Internal Server Error",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** An HTTP-only failure with no gRPC counterpart (415, 413, …). */
export class HttpProblem extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  requestId?: string;
  errors?: FieldError[];
}

function problemType(code: string): string {
  return `https://simhub.dev/problems/${code.toLowerCase().replaceAll("_", "-")}`;
}

export function problem(
  status: number,
  code: string,
  detail: string,
  errors?: FieldError[],
): ProblemDocument {
  return {
    type: problemType(code),
    title: titles[status] ?? "Error",
    status,
    detail,
    code,
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

export function problemFromError(error: unknown): { document: ProblemDocument; retryAfter?: number } {
  if (error instanceof AppError) {
    const status = httpStatusOfKind[error.kind];
    const retryAfter = error.retryAfterSeconds ?? (status === 503 ? 5 : status === 429 ? 1 : undefined);
    return {
      document: problem(status, error.code, error.message, error.errors),
      ...(retryAfter !== undefined ? { retryAfter } : {}),
    };
  }
  return { document: problem(500, "INTERNAL", "an unexpected error occurred") };
}

export function sendProblem(res: Response, document: ProblemDocument, retryAfter?: number) {
  if (retryAfter !== undefined) res.setHeader("Retry-After", String(retryAfter));
  res
    .status(document.status)
    .type("application/problem+json")
    .send(JSON.stringify({ ...document, requestId: res.locals.requestId as string | undefined }));
}
