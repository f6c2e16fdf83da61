// The gRPC edge of AppError: mapped to a status once (toGrpcError), with the
// stable code and field errors in trailing metadata so the gateway can
// rebuild the problem document (fromGrpcError). Anything else becomes
// INTERNAL with a generic message: internals never leave the process.
import { Metadata, type ServiceError, status } from "@grpc/grpc-js";
import { AppError, type ErrorKind, type FieldError } from "./errors.ts";

const kindToStatus: Record<ErrorKind, status> = {
  invalid: status.INVALID_ARGUMENT,
  unauthenticated: status.UNAUTHENTICATED,
  forbidden: status.PERMISSION_DENIED,
  not_found: status.NOT_FOUND,
  conflict: status.ALREADY_EXISTS,
  aborted: status.ABORTED,
  rule: status.FAILED_PRECONDITION,
  rate_limited: status.RESOURCE_EXHAUSTED,
  unavailable: status.UNAVAILABLE,
  deadline: status.DEADLINE_EXCEEDED,
};

const statusToKind = new Map<status, ErrorKind>(
  Object.entries(kindToStatus).map(([kind, code]) => [code, kind as ErrorKind]),
);

const CODE_KEY = "simhub-error-code";
const ERRORS_KEY = "simhub-field-errors-bin";
const RETRY_KEY = "simhub-retry-after";

export interface GrpcErrorPayload {
  code: status;
  details: string;
  metadata: Metadata;
}

export function toGrpcError(error: unknown): GrpcErrorPayload {
  const metadata = new Metadata();
  if (error instanceof AppError) {
    metadata.set(CODE_KEY, error.code);
    if (error.errors.length > 0) metadata.set(ERRORS_KEY, Buffer.from(JSON.stringify(error.errors)));
    if (error.retryAfterSeconds !== undefined) metadata.set(RETRY_KEY, String(error.retryAfterSeconds));
    return { code: kindToStatus[error.kind], details: error.message, metadata };
  }
  if (isServiceError(error)) {
    // A downstream failure passing through: keep its status and stable code.
    return { code: error.code, details: error.details, metadata: error.metadata ?? metadata };
  }
  metadata.set(CODE_KEY, "INTERNAL");
  return { code: status.INTERNAL, details: "internal error", metadata };
}

export function isServiceError(error: unknown): error is ServiceError {
  return (
    error instanceof Error &&
    typeof (error as Partial<ServiceError>).code === "number" &&
    "metadata" in error &&
    "details" in error
  );
}

/** Rebuilds an AppError from a gRPC status received by a client. */
export function fromGrpcError(error: ServiceError): AppError {
  const kind = statusToKind.get(error.code);
  const code = String(error.metadata?.get(CODE_KEY)[0] ?? "");
  if (!kind) {
    // INTERNAL, UNKNOWN, CANCELLED, …: nothing a client may learn from.
    return new AppError("unavailable", code || "UPSTREAM_ERROR", "a dependency failed", { cause: error });
  }
  const rawErrors = error.metadata?.get(ERRORS_KEY)[0];
  const errors = rawErrors ? (JSON.parse(Buffer.from(rawErrors).toString("utf8")) as FieldError[]) : [];
  const retry = error.metadata?.get(RETRY_KEY)[0];
  const fallbackCodes: Record<ErrorKind, string> = {
    invalid: "VALIDATION_FAILED",
    unauthenticated: "UNAUTHENTICATED",
    forbidden: "FORBIDDEN",
    not_found: "NOT_FOUND",
    conflict: "CONFLICT",
    aborted: "CONCURRENT_MODIFICATION",
    rule: "RULE_VIOLATION",
    rate_limited: "RATE_LIMITED",
    unavailable: "SERVICE_UNAVAILABLE",
    deadline: "DEADLINE_EXCEEDED",
  };
  const message =
    kind === "unavailable" || kind === "deadline" ? "a dependency is unavailable" : error.details;
  return new AppError(kind, code || fallbackCodes[kind], message, {
    errors,
    retryAfterSeconds: retry ? Number(retry) : undefined,
    cause: error,
  });
}
