// Fixed-window rate limits per caller and per source address (OWASP API4).
// One replica counts in memory; several share counters in a NATS KV bucket
// (RATE_LIMIT_STORE=nats), updated with compare-and-set so no increment is
// lost between replicas.
import { createHash } from "node:crypto";
import { AppError } from "@simhub/platform";
import type { KV, NatsConnection } from "nats";

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

export async function natsRateLimitStore(nc: NatsConnection, namespace: string, windowMs: number) {
  const bucket = namespace ? `${namespace}_simhub_ratelimit` : "simhub_ratelimit";
  const kv: KV = await nc.jetstream().views.kv(bucket, { ttl: windowMs * 2, history: 1 });
  const store: RateLimitStore = {
    async hit(key, window) {
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
      return { count: Number.MAX_SAFE_INTEGER, resetInMs: windowStart + window - now };
    },
  };
  return store;
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
