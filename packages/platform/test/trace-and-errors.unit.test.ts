import { Metadata, status } from "@grpc/grpc-js";
import { describe, expect, it } from "vitest";
import { AppError, childTraceparent, fromGrpcError, parseTraceparent, toGrpcError } from "../src/index.ts";

describe("traceparent", () => {
  it("continues a valid trace with a new span id", () => {
    const parent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const child = childTraceparent(parent);
    const parsed = parseTraceparent(child)!;
    expect(parsed.traceId).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(parsed.spanId).not.toBe("00f067aa0ba902b7");
    expect(parsed.flags).toBe("01");
  });

  it.each([
    undefined,
    "",
    "garbage",
    "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
    "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
    "01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
  ])("starts a new trace for %j", (header) => {
    const parsed = parseTraceparent(childTraceparent(header));
    expect(parsed).toBeDefined();
    expect(parsed!.traceId).not.toBe("4bf92f3577b34da6a3ce929d0e0e4736");
  });
});

describe("error mapping at the gRPC edge", () => {
  it.each([
    ["invalid", status.INVALID_ARGUMENT],
    ["unauthenticated", status.UNAUTHENTICATED],
    ["forbidden", status.PERMISSION_DENIED],
    ["not_found", status.NOT_FOUND],
    ["conflict", status.ALREADY_EXISTS],
    ["aborted", status.ABORTED],
    ["rule", status.FAILED_PRECONDITION],
    ["rate_limited", status.RESOURCE_EXHAUSTED],
    ["unavailable", status.UNAVAILABLE],
    ["deadline", status.DEADLINE_EXCEEDED],
  ] as const)("%s travels as %i and comes back with its code and field errors", (kind, code) => {
    const original = new AppError(kind, "SOME_CODE", "what went wrong", {
      errors: [{ path: "body.name", message: "required" }],
      retryAfterSeconds: 7,
    });
    const mapped = toGrpcError(original);
    expect(mapped.code).toBe(code);
    const back = fromGrpcError(
      Object.assign(new Error(mapped.details), {
        code: mapped.code,
        details: mapped.details,
        metadata: mapped.metadata,
      }),
    );
    expect(back.kind).toBe(kind);
    expect(back.code).toBe("SOME_CODE");
    expect(back.errors).toEqual([{ path: "body.name", message: "required" }]);
    expect(back.retryAfterSeconds).toBe(7);
  });

  it("never lets an unexpected error's message out", () => {
    const mapped = toGrpcError(new Error("connection to 10.0.0.5 failed: password authentication failed"));
    expect(mapped.code).toBe(status.INTERNAL);
    expect(mapped.details).toBe("internal error");
  });

  it("turns INTERNAL from a downstream into an unavailable dependency without its message", () => {
    const back = fromGrpcError(
      Object.assign(new Error("boom"), {
        code: status.INTERNAL,
        details: "stack trace here",
        metadata: new Metadata(),
      }),
    );
    expect(back.kind).toBe("unavailable");
    expect(back.message).not.toContain("stack");
  });
});
