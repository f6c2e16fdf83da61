// Idempotency-Key for POSTs (API.md conventions), kept in a NATS KV bucket
// so every gateway replica sees the same keys. Keys are scoped to the
// caller: another tenant reusing a key lands on a different entry.
//
// - first request: the key is created "in flight" atomically (KV create);
// - same key, same body, finished: the stored response is replayed;
// - same key while the first is still running: 409 IDEMPOTENCY_KEY_IN_FLIGHT;
// - same key, another body: 422 IDEMPOTENCY_KEY_REUSED;
// - a 5xx or 429 outcome is not stored, so the client may retry the key;
// - an in-flight entry older than the abandonment age (a gateway that died
//   mid-request) can be taken over.
import { createHash } from "node:crypto";
import { AppError } from "@simhub/platform";
import type { KV, NatsConnection } from "nats";

export interface StoredResponse {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

interface Entry {
  state: "in_flight" | "done";
  fingerprint: string;
  startedAt: number;
  response?: StoredResponse;
}

export type Begin =
  | { kind: "new"; commit(response: StoredResponse): Promise<void>; release(): Promise<void> }
  | { kind: "replay"; response: StoredResponse };

export const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyStore {
  begin(scope: string, key: string, fingerprint: string): Promise<Begin>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function fingerprintOf(method: string, path: string, body: unknown): string {
  return createHash("sha256")
    .update(`${method} ${path}\n${JSON.stringify(body ?? null)}`)
    .digest("hex");
}

export async function createIdempotencyStore(
  nc: NatsConnection,
  namespace: string,
  options: { ttlMs?: number; abandonAfterMs: number },
): Promise<IdempotencyStore> {
  const bucket = namespace ? `${namespace}_simhub_idempotency` : "simhub_idempotency";
  const kv: KV = await nc
    .jetstream()
    .views.kv(bucket, { ttl: options.ttlMs ?? 24 * 60 * 60 * 1000, history: 1 });

  const encode = (entry: Entry) => encoder.encode(JSON.stringify(entry));

  return {
    async begin(scope, key, fingerprint) {
      const storeKey = createHash("sha256").update(`${scope}\n${key}`).digest("hex");
      const fresh: Entry = { state: "in_flight", fingerprint, startedAt: Date.now() };
      const claimed = (revision: number): Begin => ({
        kind: "new",
        async commit(response) {
          await kv.update(storeKey, encode({ ...fresh, state: "done", response }), revision).catch(() => {});
        },
        async release() {
          await kv.delete(storeKey).catch(() => {});
        },
      });
      for (let attempt = 0; attempt < 3; attempt++) {
        try {
          return claimed(await kv.create(storeKey, encode(fresh)));
        } catch {
          // the key exists (or was deleted meanwhile): look at it
        }
        const existing = await kv.get(storeKey);
        if (existing?.operation !== "PUT") {
          try {
            return claimed(await kv.update(storeKey, encode(fresh), existing?.revision ?? 0));
          } catch {
            continue;
          }
        }
        const entry = JSON.parse(decoder.decode(existing!.value)) as Entry;
        if (entry.fingerprint !== fingerprint) {
          throw new AppError(
            "rule",
            "IDEMPOTENCY_KEY_REUSED",
            "this Idempotency-Key was used with a different request",
          );
        }
        if (entry.state === "done" && entry.response) return { kind: "replay", response: entry.response };
        if (Date.now() - entry.startedAt > options.abandonAfterMs) {
          try {
            return claimed(await kv.update(storeKey, encode(fresh), existing!.revision));
          } catch {
            continue;
          }
        }
        throw new AppError(
          "aborted",
          "IDEMPOTENCY_KEY_IN_FLIGHT",
          "a request with this Idempotency-Key is in progress",
        );
      }
      throw new AppError(
        "aborted",
        "IDEMPOTENCY_KEY_IN_FLIGHT",
        "a request with this Idempotency-Key is in progress",
      );
    },
  };
}
