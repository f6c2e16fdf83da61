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
//
// A consumer with `maxBatch` > 1 handles the messages that arrived while the
// previous transaction ran in one transaction (one processed-events insert,
// each handler in delivery order, one commit): batches grow with the backlog
// and stay at one message when events trickle in, so latency is unchanged at
// low rates (unless `batchWindowMs` has the first message wait that long
// for others, trading a few milliseconds for fewer transactions at a
// steady rate). A batch that fails for one of its messages is handled again
// message by message, so only that message is retried or dead-lettered.
// A handler given as `{ batch }` gets each run of its type in a batch in one
// call (one statement for many changes) instead of one call per event.
//
// An `idempotent` consumer writes no processed-events row: its handlers'
// effect is a state that only moves forward (handling an event again changes
// nothing), so a redelivery is handled again instead of being recognised.
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
import { type Knex, preparedRaw } from "./db.ts";
import type { Logger } from "./logger.ts";
import type { PlatformMetrics } from "./metrics.ts";
import { endSpan, runInSpan, SpanKind, type StartedSpan, startSpan, tracingEnabled } from "./tracing.ts";

export type EventHandler = (trx: Knex.Transaction, event: CloudEvent) => Promise<void>;

/**
 * Handles a run of events at once, in delivery order: the events of a batch
 * that follow one another and share this handler (one event when events
 * trickle in). For handlers that apply many changes in one statement; what
 * it does must equal handling the events one by one, in that order.
 */
export interface EventBatchHandler {
  batch: (trx: Knex.Transaction, events: CloudEvent[]) => Promise<void>;
}

export type EventHandlers = Partial<Record<EventType, EventHandler | EventBatchHandler>>;

export interface ConsumerOptions {
  nc: NatsConnection;
  db: Knex;
  logger: Logger;
  metrics: PlatformMetrics;
  namespace: string;
  stream: string;
  /** Durable name, shared by every replica of the consuming service. */
  durable: string;
  handlers: EventHandlers;
  /**
   * The stream's wildcard subject (`simhub.<ctx>.>`) instead of one subject
   * per handled type: for a consumer that handles every type of a stream
   * (webhook-service), one durable whatever the server version.
   */
  wholeStream?: string;
  /**
   * Asked once per batch before the handlers' transaction, one answer per
   * event in order: false acknowledges the event without one (no
   * processed-events row, no handler). For a consumer that acts on few of
   * many events (webhook-service, when no endpoint wants the event), so the
   * others cost a share of one cheap read instead of a transaction.
   */
  wanted?: (events: readonly CloudEvent[]) => Promise<boolean[]>;
  /**
   * Up to this many messages that are already waiting share one transaction
   * (default 1). For handlers whose events are independent of the failure of
   * another: a failed batch is retried one message at a time.
   */
  maxBatch?: number;
  /**
   * The handlers are idempotent by what they write (handling an event again
   * changes nothing), so no processed-events row is written per event: a
   * redelivered event is simply handled again. For a consumer of many small
   * events whose effect is a state that only moves forward (rule-service's
   * usage totals); an event twice in one batch still runs once.
   */
  idempotent?: boolean;
  /**
   * Messages pulled from the server at once (default 64), at most
   * `ackWaitMs` / 100: with large batches, a pull of a batch or more keeps
   * the next one waiting while this one is handled.
   */
  pullBatch?: number;
  /**
   * With `maxBatch`: how long the first waiting message waits for others
   * before its transaction starts (default 0: at once). For a consumer whose
   * cost is per transaction rather than per message (webhook fan-out), a
   * few milliseconds of latency for far fewer transactions at a steady rate.
   */
  batchWindowMs?: number;
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
  const batch = Math.max(
    1,
    Math.min(options.pullBatch ?? 64, Math.floor((options.ackWaitMs ?? 30_000) / 100)),
  );
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

  interface Prepared {
    msg: JsMsg;
    event: CloudEvent;
    handler: EventHandler | EventBatchHandler;
    /** The event's consumer span (when tracing is on), ended once the event is settled. */
    span: StartedSpan | undefined;
    context: RequestContext;
  }

  /** Acknowledges what needs no transaction; returns the rest with its handler. */
  async function prepare(msg: JsMsg): Promise<Prepared | undefined> {
    if (msg.info.redelivered) options.metrics.consumerRedeliveries.inc({ consumer: durable });
    const announcedType = msg.headers?.get("Ce-Type");
    if (announcedType && !(announcedType in options.handlers)) {
      msg.ack();
      options.metrics.eventsConsumed.inc({ type: "unhandled", result: "skipped" });
      return undefined;
    }
    let event: CloudEvent;
    try {
      event = parseCloudEvent(msg.json());
    } catch (error) {
      await deadLetter(msg, msg.headers?.get("Ce-Type") ?? "", `unparseable event: ${String(error)}`);
      return undefined;
    }
    const handler = options.handlers[event.type as EventType];
    if (!handler) {
      msg.ack();
      return undefined;
    }
    // The span's parent is the relay's publish span (the message's header),
    // or the event's own traceparent when it came without one. Its
    // attributes are built only when traces are recorded: this runs for
    // every message.
    const span = tracingEnabled()
      ? startSpan(`process ${event.type}`, SpanKind.CONSUMER, {
          parent: msg.headers?.get("traceparent") || event.traceparent,
          attributes: {
            "messaging.system": "nats",
            "messaging.operation.type": "process",
            "messaging.destination.name": msg.subject,
            "messaging.consumer.group.name": durable,
            "messaging.message.id": event.id,
          },
        })
      : undefined;
    const traceparent = span?.traceparent ?? event.traceparent;
    const context: RequestContext = {
      requestId: msg.headers?.get("X-Request-Id") || event.id,
      ...(traceparent ? { traceparent } : {}),
    };
    return { msg, event, handler, span, context };
  }

  /** The items `wanted` keeps; the others are acknowledged here. */
  async function keepWanted(items: Prepared[]): Promise<Prepared[]> {
    if (!options.wanted || items.length === 0) return items;
    const first = items[0]!;
    // A filter that cannot answer (the database is away) counts as "wanted":
    // the handler's path knows how to wait for the database.
    const answers = await runWithContext(first.context, () =>
      runInSpan(first.span, () => options.wanted!(items.map((item) => item.event))),
    ).catch(() => items.map(() => true));
    const kept: Prepared[] = [];
    const skipped = new Map<string, number>();
    items.forEach((item, index) => {
      const wanted = answers[index] !== false;
      item.span?.span.setAttribute("simhub.event_wanted", wanted);
      if (wanted) {
        kept.push(item);
        return;
      }
      item.msg.ack();
      skipped.set(item.event.type, (skipped.get(item.event.type) ?? 0) + 1);
      endSpan(item.span);
    });
    for (const [type, count] of skipped)
      options.metrics.eventsConsumed.inc({ type, result: "skipped" }, count);
    return kept;
  }

  /**
   * Records the events' ids and runs the handlers of those not seen before,
   * in order, in one transaction. Returns the ids that were processed.
   */
  function transact(items: Prepared[]): Promise<Set<string>> {
    return options.db.transaction(async (trx) => {
      // The processed-events insert is a named prepared statement: every
      // consumer transaction runs it.
      const fresh = options.idempotent
        ? new Set(items.map((item) => item.event.id))
        : new Set(
            (
              await preparedRaw<{ rows: { event_id: string }[] }>(
                trx,
                `INSERT INTO processed_events (consumer, event_id, type)
                 SELECT ?, * FROM unnest(?::uuid[], ?::text[])
                 ON CONFLICT (consumer, event_id) DO NOTHING
                 RETURNING event_id`,
                [durable, items.map((item) => item.event.id), items.map((item) => item.event.type)],
              )
            ).rows.map((row) => row.event_id),
          );
      const processed = new Set<string>();
      // The same event twice in one batch (a redelivery that overtook its ack) runs once.
      const toRun = items.filter((item) => {
        if (!fresh.has(item.event.id) || processed.has(item.event.id)) return false;
        processed.add(item.event.id);
        return true;
      });
      for (let start = 0; start < toRun.length; ) {
        const first = toRun[start]!;
        const { handler } = first;
        if (typeof handler === "function") {
          await runWithContext(first.context, () => runInSpan(first.span, () => handler(trx, first.event)));
          start++;
          continue;
        }
        // A run of one type with a batch handler: one call, in the first event's context.
        let end = start + 1;
        while (end < toRun.length && toRun[end]!.handler === handler) end++;
        const run = toRun.slice(start, end).map((item) => item.event);
        await runWithContext(first.context, () => runInSpan(first.span, () => handler.batch(trx, run)));
        start = end;
      }
      return processed;
    });
  }

  function acknowledge(items: Prepared[], processed: Set<string>) {
    // Counted once per type and outcome of the batch, not per message.
    const counts = new Map<string, { type: string; result: string; count: number }>();
    for (const { msg, event, span } of items) {
      msg.ack();
      const result = processed.has(event.id) ? "processed" : "duplicate";
      const key = `${event.type} ${result}`;
      const count = counts.get(key);
      if (count) count.count++;
      else counts.set(key, { type: event.type, result, count: 1 });
      endSpan(span);
    }
    for (const { type, result, count } of counts.values()) {
      options.metrics.eventsConsumed.inc({ type, result }, count);
    }
  }

  /** Keeps retrying while the database is away; false when the batch failed for one of its messages. */
  async function handleBatch(items: Prepared[]): Promise<boolean> {
    for (let retry = 0; ; retry++) {
      try {
        acknowledge(items, await transact(items));
        return true;
      } catch (error) {
        if (!isTransientFailure(error) || stopped) return false;
        if (retry === 0) {
          options.logger.warn(
            { err: error, consumer: durable, events: items.length },
            "database unavailable; retrying the events in place",
          );
        }
        for (const { msg } of items) msg.working();
        await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** retry, 2_000)));
      }
    }
  }

  async function handleOne(item: Prepared) {
    const { msg, event } = item;
    for (let retry = 0; ; retry++) {
      try {
        acknowledge([item], await transact([item]));
        return;
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
          endSpan(item.span, `dead-lettered: ${String(error)}`);
          return;
        }
        options.logger.warn({ err: error, consumer: durable, type: event.type }, "event handler failed");
        msg.nak(Math.min(250 * 2 ** (msg.info.deliveryCount - 1), 10_000));
        endSpan(item.span, `delivered again later: ${String(error)}`);
        return;
      }
    }
  }

  async function handle(messagesToHandle: JsMsg[]) {
    const prepared: Prepared[] = [];
    for (const msg of messagesToHandle) {
      const item = await prepare(msg);
      if (item) prepared.push(item);
    }
    const items = await keepWanted(prepared);
    if (items.length === 0) return;
    if (items.length > 1 && (await handleBatch(items))) return;
    for (const item of items) await handleOne(item);
  }

  // The pull loop queues what arrives; the handling loop takes everything
  // queued (up to maxBatch) at once. The pull loop waits while the queue is
  // full, so no more than about two batches are held past their pull.
  const maxBatch = Math.max(1, options.maxBatch ?? 1);
  const batchWindowMs = maxBatch > 1 ? Math.max(0, options.batchWindowMs ?? 0) : 0;
  const queue: JsMsg[] = [];
  let queued: (() => void) | undefined;
  let full: (() => void) | undefined;
  let drained: (() => void) | undefined;
  const handling = (async () => {
    while (!stopped) {
      if (queue.length === 0) {
        await new Promise<void>((resolve) => {
          queued = resolve;
        });
        queued = undefined;
        continue;
      }
      if (batchWindowMs > 0 && queue.length < maxBatch) {
        // Gather: the window runs from now, the first message's arrival here
        // (or until the batch is full).
        await new Promise<void>((resolve) => {
          const timer = setTimeout(done, batchWindowMs);
          function done() {
            clearTimeout(timer);
            full = undefined;
            resolve();
          }
          full = done;
        });
        if (stopped) break;
      }
      const taken = queue.splice(0, maxBatch);
      drained?.();
      inFlight = handle(taken);
      await inFlight.catch((error: unknown) =>
        options.logger.error({ err: error, consumer: durable }, "event handling failed"),
      );
    }
  })();

  const loop = (async () => {
    while (!stopped) {
      try {
        messages = await consumer.consume({ max_messages: batch });
        for await (const msg of messages) {
          queue.push(msg);
          queued?.();
          if (queue.length >= maxBatch) full?.();
          while (queue.length >= maxBatch && !stopped) {
            await new Promise<void>((resolve) => {
              drained = resolve;
            });
            drained = undefined;
          }
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
      drained?.();
      full?.();
      await inFlight.catch(() => {});
      await messages?.close().catch(() => {});
      // Queued messages not handled yet are left unacknowledged: redelivered after their ack wait.
      queue.length = 0;
      queued?.();
      await Promise.race([
        Promise.all([loop, handling]),
        new Promise((resolve) => setTimeout(resolve, 2_000)),
      ]);
    },
  };
}
