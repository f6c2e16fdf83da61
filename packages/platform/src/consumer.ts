// A durable, idempotent JetStream consumer (STYLE.md #7). Each message is
// handled in one database transaction that first records its event id in
// processed_events: a redelivery finds the id and is acknowledged without
// running the handler again. Acks happen only after the commit; failures are
// nak'ed with a growing delay, and after maxDeliver attempts (or at once for
// an unparseable message) the message goes to the dead-letter subject and is
// terminated so it never blocks the ones behind it.
//
// Only the message's own failures count towards dead-lettering: a handler
// that fails because the database is away (a restart, a failover) is retried
// in place until it is back, telling JetStream the message is still being
// worked on; and a message delivered again only because its ack was late (a
// killed process, a short ack wait) is handled normally, however often it
// was delivered — it is dead-lettered only when its own attempt fails too.
//
// A consumer receives only the subjects it handles (ARCHITECTURE.md): on
// NATS 2.10+ one durable consumer filters on all of them; NATS 2.9 filters on
// one subject per consumer, so there the subscription is one durable consumer
// per subject, named `<durable>-<EventType>` (a single subject keeps the
// durable's own name). Handlers on different subjects may then run in either
// order, so they must not depend on each other's order (the chain replica's
// handlers commute: see chain-replica.ts). A message whose type the consumer
// does not handle is acknowledged on its Ce-Type header, without parsing, and
// never dead-lettered.
import {
  type CloudEvent,
  deadLetterSubject,
  type EventType,
  eventCatalog,
  namespacedSubject,
  parseCloudEvent,
} from "@simhub/contracts";
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  type JsMsg,
  type NatsConnection,
  nanos,
  headers as natsHeaders,
} from "nats";
import { type RequestContext, runWithContext } from "./context.ts";
import type { Knex } from "./db.ts";
import type { Logger } from "./logger.ts";
import type { PlatformMetrics } from "./metrics.ts";
import { endSpan, runInSpan, SpanKind, startSpan } from "./tracing.ts";

export type EventHandler = (trx: Knex.Transaction, event: CloudEvent) => Promise<void>;

export interface ConsumerOptions {
  nc: NatsConnection;
  db: Knex;
  logger: Logger;
  metrics: PlatformMetrics;
  namespace: string;
  stream: string;
  /** Durable name, shared by every replica of the consuming service. */
  durable: string;
  handlers: Partial<Record<EventType, EventHandler>>;
  /**
   * The stream's wildcard subject (`simhub.<ctx>.>`) instead of one subject
   * per handled type: for a consumer that handles every type of a stream
   * (webhook-service), one durable whatever the server version.
   */
  wholeStream?: string;
  /**
   * Asked before the handler's transaction: false acknowledges the event
   * without one (no processed-events row, no handler). For a consumer that
   * acts on few of many events (webhook-service, when no endpoint wants the
   * event), so the others cost one cheap read instead of a transaction.
   */
  wanted?: (event: CloudEvent) => Promise<boolean>;
  maxDeliver?: number;
  ackWaitMs?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
}

const transientCodes = new Set([
  "57P01", // admin_shutdown: the server is restarting
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or shutting down
  "53300", // too_many_connections
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
]);

/**
 * Failures of the database connection (or a retryable conflict) rather than
 * of the message: trying the same message again later can succeed.
 */
export function isTransientFailure(error: unknown): boolean {
  const failure = error as { code?: unknown; name?: unknown; message?: unknown } | undefined;
  const code = typeof failure?.code === "string" ? failure.code : "";
  if (transientCodes.has(code) || code.startsWith("08")) return true; // class 08: connection exception
  if (failure?.name === "KnexTimeoutError") return true; // no connection could be acquired
  const message = typeof failure?.message === "string" ? failure.message : "";
  return /Connection terminated|not queryable|terminating connection|the database system is (starting up|shutting down|in recovery mode)/i.test(
    message,
  );
}

/** One durable JetStream consumer and the subjects it filters on. */
export interface ConsumerSubscription {
  durable: string;
  subjects: string[];
}

/** Whether the server filters one consumer on several subjects (NATS 2.10+). */
export function supportsMultipleFilters(serverVersion: string | undefined): boolean {
  const [major = 0, minor = 0] = (serverVersion ?? "0.0").split(".").map(Number);
  return major > 2 || (major === 2 && minor >= 10);
}

/**
 * The durable consumers that receive exactly the handled subjects: one on a
 * server with multi-subject filters, else one per subject.
 */
export function plannedSubscriptions(
  namespace: string,
  durable: string,
  types: readonly EventType[],
  serverVersion: string | undefined,
): ConsumerSubscription[] {
  const subjectOf = (type: EventType) => namespacedSubject(namespace, eventCatalog[type].subject);
  if (types.length === 1 || supportsMultipleFilters(serverVersion)) {
    return [{ durable, subjects: types.map(subjectOf) }];
  }
  return types.map((type) => ({ durable: `${durable}-${type}`, subjects: [subjectOf(type)] }));
}

/** Starts the durable consumers of `options.handlers` (see plannedSubscriptions). */
export async function startConsumer(options: ConsumerOptions): Promise<RunningConsumer> {
  const types = Object.keys(options.handlers) as EventType[];
  const subscriptions = options.wholeStream
    ? [{ durable: options.durable, subjects: [options.wholeStream] }]
    : plannedSubscriptions(options.namespace, options.durable, types, options.nc.info?.version);
  const running = await Promise.all(
    subscriptions.map((subscription) => startSubscription(options, subscription)),
  );
  return {
    async stop() {
      await Promise.all(running.map((consumer) => consumer.stop()));
    },
  };
}

async function startSubscription(
  options: ConsumerOptions,
  subscription: ConsumerSubscription,
): Promise<RunningConsumer> {
  const maxDeliver = options.maxDeliver ?? 5;
  const durable = subscription.durable;
  const jsm = await options.nc.jetstreamManager();
  await jsm.consumers.add(options.stream, {
    durable_name: durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ...(subscription.subjects.length === 1
      ? { filter_subject: subscription.subjects[0] }
      : { filter_subjects: subscription.subjects }),
    ack_wait: nanos(options.ackWaitMs ?? 30_000),
    // The consumer dead-letters by itself one delivery after maxDeliver; the
    // server-side limit is a backstop should that publish keep failing.
    max_deliver: maxDeliver + 5,
  });
  const js = options.nc.jetstream();
  const consumer = await js.consumers.get(options.stream, durable);
  // Messages pulled ahead wait their turn while their ack deadline runs: a
  // short ack wait pulls fewer at a time, so they are not delivered again
  // just for having waited.
  const batch = Math.max(1, Math.min(64, Math.floor((options.ackWaitMs ?? 30_000) / 100)));
  let messages: ConsumerMessages | undefined;
  let stopped = false;
  let inFlight: Promise<void> = Promise.resolve();

  async function deadLetter(msg: JsMsg, type: string, reason: string) {
    const h = natsHeaders();
    for (const [key, values] of msg.headers ?? []) for (const value of values) h.append(key, value);
    h.set("Simhub-Dead-Letter-Reason", reason.slice(0, 500));
    h.set("Simhub-Original-Subject", msg.subject);
    await js.publish(deadLetterSubject(options.namespace, durable, type || "unknown"), msg.data, {
      headers: h,
    });
    msg.term(reason.slice(0, 200));
    options.metrics.consumerDeadLetters.inc({ consumer: durable });
    options.metrics.eventsConsumed.inc({ type: type || "unknown", result: "dead_lettered" });
    options.logger.error({ consumer: durable, type, reason }, "message dead-lettered");
  }

  async function handle(msg: JsMsg) {
    if (msg.info.redelivered) options.metrics.consumerRedeliveries.inc({ consumer: durable });
    const announcedType = msg.headers?.get("Ce-Type");
    if (announcedType && !(announcedType in options.handlers)) {
      msg.ack();
      options.metrics.eventsConsumed.inc({ type: "unhandled", result: "skipped" });
      return;
    }
    let event: CloudEvent;
    try {
      event = parseCloudEvent(msg.json());
    } catch (error) {
      await deadLetter(msg, msg.headers?.get("Ce-Type") ?? "", `unparseable event: ${String(error)}`);
      return;
    }
    const handler = options.handlers[event.type as EventType];
    if (!handler) {
      msg.ack();
      return;
    }
    // The span's parent is the relay's publish span (the message's header),
    // or the event's own traceparent when it came without one.
    const span = startSpan(`process ${event.type}`, SpanKind.CONSUMER, {
      parent: msg.headers?.get("traceparent") || event.traceparent,
      attributes: {
        "messaging.system": "nats",
        "messaging.operation.type": "process",
        "messaging.destination.name": msg.subject,
        "messaging.consumer.group.name": durable,
        "messaging.message.id": event.id,
      },
    });
    const traceparent = span?.traceparent ?? event.traceparent;
    const context: RequestContext = {
      requestId: msg.headers?.get("X-Request-Id") || event.id,
      ...(traceparent ? { traceparent } : {}),
    };
    try {
      const failure = await runInSpan(span, async () => {
        if (options.wanted) {
          // A filter that cannot answer (the database is away) counts as "wanted":
          // the handler's path below knows how to wait for the database.
          const wanted = await options.wanted(event).catch(() => true);
          span?.span.setAttribute("simhub.event_wanted", wanted);
          if (!wanted) {
            msg.ack();
            options.metrics.eventsConsumed.inc({ type: event.type, result: "skipped" });
            return undefined;
          }
        }
        return handleInTransaction(msg, event, handler, context);
      });
      endSpan(span, failure);
    } catch (error) {
      endSpan(span, String(error));
      throw error;
    }
  }

  async function handleInTransaction(
    msg: JsMsg,
    event: CloudEvent,
    handler: EventHandler,
    context: RequestContext,
  ): Promise<string | undefined> {
    for (let retry = 0; ; retry++) {
      try {
        const processed = await runWithContext(context, () =>
          options.db.transaction(async (trx) => {
            const inserted = await trx("processed_events")
              .insert({ consumer: durable, event_id: event.id, type: event.type })
              .onConflict(["consumer", "event_id"])
              .ignore()
              .returning("event_id");
            if (inserted.length === 0) return false;
            await handler(trx, event);
            return true;
          }),
        );
        msg.ack();
        options.metrics.eventsConsumed.inc({
          type: event.type,
          result: processed ? "processed" : "duplicate",
        });
        return undefined;
      } catch (error) {
        options.metrics.eventsConsumed.inc({ type: event.type, result: "failed" });
        if (isTransientFailure(error) && !stopped) {
          // The database failed, not the message: keep it (the ack deadline
          // starts over) and try again once the connection is back.
          if (retry === 0) {
            options.logger.warn(
              { err: error, consumer: durable, type: event.type },
              "database unavailable; retrying the event in place",
            );
          }
          msg.working();
          await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** retry, 2_000)));
          continue;
        }
        if (msg.info.deliveryCount >= maxDeliver && !isTransientFailure(error)) {
          options.logger.warn({ err: error, consumer: durable, type: event.type }, "event handler failed");
          await deadLetter(msg, event.type, `failed ${msg.info.deliveryCount} deliveries`);
          return `dead-lettered: ${String(error)}`;
        }
        options.logger.warn({ err: error, consumer: durable, type: event.type }, "event handler failed");
        msg.nak(Math.min(250 * 2 ** (msg.info.deliveryCount - 1), 10_000));
        return `delivered again later: ${String(error)}`;
      }
    }
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        messages = await consumer.consume({ max_messages: batch });
        for await (const msg of messages) {
          inFlight = handle(msg);
          await inFlight;
        }
      } catch (error) {
        if (stopped) break;
        options.logger.warn({ err: error, consumer: durable }, "consumer interrupted; resubscribing");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      await inFlight.catch(() => {});
      await messages?.close().catch(() => {});
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    },
  };
}
