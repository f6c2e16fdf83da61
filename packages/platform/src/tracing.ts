// OpenTelemetry traces, started once per process by the kit (ServiceRuntime,
// the gateway) and only when OTEL_EXPORTER_OTLP_ENDPOINT is set: otherwise no
// SDK module is even loaded, and every helper below returns at its first
// line, so the hops keep passing the W3C `traceparent` of trace.ts as before.
//
// The spans are made by hand around the kit's own edges — the gateway's
// pipeline, the gRPC client and server wrappers, the outbox relay's publish
// and the consumer — rather than by the instrumentations that patch `http`,
// `express` and `@grpc/grpc-js`: those hook `require`, which an ESM `import`
// run by Node's type stripping does not go through, so whether a module is
// patched would depend on who loaded it first. The kit already holds the one
// place each hop passes, and there a span costs nothing when the request is
// not sampled. The one instrumentation used is `pg`'s: knex loads the driver
// with `require` when a database is opened (after startTracing), and the
// patch lands on the driver's shared `Client.prototype`, so the queries of
// knex, of preparedRaw and of the relay's own client are all covered. It
// records a query only inside a traced operation (requireParentSpan), so
// the relay's idle polling makes no traces of its own.
//
// OpenTelemetry JS 3.x reads no sampler settings from the environment, so
// the standard OTEL_TRACES_SAMPLER / OTEL_TRACES_SAMPLER_ARG are read here.
//
// A hop of a trace that is not sampled (90 % of them at the bench's 10 %)
// makes no OpenTelemetry span at all: it passes the trace on with a new span
// id and the sampled flag off, as with tracing off, and keeps that in a
// context value of its own rather than as the active span. The pg
// instrumentation starts a span for every query that has an active span,
// recording or not, so an unsampled hop with a non-recording span active
// still paid for a span, its attributes and its wrapped callback per query
// (a consumer's event of three queries: 135–142 µs untraced, 170 with the
// non-recording span active, 130–137 without; docs/performance.md).
import { randomUUID } from "node:crypto";
import {
  type Attributes,
  type Context,
  context,
  createContextKey,
  ROOT_CONTEXT,
  type Span,
  type SpanKind,
  SpanStatusCode,
  type TextMapGetter,
  TraceFlags,
  trace,
} from "@opentelemetry/api";
import { ConfigError } from "./config.ts";
import { parseTraceparent, randomSpanId } from "./trace.ts";

export type { Span } from "@opentelemetry/api";
export { SpanKind } from "@opentelemetry/api";

let enabled = false;
/** Whether a remote parent's sampled flag decides (the parentbased_* samplers). */
let parentDecides = true;
let started: Promise<TracingHandle> | undefined;
let propagator: import("@opentelemetry/core").W3CTraceContextPropagator | undefined;

export interface TracingHandle {
  readonly enabled: boolean;
  /** Exports what is still buffered; after it, spans are no longer recorded. */
  shutdown(): Promise<void>;
}

const disabledHandle: TracingHandle = { enabled: false, shutdown: async () => {} };

/** Whether this process records spans (the SDK was started). */
export function tracingEnabled(): boolean {
  return enabled;
}

/** The sampler the standard variables ask for (default: parentbased_always_on). */
export function samplerSettings(env: Record<string, string | undefined>): {
  parentBased: boolean;
  ratio: number;
} {
  const name = (env.OTEL_TRACES_SAMPLER ?? "parentbased_always_on").trim().toLowerCase();
  const argument = env.OTEL_TRACES_SAMPLER_ARG?.trim();
  const ratio = argument === undefined || argument === "" ? 1 : Number(argument);
  const ratioOf = () => {
    if (!Number.isFinite(ratio) || ratio < 0 || ratio > 1) {
      throw new ConfigError(
        `invalid configuration:\n  OTEL_TRACES_SAMPLER_ARG: must be a number from 0 to 1, got "${argument}"`,
      );
    }
    return ratio;
  };
  switch (name) {
    case "always_on":
      return { parentBased: false, ratio: 1 };
    case "always_off":
      return { parentBased: false, ratio: 0 };
    case "traceidratio":
      return { parentBased: false, ratio: ratioOf() };
    case "parentbased_always_on":
      return { parentBased: true, ratio: 1 };
    case "parentbased_always_off":
      return { parentBased: true, ratio: 0 };
    case "parentbased_traceidratio":
      return { parentBased: true, ratio: ratioOf() };
    default:
      throw new ConfigError(
        `invalid configuration:\n  OTEL_TRACES_SAMPLER: "${name}" is not one of always_on, always_off, traceidratio, parentbased_always_on, parentbased_always_off, parentbased_traceidratio`,
      );
  }
}

/**
 * Starts the SDK when OTEL_EXPORTER_OTLP_ENDPOINT is set (and OTEL_SDK_DISABLED
 * is not "true"): spans of this process go, as OTLP/HTTP with JSON bodies,
 * to `<endpoint>/v1/traces` under `service.name` = OTEL_SERVICE_NAME or
 * `serviceName`. Once per process; later calls get the same handle. Must run
 * before the first database is opened (see the top of this file). `env`
 * decides whether to start and how to sample; the exporter reads the OTLP
 * variables (endpoint, headers) from process.env itself.
 */
export function startTracing(
  serviceName: string,
  env: Record<string, string | undefined> = process.env,
): Promise<TracingHandle> {
  started ??= (async () => {
    if (!env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_SDK_DISABLED?.trim().toLowerCase() === "true") {
      return disabledHandle;
    }
    const sampling = samplerSettings(env);
    parentDecides = sampling.parentBased;
    const [
      sdk,
      { OTLPTraceExporter },
      { resourceFromAttributes },
      core,
      { AsyncLocalStorageContextManager },
      pg,
    ] = await Promise.all([
      import("@opentelemetry/sdk-trace"),
      import("@opentelemetry/exporter-trace-otlp-http"),
      import("@opentelemetry/resources"),
      import("@opentelemetry/core"),
      import("@opentelemetry/context-async-hooks"),
      import("@opentelemetry/instrumentation-pg"),
    ]);
    const root = new sdk.TraceIdRatioBasedSampler(sampling.ratio);
    const provider = new sdk.TracerProvider({
      sampler: sampling.parentBased ? new sdk.ParentBasedSampler({ root }) : root,
      resource: resourceFromAttributes({
        "service.name": env.OTEL_SERVICE_NAME || serviceName,
        "service.namespace": "simhub",
        "service.instance.id": randomUUID(),
      }),
      spanProcessors: [
        new sdk.BatchSpanProcessor({
          exporter: new OTLPTraceExporter(),
          scheduledDelayMillis: 1_000,
          maxQueueSize: 8_192,
        }),
      ],
    });
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    trace.setGlobalTracerProvider(provider);
    propagator = new core.W3CTraceContextPropagator();
    const instrumentation = new pg.PgInstrumentation({ requireParentSpan: true, ignoreConnectSpans: true });
    instrumentation.setTracerProvider(provider);
    instrumentation.enable();
    enabled = true;
    return {
      enabled: true,
      async shutdown() {
        enabled = false;
        instrumentation.disable();
        await provider.shutdown().catch(() => {});
      },
    };
  })();
  return started;
}

const tracerName = "@simhub/platform";

const recordGetter: TextMapGetter<Record<string, string | undefined>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => carrier[key],
};

/** The context a W3C traceparent (and tracestate) continues; the active one when there is none. */
function parentContext(traceparent: string | undefined, base = context.active()): Context {
  if (!traceparent || !propagator) return base;
  return propagator.extract(ROOT_CONTEXT, { traceparent }, recordGetter);
}

export interface StartedSpan {
  span: Span;
  /** The context with the span active: run the span's work inside it (`runInSpan`). */
  context: Context;
  /** The span as a W3C traceparent, for the next hop (metadata, event, header). */
  traceparent: string;
}

/** Where a hop of an unsampled trace keeps the trace id, in place of an active span. */
const unsampledTraceKey = createContextKey("simhub unsampled trace");

/** The trace id of an unsampled trace this hop continues, if it does: its remote parent's or the active one's. */
function unsampledTraceOf(remoteParent: string | undefined): string | undefined {
  if (remoteParent === undefined) return context.active().getValue(unsampledTraceKey) as string | undefined;
  const parsed = parseTraceparent(remoteParent);
  const sampled = parsed !== undefined && (Number.parseInt(parsed.flags, 16) & TraceFlags.SAMPLED) !== 0;
  return parsed !== undefined && !sampled && parentDecides ? parsed.traceId : undefined;
}

/** A hop of an unsampled trace: a new span id, nothing recorded, no active OpenTelemetry span. */
function unsampledSpan(traceId: string): StartedSpan {
  const span = trace.wrapSpanContext({ traceId, spanId: randomSpanId(), traceFlags: TraceFlags.NONE });
  const spanContext = trace.deleteSpan(context.active()).setValue(unsampledTraceKey, traceId);
  return { span, context: spanContext, traceparent: traceparentOf(span) };
}

/**
 * A span of `kind`, child of `parent` (a traceparent from another process)
 * or, without one, of the active span; undefined when tracing is off. In a
 * trace that is not sampled it is a span that records nothing, and running
 * in it (`runInSpan`) leaves no OpenTelemetry span active (see the top).
 */
export function startSpan(
  name: string,
  kind: SpanKind,
  options: { parent?: string | undefined; attributes?: Attributes; startTime?: number } = {},
): StartedSpan | undefined {
  if (!enabled) return undefined;
  const unsampledTrace = unsampledTraceOf(options.parent);
  if (unsampledTrace !== undefined) return unsampledSpan(unsampledTrace);
  const parent = parentContext(options.parent);
  const span = trace.getTracer(tracerName).startSpan(
    name,
    {
      kind,
      ...(options.attributes ? { attributes: options.attributes } : {}),
      ...(options.startTime !== undefined ? { startTime: options.startTime } : {}),
    },
    parent,
  );
  // Not sampled at its root (or by a sampler that does not follow the parent).
  if (!span.isRecording()) return unsampledSpan(span.spanContext().traceId);
  const spanContext = trace.setSpan(parent, span);
  return { span, context: spanContext, traceparent: traceparentOf(span) };
}

/** `fn` with the span active (database queries and outgoing calls become its children). */
export function runInSpan<T>(started: StartedSpan | undefined, fn: () => T): T {
  return started ? context.with(started.context, fn) : fn();
}

/** Ends a span, marked as an error with `message` when given. */
export function endSpan(started: StartedSpan | undefined, error?: string, attributes?: Attributes): void {
  if (!started) return;
  if (attributes) started.span.setAttributes(attributes);
  if (error !== undefined) started.span.setStatus({ code: SpanStatusCode.ERROR, message: error });
  started.span.end();
}

export function traceparentOf(span: Span): string {
  const { traceId, spanId, traceFlags } = span.spanContext();
  return `00-${traceId}-${spanId}-${(traceFlags & 0xff).toString(16).padStart(2, "0")}`;
}
