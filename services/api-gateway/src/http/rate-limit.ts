// Fixed-window rate limits per source address and per caller (OWASP API4),
// the first step of every route: the address limit runs before anything
// else, before a body is read.
//
// One replica counts in memory; several share counters in a NATS KV bucket
// (RATE_LIMIT_STORE=nats, what the production manifests set), updated with
// compare-and-set so no increment is lost between replicas. While the bucket
// cannot be reached (NATS down, or every compare-and-set lost) the shared
// store fails open to this replica's own counters: limits stay on, only
// looser by the number of replicas, and `http_rate_limit_store_fallbacks_total`
// counts each such hit (alert in deploy/prometheus).
import { createHash } from "node:crypto";
import { AppError } from "@simhub/platform";
import type { NextFunction, Request, Response } from "express";
import type { KV, NatsConnection } from "nats";
import type { Counter } from "prom-client";
import { pipelineState } from "./locals.ts";

export interface RateLimitStore {
  /** Counts one hit in the current window and returns the count so far. */
  hit(key: string, windowMs: number): Promise<{ count: number; resetInMs: number }>;
}

export function memoryRateLimitStore(): RateLimitStore {
  const windows = new Map<string, { windowStart: number; count: number }>();
  let lastSweep = Date.now();
  return {
    async hit(key, windowMs) {
      const now = Date.now();
      const windowStart = now - (now % windowMs);
      if (now - lastSweep > windowMs) {
        for (const [k, v] of windows) if (v.windowStart < windowStart) windows.delete(k);
        lastSweep = now;
      }
      const current = windows.get(key);
      if (!current || current.windowStart !== windowStart) {
        windows.set(key, { windowStart, count: 1 });
        return { count: 1, resetInMs: windowStart + windowMs - now };
      }
      current.count++;
      return { count: current.count, resetInMs: windowStart + windowMs - now };
    },
  };
}

class SharedStoreUnavailable extends Error {}

export async function natsRateLimitStore(
  nc: NatsConnection,
  namespace: string,
  windowMs: number,
  fallback: { local: RateLimitStore; fallbacks: Counter; connected: () => boolean },
  replicas = 1,
): Promise<RateLimitStore> {
  const bucket = namespace ? `${namespace}_simhub_ratelimit` : "simhub_ratelimit";
  // A short timeout: a limit check must never hold a request for seconds while NATS is away.
  const kv: KV = await nc
    .jetstream({ timeout: 500 })
    .views.kv(bucket, { ttl: windowMs * 2, history: 1, replicas });
  const shared = async (key: string, window: number) => {
    const now = Date.now();
    const windowStart = now - (now % window);
    const storeKey = createHash("sha256").update(`${key}\n${windowStart}`).digest("hex");
    for (let attempt = 0; attempt < 10; attempt++) {
      const entry = await kv.get(storeKey);
      const count =
        entry && entry.operation === "PUT" ? Number(new TextDecoder().decode(entry.value)) + 1 : 1;
      try {
        if (!entry) await kv.create(storeKey, new TextEncoder().encode(String(count)));
        else await kv.update(storeKey, new TextEncoder().encode(String(count)), entry.revision);
        return { count, resetInMs: windowStart + window - now };
      } catch {
        // lost the race with another replica: read again
      }
    }
    throw new SharedStoreUnavailable("every compare-and-set lost");
  };
  return {
    async hit(key, window) {
      if (fallback.connected()) {
        try {
          return await shared(key, window);
        } catch {
          // fall through to the local counters
        }
      }
      fallback.fallbacks.inc();
      return fallback.local.hit(key, window);
    },
  };
}

export interface RateLimit {
  limit: number;
  windowMs: number;
}

export async function enforceRateLimit(store: RateLimitStore, key: string, rule: RateLimit) {
  if (rule.limit <= 0) return;
  const { count, resetInMs } = await store.hit(key, rule.windowMs);
  if (count > rule.limit) {
    throw new AppError("rate_limited", "RATE_LIMITED", "too many requests; slow down", {
      retryAfterSeconds: Math.max(1, Math.ceil(resetInMs / 1000)),
    });
  }
}

/** The first step of a route: requests per window from one client address. */
export function limitByClientAddress(store: RateLimitStore, rule: RateLimit) {
  return async (_req: Request, res: Response, next: NextFunction) => {
    await enforceRateLimit(store, `address:${pipelineState(res).clientAddress}`, rule);
    next();
  };
}
