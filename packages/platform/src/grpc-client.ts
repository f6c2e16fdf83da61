// The gRPC client kit: one typed function per RPC, each behind its own
// opossum breaker (a client-streaming RPC takes an (async) iterable of
// requests and writes it with back-pressure). Every call carries a deadline (the caller's remaining one
// when there is a caller), the caller's token, request id and trace context.
// Business errors (NOT_FOUND, INVALID_ARGUMENT, …) are answers, not outages,
// so they never trip a breaker; an open breaker answers UNAVAILABLE at once.
import { EventEmitter } from "node:events";
import * as grpc from "@grpc/grpc-js";
import {
  type ContextName,
  directResponseCodecs,
  grpcServiceNames,
  serviceDefinition,
} from "@simhub/contracts";
import CircuitBreaker from "opossum";
import { currentContext } from "./context.ts";
import { AppError } from "./errors.ts";
import { fromGrpcError, isServiceError } from "./grpc-errors.ts";
import type { Logger } from "./logger.ts";
import type { PlatformMetrics } from "./metrics.ts";
import { childTraceparent } from "./trace.ts";
import { endSpan, SpanKind, startSpan } from "./tracing.ts";

interface ClientMethodTypes {
  request: unknown;
  responseOut: unknown;
}

export interface CallOptions {
  deadlineMs?: number;
  /** Overrides the token of the current request (service-to-service calls). */
  token?: string;
}

export type GrpcClient<Methods> = {
  [K in keyof Methods]: Methods[K] extends ClientMethodTypes & { requestStream: true }
    ? (
        requests: AsyncIterable<Methods[K]["request"]> | Iterable<Methods[K]["request"]>,
        options?: CallOptions,
      ) => Promise<Methods[K]["responseOut"]>
    : Methods[K] extends ClientMethodTypes
      ? (request: Methods[K]["request"], options?: CallOptions) => Promise<Methods[K]["responseOut"]>
      : never;
} & { close(): void };

export interface GrpcClientOptions {
  logger: Logger;
  metrics: PlatformMetrics;
  deadlineMs: number;
  breaker?: {
    resetTimeoutMs?: number;
    volumeThreshold?: number;
    errorThresholdPercentage?: number;
    rollingCountTimeoutMs?: number;
  };
  maxMessageBytes?: number;
  /**
   * Read the responses of plain scalar messages (contracts' plainResponseMethods)
   * as the decoded messages themselves, without a toObject copy: for callers
   * that only read their fields (the gateway's SIM routes).
   */
  plainResponses?: boolean;
  /**
   * Metadata sent with every call of this client: the gateway's service
   * identity towards identity-service (see identity's trusted-caller.ts).
   */
  metadata?: Record<string, string>;
}

const businessCodes = new Set<grpc.status>([
  grpc.status.NOT_FOUND,
  grpc.status.INVALID_ARGUMENT,
  grpc.status.ALREADY_EXISTS,
  grpc.status.FAILED_PRECONDITION,
  grpc.status.PERMISSION_DENIED,
  grpc.status.UNAUTHENTICATED,
  grpc.status.ABORTED,
  grpc.status.RESOURCE_EXHAUSTED,
  grpc.status.OUT_OF_RANGE,
]);

export function isBusinessError(error: unknown): boolean {
  return (isServiceError(error) && businessCodes.has(error.code)) || error instanceof AppError;
}

/** Errors of a streaming call's own request source, which must not trip the breaker. */
const sourceFailures = new WeakSet<object>();

const breakerStateValue = { closed: 0, halfOpen: 1, open: 2 } as const;

const FLOW_CONTROL_WINDOW_BYTES = 16 * 1024 * 1024;

/** opossum's default: a breaker's rolling window is this many buckets. */
const ROLLING_BUCKETS = 10;
const bucketRotators = new Map<number, EventEmitter>();

/**
 * One timer per process that moves every breaker's rolling window on, instead
 * of one interval per breaker (one per RPC method: the gateway has about 150).
 * Each interval woke the process up on its own every second; idle, those
 * wake-ups were most of what a process spent (docs/performance.md, "Idle").
 */
function bucketRotator(bucketMs: number): EventEmitter {
  const known = bucketRotators.get(bucketMs);
  if (known) return known;
  const rotator = new EventEmitter().setMaxListeners(0);
  setInterval(() => rotator.emit("rotate"), bucketMs).unref();
  bucketRotators.set(bucketMs, rotator);
  return rotator;
}

type UnaryMethod = (
  request: unknown,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response: unknown) => void,
) => void;

type ClientStreamMethod = (
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response: unknown) => void,
) => grpc.ClientWritableStream<unknown>;

/**
 * Writes every message of `requests` to a client-streaming call, waiting for
 * 'drain' whenever the call's buffer is full, so a slow server slows the
 * source down instead of the messages piling up in memory. Stops early when
 * the call has already ended (the server answered, e.g. with an error); a
 * failing source cancels the call.
 */
async function writeAll(
  call: grpc.ClientWritableStream<unknown>,
  requests: AsyncIterable<unknown> | Iterable<unknown>,
  ended: Promise<void>,
): Promise<void> {
  let done = false;
  void ended.then(() => {
    done = true;
  });
  for await (const message of requests) {
    if (done) return;
    if (!call.write(message)) {
      await new Promise<void>((resolve) => {
        const onDrain = () => resolve();
        call.once("drain", onDrain);
        void ended.then(() => {
          call.off("drain", onDrain);
          resolve();
        });
      });
    }
  }
  if (!done) call.end();
}

export function createGrpcClient<Methods>(
  context: ContextName,
  address: string,
  options: GrpcClientOptions,
): GrpcClient<Methods> {
  const serviceName = grpcServiceNames[context];
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {
    ...serviceDefinition(context),
  };
  if (options.plainResponses) {
    for (const [method, codec] of directResponseCodecs(context)) {
      if (definition[method])
        definition[method] = { ...definition[method]!, responseDeserialize: codec.decode };
    }
  }
  const Client = grpc.makeGenericClientConstructor(definition, serviceName);
  const maxBytes = options.maxMessageBytes ?? 16 * 1024 * 1024;
  const client = new Client(address, grpc.credentials.createInsecure(), {
    "grpc.max_receive_message_length": maxBytes,
    "grpc.max_send_message_length": maxBytes,
    // HTTP/2's default window (64 KiB for the connection and each stream)
    // let a 40 KB page of SIMs through only after WINDOW_UPDATEs from here:
    // a list waited on them and cost both ends far more CPU per page
    // (docs/performance.md, "The flow-control window"). 16 MiB is gRPC-Go's
    // largest window too; it bounds what one connection may have unread.
    "grpc-node.flow_control_window": FLOW_CONTROL_WINDOW_BYTES,
    "grpc.keepalive_time_ms": 30_000,
    "grpc.keepalive_timeout_ms": 10_000,
    // Reconnect quickly after a restart of the server instead of backing off for minutes.
    "grpc.initial_reconnect_backoff_ms": 100,
    "grpc.max_reconnect_backoff_ms": 2_000,
    // Behind a headless Service (Kubernetes) the name resolves to every
    // replica; spread calls over all of them instead of sticking to one.
    "grpc.service_config": JSON.stringify({ loadBalancingConfig: [{ round_robin: {} }] }),
  });
  // An open breaker lets a probe through every 2 s: a restarted service is
  // used again within a few seconds (tests/faults: within 5 s of its restart).
  const resetTimeoutMs = options.breaker?.resetTimeoutMs ?? 2_000;
  const rollingCountMs = options.breaker?.rollingCountTimeoutMs ?? 10_000;
  const breakers: CircuitBreaker[] = [];
  const api: Record<string, unknown> = {
    close: () => {
      client.close();
      // Off the shared bucket timer (bucketRotator): a closed client's breakers are not kept alive.
      for (const breaker of breakers) breaker.shutdown();
    },
  };

  for (const method of Object.keys(definition)) {
    const methodDefinition = definition[method]!;
    const clientStreaming = methodDefinition.requestStream && !methodDefinition.responseStream;
    if (methodDefinition.responseStream) continue; // server streaming is not offered by any contract
    const labels = {
      grpc_type: clientStreaming ? "client_stream" : "unary",
      grpc_service: serviceName,
      grpc_method: method,
    };
    const downstream = `${context}.${method}`;
    const spanAttributes = {
      "rpc.system": "grpc",
      "rpc.service": serviceName,
      "rpc.method": method,
      "server.address": address,
    };
    const invoke = (client as unknown as Record<string, UnaryMethod>)[method]!.bind(client);
    const invokeStream = (client as unknown as Record<string, ClientStreamMethod>)[method]!.bind(client);

    const rawCall = (request: unknown, callOptions: CallOptions = {}) =>
      new Promise<unknown>((resolve, reject) => {
        const requestContext = currentContext();
        const metadata = new grpc.Metadata();
        for (const [name, value] of Object.entries(options.metadata ?? {})) metadata.set(name, value);
        const token = callOptions.token ?? requestContext?.token;
        if (token) metadata.set("authorization", `Bearer ${token}`);
        if (requestContext?.requestId) metadata.set("x-request-id", requestContext.requestId);
        // A client span when tracing is on (its parent: the active span), else a new span id of the request's trace.
        const span = startSpan(`${serviceName}/${method}`, SpanKind.CLIENT, { attributes: spanAttributes });
        metadata.set("traceparent", span?.traceparent ?? childTraceparent(requestContext?.traceparent));
        const own = Date.now() + (callOptions.deadlineMs ?? options.deadlineMs);
        const deadline = Math.min(own, requestContext?.deadline ?? Number.POSITIVE_INFINITY);
        options.metrics.grpcClientStarted.inc(labels);
        const stopTimer = options.metrics.grpcClientHandling.startTimer(labels);
        let markEnded = () => {};
        const ended = new Promise<void>((resolve) => {
          markEnded = resolve;
        });
        const onResult = (error: grpc.ServiceError | null, response: unknown) => {
          markEnded();
          stopTimer();
          endSpan(span, error ? `${grpc.status[error.code]}: ${error.details}` : undefined, {
            "rpc.grpc.status_code": error ? error.code : grpc.status.OK,
          });
          options.metrics.grpcClientHandled.inc({
            ...labels,
            grpc_code: grpc.status[error ? error.code : grpc.status.OK],
          });
          if (error) reject(error);
          else resolve(response);
        };
        if (!clientStreaming) {
          invoke(request, metadata, { deadline }, onResult);
          return;
        }
        const call = invokeStream(metadata, { deadline }, onResult);
        writeAll(call, request as AsyncIterable<unknown> | Iterable<unknown>, ended).catch((error) => {
          // The source failed (e.g. the upload was cut off): the server must
          // not take what it got so far for the whole stream. The caller's
          // failure says nothing about the server's health.
          if (error && typeof error === "object") sourceFailures.add(error);
          reject(error);
          call.cancel();
        });
      });

    const breaker = new CircuitBreaker(rawCall, {
      name: downstream,
      timeout: false, // the gRPC deadline bounds every call
      resetTimeout: resetTimeoutMs,
      volumeThreshold: options.breaker?.volumeThreshold ?? 10,
      errorThresholdPercentage: options.breaker?.errorThresholdPercentage ?? 50,
      rollingCountTimeout: rollingCountMs,
      rollingCountBuckets: ROLLING_BUCKETS,
      rotateBucketController: bucketRotator(Math.floor(rollingCountMs / ROLLING_BUCKETS)),
      // Nothing reads the breakers' latency percentiles or listens to their
      // snapshots, and both are computed every second for every method's
      // breaker (sorting the window's latencies): most of what an idle
      // process did, and a share of every busy one.
      rollingPercentilesEnabled: false,
      enableSnapshots: false,
      // A service that answers "a dependency of mine is unavailable" is up: only its dependency's breaker opens.
      errorFilter: (error: unknown) =>
        isBusinessError(error) ||
        (isServiceError(error) && error.metadata?.get("simhub-error-code")[0] === "SERVICE_UNAVAILABLE") ||
        (typeof error === "object" && error !== null && sourceFailures.has(error)),
    });
    breakers.push(breaker);
    options.metrics.breakerState.set({ downstream }, breakerStateValue.closed);
    const onState = (state: keyof typeof breakerStateValue) => () => {
      options.metrics.breakerState.set({ downstream }, breakerStateValue[state]);
      options.metrics.breakerTransitions.inc({ downstream, to: state });
      options.logger.warn({ downstream, state }, "circuit breaker state changed");
    };
    breaker.on("open", onState("open"));
    breaker.on("halfOpen", onState("halfOpen"));
    breaker.on("close", onState("closed"));

    api[method] = async (request: unknown, callOptions?: CallOptions) => {
      try {
        return await breaker.fire(request, callOptions);
      } catch (error) {
        if (isServiceError(error)) throw fromGrpcError(error);
        if (breaker.opened || (error as { code?: string }).code === "EOPENBREAKER") {
          throw new AppError("unavailable", "SERVICE_UNAVAILABLE", `${context} service is unavailable`, {
            retryAfterSeconds: Math.ceil(resetTimeoutMs / 1000),
            cause: error,
          });
        }
        throw error;
      }
    };
  }
  return api as GrpcClient<Methods>;
}
