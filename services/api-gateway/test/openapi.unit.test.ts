// Every route the gateway registers is in the OpenAPI document, with the
// method, and every documented operation exists. Walks the real Express
// router, built with the real route list.
import { createLogger, createMetrics } from "@simhub/platform";
import type express from "express";
import { describe, expect, it } from "vitest";
import { createGatewayApp } from "../src/app.ts";
import { createGatewayClients } from "../src/clients.ts";
import { ComposedNames } from "../src/composition/names.ts";
import { gatewayConfigSchema } from "../src/config.ts";
import { memoryRateLimitStore } from "../src/http/rate-limit.ts";
import { buildOpenApiDocument, mountOpenApi, openApiPath } from "../src/openapi.ts";
import { allRoutes } from "../src/routes/index.ts";

function registeredRoutes(app: express.Express): { method: string; path: string }[] {
  const stack = (
    app as unknown as { router: { stack: { route?: { path: string; methods: Record<string, boolean> } }[] } }
  ).router.stack;
  return stack
    .filter((layer) => layer.route)
    .flatMap((layer) =>
      Object.keys(layer.route!.methods).map((method) => ({ method, path: layer.route!.path })),
    );
}

describe("OpenAPI document", () => {
  const config = gatewayConfigSchema.parse({});
  const logger = createLogger("api-gateway", "silent");
  const metrics = createMetrics("api-gateway");
  const app = createGatewayApp({
    config,
    logger,
    metrics,
    clients: createGatewayClients(config, logger, metrics),
    names: new ComposedNames({ maxEntries: 1, ttlMs: 1 }),
    verifyToken: async () => {
      throw new Error("not used");
    },
    routes: allRoutes,
    idempotency: { begin: async () => ({ kind: "new", commit: async () => {}, release: async () => {} }) },
    rateLimits: memoryRateLimitStore(),
    readiness: [],
    extra: (expressApp) => mountOpenApi(expressApp, allRoutes),
  });
  const document = buildOpenApiDocument(allRoutes);
  const operational = new Set(["/healthz", "/readyz", "/metrics", "/openapi.json", "/docs", "/docs/init.js"]);

  it("is OpenAPI 3.1 with unique operation ids", () => {
    expect(document.openapi).toBe("3.1.0");
    const ids = allRoutes.map((route) => route.operationId);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("documents every API route the gateway registers", () => {
    const registered = registeredRoutes(app).filter((route) => !operational.has(route.path));
    expect(registered.length).toBeGreaterThan(0);
    const missing = registered.filter(
      (route) =>
        !(document.paths?.[openApiPath(route.path)] as Record<string, unknown> | undefined)?.[route.method],
    );
    expect(missing).toEqual([]);
  });

  it("documents nothing the gateway does not serve", () => {
    const served = new Set(
      registeredRoutes(app).map((route) => `${route.method} ${openApiPath(route.path)}`),
    );
    const documented = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
      Object.keys(item as object).map((method) => `${method} ${path}`),
    );
    expect(documented.filter((entry) => !served.has(entry))).toEqual([]);
  });

  it("gives every operation a problem document for its errors, the OAuth token endpoint RFC 6749 errors", () => {
    const oauthOperations = new Set(
      allRoutes.filter((route) => route.errorFormat === "oauth").map((route) => route.operationId),
    );
    expect([...oauthOperations]).toEqual(["issueToken"]);
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, operation] of Object.entries(
        item as Record<string, { operationId: string; responses: Record<string, any> }>,
      )) {
        const bad = operation.responses["400"];
        const mediaType = oauthOperations.has(operation.operationId)
          ? "application/json"
          : "application/problem+json";
        expect(bad?.content?.[mediaType], `${method} ${path}`).toBeDefined();
      }
    }
  });
});
