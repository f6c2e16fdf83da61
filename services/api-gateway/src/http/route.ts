// A route is declared once, with the zod schemas that validate it; the same
// declarations register the Express handlers and generate the OpenAPI
// document, so the two cannot drift apart.
import type { Principal } from "@simhub/platform";
import type { Request } from "express";
import type { z } from "zod";
import type { GatewayClients } from "../clients.ts";
import type { ComposedNames } from "../composition/names.ts";

type HttpMethod = "get" | "post" | "patch" | "put" | "delete";

interface RouteContext<Params, Query, Body> {
  params: Params;
  query: Query;
  body: Body;
  /** Absent only on routes declared with `auth: false`. */
  principal: Principal;
  token: string | undefined;
  requestId: string;
  /** The client's address, across trusted proxies only (http/client-address.ts). */
  clientAddress: string;
  clients: GatewayClients;
  /** Names for composed views, kept per tenant scope (composition/names.ts). */
  names: ComposedNames;
  /** The raw request, for streamed bodies (`bodyType: "stream"`) and the client's address. */
  req: Request;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  /**
   * A body that is JSON already (a page PostgreSQL built, passed through by
   * sim-service): sent as it is, instead of `body`.
   */
  json?: Uint8Array;
  headers?: Record<string, string>;
}

export interface RouteSpec<
  Params extends z.ZodType = z.ZodType,
  Query extends z.ZodType = z.ZodType,
  Body extends z.ZodType = z.ZodType,
> {
  method: HttpMethod;
  /** Express syntax: `/v1/sims/:iccid`. */
  path: string;
  operationId: string;
  summary: string;
  description?: string;
  tags: string[];
  /** Defaults to true: a verified access token is required. */
  auth?: boolean;
  params?: Params;
  query?: Query;
  body?: Body;
  /**
   * "json" (default) parses and validates the body; "form" does the same for
   * an application/x-www-form-urlencoded body (each parameter once, empty
   * ones omitted: RFC 6749 §3.1); "stream" leaves it to the handler (CSV uploads).
   */
  bodyType?: "json" | "form" | "stream";
  /**
   * How the route's errors are sent: RFC 9457 problem documents (default), or
   * RFC 6749 §5.2 error responses for the OAuth token endpoint, whose clients
   * expect nothing else (http/oauth-errors.ts).
   */
  errorFormat?: "problem" | "oauth";
  /**
   * Defaults to true for POSTs: an Idempotency-Key is honoured. False for the
   * authentication endpoints (http/idempotency.ts says why).
   */
  idempotency?: boolean;
  /** Content types accepted by a streamed body. */
  streamContentTypes?: string[];
  /** The OpenAPI schema of a streamed body, by content type (a string when not given). */
  streamSchemas?: Record<string, z.ZodType>;
  /** Response schemas by status, for the OpenAPI document; null for an empty body. */
  responses: Record<number, z.ZodType | null>;
  handler: (
    context: RouteContext<
      Params extends z.ZodType ? z.infer<Params> : undefined,
      Query extends z.ZodType ? z.infer<Query> : undefined,
      Body extends z.ZodType ? z.infer<Body> : undefined
    >,
  ) => Promise<RouteResult>;
}

/** Identity function that keeps the schemas' types flowing into the handler. */
export function defineRoute<Params extends z.ZodType, Query extends z.ZodType, Body extends z.ZodType>(
  spec: RouteSpec<Params, Query, Body>,
): RouteSpec {
  return spec as unknown as RouteSpec;
}

/** `""` from a gRPC message means "none": JSON says null. */
export function nullIfEmpty(value: string | undefined | null): string | null {
  return value ? value : null;
}
