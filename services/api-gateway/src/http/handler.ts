// The last step of a route: the route's own handler, run inside the request
// context (request id, deadline, principal and token forwarded to every gRPC
// call); its result is sent and, when the request claimed an
// Idempotency-Key, settled with the idempotency store.
import { childTraceparent, type RequestContext, runInSpan, runWithContext } from "@simhub/platform";
import type { Request, Response } from "express";
import type { GatewayClients } from "../clients.ts";
import type { ComposedNames } from "../composition/names.ts";
import { settleIdempotency } from "./idempotency.ts";
import { pipelineState } from "./locals.ts";
import type { RouteResult, RouteSpec } from "./route.ts";

export function sendResult(res: Response, result: RouteResult) {
  for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
  if (result.json) {
    res
      .status(result.status)
      .type("application/json")
      .send(Buffer.from(result.json.buffer, result.json.byteOffset, result.json.byteLength));
  } else if (result.body === undefined) {
    res.status(result.status).end();
  } else if (result.status >= 400 && (result.body as { code?: string })?.code) {
    res.status(result.status).type("application/problem+json").send(JSON.stringify(result.body));
  } else {
    res.status(result.status).json(result.body);
  }
}

export function handleRoute(
  route: RouteSpec,
  deps: { clients: GatewayClients; names: ComposedNames; requestTimeoutMs: number },
) {
  return async (req: Request, res: Response) => {
    const state = pipelineState(res);
    const context: RequestContext = {
      requestId: state.requestId,
      deadline: Date.now() + deps.requestTimeoutMs,
      ...(state.token ? { token: state.token } : {}),
      ...(state.principal ? { principal: state.principal } : {}),
      traceparent: state.span?.traceparent ?? childTraceparent(req.header("traceparent")),
    };
    const input = state.input ?? { params: undefined, query: undefined, body: undefined };
    // Entered here, not inherited: a body read on stream events has lost the
    // asynchronous context the request's first step ran in.
    await runWithContext(context, () =>
      runInSpan(state.span, async () => {
        let result: RouteResult;
        try {
          result = await route.handler({
            params: input.params,
            query: input.query,
            body: input.body,
            principal: state.principal!,
            token: state.token,
            requestId: state.requestId,
            clientAddress: state.clientAddress,
            clients: deps.clients,
            names: deps.names,
            req,
          } as Parameters<RouteSpec["handler"]>[0]);
        } catch (error) {
          await settleIdempotency(state.idempotency, { error });
          throw error;
        }
        await settleIdempotency(state.idempotency, { result });
        sendResult(res, result);
      }),
    );
  };
}
