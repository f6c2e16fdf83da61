// JSON logs (pino) with the service name and the current request id.
// Credentials never reach a log: the usual carriers are redacted by path.
import { type Logger, pino } from "pino";
import { currentContext } from "./context.ts";
import { parseTraceparent } from "./trace.ts";

export type { Logger } from "pino";

export const redactedPaths = [
  "password",
  "*.password",
  "currentPassword",
  "newPassword",
  "token",
  "*.token",
  "accessToken",
  "refreshToken",
  "*.accessToken",
  "*.refreshToken",
  "authorization",
  "*.authorization",
  "headers.authorization",
  "req.headers.authorization",
  "secret",
  "*.secret",
  "*.secrets",
  "totpSecret",
  "clientSecret",
  "*.clientSecret",
  "client_secret",
  "*.client_secret",
  "access_token",
  "*.access_token",
  "code",
];

export function createLogger(service: string, level = "info"): Logger {
  return pino({
    level,
    base: { service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: "[redacted]" },
    // The request's trace and span (the current span when tracing is on),
    // so a log line leads to its trace and a trace to its log lines.
    mixin() {
      const context = currentContext();
      if (!context) return {};
      const trace = parseTraceparent(context.traceparent);
      return {
        requestId: context.requestId,
        ...(trace ? { trace_id: trace.traceId, span_id: trace.spanId } : {}),
      };
    },
  });
}
