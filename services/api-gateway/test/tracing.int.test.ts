// Traces through every hop: the platform runs with its OTLP exporter pointed
// at a receiver of the test's own, and one assignment and one composed SIM
// read each come back as a single trace — the gateway's request span at the
// root, the gateway's gRPC call, sim-service's handling of it, its
// PostgreSQL queries and, for the assignment, the outbox relay's publish of
// SimAssigned and webhook-service consuming it — every span's parent present
// in the trace. Without OTEL_EXPORTER_OTLP_ENDPOINT nothing is exported, even
// with the signal's own endpoint variable pointing at the receiver.
import {
  type OtlpReceiver,
  type ReceivedSpan,
  type Stack,
  spanKind,
  startOtlpReceiver,
  startStack,
  withLuhn,
} from "@simhub/testing";
import { afterAll, describe, expect, it } from "vitest";

const sim = withLuhn("894477000000000001");

let receiver: OtlpReceiver | undefined;
let stack: Stack | undefined;
afterAll(async () => {
  await stack?.stop();
  await receiver?.close();
});

/** The spans of the trace whose gateway request span carries `requestId`, once `complete` holds. */
async function traceOf(
  spans: ReceivedSpan[],
  requestId: string,
  complete: (trace: ReceivedSpan[]) => boolean,
): Promise<ReceivedSpan[]> {
  let trace: ReceivedSpan[] = [];
  await expect
    .poll(
      () => {
        const request = spans.find(
          (span) => span.service === "api-gateway" && span.attributes["simhub.request_id"] === requestId,
        );
        trace = request ? spans.filter((span) => span.traceId === request.traceId) : [];
        // Each process exports in its own batches: wait until every span's parent has arrived too.
        const whole = trace.every(
          (span) => span.parentSpanId === "" || trace.some((parent) => parent.spanId === span.parentSpanId),
        );
        return trace.length > 0 && whole && complete(trace);
      },
      { timeout: 20_000, interval: 200 },
    )
    .toBe(true);
  return trace;
}

function parentOf(trace: ReceivedSpan[], span: ReceivedSpan): ReceivedSpan | undefined {
  return trace.find((candidate) => candidate.spanId === span.parentSpanId);
}

function descendsFrom(trace: ReceivedSpan[], span: ReceivedSpan, ancestor: ReceivedSpan): boolean {
  for (let parent = parentOf(trace, span); parent; parent = parentOf(trace, parent)) {
    if (parent.spanId === ancestor.spanId) return true;
  }
  return false;
}

/** One root (the gateway's request span) and every other span's parent in the trace. */
function expectConnected(trace: ReceivedSpan[]): ReceivedSpan {
  const roots = trace.filter((span) => span.parentSpanId === "");
  expect(roots.map((span) => `${span.service} ${span.name}`)).toHaveLength(1);
  const root = roots[0]!;
  expect(root).toMatchObject({ service: "api-gateway", kind: spanKind.server });
  const orphans = trace.filter((span) => span !== root && !parentOf(trace, span));
  expect(orphans.map((span) => `${span.service} ${span.name}`)).toEqual([]);
  expect(new Set(trace.map((span) => span.spanId)).size).toBe(trace.length);
  return root;
}

const isQuery = (span: ReceivedSpan) =>
  span.attributes["db.system.name"] === "postgresql" || span.attributes["db.system"] === "postgresql";

describe("with OTEL_EXPORTER_OTLP_ENDPOINT set", () => {
  it("exports one connected trace per request, from the gateway to the last consumer", async () => {
    receiver = await startOtlpReceiver();
    stack = await startStack({
      env: { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url, OTEL_TRACES_SAMPLER: "parentbased_always_on" },
    });
    const token = await stack.login(stack.admin.username, stack.admin.password);
    const api = stack.http(token);
    const org = await api.post("/v1/organizations", { name: "Traced Org" });
    const company = await api.post(`/v1/organizations/${org.body.id}/companies`, { name: "Traced Company" });
    expect((await api.post(`/v1/organizations/${org.body.id}/sims`, { sims: [{ iccid: sim }] })).status).toBe(
      201,
    );

    const assigned = await api.post(`/v1/sims/${sim}/assign`, { companyId: company.body.id });
    expect(assigned.status).toBe(200);
    // Waits for webhook-service's consumer span, the one checked below: the
    // other consumers of SimAssigned (usage-, rule-service) may export theirs first.
    const assignTrace = await traceOf(receiver.spans, assigned.headers.get("x-request-id")!, (trace) =>
      trace.some(
        (span) =>
          span.service === "webhook-service" &&
          span.kind === spanKind.consumer &&
          span.name === "process SimAssigned",
      ),
    );
    const root = expectConnected(assignTrace);
    expect(root.name).toBe("POST /v1/sims/:iccid/assign");
    expect(root.attributes["http.response.status_code"]).toBe(200);
    const call = assignTrace.find(
      (span) =>
        span.service === "api-gateway" &&
        span.kind === spanKind.client &&
        span.name.endsWith("/AssignSimToCompany"),
    );
    expect(call, "the gateway's gRPC call").toBeDefined();
    expect(call!.parentSpanId).toBe(root.spanId);
    const handled = assignTrace.find(
      (span) => span.service === "sim-service" && span.kind === spanKind.server,
    );
    expect(handled, "sim-service's server span").toBeDefined();
    expect(handled!.parentSpanId).toBe(call!.spanId);
    expect(
      assignTrace.filter(
        (span) =>
          span.service === "sim-service" && isQuery(span) && descendsFrom(assignTrace, span, handled!),
      ),
      "sim-service's PostgreSQL queries",
    ).not.toHaveLength(0);
    const publish = assignTrace.find(
      (span) =>
        span.service === "sim-service" &&
        span.kind === spanKind.producer &&
        span.name === "publish SimAssigned",
    );
    expect(publish, "the outbox relay's publish").toBeDefined();
    expect(publish!.parentSpanId).toBe(handled!.spanId);
    expect(publish!.statusCode).not.toBe(2);
    const consumed = assignTrace.find(
      (span) =>
        span.service === "webhook-service" &&
        span.kind === spanKind.consumer &&
        span.name === "process SimAssigned",
    );
    expect(consumed, "webhook-service consuming the event").toBeDefined();
    expect(consumed!.parentSpanId).toBe(publish!.spanId);
    expect(consumed!.attributes["messaging.message.id"]).toBe(publish!.attributes["messaging.message.id"]);

    const read = await api.get(`/v1/sims/${sim}`);
    expect(read.status).toBe(200);
    expect(read.body.company).toMatchObject({ id: company.body.id, name: "Traced Company" });
    const readTrace = await traceOf(receiver.spans, read.headers.get("x-request-id")!, (trace) =>
      trace.some((span) => span.service === "sim-service" && isQuery(span)),
    );
    const readRoot = expectConnected(readTrace);
    expect(readRoot.name).toBe("GET /v1/sims/:iccid");
    const readHandled = readTrace.find(
      (span) => span.service === "sim-service" && span.kind === spanKind.server,
    );
    expect(readHandled, "sim-service's server span").toBeDefined();
    expect(parentOf(readTrace, readHandled!)).toMatchObject({
      service: "api-gateway",
      kind: spanKind.client,
    });
    expect(
      readTrace.filter(
        (span) =>
          span.service === "sim-service" && isQuery(span) && descendsFrom(readTrace, span, readHandled!),
      ),
    ).not.toHaveLength(0);
    // Every service span of the read hangs under the gateway's calls; no span of another request leaks in.
    for (const span of readTrace.filter((s) => s.service !== "api-gateway")) {
      expect(descendsFrom(readTrace, span, readRoot)).toBe(true);
    }
    expect(readTrace.some((span) => span.kind === spanKind.producer)).toBe(false);

    // The relay's idle polling and other background queries make no traces of their own.
    const roots = receiver.spans.filter((span) => span.parentSpanId === "");
    expect(roots.filter((span) => span.service !== "api-gateway" && isQuery(span))).toEqual([]);
    expect(receiver.rejected).toEqual([]);
    // Log lines carry the trace (logged at warn and above in tests; checked in the tracing unit test).
  });
});

describe("without OTEL_EXPORTER_OTLP_ENDPOINT", () => {
  it("exports nothing", async () => {
    // The first test's stack, stopped here even when that test failed.
    await stack?.stop();
    stack = undefined;
    const quiet = await startOtlpReceiver();
    try {
      // If the SDK were started anyway, its exporter would follow this variable to the receiver.
      stack = await startStack({ env: { OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `${quiet.url}/v1/traces` } });
      const token = await stack.login(stack.admin.username, stack.admin.password);
      const api = stack.http(token);
      const org = await api.post("/v1/organizations", { name: "Untraced Org" });
      const company = await api.post(`/v1/organizations/${org.body.id}/companies`, { name: "Untraced" });
      await api.post(`/v1/organizations/${org.body.id}/sims`, { sims: [{ iccid: sim }] });
      expect((await api.post(`/v1/sims/${sim}/assign`, { companyId: company.body.id })).status).toBe(200);
      expect((await api.get(`/v1/sims/${sim}`)).status).toBe(200);
      await stack.events("sim", { type: "SimAssigned" });
      // The exporter would have sent within its 1 s batch delay.
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      expect(quiet.requests).toBe(0);
      expect(quiet.spans).toEqual([]);
    } finally {
      await quiet.close();
    }
  });
});
