// One prom-client registry per process (several services share a process in
// tests, so nothing uses the global registry). Names follow Prometheus
// conventions and go-grpc-prometheus; labels never carry a tenant, user or
// SIM id, so the number of series does not grow with the data.
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

const gaugesNamedLikeCounters = [
  "nodejs_active_handles_total",
  "nodejs_active_requests_total",
  "nodejs_active_resources_total",
];

export function createMetrics(service: string) {
  const registry = new Registry();
  registry.setDefaultLabels({ service });
  // The event-loop lag is sampled by a timer: at prom-client's default of
  // every 10 ms it woke an idle process 100 times a second, most of what it
  // spent idle (docs/performance.md, "Idle"). Every 100 ms still sees the
  // stalls the lag alert (p99 > 200 ms) is about.
  collectDefaultMetrics({ register: registry, eventLoopMonitoringPrecision: 100 });
  // prom-client also exports these three totals as gauges named like
  // counters, which Prometheus's own lint (`promtool check metrics`) refuses;
  // the per-type gauges without the suffix stay, and their sum is the total.
  for (const name of gaugesNamedLikeCounters) registry.removeSingleMetric(name);

  const grpcLabels = ["grpc_type", "grpc_service", "grpc_method"] as const;
  // Read on scrape; openDatabase points these at its pool.
  const poolStats = { inUse: () => 0, waiting: () => 0 };
  return {
    registry,
    poolStats,
    grpcServerStarted: new Counter({
      name: "grpc_server_started_total",
      help: "RPCs started on the server.",
      labelNames: grpcLabels,
      registers: [registry],
    }),
    grpcServerHandled: new Counter({
      name: "grpc_server_handled_total",
      help: "RPCs completed on the server, regardless of success or failure.",
      labelNames: [...grpcLabels, "grpc_code"],
      registers: [registry],
    }),
    grpcServerHandling: new Histogram({
      name: "grpc_server_handling_seconds",
      help: "Response latency of RPCs handled by the server.",
      labelNames: grpcLabels,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    grpcClientStarted: new Counter({
      name: "grpc_client_started_total",
      help: "RPCs started on the client.",
      labelNames: grpcLabels,
      registers: [registry],
    }),
    grpcClientHandled: new Counter({
      name: "grpc_client_handled_total",
      help: "RPCs completed by the client, regardless of success or failure.",
      labelNames: [...grpcLabels, "grpc_code"],
      registers: [registry],
    }),
    grpcClientHandling: new Histogram({
      name: "grpc_client_handling_seconds",
      help: "Latency of RPCs until the response is received by the client.",
      labelNames: grpcLabels,
      buckets: latencyBuckets,
      registers: [registry],
    }),
    chainReplicaLookups: new Counter({
      name: "simhub_chain_replica_lookups_total",
      help: "Lookups in the local company/organization chain replica: hit, miss (asked over gRPC and stored), unknown.",
      labelNames: ["what", "result"],
      registers: [registry],
    }),
    breakerState: new Gauge({
      name: "simhub_breaker_state",
      help: "Circuit breaker state per downstream method: 0 closed, 1 half-open, 2 open.",
      labelNames: ["downstream"],
      registers: [registry],
    }),
    breakerTransitions: new Counter({
      name: "simhub_breaker_transitions_total",
      help: "Circuit breaker state changes per downstream method.",
      labelNames: ["downstream", "to"],
      registers: [registry],
    }),
    outboxBacklog: new Gauge({
      name: "simhub_outbox_backlog",
      help: "Events committed to the outbox but not yet published.",
      registers: [registry],
    }),
    outboxPublishLag: new Histogram({
      name: "simhub_outbox_publish_lag_seconds",
      help: "Time from the commit of an outbox row to JetStream's publish acknowledgement.",
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers: [registry],
    }),
    eventsPublished: new Counter({
      name: "simhub_events_published_total",
      help: "Events published to JetStream by type and result.",
      labelNames: ["type", "result"],
      registers: [registry],
    }),
    eventsConsumed: new Counter({
      name: "simhub_events_consumed_total",
      help: "Events consumed by type and result (processed, duplicate, failed, dead_lettered).",
      labelNames: ["type", "result"],
      registers: [registry],
    }),
    consumerRedeliveries: new Counter({
      name: "simhub_consumer_redeliveries_total",
      help: "Messages delivered again to a consumer after a failure or a missed ack.",
      labelNames: ["consumer"],
      registers: [registry],
    }),
    consumerDeadLetters: new Counter({
      name: "simhub_consumer_dead_letters_total",
      help: "Messages moved to the dead-letter subject after their maximum deliveries.",
      labelNames: ["consumer"],
      registers: [registry],
    }),
    dbPoolInUse: new Gauge({
      name: "simhub_db_pool_in_use",
      help: "Database connections checked out of the pool.",
      registers: [registry],
      collect() {
        this.set(poolStats.inUse());
      },
    }),
    dbPoolWaiting: new Gauge({
      name: "simhub_db_pool_waiting",
      help: "Requests waiting for a database connection.",
      registers: [registry],
      collect() {
        this.set(poolStats.waiting());
      },
    }),
  };
}

export type PlatformMetrics = ReturnType<typeof createMetrics>;
