// Builds and starts the gateway; `main.ts` only reads configuration and
// wires signals. Exported start/stop so tests can run it on port 0.
import type { Server, ServerResponse } from "node:http";
import {
  connectNats,
  createLogger,
  createMetrics,
  createTokenVerifier,
  ensureStream,
  jwksFromUrl,
  natsCredentials,
  startTracing,
} from "@simhub/platform";
import { Counter } from "prom-client";
import { createGatewayApp } from "./app.ts";
import { closeGatewayClients, createGatewayClients } from "./clients.ts";
import { ComposedNames } from "./composition/names.ts";
import type { GatewayConfig } from "./config.ts";
import { createIdempotencyStore } from "./http/idempotency.ts";
import { memoryRateLimitStore, natsRateLimitStore } from "./http/rate-limit.ts";
import { mountOpenApi } from "./openapi.ts";
import { allRoutes } from "./routes/index.ts";

export async function startGateway(config: GatewayConfig) {
  const tracing = await startTracing("api-gateway");
  const logger = createLogger("api-gateway", config.LOG_LEVEL);
  const metrics = createMetrics("api-gateway");
  const clients = createGatewayClients(config, logger, metrics);
  const verifyToken = createTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: jwksFromUrl(config.JWKS_URL),
  });
  const nc = await connectNats(config.NATS_URL, "api-gateway", logger, natsCredentials(config));
  const idempotency = await createIdempotencyStore(nc, config.EVENT_NAMESPACE, {
    ttlMs: config.IDEMPOTENCY_TTL_MS,
    abandonAfterMs: config.REQUEST_TIMEOUT_MS * 2,
    replicas: config.NATS_STREAM_REPLICAS,
  });
  let natsConnected = true;
  const rateLimits =
    config.RATE_LIMIT_STORE === "nats"
      ? await natsRateLimitStore(
          nc,
          config.EVENT_NAMESPACE,
          config.RATE_LIMIT_WINDOW_MS,
          {
            local: memoryRateLimitStore(),
            connected: () => natsConnected,
            fallbacks: new Counter({
              name: "http_rate_limit_store_fallbacks_total",
              help: "Rate-limit checks counted by this replica alone because the shared store was unreachable.",
              registers: [metrics.registry],
            }),
          },
          config.NATS_STREAM_REPLICAS,
        )
      : memoryRateLimitStore();
  const names = new ComposedNames({
    maxEntries: config.NAME_CACHE_MAX_ENTRIES,
    ttlMs: config.NAME_CACHE_TTL_MS,
  });
  // Created when missing, never changed: the streams are their owners' (and
  // the gateway's NATS user may not change them).
  await ensureStream(nc, config.EVENT_NAMESPACE, "org", config.NATS_STREAM_REPLICAS, { owned: false });
  await ensureStream(nc, config.EVENT_NAMESPACE, "company", config.NATS_STREAM_REPLICAS, { owned: false });
  await names.follow(nc, config.EVENT_NAMESPACE, logger);
  (async () => {
    for await (const status of nc.status()) {
      if (status.type === "disconnect") natsConnected = false;
      if (status.type === "reconnect") natsConnected = true;
    }
  })().catch(() => {});
  let draining = false;
  const app = createGatewayApp({
    config,
    logger,
    metrics,
    clients,
    names,
    verifyToken,
    routes: allRoutes,
    idempotency,
    rateLimits,
    readiness: [
      { name: "draining", check: () => !draining },
      // Without NATS only Idempotency-Key requests fail; everything else still works.
      { name: "nats", check: () => natsConnected, required: false },
    ],
    extra: (expressApp) => mountOpenApi(expressApp, allRoutes),
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  server.keepAliveTimeout = 65_000;
  // Once draining, every response closes its connection: a client's next
  // request opens a new connection instead of reusing one this process is
  // about to close (a request sent on a connection as it closes fails).
  let lastRequestAt = 0;
  server.on("request", (_req, res: ServerResponse) => {
    lastRequestAt = Date.now();
    if (draining && !res.headersSent) res.setHeader("Connection", "close");
  });
  // Node has one whole-request limit per server, so it is the longest any
  // route allows (streamed CSV imports of millions of rows need minutes);
  // every other route is held to its own, shorter deadline in the pipeline
  // (http/timeouts.ts: JSON bodies ≤ 30 s, uploads a minimum transfer rate).
  server.requestTimeout = config.UPLOAD_TIMEOUT_MS;
  server.headersTimeout = 30_000;
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  logger.info({ port }, "api-gateway ready");

  let stopping: Promise<void> | undefined;
  return {
    port,
    logger,
    stop() {
      stopping ??= (async () => {
        draining = true;
        // Lame duck: readiness is off (load balancers stop sending) but requests
        // that still come are served, each closing its connection, until none
        // has come for 300 ms (at most 2 s, less than the services' own drain).
        const drainStarted = Date.now();
        while (Date.now() - lastRequestAt < 300 && Date.now() - drainStarted < 2_000) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        // Stop accepting, let in-flight requests finish, then close idle keep-alive sockets.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const forced = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(forced);
        closeGatewayClients(clients);
        await names.stop();
        await nc.drain().catch(() => {});
        await tracing.shutdown();
        logger.info("api-gateway stopped");
      })();
      return stopping;
    },
  };
}
