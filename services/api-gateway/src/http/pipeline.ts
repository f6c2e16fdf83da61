// The steps every route goes through, in the order a reader expects:
//
//   rate limit (client address) → authentication (token, caller's limit)
//   → validation (body read within its deadline, then schemas)
//   → idempotency → handler
//
// Nothing reads a body before the sender has passed the rate limit and,
// where the route needs one, shown a valid token. A route with
// `errorFormat: "oauth"` ends with its own error handler (oauth-errors.ts);
// every other route's errors become problem documents in app.ts.
import type { Logger, TokenVerifier } from "@simhub/platform";
import type { ErrorRequestHandler, RequestHandler } from "express";
import type { GatewayClients } from "../clients.ts";
import type { ComposedNames } from "../composition/names.ts";
import type { GatewayConfig } from "../config.ts";
import { authenticate } from "./authentication.ts";
import { readBody } from "./body.ts";
import { handleRoute, sendResult } from "./handler.ts";
import { type IdempotencyStore, idempotency } from "./idempotency.ts";
import { pipelineState } from "./locals.ts";
import { oauthErrorHandler, sendOAuthError } from "./oauth-errors.ts";
import { limitByClientAddress, type RateLimitStore } from "./rate-limit.ts";
import type { RouteSpec } from "./route.ts";
import { bodyDeadline } from "./timeouts.ts";
import { validateInput } from "./validation.ts";

export interface PipelineDependencies {
  config: GatewayConfig;
  logger: Logger;
  clients: GatewayClients;
  names: ComposedNames;
  verifyToken: TokenVerifier;
  idempotency: IdempotencyStore;
  rateLimits: RateLimitStore;
  jsonParser: RequestHandler;
}

export function routePipeline(
  route: RouteSpec,
  deps: PipelineDependencies,
): (RequestHandler | ErrorRequestHandler)[] {
  const { config } = deps;
  const windowMs = config.RATE_LIMIT_WINDOW_MS;
  const hasBody = route.bodyType === "stream" || route.body !== undefined;
  const recordRoute: RequestHandler = (_req, res, next) => {
    pipelineState(res).routeTemplate = route.path;
    next();
  };
  return [
    recordRoute,
    limitByClientAddress(deps.rateLimits, { limit: config.RATE_LIMIT_PER_ADDRESS, windowMs }),
    authenticate(route, {
      verifyToken: deps.verifyToken,
      rateLimits: deps.rateLimits,
      perCaller: { limit: config.RATE_LIMIT_PER_CALLER, windowMs },
    }),
    // A streamed upload's own guard (http/upload.ts) enforces its size and
    // minimum transfer rate, failing the import it feeds; JSON bodies have a deadline.
    ...(route.bodyType !== "stream" && hasBody
      ? [
          bodyDeadline(
            config.BODY_TIMEOUT_MS,
            route.errorFormat === "oauth"
              ? (res, detail) =>
                  sendOAuthError(res, { status: 408, error: "invalid_request", description: detail })
              : undefined,
          ),
        ]
      : []),
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
    ...(route.errorFormat === "oauth" ? [oauthErrorHandler(deps.logger)] : []),
  ];
}
