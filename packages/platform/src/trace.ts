// W3C Trace Context without a tracing SDK: the gateway starts (or continues)
// a trace, every hop passes a child `traceparent` on in gRPC metadata, and
// events carry it as a CloudEvents extension, so one trace id links a
// request to the events it caused. It costs a random id per hop, taken from
// a pool of random bytes filled 4 KiB at a time (one call into the system's
// random source per ~170 requests rather than two per request).
import { randomFillSync } from "node:crypto";

const pool = Buffer.alloc(4096);
let offset = pool.length;

function randomHex(bytes: number): string {
  if (offset + bytes > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const hex = pool.toString("hex", offset, offset + bytes);
  offset += bytes;
  return hex;
}

/** A new W3C span id (8 random bytes as hex). */
export function randomSpanId(): string {
  return randomHex(8);
}

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
  const traceId = parsed?.traceId ?? randomHex(16);
  return `00-${traceId}-${randomSpanId()}-${parsed?.flags ?? "01"}`;
}
