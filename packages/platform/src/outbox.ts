// The transactional outbox (STYLE.md #5). `enqueueEvent` writes the CloudEvent
// in the caller's transaction; the relay publishes committed rows to
// JetStream with Nats-Msg-Id = event id and deletes them once acknowledged
// (in the statement that reads the next batch: one round trip per batch).
//
// One relay per database publishes at a time (a PostgreSQL advisory lock
// elects it), so events leave in commit order per aggregate even with several
// replicas; the others stand by and take over when its session ends. A batch
// is published pipelined and only its acknowledged prefix is deleted, so a
// failure never reorders events, and re-publishing the rest is deduplicated
// by JetStream inside the duplicate window.
import { randomUUID } from "node:crypto";
import { type EventData, type EventType, eventCatalog, namespacedSubject } from "@simhub/contracts";
import { type NatsConnection, headers as natsHeaders } from "nats";
import pg from "pg";
import { currentContext } from "./context.ts";
import type { Knex } from "./db.ts";
import { JetStreamBatchPublisher } from "./jetstream-publisher.ts";
import type { Logger } from "./logger.ts";
import type { PlatformMetrics } from "./metrics.ts";
import { endSpan, SpanKind, type StartedSpan, startSpan, tracingEnabled } from "./tracing.ts";

export interface EventToPublish<T extends EventType> {
  type: T;
  /** The aggregate's id: an ICCID for SIMs, a UUID otherwise. */
  subject: string;
  orgId?: string | null;
  companyId?: string | null;
  data: EventData<T>;
}

/** An outbox row, ready to insert: the CloudEvent as text, validated against the catalogue. */
export interface NewOutboxRow {
  event_id: string;
  subject: string;
  type: EventType;
  payload: string;
  headers: string;
}

/**
 * The one event builder: every publisher's events become CloudEvents here,
 * with their data checked against the catalogue (a publisher that breaks the
 * contract fails at write time, not in every consumer), the current trace
 * context and request id.
 */
export function buildOutboxRows(
  settings: { namespace: string; source: string },
  events: readonly EventToPublish<EventType>[],
): NewOutboxRow[] {
  const context = currentContext();
  const time = new Date().toISOString();
  // The trace context rides in the row's headers too, so the relay reads it
  // without parsing the payload: its publish span continues the trace there.
  const headers = JSON.stringify({
    ...(context?.requestId ? { "X-Request-Id": context.requestId } : {}),
    ...(context?.traceparent ? { traceparent: context.traceparent } : {}),
  });
  return events.map((event) => {
    const entry = eventCatalog[event.type];
    const checked = entry.data.safeParse(event.data);
    if (!checked.success) {
      throw new Error(`${event.type} does not match the event catalogue: ${checked.error.message}`);
    }
    const id = randomUUID();
    const payload = {
      specversion: "1.0",
      id,
      source: settings.source,
      type: event.type,
      subject: event.subject,
      time,
      datacontenttype: "application/json",
      ...(event.orgId ? { orgid: event.orgId } : {}),
      ...(event.companyId ? { companyid: event.companyId } : {}),
      ...(context?.traceparent ? { traceparent: context.traceparent } : {}),
      data: event.data,
    };
    return {
      event_id: id,
      subject: namespacedSubject(settings.namespace, entry.subject),
      type: event.type,
      payload: JSON.stringify(payload),
      headers,
    };
  });
}

/**
 * SQL that inserts `rows` into the outbox as part of a larger statement (a
 * data-modifying CTE), only when `condition` (an SQL boolean) holds: the
 * change, its history and its events then cost one round trip. Returns the
 * SQL with `?` placeholders and their bindings, in order.
 *
 * The rows travel as one JSON text, their payloads and headers in it as
 * they are (they are JSON already), which PostgreSQL parses once. As five
 * arrays, pg wrote every payload into an array literal, escaping each of
 * its quotes, and PostgreSQL unescaped and parsed each element again: for
 * a batch of 10,000 usage events that was most of what writing them cost.
 */
export function outboxInsertSql(
  rows: readonly NewOutboxRow[],
  condition = "true",
): { sql: string; bindings: unknown[] } {
  let json = "[";
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    if (i > 0) json += ",";
    json += `[${JSON.stringify(row.event_id)},${JSON.stringify(row.subject)},${JSON.stringify(row.type)},${row.payload},${row.headers}]`;
  }
  json += "]";
  return {
    sql: `INSERT INTO outbox (event_id, subject, type, payload, headers)
          SELECT (e.row->>0)::uuid, e.row->>1, e.row->>2, e.row->3, e.row->4
            FROM jsonb_array_elements(?::jsonb) WITH ORDINALITY AS e(row, position)
           WHERE ${condition}
           ORDER BY e.position`,
    bindings: [json],
  };
}

/**
 * SQL that inserts `rows` as one outbox row holding them all, only when
 * `condition` holds: for a statement that writes many events at once (a
 * usage batch writes one per SIM, thousands). PostgreSQL then stores one
 * text instead of a row, a jsonb value and two index entries per event, and
 * the relay reads and deletes one row. The events are published in this
 * order, each as its own message, exactly as rows of one event are.
 *
 * Each event is a line `event_id TAB subject TAB type TAB payload`: a
 * payload is JSON.stringify's output, which never holds a raw line break or
 * tab. The rows share their headers (the context they were built in).
 */
export function outboxEventsRowSql(
  rows: readonly NewOutboxRow[],
  condition = "true",
): { sql: string; bindings: unknown[] } {
  if (rows.length === 0) throw new Error("an outbox row of many events needs at least one event");
  const headers = rows[0]!.headers;
  let events = "";
  for (const row of rows) {
    if (row.headers !== headers) throw new Error("the events of one outbox row share their headers");
    events += `${row.event_id}\t${row.subject}\t${row.type}\t${row.payload}\n`;
  }
  return {
    sql: `INSERT INTO outbox (events, event_count, headers) SELECT ?, ?, ?::jsonb WHERE ${condition}`,
    bindings: [events, rows.length, headers],
  };
}

export async function enqueueEvent<T extends EventType>(
  trx: Knex | Knex.Transaction,
  settings: { namespace: string; source: string },
  event: EventToPublish<T>,
): Promise<string> {
  const [id] = await enqueueEvents(trx, settings, [event]);
  return id!;
}

export async function enqueueEvents(
  trx: Knex | Knex.Transaction,
  settings: { namespace: string; source: string },
  events: EventToPublish<EventType>[],
): Promise<string[]> {
  if (events.length === 0) return [];
  const rows = buildOutboxRows(settings, events);
  await trx("outbox").insert(rows);
  return rows.map((row) => row.event_id);
}

interface OutboxRow {
  id: string;
  event_id: string | null;
  subject: string | null;
  type: string | null;
  payload: string | null;
  headers: Record<string, string>;
  created_ms: number;
  /** Set on a row of many events (outboxEventsRowSql). */
  event_count: number | null;
}

/** One event on its way to the stream. */
interface Outgoing {
  eventId: string;
  subject: string;
  type: string;
  payload: string;
  headers: Record<string, string>;
  createdMs: number;
}

/** The events of a row of many (outboxEventsRowSql), in order. */
function eventsOfRow(events: string, headers: Record<string, string>, createdMs: number): Outgoing[] {
  const parsed: Outgoing[] = [];
  for (let start = 0; start < events.length; ) {
    const end = events.indexOf("\n", start);
    const first = events.indexOf("\t", start);
    const second = events.indexOf("\t", first + 1);
    const third = events.indexOf("\t", second + 1);
    if (end < 0 || first < 0 || second < 0 || third < 0 || third > end) {
      throw new Error("an outbox row of events is malformed");
    }
    parsed.push({
      eventId: events.slice(start, first),
      subject: events.slice(first + 1, second),
      type: events.slice(second + 1, third),
      payload: events.slice(third + 1, end),
      headers,
      createdMs,
    });
    start = end + 1;
  }
  return parsed;
}

export interface OutboxRelayOptions {
  db: Knex;
  databaseUrl: string;
  nc: NatsConnection;
  logger: Logger;
  metrics: PlatformMetrics;
  /** Distinguishes relays of different services sharing one PostgreSQL server. */
  lockName: string;
  batchSize?: number;
  idlePollMs?: number;
  /** How long a batch waits for the stream's acknowledgements (default 10 s). */
  publishTimeoutMs?: number;
}

export interface OutboxRelay {
  /** Resolves once the backlog present at call time has been published (tests, shutdown). */
  flush(): Promise<void>;
  isLeader(): boolean;
  stop(): Promise<void>;
}

export function startOutboxRelay(options: OutboxRelayOptions): OutboxRelay {
  const batchSize = options.batchSize ?? 512;
  const idlePollMs = options.idlePollMs ?? 1_000;
  let stopped = false;
  let leader = false;
  let wake: (() => void) | undefined;
  let listener: pg.Client | undefined;
  let lastBacklogCheck = 0;
  const idleWaiters: (() => void)[] = [];
  const publisher = new JetStreamBatchPublisher(options.nc);

  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      }
      wake = done;
    });

  async function connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: options.databaseUrl, application_name: "outbox-relay" });
    // A lost session (e.g. a database restart) took the advisory lock with
    // it: stop acting as the leader at once, or another replica that takes
    // the lock meanwhile would publish alongside this one. The loop
    // reconnects and competes for the lock again.
    const lost = () => {
      if (listener !== client) return;
      listener = undefined;
      if (leader) options.logger.warn("outbox relay lost its database session; leadership ends");
      leader = false;
      client.end().catch(() => {});
      wake?.();
    };
    client.on("error", lost);
    client.on("end", lost);
    client.on("notification", () => wake?.());
    await client.connect();
    await client.query("LISTEN simhub_outbox");
    return client;
  }

  /**
   * Rows published but not deleted yet. Their DELETE travels with the next
   * read of the outbox, in one statement: a busy relay makes one round trip
   * (and one commit) per batch instead of two. Deleting a published row
   * later is always safe, and a row published again after a crash is
   * deduplicated by JetStream; what must never happen, deleting a row that
   * was not published, cannot: only acknowledged rows are added here.
   */
  let toDelete: string[] = [];
  const deletePublished = "DELETE FROM outbox WHERE id = ANY(?::bigint[])";

  /**
   * Deletes the rows already published and reads the head of the outbox in
   * one statement. The read cannot see the deletion (a data-modifying CTE's
   * effects are invisible to its own statement), so it leaves those rows out
   * itself. If the statement fails, the rows stay in `toDelete` for the next.
   */
  async function deleteAndReadHead(): Promise<OutboxRow[]> {
    const { rows } = (await options.db.raw(
      `WITH deleted AS (${deletePublished})
       SELECT id, event_id, subject, type, payload::text AS payload, headers, event_count,
              (extract(epoch FROM created_at) * 1000)::float8 AS created_ms
         FROM outbox WHERE id <> ALL(?::bigint[]) ORDER BY id LIMIT ?`,
      [toDelete, toDelete, batchSize] as unknown as Knex.RawBinding[],
    )) as { rows: OutboxRow[] };
    toDelete = [];
    return rows;
  }

  /**
   * Publishes the rows at the head of the outbox: a run of one-event rows,
   * or one row of many events on its own (its events can be thousands).
   */
  async function publishBatch(): Promise<number> {
    // The payload leaves as the text PostgreSQL stored: no parse and re-stringify per event.
    const rows = await deleteAndReadHead();
    if (rows.length === 0) return 0;
    const head = rows[0]!;
    if (head.event_count !== null) return publishEventsRow(head);
    const firstOfMany = rows.findIndex((row) => row.event_count !== null);
    const single = firstOfMany < 0 ? rows : rows.slice(0, firstOfMany);
    const { published, failure } = await publishInOrder(
      single.map((row) => ({
        eventId: row.event_id!,
        subject: row.subject!,
        type: row.type!,
        payload: row.payload!,
        headers: row.headers,
        createdMs: row.created_ms,
      })),
    );
    for (let i = 0; i < published; i++) toDelete.push(single[i]!.id);
    if (failure) throw new Error(`publishing to JetStream failed: ${failure}`);
    return published;
  }

  /** A row of many events: deleted once every one of them is stored (a retry is deduplicated). */
  async function publishEventsRow(row: OutboxRow): Promise<number> {
    const { rows } = (await options.db.raw("SELECT events FROM outbox WHERE id = ?", [row.id])) as {
      rows: { events: string }[];
    };
    const events = eventsOfRow(rows[0]!.events, row.headers, row.created_ms);
    for (let start = 0; start < events.length; start += batchSize) {
      const { failure } = await publishInOrder(events.slice(start, start + batchSize));
      if (failure) throw new Error(`publishing to JetStream failed: ${failure}`);
    }
    toDelete.push(row.id);
    return events.length;
  }

  /**
   * Publishes the events pipelined; returns how many of them, from the
   * first, the stream stored, and why the next one was not.
   */
  async function publishInOrder(
    events: readonly Outgoing[],
  ): Promise<{ published: number; failure?: string }> {
    // One producer span per event, child of the span that wrote it (the
    // traceparent stored with it); the message carries the publish span on,
    // so the consumers' spans are its children.
    const spans: (StartedSpan | undefined)[] = [];
    // Span attributes are built only when traces are recorded: this runs per event.
    const tracing = tracingEnabled();
    const outcomes = await publisher.publish(
      events.map((event, index) => {
        const h = natsHeaders();
        h.set("Ce-Type", event.type);
        for (const key in event.headers) h.set(key, event.headers[key]!);
        const span = tracing
          ? startSpan(`publish ${event.type}`, SpanKind.PRODUCER, {
              parent: event.headers.traceparent,
              attributes: {
                "messaging.system": "nats",
                "messaging.operation.type": "send",
                "messaging.destination.name": event.subject,
                "messaging.message.id": event.eventId,
              },
            })
          : undefined;
        if (span) {
          spans[index] = span;
          h.set("traceparent", span.traceparent);
        }
        return { subject: event.subject, payload: event.payload, msgId: event.eventId, headers: h };
      }),
      options.publishTimeoutMs ?? 10_000,
    );
    spans.forEach((span, index) => {
      const outcome = outcomes[index]!;
      endSpan(span, outcome.ok ? undefined : outcome.reason);
    });
    // Only the acknowledged prefix counts: what follows a failure is
    // published again (deduplicated), so events never leave out of order.
    let published = 0;
    while (published < outcomes.length && outcomes[published]!.ok) published++;
    const now = Date.now();
    const byType = new Map<string, number>();
    for (let i = 0; i < published; i++) {
      options.metrics.outboxPublishLag.observe((now - events[i]!.createdMs) / 1000);
      byType.set(events[i]!.type, (byType.get(events[i]!.type) ?? 0) + 1);
    }
    for (const [type, count] of byType) options.metrics.eventsPublished.inc({ type, result: "ok" }, count);
    if (published === events.length) return { published };
    options.metrics.eventsPublished.inc({ type: events[published]!.type, result: "error" });
    return { published, failure: (outcomes[published] as { ok: false; reason: string }).reason };
  }

  async function backlog(): Promise<number> {
    const { rows } = (await options.db.raw(
      "SELECT coalesce(sum(coalesce(event_count, 1)), 0) AS count FROM outbox",
    )) as { rows: { count: string }[] };
    return Number(rows[0]!.count);
  }

  async function refreshBacklog() {
    if (Date.now() - lastBacklogCheck < 1_000) return;
    lastBacklogCheck = Date.now();
    options.metrics.outboxBacklog.set(await backlog());
  }

  async function run() {
    let backoffMs = 100;
    while (!stopped) {
      try {
        if (!listener) listener = await connectListener();
        if (!leader) {
          const { rows } = await listener.query("SELECT pg_try_advisory_lock(hashtext($1)) AS locked", [
            `simhub-outbox-relay:${options.lockName}`,
          ]);
          leader = rows[0].locked === true;
          if (!leader) {
            // Standing by: a flush completes once the leader has emptied the outbox.
            const answerable = idleWaiters.length;
            if (answerable > 0 && (await backlog()) === 0) {
              for (const resolve of idleWaiters.splice(0, answerable)) resolve();
            }
            await sleep(idleWaiters.length > 0 ? 50 : idlePollMs);
            continue;
          }
          options.logger.info("outbox relay is the publishing leader");
        }
        // Only a read that began after a flush was asked for can answer it:
        // one already under way may have missed rows committed just before.
        const answerable = idleWaiters.length;
        const count = await publishBatch();
        // An empty read means an empty outbox: no need to count it.
        if (count === 0) options.metrics.outboxBacklog.set(0);
        else await refreshBacklog();
        backoffMs = 100;
        if (count === 0) {
          for (const resolve of idleWaiters.splice(0, answerable)) resolve();
          // A flush asked for during the read is answered by the next one, at once.
          if (idleWaiters.length === 0) await sleep(idlePollMs);
        }
      } catch (error) {
        if (stopped) break;
        options.logger.warn({ err: error }, "outbox relay failed; retrying");
        // Start over on a fresh session: ending the old one releases the
        // advisory lock, so another replica may lead meanwhile.
        leader = false;
        await listener?.end().catch(() => {});
        listener = undefined;
        await sleep(backoffMs);
        backoffMs = Math.min(backoffMs * 2, 5_000);
      }
    }
  }

  const loop = run();
  return {
    isLeader: () => leader,
    flush() {
      return new Promise<void>((resolve) => {
        idleWaiters.push(resolve);
        wake?.();
      });
    },
    async stop() {
      stopped = true;
      wake?.();
      await loop;
      // What was published last is deleted now rather than published again at the next start.
      if (toDelete.length > 0)
        await options.db.raw(deletePublished, [toDelete] as unknown as Knex.RawBinding[]).catch(() => {});
      for (const resolve of idleWaiters.splice(0)) resolve();
      await listener?.end().catch(() => {});
      publisher.close();
    },
  };
}
