// The gateway's Express application: request id, security headers, body
// limits, authentication, validation from the route declarations, HTTP RED
// metrics and problem documents. Routes themselves live in routes/.
import { randomUUID } from "node:crypto";
import {
  AppError,
  bearerToken,
  childTraceparent,
  evaluateReadiness,
  invalid,
  type Logger,
  type PlatformMetrics,
  type ReadinessCheck,
  type RequestContext,
  runWithContext,
  type TokenVerifier,
  unauthenticated,
} from "@simhub/platform";
import express, { type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { Counter, Histogram } from "prom-client";
import type { GatewayClients } from "./clients.ts";
import type { ComposedNames } from "./composition/names.ts";
import type { GatewayConfig } from "./config.ts";
import {
  fingerprintOf,
  type IdempotencyStore,
  idempotencyKeyPattern,
  type StoredResponse,
} from "./http/idempotency.ts";
import { HttpProblem, problem, problemFromError, sendProblem } from "./http/problem.ts";
import { enforceRateLimit, type RateLimitStore } from "./http/rate-limit.ts";
import type { RouteSpec } from "./http/route.ts";
import { jsonDepth, maxJsonDepth, parseOrThrow } from "./http/validation.ts";

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
  app.set("trust proxy", false);
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
    res.locals.requestId = requestId;
    res.setHeader("X-Request-Id", requestId);
    const started = process.hrtime.bigint();
    res.on("finish", () => {
      const route = (res.locals.routeTemplate as string | undefined) ?? "unmatched";
      const labels = { method: req.method, route, status_class: `${Math.floor(res.statusCode / 100)}xx` };
      httpRequests.inc(labels);
      httpDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
    });
    next();
  });
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

  const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
  const jsonParser = express.json({
    limit: config.BODY_LIMIT_BYTES,
    strict: true,
    type: () => true,
    // JSON text must be UTF-8 (RFC 8259): refuse invalid bytes instead of storing U+FFFD.
    verify: (_req, _res, buffer) => {
      try {
        strictUtf8.decode(buffer);
      } catch {
        throw Object.assign(new Error("the body is not valid UTF-8"), {
          status: 400,
          type: "encoding.invalid",
        });
      }
    },
  });

  for (const route of deps.routes) {
    const handlers: express.RequestHandler[] = [];
    handlers.push((_req, res, next) => {
      res.locals.routeTemplate = route.path;
      next();
    });
    if (route.bodyType === "stream") {
      handlers.push((req, _res, next) => {
        const type = (req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
        if (!(route.streamContentTypes ?? []).includes(type)) {
          next(unsupportedMediaType(route.streamContentTypes ?? []));
        } else next();
      });
    } else if (route.body) {
      handlers.push((req, _res, next) => {
        const type = (req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
        const hasBody = Number(req.header("content-length") ?? 0) > 0 || req.header("transfer-encoding");
        if (hasBody && type !== "application/json") next(unsupportedMediaType(["application/json"]));
        else next();
      }, jsonParser);
    }
    handlers.push(async (req, res) => {
      const token = bearerToken(req.header("authorization"));
      const context: RequestContext = {
        requestId: res.locals.requestId as string,
        deadline: Date.now() + config.REQUEST_TIMEOUT_MS,
        ...(token ? { token } : {}),
        traceparent: childTraceparent(req.header("traceparent")),
      };
      await runWithContext(context, async () => {
        const address = req.socket.remoteAddress ?? "unknown";
        const window = config.RATE_LIMIT_WINDOW_MS;
        await enforceRateLimit(deps.rateLimits, `address:${address}`, {
          limit: config.RATE_LIMIT_PER_ADDRESS,
          windowMs: window,
        });
        let principal = undefined as unknown as RequestContext["principal"];
        if (route.auth !== false) {
          if (!token) throw unauthenticated("missing bearer token", "MISSING_TOKEN");
          principal = await deps.verifyToken(token);
          context.principal = principal;
          await enforceRateLimit(deps.rateLimits, `caller:${principal!.userId}`, {
            limit: config.RATE_LIMIT_PER_CALLER,
            windowMs: window,
          });
        }
        const params = route.params ? parseOrThrow(route.params, req.params, "path") : undefined;
        const query = route.query ? parseOrThrow(route.query, req.query ?? {}, "query") : undefined;
        let body: unknown;
        if (route.body && route.bodyType !== "stream") {
          if (req.body === undefined)
            throw invalid("a JSON body is required", [{ path: "body", message: "required" }]);
          if (jsonDepth(req.body) > maxJsonDepth) {
            throw invalid(`JSON nested deeper than ${maxJsonDepth} levels`, [
              { path: "body", message: "too deep" },
            ]);
          }
          body = parseOrThrow(route.body, req.body, "body");
        }
        const run = () =>
          route.handler({
            params,
            query,
            body,
            principal: principal!,
            token,
            requestId: context.requestId,
            clients: deps.clients,
            names: deps.names,
            req,
          });
        const idempotencyKey = req.header("idempotency-key");
        if (route.method !== "post" || idempotencyKey === undefined || route.bodyType === "stream") {
          sendResult(res, await run());
          return;
        }
        if (!idempotencyKeyPattern.test(idempotencyKey)) {
          throw invalid(
            "Idempotency-Key must be 1 to 255 visible ASCII characters",
            [{ path: "header.Idempotency-Key", message: "invalid" }],
            "INVALID_IDEMPOTENCY_KEY",
          );
        }
        const scope = principal ? `user:${principal.userId}` : `address:${address}`;
        const begun = await deps.idempotency.begin(
          scope,
          idempotencyKey,
          fingerprintOf(req.method, req.path, req.body),
        );
        if (begun.kind === "replay") {
          res.setHeader("Idempotency-Replayed", "true");
          sendResult(res, begun.response);
          return;
        }
        let result: StoredResponse;
        try {
          const outcome = await run();
          result = { status: outcome.status, body: outcome.body, headers: outcome.headers ?? {} };
        } catch (error) {
          const { document } = problemFromError(error);
          // Outcomes a retry could change (outages, rate limits) are not remembered.
          if (document.status >= 500 || document.status === 429) await begun.release();
          else await begun.commit({ status: document.status, body: document, headers: {} });
          throw error;
        }
        await begun.commit(result);
        sendResult(res, result);
      });
    });
    app[route.method](route.path, ...handlers);
  }

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

function sendResult(
  res: Response,
  result: { status: number; body?: unknown; headers?: Record<string, string> },
) {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.body === undefined) {
    res.status(result.status).end();
  } else if (result.status >= 400 && (result.body as { code?: string })?.code) {
    res.status(result.status).type("application/problem+json").send(JSON.stringify(result.body));
  } else {
    res.status(result.status).json(result.body);
  }
}

function unsupportedMediaType(accepted: string[]) {
  return new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", `send ${accepted.join(" or ")}`);
}
