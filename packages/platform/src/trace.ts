// W3C Trace Context without a tracing SDK: the gateway starts (or continues)
// a trace, every hop passes a child `traceparent` on in gRPC metadata, and
// events carry it as a CloudEvents extension, so one trace id links a
// request to the events it caused. It costs a random id per hop.
import { randomBytes } from "node:crypto";

const pattern = /^00-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

export interface TraceParent {
  traceId: string;
  spanId: string;
  flags: string;
}

export function parseTraceparent(header: string | undefined): TraceParent | undefined {
  const match = header ? pattern.exec(header.trim().toLowerCase()) : null;
  if (!match) return undefined;
  const [, traceId, spanId, flags] = match;
  if (/^0+$/.test(traceId!) || /^0+$/.test(spanId!)) return undefined;
  return { traceId: traceId!, spanId: spanId!, flags: flags! };
}

/** A traceparent for the next hop: the same trace with a new span id, or a new trace. */
export function childTraceparent(parent: string | undefined): string {
  const parsed = parseTraceparent(parent);
  const traceId = parsed?.traceId ?? randomBytes(16).toString("hex");
  return `00-${traceId}-${randomBytes(8).toString("hex")}-${parsed?.flags ?? "01"}`;
}
