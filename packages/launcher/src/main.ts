// `pnpm start`: the whole platform on one machine. PostgreSQL from
// DATABASE_URL or embedded under ./.data; NATS from NATS_URL, the local
// server, or a nats-server started from PATH — or, with
// SIMHUB_NATS_CLUSTER=1, a 3-node JetStream cluster of nats-servers on
// loopback with streams of 3 replicas. Ctrl-C stops everything.
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  type BackendServiceName,
  backendServices,
  databaseUrl,
  ensureDatabases,
  repoRoot,
  resolveNats,
  type Started,
  startEmbeddedPostgres,
  startNatsCluster,
  startPlatform,
} from "./index.ts";

const dataDir = join(repoRoot, ".data");
mkdirSync(dataDir, { recursive: true });

const say = (message: string) => process.stdout.write(`simhub  ${message}\n`);

const started: Started[] = [];

async function stopDependencies() {
  for (const dependency of started.reverse()) {
    await dependency
      .stop()
      .catch((error: unknown) => say(`stopping ${dependency.origin} failed: ${String(error)}`));
  }
}

async function main() {
  const postgres: Started = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, origin: "DATABASE_URL", stop: async () => {} }
    : await startEmbeddedPostgres(join(dataDir, "postgres"), Number(process.env.EMBEDDED_PG_PORT ?? 54329));
  started.push(postgres);
  say(`PostgreSQL: ${postgres.origin}`);
  const cluster = ["1", "true"].includes((process.env.SIMHUB_NATS_CLUSTER ?? "").toLowerCase());
  if (cluster && process.env.NATS_URL)
    throw new Error("set either NATS_URL or SIMHUB_NATS_CLUSTER, not both");
  const nats = cluster
    ? await startNatsCluster(join(dataDir, "nats-cluster"), { withAuth: true })
    : await resolveNats({ url: process.env.NATS_URL, storeDir: join(dataDir, "nats") });
  started.push(nats);
  say(`NATS: ${nats.origin}`);
  say(
    process.env.OTEL_EXPORTER_OTLP_ENDPOINT
      ? `traces: OTLP/HTTP to ${process.env.OTEL_EXPORTER_OTLP_ENDPOINT} (sampler ${process.env.OTEL_TRACES_SAMPLER ?? "parentbased_always_on"} ${process.env.OTEL_TRACES_SAMPLER_ARG ?? ""})`
      : "traces: off (set OTEL_EXPORTER_OTLP_ENDPOINT to export them)",
  );

  await ensureDatabases(
    postgres.url,
    backendServices.map((service) => service.database),
  );
  const databaseUrls = Object.fromEntries(
    backendServices.map((service) => [service.name, databaseUrl(postgres.url, service.database)]),
  ) as Record<BackendServiceName, string>;

  // The admin's password: given, or generated on the first start and shown once.
  const adminUsername = process.env.SIMHUB_ADMIN_USERNAME ?? "admin";
  const marker = join(dataDir, "admin-created");
  const firstStart = !existsSync(marker);
  // A generated password is kept (owner-readable only) in .data until it is
  // replaced, so a first start that fails half-way does not leave an admin
  // whose password nobody ever saw.
  const passwordFile = join(dataDir, "initial-admin-password");
  let adminPassword = process.env.SIMHUB_ADMIN_PASSWORD;
  if (!adminPassword) {
    if (!existsSync(passwordFile)) {
      writeFileSync(passwordFile, randomBytes(18).toString("base64url"), { mode: 0o600 });
    }
    adminPassword = readFileSync(passwordFile, "utf8").trim();
  }

  const platform = await startPlatform({
    databaseUrls,
    natsUrl: nats.url,
    ...(nats.users ? { natsUsers: nats.users.processes } : {}),
    adminUsername,
    adminPassword,
    logLevel: process.env.LOG_LEVEL ?? "info",
    output: process.env.LOG_FORMAT === "json" ? "json" : "pretty",
    // On the cluster every stream (and the gateway's KV buckets) keeps 3 replicas.
    ...(cluster ? { env: { NATS_STREAM_REPLICAS: "3" } } : {}),
    envFor: {
      ...(process.env.PORT ? { "api-gateway": { PORT: process.env.PORT } } : {}),
      // One machine is a development machine: webhooks to local receivers.
      "webhook-service": {
        WEBHOOK_ALLOW_HTTP: process.env.WEBHOOK_ALLOW_HTTP ?? "true",
        WEBHOOK_ALLOWED_CIDRS: process.env.WEBHOOK_ALLOWED_CIDRS ?? "127.0.0.0/8",
      },
    },
  });
  if (firstStart) writeFileSync(marker, new Date().toISOString());

  say("all processes are ready");
  say(
    `webhooks: http and ${process.env.WEBHOOK_ALLOWED_CIDRS ?? "127.0.0.0/8"} allowed as targets (development; production allows https to public addresses only)`,
  );
  say(`gateway: ${platform.gatewayUrl}  (API docs: ${platform.gatewayUrl}/docs)`);
  if (process.env.SIMHUB_ADMIN_PASSWORD) say(`admin: ${adminUsername} (password from SIMHUB_ADMIN_PASSWORD)`);
  else if (firstStart)
    say(`admin: ${adminUsername} / ${adminPassword}   (shown once; kept in ${passwordFile})`);
  else say(`admin: ${adminUsername} (the password shown at the first start, kept in ${passwordFile})`);

  let stopping = false;
  const shutdown = async () => {
    if (stopping) return;
    stopping = true;
    say("stopping…");
    await platform.stop();
    await stopDependencies();
    say("stopped");
    process.exit(0);
  };
  process.on("SIGINT", shutdown);
  process.on("SIGTERM", shutdown);
}

main().catch(async (error: unknown) => {
  process.stderr.write(
    `simhub  failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  await stopDependencies();
  process.exit(1);
});
