// The transactional outbox (STYLE.md #5). `enqueueEvent` writes the CloudEvent
// in the caller's transaction; the relay publishes committed rows to
// JetStream with Nats-Msg-Id = event id and deletes them once acknowledged.
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
import { endSpan, SpanKind, type StartedSpan, startSpan } from "./tracing.ts";

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
  event_id: string;
  subject: string;
  type: string;
  payload: string;
  headers: Record<string, string>;
  created_at: Date;
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

  async function publishBatch(): Promise<number> {
    // The payload leaves as the text PostgreSQL stored: no parse and re-stringify per event.
    const rows: OutboxRow[] = await options
      .db("outbox")
      .select(
        "id",
        "event_id",
        "subject",
        "type",
        options.db.raw("payload::text AS payload"),
        "headers",
        "created_at",
      )
      .orderBy("id")
      .limit(batchSize);
    if (rows.length === 0) return 0;
    // One producer span per event, child of the span that wrote it (the
    // traceparent stored with it); the message carries the publish span on,
    // so the consumers' spans are its children.
    const spans: (StartedSpan | undefined)[] = [];
    const outcomes = await publisher.publish(
      rows.map((row, index) => {
        const h = natsHeaders();
        h.set("Ce-Type", row.type);
        for (const [key, value] of Object.entries(row.headers ?? {})) h.set(key, value);
        const span = startSpan(`publish ${row.type}`, SpanKind.PRODUCER, {
          parent: row.headers?.traceparent,
          attributes: {
            "messaging.system": "nats",
            "messaging.operation.type": "send",
            "messaging.destination.name": row.subject,
            "messaging.message.id": row.event_id,
          },
        });
        if (span) {
          spans[index] = span;
          h.set("traceparent", span.traceparent);
        }
        return { subject: row.subject, payload: row.payload, msgId: row.event_id, headers: h };
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
      options.metrics.outboxPublishLag.observe((now - rows[i]!.created_at.getTime()) / 1000);
      byType.set(rows[i]!.type, (byType.get(rows[i]!.type) ?? 0) + 1);
    }
    for (const [type, count] of byType) options.metrics.eventsPublished.inc({ type, result: "ok" }, count);
    if (published > 0) {
      await options.db.raw("DELETE FROM outbox WHERE id = ANY(?::bigint[])", [
        rows.slice(0, published).map((row) => row.id),
      ] as unknown as Knex.RawBinding[]);
    }
    if (published < rows.length) {
      const failure = outcomes[published] as { ok: false; reason: string };
      options.metrics.eventsPublished.inc({ type: rows[published]!.type, result: "error" });
      throw new Error(`publishing to JetStream failed: ${failure.reason}`);
    }
    return published;
  }

  async function backlog(): Promise<number> {
    const [{ count }] = (await options.db("outbox").count({ count: "*" })) as [{ count: string }];
    return Number(count);
  }

  async function refreshBacklog(force = false) {
    if (!force && Date.now() - lastBacklogCheck < 1_000) return;
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
            if (idleWaiters.length > 0 && (await backlog()) === 0) {
              for (const resolve of idleWaiters.splice(0)) resolve();
            }
            await sleep(idleWaiters.length > 0 ? 50 : idlePollMs);
            continue;
          }
          options.logger.info("outbox relay is the publishing leader");
        }
        const published = await publishBatch();
        await refreshBacklog(published === 0);
        backoffMs = 100;
        if (published === 0) {
          for (const resolve of idleWaiters.splice(0)) resolve();
          await sleep(idlePollMs);
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
      for (const resolve of idleWaiters.splice(0)) resolve();
      await listener?.end().catch(() => {});
      publisher.close();
    },
  };
}
