// Idempotency-Key for POSTs (API.md conventions), the fourth step of a
// route, kept in a NATS KV bucket so every gateway replica sees the same
// keys. Keys are scoped to the caller: another tenant reusing a key lands on
// a different entry.
//
// - first request: the key is created "in flight" atomically (KV create);
// - same key, same body, finished: the stored response is replayed;
// - same key while the first is still running: 409 IDEMPOTENCY_KEY_IN_FLIGHT;
// - same key, another body: 422 IDEMPOTENCY_KEY_REUSED;
// - only final outcomes are stored (isFinalOutcome): 2xx and the 4xx a retry
//   cannot change. 409 CONCURRENT_MODIFICATION ("try again"), 408, 429 and
//   5xx are not, so the client may retry with the same key;
// - an in-flight entry older than the abandonment age (a gateway that died
//   mid-request) can be taken over.
//
// Routes declared with `idempotency: false` take no part: the
// authentication endpoints, whose responses are tokens, TOTP secrets and
// recovery codes that must never rest in a bucket, and whose replay would
// hand out a spent refresh token's successor again. A key sent to them is
// ignored. The fingerprint is an HMAC under the gateway's service key, so a
// body holding a password (staff creation) leaves no guessable hash behind.
import { createHash, createHmac } from "node:crypto";
import { AppError, invalid } from "@simhub/platform";
import type { NextFunction, Request, Response } from "express";
import type { KV, NatsConnection } from "nats";
import { pipelineState } from "./locals.ts";
import { problemFromError } from "./problem.ts";
import type { RouteResult, RouteSpec } from "./route.ts";

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

type Begin =
  | { kind: "new"; commit(response: StoredResponse): Promise<void>; release(): Promise<void> }
  | { kind: "replay"; response: StoredResponse };

const idempotencyKeyPattern = /^[\x21-\x7e]{1,255}$/;

export interface IdempotencyStore {
  begin(scope: string, key: string, fingerprint: string): Promise<Begin>;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

function fingerprintOf(method: string, path: string, body: unknown, key?: string): string {
  const text = `${method} ${path}\n${JSON.stringify(body ?? null)}`;
  return (key ? createHmac("sha256", key) : createHash("sha256")).update(text).digest("hex");
}

export async function createIdempotencyStore(
  nc: NatsConnection,
  namespace: string,
  /** `replicas`: the bucket's JetStream replicas (NATS_STREAM_REPLICAS: 3 on a cluster). */
  options: { ttlMs?: number; abandonAfterMs: number; replicas?: number },
): Promise<IdempotencyStore> {
  const bucket = namespace ? `${namespace}_simhub_idempotency` : "simhub_idempotency";
  const kv: KV = await nc.jetstream().views.kv(bucket, {
    ttl: options.ttlMs ?? 24 * 60 * 60 * 1000,
    history: 1,
    replicas: options.replicas ?? 1,
  });

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

export type IdempotencyClaim = Extract<Begin, { kind: "new" }>;

/** Whether an outcome is the request's final answer, which a retry with the same key must get again. */
function isFinalOutcome(status: number, code?: string): boolean {
  if (status < 300) return true;
  if (status >= 500 || status === 401 || status === 408 || status === 429) return false;
  return code !== "CONCURRENT_MODIFICATION" && code !== "IDEMPOTENCY_KEY_IN_FLIGHT";
}

function takesPartInIdempotency(route: RouteSpec): boolean {
  return route.method === "post" && route.bodyType !== "stream" && route.idempotency !== false;
}

/** Replays a stored response, or claims the key for this request (the handler settles the claim). */
export function idempotency(
  route: RouteSpec,
  deps: { store: IdempotencyStore; fingerprintKey?: string },
  replay: (res: Response, response: StoredResponse) => void,
) {
  return async (req: Request, res: Response, next: NextFunction) => {
    const key = req.header("idempotency-key");
    if (key === undefined || !takesPartInIdempotency(route)) {
      next();
      return;
    }
    if (!idempotencyKeyPattern.test(key)) {
      throw invalid(
        "Idempotency-Key must be 1 to 255 visible ASCII characters",
        [{ path: "header.Idempotency-Key", message: "invalid" }],
        "INVALID_IDEMPOTENCY_KEY",
      );
    }
    const state = pipelineState(res);
    const scope = state.principal ? `user:${state.principal.userId}` : `address:${state.clientAddress}`;
    const begun = await deps.store.begin(
      scope,
      key,
      fingerprintOf(req.method, req.path, req.body, deps.fingerprintKey),
    );
    if (begun.kind === "replay") {
      res.setHeader("Idempotency-Replayed", "true");
      replay(res, begun.response);
      return;
    }
    state.idempotency = begun;
    next();
  };
}

/** Stores a final outcome for the claimed key, or frees the key for a retry. */
export async function settleIdempotency(
  claim: IdempotencyClaim | undefined,
  outcome: { result: RouteResult } | { error: unknown },
): Promise<void> {
  if (!claim) return;
  if ("result" in outcome) {
    const { status, body, headers } = outcome.result;
    if (isFinalOutcome(status)) await claim.commit({ status, body, headers: headers ?? {} });
    else await claim.release();
    return;
  }
  const { document } = problemFromError(outcome.error);
  if (isFinalOutcome(document.status, document.code)) {
    await claim.commit({ status: document.status, body: document, headers: {} });
  } else {
    await claim.release();
  }
}
