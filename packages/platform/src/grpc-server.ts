// The gRPC server kit: a service registers plain async functions
// (request → response, or a stream of requests → response for
// client-streaming methods); the kit verifies the caller's token, runs the
// handler inside the request context (request id, principal, deadline,
// trace context), maps errors to statuses once, records go-grpc-prometheus
// metrics, and serves grpc.health.v1 and server reflection.
import { randomUUID } from "node:crypto";
import * as grpc from "@grpc/grpc-js";
import type { PackageDefinition } from "@grpc/proto-loader";
import { ReflectionService } from "@grpc/reflection";
import {
  type ContextName,
  directResponseCodecs,
  grpcServiceNames,
  loadPackageDefinition,
  serviceDefinition,
} from "@simhub/contracts";
import { HealthImplementation } from "grpc-health-check";
import { bearerToken, type Principal, type TokenVerifier } from "./auth.ts";
import { type RequestContext, runWithContext } from "./context.ts";
import { AppError, unauthenticated } from "./errors.ts";
import { toGrpcError } from "./grpc-errors.ts";
import type { Logger } from "./logger.ts";
import type { PlatformMetrics } from "./metrics.ts";
import { endSpan, runInSpan, SpanKind, startSpan } from "./tracing.ts";

export interface MethodTypes {
  requestOut: unknown;
  response: unknown;
}

export interface CallContext {
  requestId: string;
  /** Set for every method except those registered as public. */
  principal: Principal;
  metadata: grpc.Metadata;
  /** The TCP peer of the call (host of `host:port`, IPv6 without brackets). */
  peerAddress: string;
}

type UnaryFunction = (request: unknown, call: CallContext) => Promise<unknown>;
type ClientStreamFunction = (requests: ClientStream<unknown>, call: CallContext) => Promise<unknown>;

/**
 * The messages of a client-streaming call, in order. Iterating applies
 * back-pressure to the sender; a call known to be cancelled (or past its
 * deadline) ends the iteration with an error and sets `cancelled`. The
 * transport cannot always tell: an HTTP/2 reset may first look like a normal
 * end of the stream. A protocol that must never take a cut-off stream for a
 * complete one marks its last message itself (see ImportSimsChunk.last).
 */
export interface ClientStream<T> extends AsyncIterable<T> {
  readonly cancelled: boolean;
}

export type ServiceImplementation<Methods> = {
  [K in keyof Methods]: Methods[K] extends MethodTypes & { requestStream: true }
    ? (requests: ClientStream<Methods[K]["requestOut"]>, call: CallContext) => Promise<Methods[K]["response"]>
    : Methods[K] extends MethodTypes
      ? (request: Methods[K]["requestOut"], call: CallContext) => Promise<Methods[K]["response"]>
      : never;
};

export interface GrpcServerOptions {
  logger: Logger;
  metrics: PlatformMetrics;
  verifyToken: TokenVerifier;
  maxMessageBytes?: number;
}

const anonymous: Principal = { userId: "anonymous", role: "end_user" };

export function createGrpcServer(options: GrpcServerOptions) {
  const maxBytes = options.maxMessageBytes ?? 16 * 1024 * 1024;
  const server = new grpc.Server({
    "grpc.max_receive_message_length": maxBytes,
    "grpc.max_send_message_length": maxBytes,
    "grpc.keepalive_permit_without_calls": 1,
  });
  const health = new HealthImplementation({ "": "NOT_SERVING" });
  health.addToServer(server);
  const serviceNames: string[] = [];
  const reflected: PackageDefinition[] = [];

  function addService<Methods>(
    context: ContextName,
    implementation: ServiceImplementation<Methods>,
    settings: { publicMethods?: (keyof Methods)[] } = {},
  ) {
    const serviceName = grpcServiceNames[context];
    const definition = serviceDefinition(context);
    const publicMethods = new Set<string>((settings.publicMethods ?? []) as string[]);
    const handlers: grpc.UntypedServiceImplementation = {};
    for (const [method, fn] of Object.entries(implementation) as [string, unknown][]) {
      const methodDefinition = definition[method];
      if (!methodDefinition) throw new Error(`${serviceName} has no method ${method}`);
      const requiresAuth = !publicMethods.has(method);
      if (methodDefinition.requestStream && !methodDefinition.responseStream) {
        handlers[method] = wrapClientStream(serviceName, method, fn as ClientStreamFunction, requiresAuth);
      } else if (!methodDefinition.requestStream && !methodDefinition.responseStream) {
        handlers[method] = wrapUnary(serviceName, method, fn as UnaryFunction, requiresAuth);
      } else {
        throw new Error(`${serviceName}/${method}: only unary and client-streaming methods are supported`);
      }
    }
    // Responses of plain scalar messages are encoded from the handler's object as it is.
    const direct = directResponseCodecs(context);
    const served: Record<string, grpc.MethodDefinition<unknown, unknown>> = { ...definition };
    for (const [method, codec] of direct) {
      if (served[method]) served[method] = { ...served[method]!, responseSerialize: codec.encode };
    }
    server.addService(served, handlers);
    serviceNames.push(serviceName);
    reflected.push(loadPackageDefinition(context));
    health.setStatus(serviceName, "NOT_SERVING");
  }

  /**
   * What every call gets, whatever its shape: metrics, request id, deadline,
   * trace context and the verified principal in the request context, and
   * errors mapped to a status once.
   */
  function handleCall(
    labels: { grpc_type: string; grpc_service: string; grpc_method: string },
    call: { metadata: grpc.Metadata; getDeadline(): grpc.Deadline; getPeer(): string },
    requiresAuth: boolean,
    invoke: (callContext: CallContext) => Promise<unknown>,
    callback: grpc.sendUnaryData<unknown>,
  ) {
    options.metrics.grpcServerStarted.inc(labels);
    const stopTimer = options.metrics.grpcServerHandling.startTimer(labels);
    const requestId = String(call.metadata.get("x-request-id")[0] ?? "") || randomUUID();
    const token = bearerToken(String(call.metadata.get("authorization")[0] ?? ""));
    const rawDeadline = call.getDeadline();
    const deadline = rawDeadline instanceof Date ? rawDeadline.getTime() : rawDeadline;
    const incoming = call.metadata.get("traceparent")[0];
    const span = startSpan(`${labels.grpc_service}/${labels.grpc_method}`, SpanKind.SERVER, {
      parent: incoming === undefined ? undefined : String(incoming),
      attributes: {
        "rpc.system": "grpc",
        "rpc.service": labels.grpc_service,
        "rpc.method": labels.grpc_method,
      },
    });
    // Events written by the handler carry the server span (or, untraced, the caller's traceparent).
    const traceparent = span?.traceparent ?? (incoming === undefined ? undefined : String(incoming));
    const context: RequestContext = {
      requestId,
      ...(token ? { token } : {}),
      ...(Number.isFinite(deadline) ? { deadline } : {}),
      ...(traceparent ? { traceparent } : {}),
    };
    const finish = (code: grpc.status, message?: string) => {
      stopTimer();
      options.metrics.grpcServerHandled.inc({ ...labels, grpc_code: grpc.status[code] });
      endSpan(span, code === grpc.status.OK ? undefined : `${grpc.status[code]}: ${message ?? ""}`, {
        "rpc.grpc.status_code": code,
      });
    };
    runWithContext(context, () =>
      runInSpan(span, async () => {
        try {
          let principal = anonymous;
          if (requiresAuth) {
            if (!token) throw unauthenticated("missing bearer token", "MISSING_TOKEN");
            principal = await options.verifyToken(token);
            context.principal = principal;
          }
          const response = await invoke({
            requestId,
            principal,
            metadata: call.metadata,
            peerAddress: peerHost(call.getPeer()),
          });
          finish(grpc.status.OK);
          callback(null, response);
        } catch (error) {
          const mapped = toGrpcError(error);
          if (mapped.code === grpc.status.INTERNAL) {
            options.logger.error(
              { err: error, method: `${labels.grpc_service}/${labels.grpc_method}` },
              "unhandled error",
            );
          }
          finish(mapped.code, mapped.details);
          callback({ code: mapped.code, details: mapped.details, metadata: mapped.metadata });
        }
      }),
    );
  }

  function wrapUnary(
    serviceName: string,
    method: string,
    fn: UnaryFunction,
    requiresAuth: boolean,
  ): grpc.handleUnaryCall<unknown, unknown> {
    const labels = { grpc_type: "unary", grpc_service: serviceName, grpc_method: method };
    return (call, callback) =>
      handleCall(labels, call, requiresAuth, (callContext) => fn(call.request, callContext), callback);
  }

  function wrapClientStream(
    serviceName: string,
    method: string,
    fn: ClientStreamFunction,
    requiresAuth: boolean,
  ): grpc.handleClientStreamingCall<unknown, unknown> {
    const labels = { grpc_type: "client_stream", grpc_service: serviceName, grpc_method: method };
    return (call, callback) => {
      const requests: ClientStream<unknown> = {
        get cancelled() {
          return call.cancelled;
        },
        async *[Symbol.asyncIterator]() {
          // A cancelled call destroys the stream without an error, which
          // would otherwise end the iteration as if the upload were complete.
          for await (const message of call) yield message;
          if (call.cancelled) throw new AppError("aborted", "CALL_CANCELLED", "the call was cancelled");
        },
      };
      handleCall(
        labels,
        call,
        requiresAuth,
        async (callContext) => {
          try {
            return await fn(requests, callContext);
          } finally {
            // Whatever the handler left unread is discarded rather than buffered.
            if (!call.destroyed) call.resume();
          }
        },
        callback,
      );
    };
  }

  return {
    addService,
    async start(port: number, host = "0.0.0.0"): Promise<number> {
      const merged = Object.assign({}, ...reflected) as PackageDefinition;
      new ReflectionService(merged).addToServer(server);
      return new Promise((resolve, reject) => {
        server.bindAsync(`${host}:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
          error ? reject(error) : resolve(bound),
        );
      });
    },
    /** Follows readiness: the probes and clients watch grpc.health.v1. */
    setServing(serving: boolean) {
      const status = serving ? "SERVING" : "NOT_SERVING";
      health.setStatus("", status);
      for (const name of serviceNames) health.setStatus(name, status);
    },
    /** Stops accepting calls, lets in-flight ones finish, forces after graceMs. */
    async stop(graceMs: number): Promise<void> {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    },
  };
}

/** "1.2.3.4:5678" → "1.2.3.4"; "[::1]:5678" → "::1"; "ipv4:…" / "ipv6:…" prefixes dropped. */
export function peerHost(peer: string): string {
  const withoutScheme = peer.replace(/^ipv[46]:/, "");
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(withoutScheme);
  if (bracketed) return bracketed[1]!;
  const lastColon = withoutScheme.lastIndexOf(":");
  return lastColon > 0 && withoutScheme.indexOf(":") === lastColon
    ? withoutScheme.slice(0, lastColon)
    : withoutScheme;
}

export type GrpcServer = ReturnType<typeof createGrpcServer>;
