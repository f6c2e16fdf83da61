// The steps every route goes through, in the order a reader expects:
//
//   rate limit (client address) → authentication (token, caller's limit)
//   → validation (body read within its deadline, then schemas)
//   → idempotency → handler
//
// Nothing reads a body before the sender has passed the rate limit and,
// where the route needs one, shown a valid token.
import type { TokenVerifier } from "@simhub/platform";
import type { RequestHandler } from "express";
import type { GatewayClients } from "../clients.ts";
import type { ComposedNames } from "../composition/names.ts";
import type { GatewayConfig } from "../config.ts";
import { authenticate } from "./authentication.ts";
import { readBody } from "./body.ts";
import { handleRoute, sendResult } from "./handler.ts";
import { type IdempotencyStore, idempotency } from "./idempotency.ts";
import { pipelineState } from "./locals.ts";
import { limitByClientAddress, type RateLimitStore } from "./rate-limit.ts";
import type { RouteSpec } from "./route.ts";
import { bodyDeadline } from "./timeouts.ts";
import { validateInput } from "./validation.ts";

export interface PipelineDependencies {
  config: GatewayConfig;
  clients: GatewayClients;
  names: ComposedNames;
  verifyToken: TokenVerifier;
  idempotency: IdempotencyStore;
  rateLimits: RateLimitStore;
  jsonParser: RequestHandler;
}

export function routePipeline(route: RouteSpec, deps: PipelineDependencies): RequestHandler[] {
  const { config } = deps;
  const windowMs = config.RATE_LIMIT_WINDOW_MS;
  const hasBody = route.bodyType === "stream" || route.body !== undefined;
  return [
    (_req, res, next) => {
      pipelineState(res).routeTemplate = route.path;
      next();
    },
    limitByClientAddress(deps.rateLimits, { limit: config.RATE_LIMIT_PER_ADDRESS, windowMs }),
    authenticate(route, {
      verifyToken: deps.verifyToken,
      rateLimits: deps.rateLimits,
      perCaller: { limit: config.RATE_LIMIT_PER_CALLER, windowMs },
    }),
    // A streamed upload's own guard (http/upload.ts) enforces its size and
    // minimum transfer rate, failing the import it feeds; JSON bodies have a deadline.
    ...(route.bodyType !== "stream" && hasBody ? [bodyDeadline(config.BODY_TIMEOUT_MS)] : []),
    ...readBody(route, deps.jsonParser),
    validateInput(route),
    idempotency(
      route,
      {
        store: deps.idempotency,
        ...(config.GATEWAY_SERVICE_KEY ? { fingerprintKey: config.GATEWAY_SERVICE_KEY } : {}),
      },
      sendResult,
    ),
    handleRoute(route, {
      clients: deps.clients,
      names: deps.names,
      requestTimeoutMs: config.REQUEST_TIMEOUT_MS,
    }),
  ];
}
