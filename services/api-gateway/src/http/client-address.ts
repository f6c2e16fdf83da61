// The client's address behind proxies. X-Forwarded-For is believed only
// across hops listed in TRUSTED_PROXIES (CIDR ranges, default none): walking
// the header from the right, the first address that is not a trusted proxy
// is the client. With no trusted proxies the TCP peer is the client and the
// header is ignored, so nobody can choose their own address by sending it.
// Express implements exactly this rule (`trust proxy` with a list, via
// proxy-addr); this module is the one place that configures and reads it.
// The address travels to identity-service as `sourceAddress`, so the
// gateway's limits and identity's brute-force counters key on the same one.
import type { Express, NextFunction, Request, Response } from "express";
import { pipelineState } from "./locals.ts";

export function trustProxies(app: Express, trustedProxies: string[]) {
  app.set("trust proxy", trustedProxies.length > 0 ? trustedProxies : false);
}

/** Normalizes IPv4-mapped IPv6 (`::ffff:10.1.2.3`) so one client has one key. */
function clientAddressOf(req: Request): string {
  const address = req.ip ?? req.socket.remoteAddress ?? "";
  return address.startsWith("::ffff:") && address.includes(".") ? address.slice(7) : address;
}

export function resolveClientAddress(req: Request, res: Response, next: NextFunction) {
  pipelineState(res).clientAddress = clientAddressOf(req);
  next();
}
