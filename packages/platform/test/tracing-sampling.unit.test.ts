// A trace that is not sampled costs its hops no OpenTelemetry span (the top
// of tracing.ts): with the SDK started, a hop continuing an unsampled trace
// passes the trace id on with a new span id and the sampled flag off, and
// leaves no span active, which is what keeps the pg instrumentation from
// making a span per query; a hop of a sampled trace records and is the
// active span. The sampler is parentbased_traceidratio at 0: every root is
// unsampled, a sampled remote parent is followed. The sampled spans go to a
// local endpoint that takes and drops them (@simhub/testing's receiver
// depends on this package, so it cannot be used here).
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import { trace } from "@opentelemetry/api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  endSpan,
  parseTraceparent,
  runInSpan,
  SpanKind,
  startSpan,
  startTracing,
  type TracingHandle,
} from "../src/index.ts";

const traceSink = createServer((req, res) => req.resume().on("end", () => res.end("{}")));
let tracing: TracingHandle;
beforeAll(async () => {
  await new Promise<void>((resolve) => traceSink.listen(0, "127.0.0.1", resolve));
  const address = traceSink.address();
  // In this process's own environment: the OTLP exporter reads its endpoint from there.
  Object.assign(process.env, {
    OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`,
    OTEL_TRACES_SAMPLER: "parentbased_traceidratio",
    OTEL_TRACES_SAMPLER_ARG: "0",
  });
  tracing = await startTracing("tracing-test", process.env);
});
afterAll(async () => {
  await tracing?.shutdown();
  traceSink.close();
});

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

describe("startSpan in a trace that is not sampled", () => {
  it("continues the trace with a new span id and no active span, in the hop and in its children", async () => {
    expect(tracing.enabled).toBe(true);
    const traceId = hex(16);
    const parentSpanId = hex(8);
    const hop = startSpan("process SimAssigned", SpanKind.CONSUMER, {
      parent: `00-${traceId}-${parentSpanId}-00`,
    })!;
    const passedOn = parseTraceparent(hop.traceparent)!;
    expect(passedOn).toEqual({ traceId, spanId: expect.stringMatching(/^[0-9a-f]{16}$/), flags: "00" });
    expect(passedOn.spanId).not.toBe(parentSpanId);
    expect(hop.span.isRecording()).toBe(false);

    const child = await runInSpan(hop, async () => {
      await Promise.resolve();
      expect(trace.getActiveSpan()).toBeUndefined();
      const call = startSpan("SimService/GetSim", SpanKind.CLIENT)!;
      endSpan(call);
      return parseTraceparent(call.traceparent)!;
    });
    endSpan(hop);
    expect(child.traceId).toBe(traceId);
    expect(child.flags).toBe("00");
    expect(child.spanId).not.toBe(passedOn.spanId);
  });

  it("starts an unsampled trace at a root the sampler refuses", () => {
    const root = startSpan("GET /v1/sims/:iccid", SpanKind.SERVER)!;
    const rootParent = parseTraceparent(root.traceparent)!;
    expect(rootParent.flags).toBe("00");
    runInSpan(root, () => {
      expect(trace.getActiveSpan()).toBeUndefined();
      const call = startSpan("SimService/GetSim", SpanKind.CLIENT)!;
      expect(parseTraceparent(call.traceparent)).toMatchObject({ traceId: rootParent.traceId, flags: "00" });
    });
  });

  it("still records a sampled parent's hop, active while its work runs", async () => {
    const traceId = hex(16);
    const hop = startSpan("process SimAssigned", SpanKind.CONSUMER, {
      parent: `00-${traceId}-${hex(8)}-01`,
    })!;
    expect(hop.span.isRecording()).toBe(true);
    expect(parseTraceparent(hop.traceparent)).toMatchObject({ traceId, flags: "01" });
    await runInSpan(hop, async () => {
      await Promise.resolve();
      expect(trace.getActiveSpan()).toBe(hop.span);
      const call = startSpan("SimService/GetSim", SpanKind.CLIENT)!;
      expect(call.span.isRecording()).toBe(true);
      expect(parseTraceparent(call.traceparent)).toMatchObject({ traceId, flags: "01" });
      endSpan(call);
    });
    endSpan(hop);
  });
});
