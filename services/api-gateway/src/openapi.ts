// The OpenAPI 3.1 document, generated from the same route declarations and
// zod schemas that validate requests (routes/index.ts), and the /docs page
// that renders it with Swagger UI served from the swagger-ui-dist package.
import { createRequire } from "node:module";
import { dirname } from "node:path";
import express from "express";
import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
} from "zod-openapi";
import { FORM_CONTENT_TYPE } from "./http/body.ts";
import { OAuthErrorResponse } from "./http/oauth-errors.ts";
import type { RouteSpec } from "./http/route.ts";

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    code: z.string().meta({ description: "Stable machine-readable error code, e.g. SIM_CHAIN_UNRESOLVED" }),
    requestId: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem document" });

const errorStatuses: Record<number, string> = {
  400: "Malformed or invalid input",
  401: "Missing or invalid access token",
  403: "Authenticated but not allowed",
  404: "Not found, or not visible to the caller",
  408: "The body did not arrive in time (JSON: within 30 s; uploads: below the minimum transfer rate)",
  409: "Conflict: duplicate, concurrent change, or idempotency key in flight",
  413: "Body too large",
  415: "Unsupported content type",
  422: "A business rule refuses the request",
  429: "Rate limited (see Retry-After)",
  503: "A dependency is unavailable (see Retry-After)",
  504: "A dependency did not answer in time",
};

export function openApiPath(expressPath: string): string {
  return expressPath.replace(/:(\w+)/g, "{$1}");
}

export function buildOpenApiDocument(routes: RouteSpec[]) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const path = openApiPath(route.path);
    const responses: Record<string, ZodOpenApiResponseObject> = {};
    for (const [status, schema] of Object.entries(route.responses)) {
      responses[status] = schema
        ? { description: `${status} response`, content: { "application/json": { schema } } }
        : { description: `${status} response (no body)` };
    }
    // 401 also on public routes: a wrong password, MFA code or refresh token.
    // Every route can be rate limited, and fails 503/504 when a service is down or slow.
    const errorCodes = [400, 401, 404, 429, 503, 504, ...(route.auth === false ? [] : [403])];
    if (route.method === "post") errorCodes.push(409, 413, 415, 422, 429);
    if (route.method === "patch" || route.method === "put") errorCodes.push(409, 413, 415, 422);
    // A declared body must arrive within its deadline (http/timeouts.ts).
    if (route.body || route.bodyType === "stream") errorCodes.push(408);
    if (route.method === "delete") errorCodes.push(409, 422);
    if (route.bodyType === "stream") errorCodes.push(408);
    // The OAuth token endpoint answers RFC 6749 §5.2 errors instead (http/oauth-errors.ts).
    const oauth = route.errorFormat === "oauth";
    const errorStatusesOfRoute = oauth ? [400, 401, 408, 413, 429, 500, 503] : errorCodes;
    for (const status of [...new Set(errorStatusesOfRoute)].sort()) {
      responses[String(status)] ??= {
        description: errorStatuses[status] ?? "Error",
        content: oauth
          ? { "application/json": { schema: OAuthErrorResponse } }
          : { "application/problem+json": { schema: problemSchema } },
      };
    }
    const operation: ZodOpenApiOperationObject = {
      operationId: route.operationId,
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      tags: route.tags,
      ...(route.auth === false ? { security: [] } : {}),
      ...(route.params || route.query
        ? {
            requestParams: {
              ...(route.params ? { path: route.params as z.ZodObject } : {}),
              ...(route.query ? { query: route.query as z.ZodObject } : {}),
            },
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                [route.bodyType === "form" ? FORM_CONTENT_TYPE : "application/json"]: { schema: route.body },
              },
            },
          }
        : {}),
      ...(route.bodyType === "stream"
        ? {
            requestBody: {
              required: true,
              content: Object.fromEntries(
                (route.streamContentTypes ?? []).map((type) => [
                  type,
                  { schema: route.streamSchemas?.[type] ?? z.string() },
                ]),
              ),
            },
          }
        : {}),
      responses: responses as ZodOpenApiOperationObject["responses"],
    };
    paths[path] = { ...paths[path], [route.method]: operation };
  }
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "simhub API",
      version: "1.0.0",
      description:
        "REST API of simhub, the multi-tenant SIM-card management platform. Errors are RFC 9457 problem documents with a stable `code`, except at the OAuth token endpoint (POST /v1/auth/token), which answers RFC 6749 §5.2 error responses as OAuth clients expect.",
    },
    servers: [{ url: "/" }],
    components: {
      securitySchemes: { bearerAuth: { type: "http", scheme: "bearer", bearerFormat: "JWT" } },
    },
    security: [{ bearerAuth: [] }],
    paths,
  });
}

const docsPage = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>simhub API</title>
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/docs/init.js"></script>
</body>
</html>`;

const docsInit = `window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true });`;

export function mountOpenApi(app: express.Express, routes: RouteSpec[]) {
  const document = buildOpenApiDocument(routes);
  const json = JSON.stringify(document);
  const require = createRequire(import.meta.url);
  const assets = dirname(require.resolve("swagger-ui-dist/package.json"));
  app.get("/openapi.json", (_req, res) => {
    res.type("application/json").send(json);
  });
  // Swagger UI needs inline styles of its own, so the docs pages get a
  // content security policy that allows exactly that and nothing remote.
  const docsCsp =
    "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; script-src 'self'";
  app.get("/docs", (_req, res) => {
    res.setHeader("Content-Security-Policy", docsCsp);
    res.type("html").send(docsPage);
  });
  app.get("/docs/init.js", (_req, res) => {
    res.type("application/javascript").send(docsInit);
  });
  app.use(
    "/docs/assets",
    (_req, res, next) => {
      res.setHeader("Content-Security-Policy", docsCsp);
      next();
    },
    express.static(assets, { index: false, fallthrough: false }),
  );
}
