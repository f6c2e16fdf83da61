// Typed errors with stable codes. Domain and app code throw AppError; each
// edge maps it once (grpc-errors.ts in services, the gateway's problem.ts).
// Pure: domain modules may import it through @simhub/platform/domain.
export type ErrorKind =
  | "invalid" // 400 / INVALID_ARGUMENT
  | "unauthenticated" // 401 / UNAUTHENTICATED
  | "forbidden" // 403 / PERMISSION_DENIED
  | "not_found" // 404 / NOT_FOUND
  | "conflict" // 409 / ALREADY_EXISTS
  | "aborted" // 409 / ABORTED (concurrent change)
  | "rule" // 422 / FAILED_PRECONDITION
  | "rate_limited" // 429 / RESOURCE_EXHAUSTED
  | "unavailable" // 503 / UNAVAILABLE
  | "deadline"; // 504 / DEADLINE_EXCEEDED

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  override name = "AppError";
  readonly kind: ErrorKind;
  readonly code: string;
  readonly errors: FieldError[];
  readonly retryAfterSeconds: number | undefined;

  constructor(
    kind: ErrorKind,
    code: string,
    message: string,
    options: { errors?: FieldError[]; retryAfterSeconds?: number; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.kind = kind;
    this.code = code;
    this.errors = options.errors ?? [];
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export const invalid = (message: string, errors: FieldError[] = [], code = "VALIDATION_FAILED") =>
  new AppError("invalid", code, message, { errors });
export const notFound = (code: string, message: string) => new AppError("not_found", code, message);
export const conflict = (code: string, message: string) => new AppError("conflict", code, message);
export const ruleBroken = (code: string, message: string) => new AppError("rule", code, message);
export const forbidden = (message = "not allowed", code = "FORBIDDEN") =>
  new AppError("forbidden", code, message);
export const unauthenticated = (message = "authentication required", code = "UNAUTHENTICATED") =>
  new AppError("unauthenticated", code, message);
