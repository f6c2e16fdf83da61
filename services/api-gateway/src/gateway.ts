// Builds and starts the gateway; `main.ts` only reads configuration and
// wires signals. Exported start/stop so tests can run it on port 0.
import type { Server } from "node:http";
import { createLogger, createMetrics, createTokenVerifier, jwksFromUrl } from "@simhub/platform";
import { createGatewayApp } from "./app.ts";
import { closeGatewayClients, createGatewayClients } from "./clients.ts";
import type { GatewayConfig } from "./config.ts";
import { allRoutes } from "./routes/index.ts";

export async function startGateway(config: GatewayConfig) {
  const logger = createLogger("api-gateway", config.LOG_LEVEL);
  const metrics = createMetrics("api-gateway");
  const clients = createGatewayClients(config, logger, metrics);
  const verifyToken = createTokenVerifier({
    issuer: config.JWT_ISSUER,
    audience: config.JWT_AUDIENCE,
    keys: jwksFromUrl(config.JWKS_URL),
  });
  let draining = false;
  const app = createGatewayApp({
    config,
    logger,
    metrics,
    clients,
    verifyToken,
    routes: allRoutes,
    isReady: () => !draining,
  });
  const server: Server = await new Promise((resolve, reject) => {
    const listening = app.listen(config.PORT, config.HOST, (error?: Error) =>
      error ? reject(error) : resolve(listening),
    );
  });
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = config.REQUEST_TIMEOUT_MS * 6; // streamed imports may take longer than one call
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
        // Stop accepting, let in-flight requests finish, then close idle keep-alive sockets.
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeIdleConnections();
        const forced = setTimeout(() => server.closeAllConnections(), config.SHUTDOWN_GRACE_MS);
        await closed;
        clearTimeout(forced);
        closeGatewayClients(clients);
        logger.info("api-gateway stopped");
      })();
      return stopping;
    },
  };
}
