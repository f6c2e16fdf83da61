// The gateway's Express application: request id, security headers, CORS,
// the ops endpoints, one pipeline per declared route (http/pipeline.ts: rate
// limit → authentication → validation → idempotency → handler), HTTP RED
// metrics and problem documents. Routes themselves live in routes/.
import { randomUUID } from "node:crypto";
import {
  AppError,
  endSpan,
  evaluateReadiness,
  type Logger,
  type PlatformMetrics,
  type ReadinessCheck,
  runInSpan,
  SpanKind,
  startSpan,
  type TokenVerifier,
} from "@simhub/platform";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { Counter, Histogram } from "prom-client";
import type { GatewayClients } from "./clients.ts";
import type { ComposedNames } from "./composition/names.ts";
import type { GatewayConfig } from "./config.ts";
import { jsonBodyParser } from "./http/body.ts";
import { resolveClientAddress, trustProxies } from "./http/client-address.ts";
import type { IdempotencyStore } from "./http/idempotency.ts";
import { pipelineState } from "./http/locals.ts";
import { routePipeline } from "./http/pipeline.ts";
import { HttpProblem, problem, problemFromError, sendProblem } from "./http/problem.ts";
import type { RateLimitStore } from "./http/rate-limit.ts";
import type { RouteSpec } from "./http/route.ts";

export interface GatewayDependencies {
  config: GatewayConfig;
  logger: Logger;
  metrics: PlatformMetrics;
  clients: GatewayClients;
  names: ComposedNames;
  verifyToken: TokenVerifier;
  routes: RouteSpec[];
  idempotency: IdempotencyStore;
  rateLimits: RateLimitStore;
  readiness: ReadinessCheck[];
  /** Extra non-API routes (OpenAPI document, docs page). */
  extra?: (app: express.Express) => void;
}

const requestIdPattern = /^[\w.:-]{1,128}$/;

export function createGatewayApp(deps: GatewayDependencies) {
  const { config, logger, metrics } = deps;
  const app = express();
  app.disable("x-powered-by");
  // No ETag: API.md has no conditional requests, and hashing every response body costs CPU on every request.
  app.set("etag", false);
  trustProxies(app, config.TRUSTED_PROXIES);
  app.set("query parser", "simple");

  const httpRequests = new Counter({
    name: "http_requests_total",
    help: "HTTP requests by method, route template and status class.",
    labelNames: ["method", "route", "status_class"],
    registers: [metrics.registry],
  });
  const httpDuration = new Histogram({
    name: "http_request_duration_seconds",
    help: "HTTP request latency by method, route template and status class.",
    labelNames: ["method", "route", "status_class"],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [metrics.registry],
  });

  // Request id first, so every response (errors included) carries one.
  app.use((req: Request, res: Response, next: NextFunction) => {
    const incoming = req.header("x-request-id");
    const requestId = incoming && requestIdPattern.test(incoming) ? incoming : randomUUID();
    pipelineState(res).requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    // The trace's root (or a child of the caller's traceparent); named by the
    // route template once a route matched. Undefined when tracing is off.
    const span = startSpan(req.method, SpanKind.SERVER, {
      parent: req.header("traceparent"),
      attributes: { "http.request.method": req.method, "url.path": req.path },
    });
    if (span) pipelineState(res).span = span;
    let spanEnded = false;
    const ended = () => {
      const route = (res.locals.routeTemplate as string | undefined) ?? "unmatched";
      if (span && !spanEnded) {
        spanEnded = true;
        span.span.updateName(`${req.method} ${route}`);
        endSpan(span, res.statusCode >= 500 ? `HTTP ${res.statusCode}` : undefined, {
          "http.route": route,
          "http.response.status_code": res.statusCode,
          "simhub.request_id": requestId,
        });
      }
      return route;
    };
    res.on("finish", () => {
      const route = ended();
      const labels = { method: req.method, route, status_class: `${Math.floor(res.statusCode / 100)}xx` };
      httpRequests.inc(labels);
      httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    if (span) {
      // A request the client gave up on ends its span too.
      res.on("close", ended);
      runInSpan(span, next);
    } else next();
  });
  app.use(resolveClientAddress);
  app.use(helmet());
  if (config.CORS_ORIGINS) {
    const allowed = new Set(config.CORS_ORIGINS.split(",").map((origin) => origin.trim()));
    app.use((req, res, next) => {
      const origin = req.header("origin");
      if (origin && (allowed.has(origin) || allowed.has("*"))) {
        res.setHeader("Access-Control-Allow-Origin", origin);
        res.setHeader("Vary", "Origin");
        res.setHeader(
          "Access-Control-Allow-Headers",
          "authorization, content-type, idempotency-key, x-request-id",
        );
        res.setHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, PUT, DELETE");
        res.setHeader("Access-Control-Expose-Headers", "x-request-id, retry-after");
      }
      if (req.method === "OPTIONS") res.status(204).end();
      else next();
    });
  }

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok" });
  });
  app.get("/readyz", async (_req, res) => {
    const { ready, degraded, checks } = await evaluateReadiness(deps.readiness);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? (degraded ? "degraded" : "ready") : "not_ready", checks });
  });
  app.get("/metrics", async (_req, res) => {
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  deps.extra?.(app);

  const pipelineDeps = {
    config,
    logger,
    clients: deps.clients,
    names: deps.names,
    verifyToken: deps.verifyToken,
    idempotency: deps.idempotency,
    rateLimits: deps.rateLimits,
    jsonParser: jsonBodyParser(config.BODY_LIMIT_BYTES),
  };
  for (const route of deps.routes) app[route.method](route.path, ...routePipeline(route, pipelineDeps));

  app.use((_req: Request, res: Response) => {
    sendProblem(res, problem(404, "ROUTE_NOT_FOUND", "no such route"));
  });
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    if (res.headersSent) {
      res.end();
      return;
    }
    const bodyError = error as { type?: string; status?: number };
    if (bodyError?.type === "entity.too.large") {
      sendProblem(res, problem(413, "BODY_TOO_LARGE", `the body exceeds ${config.BODY_LIMIT_BYTES} bytes`));
      return;
    }
    if (error instanceof URIError) {
      sendProblem(res, problem(400, "MALFORMED_PATH", "the path is not valid percent-encoded UTF-8"));
      return;
    }
    if (bodyError?.type === "encoding.invalid" || bodyError?.type === "entity.verify.failed") {
      sendProblem(res, problem(400, "INVALID_UTF8", "the body is not valid UTF-8"));
      return;
    }
    if (bodyError?.type === "entity.parse.failed") {
      sendProblem(res, problem(400, "MALFORMED_JSON", "the body is not valid JSON"));
      return;
    }
    if (bodyError?.type && bodyError.status && bodyError.status < 500) {
      sendProblem(res, problem(bodyError.status, "MALFORMED_BODY", "the body could not be read"));
      return;
    }
    if (error instanceof HttpProblem) {
      sendProblem(res, problem(error.status, error.code, error.message));
      return;
    }
    const { document, retryAfter } = problemFromError(error);
    if (document.status >= 500) {
      const cause = error instanceof AppError ? error.cause : error;
      logger.error({ err: cause, code: document.code }, "request failed");
    }
    sendProblem(res, document, retryAfter);
  });
  return app;
}
