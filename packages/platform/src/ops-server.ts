// The operations endpoint of every backend process: /metrics, /healthz
// (liveness: the event loop answers) and /readyz (readiness: dependencies
// reachable and not draining), plus any extra GET routes a service adds
// (identity-service serves its JWKS here).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { Registry } from "prom-client";

export interface ReadinessCheck {
  name: string;
  check(): boolean | Promise<boolean>;
  /**
   * A required dependency failing makes the process not ready (503). An
   * optional one (NATS: events wait in the outbox) only marks it degraded.
   */
  required?: boolean;
}

export type ExtraRoute = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

export async function evaluateReadiness(checks: ReadinessCheck[]) {
  const results = await Promise.all(
    checks.map(async (c) => [c.name, await Promise.resolve(c.check()).catch(() => false)] as const),
  );
  const ready = results.every(([name, ok]) => ok || checks.find((c) => c.name === name)?.required === false);
  const degraded = ready && results.some(([, ok]) => !ok);
  return { ready, degraded, checks: Object.fromEntries(results) };
}

export async function startOpsServer(options: {
  port: number;
  host?: string;
  registry: Registry;
  readiness: ReadinessCheck[];
  routes?: Record<string, ExtraRoute>;
}): Promise<OpsServer> {
  const server: Server = createServer(async (req, res) => {
    const path = (req.url ?? "/").split("?")[0]!;
    try {
      if (req.method !== "GET") {
        res.writeHead(405).end();
      } else if (path === "/metrics") {
        const body = await options.registry.metrics();
        res.writeHead(200, { "content-type": options.registry.contentType }).end(body);
      } else if (path === "/healthz") {
        res.writeHead(200, { "content-type": "application/json" }).end('{"status":"ok"}');
      } else if (path === "/readyz") {
        const { ready, degraded, checks } = await evaluateReadiness(options.readiness);
        const status = ready ? (degraded ? "degraded" : "ready") : "not_ready";
        res
          .writeHead(ready ? 200 : 503, { "content-type": "application/json" })
          .end(JSON.stringify({ status, checks }));
      } else if (options.routes?.[path]) {
        await options.routes[path](req, res);
      } else {
        res.writeHead(404).end();
      }
    } catch {
      if (!res.headersSent) res.writeHead(500).end();
    }
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port, options.host ?? "0.0.0.0", resolve);
  });
  const address = server.address();
  return {
    port: typeof address === "object" && address ? address.port : options.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
