// The second step of a route: the bearer token is verified (and the caller's
// own rate limit counted) before the body is read, so an unauthenticated
// sender never gets to stream a body into the gateway.
import { bearerToken, type TokenVerifier, unauthenticated } from "@simhub/platform";
import type { NextFunction, Request, Response } from "express";
import { pipelineState } from "./locals.ts";
import { enforceRateLimit, type RateLimit, type RateLimitStore } from "./rate-limit.ts";
import type { RouteSpec } from "./route.ts";

export function authenticate(
  route: RouteSpec,
  deps: { verifyToken: TokenVerifier; rateLimits: RateLimitStore; perCaller: RateLimit },
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const state = pipelineState(res);
    const token = bearerToken(req.header("authorization"));
    if (token) state.token = token;
    if (route.auth !== false) {
      if (!token) throw unauthenticated("missing bearer token", "MISSING_TOKEN");
      const principal = await deps.verifyToken(token);
      state.principal = principal;
      await enforceRateLimit(deps.rateLimits, `caller:${principal.userId}`, deps.perCaller);
    }
    next();
  };
}
