// What the steps of a route's pipeline (pipeline.ts) hand on to the next, kept
// in `res.locals` under one typed name.
import type { Principal, StartedSpan } from "@simhub/platform";
import type { Response } from "express";
import type { IdempotencyClaim } from "./idempotency.ts";

export interface PipelineState {
  requestId: string;
  /** The route template, for metrics (`unmatched` when no route matched). */
  routeTemplate?: string;
  /** The client's address (client-address.ts), set before anything else looks at it. */
  clientAddress: string;
  token?: string;
  /** Set by authentication.ts on routes that need a token. */
  principal?: Principal;
  /** Set by validation.ts: the parsed path parameters, query and body. */
  input?: { params: unknown; query: unknown; body: unknown };
  /** Set by idempotency.ts when the request carries an Idempotency-Key and claimed it. */
  idempotency?: IdempotencyClaim;
  /** The request's server span, when tracing is on (app.ts); the handler runs inside it. */
  span?: StartedSpan;
}

export function pipelineState(res: Response): PipelineState {
  return res.locals as PipelineState;
}
