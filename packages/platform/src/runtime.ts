// What every backend service is made of, assembled once: logger, metrics,
// database with migrations, NATS with its stream, the outbox relay,
// consumers, the gRPC server and the ops endpoint, and the shutdown order
// of STYLE.md: readiness off → stop accepting gRPC → stop consumers and the
// relay → drain NATS → close the database.
import {
  type CloudEvent,
  type ContextName,
  type StreamContext,
  streamName,
  streamSubjects,
} from "@simhub/contracts";
import { createTokenVerifier, jwksFromUrl, type TokenVerifier } from "./auth.ts";
import { type EventHandlers, type RunningConsumer, startConsumer } from "./consumer.ts";
import { type Knex, type Migration, openDatabase } from "./db.ts";
import { createGrpcClient, type GrpcClient } from "./grpc-client.ts";
import { createGrpcServer, type GrpcServer } from "./grpc-server.ts";
import { createLogger, type Logger } from "./logger.ts";
import { createMetrics, type PlatformMetrics } from "./metrics.ts";
import {
  connectNats,
  ensureDeadLetterStream,
  ensureStream,
  type NatsConnection,
  natsCredentials,
} from "./nats.ts";
import { type ExtraRoute, type OpsServer, type ReadinessCheck, startOpsServer } from "./ops-server.ts";
import { type OutboxRelay, startOutboxRelay } from "./outbox.ts";
import { type ProcessedEventsPruner, startProcessedEventsPruning } from "./processed-events.ts";
import { startTracing, type TracingHandle } from "./tracing.ts";

export interface ServiceRuntimeConfig {
  DATABASE_URL: string;
  NATS_URL: string;
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
  EVENT_NAMESPACE: string;
  LOG_LEVEL: string;
  JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  SHUTDOWN_GRACE_MS: number;
  DB_POOL_MAX: number;
  DB_STATEMENT_TIMEOUT_MS: number;
  GRPC_DEADLINE_MS: number;
  NATS_STREAM_REPLICAS: number;
  /** Longest time a stopping process keeps answering calls after its readiness went off (default 3 s). */
  SHUTDOWN_DRAIN_MS?: number | undefined;
  /** Defaults for every consumer of the process that sets none of its own. */
  CONSUMER_ACK_WAIT_MS?: number | undefined;
  CONSUMER_MAX_DELIVER?: number | undefined;
  GRPC_PORT: number;
  HTTP_PORT: number;
}

export interface ServiceRuntimeOptions {
  /** e.g. "sim-service": log field, metric label, CloudEvents source suffix. */
  name: string;
  context: ContextName & StreamContext;
  config: ServiceRuntimeConfig;
  migrations: Migration[];
  /** identity-service verifies against its own keys instead of fetching its JWKS. */
  verifyToken?: TokenVerifier;
  opsRoutes?: Record<string, ExtraRoute>;
  logger?: Logger;
}

export interface ConsumerSpec {
  /** Source stream context. */
  from: StreamContext;
  durable: string;
  handlers: EventHandlers;
  /**
   * Filter on the stream's wildcard subject rather than on the handled
   * types: for a consumer of every type of the stream. Types without a
   * handler are still acknowledged unparsed.
   */
  wholeStream?: boolean;
  /** Asked once per batch before the handlers' transaction; false acknowledges an event without one (consumer.ts). */
  wanted?: (events: readonly CloudEvent[]) => Promise<boolean[]>;
  /** Waiting messages handled in one transaction, at most this many (consumer.ts). */
  maxBatch?: number;
  /** Handlers idempotent by themselves: no processed-events row per event (consumer.ts). */
  idempotent?: boolean;
  /** Messages pulled at once (consumer.ts, default 64). */
  pullBatch?: number;
  /** How long a batch waits for more messages before its transaction starts (consumer.ts). */
  batchWindowMs?: number;
  maxDeliver?: number;
  ackWaitMs?: number;
}

export class ServiceRuntime {
  readonly name: string;
  readonly config: ServiceRuntimeConfig;
  readonly logger: Logger;
  readonly metrics: PlatformMetrics;
  readonly db: Knex;
  readonly nc: NatsConnection;
  readonly grpc: GrpcServer;
  readonly verifyToken: TokenVerifier;
  readonly eventSettings: { namespace: string; source: string };
  grpcPort = 0;
  httpPort = 0;
  private readonly tracing: TracingHandle;
  private relay: OutboxRelay | undefined;
  private pruner: ProcessedEventsPruner | undefined;
  private ops: OpsServer | undefined;
  private readonly consumerSpecs: ConsumerSpec[] = [];
  private readonly consumers: RunningConsumer[] = [];
  private readonly clients: { close(): void }[] = [];
  private readonly readiness: ReadinessCheck[] = [];
  private readonly stopHooks: (() => Promise<void>)[] = [];
  private readonly opsRoutes: Record<string, ExtraRoute>;
  private draining = false;
  private natsConnected = true;
  private stopping: Promise<void> | undefined;

  private constructor(
    options: ServiceRuntimeOptions,
    parts: {
      logger: Logger;
      metrics: PlatformMetrics;
      db: Knex;
      nc: NatsConnection;
      verifyToken: TokenVerifier;
      tracing: TracingHandle;
    },
  ) {
    this.tracing = parts.tracing;
    this.name = options.name;
    this.config = options.config;
    this.logger = parts.logger;
    this.metrics = parts.metrics;
    this.db = parts.db;
    this.nc = parts.nc;
    this.verifyToken = parts.verifyToken;
    this.opsRoutes = options.opsRoutes ?? {};
    this.eventSettings = { namespace: options.config.EVENT_NAMESPACE, source: `simhub/${options.name}` };
    this.grpc = createGrpcServer({
      logger: this.logger,
      metrics: this.metrics,
      verifyToken: this.verifyToken,
    });
    this.readiness.push(
      { name: "draining", check: () => !this.draining },
      // Ready only once the gRPC port is bound (the last step of start()).
      { name: "grpc", check: () => this.grpcPort !== 0 },
      { name: "nats", check: () => !this.nc.isClosed() && this.natsConnected, required: false },
      {
        name: "database",
        check: async () => {
          await this.db.raw("SELECT 1");
          return true;
        },
      },
    );
    (async () => {
      for await (const status of parts.nc.status()) {
        if (status.type === "disconnect") this.natsConnected = false;
        if (status.type === "reconnect") this.natsConnected = true;
      }
    })().catch(() => {});
  }

  static async create(options: ServiceRuntimeOptions): Promise<ServiceRuntime> {
    const { config } = options;
    // Before the database opens: the pg instrumentation patches the driver knex loads (tracing.ts).
    const tracing = await startTracing(options.name);
    const logger = options.logger ?? createLogger(options.name, config.LOG_LEVEL);
    const metrics = createMetrics(options.name);
    const db = await openDatabase({
      url: config.DATABASE_URL,
      migrations: options.migrations,
      poolMax: config.DB_POOL_MAX,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      metrics,
      applicationName: options.name,
    });
    const nc = await connectNats(config.NATS_URL, options.name, logger, natsCredentials(config));
    await ensureStream(nc, config.EVENT_NAMESPACE, options.context, config.NATS_STREAM_REPLICAS);
    const verifyToken =
      options.verifyToken ??
      createTokenVerifier({
        issuer: config.JWT_ISSUER,
        audience: config.JWT_AUDIENCE,
        keys: jwksFromUrl(config.JWKS_URL),
      });
    return new ServiceRuntime(options, { logger, metrics, db, nc, verifyToken, tracing });
  }

  /** A typed client of another service, with breakers and this process's metrics. */
  client<Methods>(
    context: ContextName,
    address: string,
    options: { metadata?: Record<string, string> } = {},
  ): GrpcClient<Methods> {
    const client = createGrpcClient<Methods>(context, address, {
      logger: this.logger,
      metrics: this.metrics,
      deadlineMs: this.config.GRPC_DEADLINE_MS,
      ...(options.metadata ? { metadata: options.metadata } : {}),
    });
    this.clients.push(client);
    return client;
  }

  consume(spec: ConsumerSpec) {
    this.consumerSpecs.push(spec);
  }

  /**
   * Work of the service's own (a dispatcher, a timer) to stop on shutdown:
   * after gRPC stopped accepting calls, before the consumers, the relay and
   * the database stop, so it can still write.
   */
  onStop(hook: () => Promise<void>) {
    this.stopHooks.push(hook);
  }

  addReadinessCheck(check: ReadinessCheck) {
    this.readiness.push(check);
  }

  /** Publishes everything committed so far (tests and benchmarks). */
  flushOutbox(): Promise<void> {
    return this.relay?.flush() ?? Promise.resolve();
  }

  async start(): Promise<this> {
    this.ops = await startOpsServer({
      port: this.config.HTTP_PORT,
      registry: this.metrics.registry,
      readiness: this.readiness,
      routes: this.opsRoutes,
    });
    this.httpPort = this.ops.port;
    this.relay = startOutboxRelay({
      db: this.db,
      databaseUrl: this.config.DATABASE_URL,
      nc: this.nc,
      logger: this.logger,
      metrics: this.metrics,
      lockName: this.name,
    });
    const replicas = this.config.NATS_STREAM_REPLICAS;
    if (this.consumerSpecs.length > 0) {
      await ensureDeadLetterStream(this.nc, this.config.EVENT_NAMESPACE, replicas);
    }
    for (const spec of this.consumerSpecs) {
      const namespace = this.config.EVENT_NAMESPACE;
      await ensureStream(this.nc, namespace, spec.from, replicas, { owned: false });
      const maxDeliver = spec.maxDeliver ?? this.config.CONSUMER_MAX_DELIVER;
      const ackWaitMs = spec.ackWaitMs ?? this.config.CONSUMER_ACK_WAIT_MS;
      this.consumers.push(
        await startConsumer({
          nc: this.nc,
          db: this.db,
          logger: this.logger,
          metrics: this.metrics,
          namespace,
          stream: streamName(namespace, spec.from),
          durable: spec.durable,
          handlers: spec.handlers,
          ...(spec.wholeStream ? { wholeStream: streamSubjects(namespace, spec.from) } : {}),
          ...(spec.wanted ? { wanted: spec.wanted } : {}),
          ...(spec.maxBatch ? { maxBatch: spec.maxBatch } : {}),
          ...(spec.idempotent ? { idempotent: true } : {}),
          ...(spec.pullBatch ? { pullBatch: spec.pullBatch } : {}),
          ...(spec.batchWindowMs ? { batchWindowMs: spec.batchWindowMs } : {}),
          ...(maxDeliver ? { maxDeliver } : {}),
          ...(ackWaitMs ? { ackWaitMs } : {}),
        }),
      );
    }
    this.pruner = startProcessedEventsPruning({ db: this.db, logger: this.logger });
    // Bound last: behind a list of replicas (round-robin) a caller sends to
    // an instance as soon as its port accepts, so a restarting one takes
    // calls only once its relay and consumers run.
    this.grpcPort = await this.grpc.start(this.config.GRPC_PORT);
    this.grpc.setServing(true);
    this.logger.info({ grpcPort: this.grpcPort, httpPort: this.httpPort }, `${this.name} ready`);
    return this;
  }

  stop(): Promise<void> {
    this.stopping ??= this.shutdown();
    return this.stopping;
  }

  /**
   * Readiness is off, but callers in the middle of a request (a gateway
   * draining at the same moment, a request that makes a second call) may
   * still need this process: it keeps answering until no call has started
   * for a moment, or SHUTDOWN_DRAIN_MS has passed, and only then stops
   * accepting calls.
   */
  private async untilCallsStop(quietMs = 300) {
    const started = Date.now();
    const maxMs = this.config.SHUTDOWN_DRAIN_MS ?? 3_000;
    const callsStarted = async () =>
      (await this.metrics.grpcServerStarted.get()).values.reduce((sum, sample) => sum + sample.value, 0);
    let seen = await callsStarted();
    let lastCallAt = Date.now();
    while (Date.now() - lastCallAt < quietMs && Date.now() - started < maxMs) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const now = await callsStarted();
      if (now !== seen) {
        seen = now;
        lastCallAt = Date.now();
      }
    }
  }

  private async shutdown() {
    this.draining = true;
    this.grpc.setServing(false);
    await this.untilCallsStop();
    await this.grpc.stop(this.config.SHUTDOWN_GRACE_MS);
    for (const hook of this.stopHooks) {
      await hook().catch((error: unknown) => this.logger.error({ err: error }, "stopping failed"));
    }
    await Promise.all(this.consumers.map((consumer) => consumer.stop()));
    await this.relay?.stop();
    await this.pruner?.stop();
    for (const client of this.clients) client.close();
    await this.nc.drain().catch(() => {});
    await this.ops?.close();
    await this.db.destroy();
    await this.tracing.shutdown();
    this.logger.info(`${this.name} stopped`);
  }
}

/** Runs `stop` once on SIGTERM/SIGINT, then exits; a second signal exits at once. */
export function stopOnSignals(logger: Logger, stop: () => Promise<void>) {
  let stopping = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    logger.info({ signal }, "shutting down");
    stop().then(
      () => process.exit(0),
      (error) => {
        logger.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
