// The per-request context that travels with async work: request id, the
// caller's principal and token (forwarded to downstream services), the
// deadline to pass on, and the W3C trace context.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Principal } from "./auth.ts";

export interface RequestContext {
  requestId: string;
  principal?: Principal;
  /** The caller's bearer token, forwarded so every service verifies it itself. */
  token?: string;
  /** Absolute deadline (epoch ms) of the incoming call, passed on to outgoing calls. */
  deadline?: number;
  traceparent?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runWithContext<T>(context: RequestContext, fn: () => T): T {
  return storage.run(context, fn);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}
