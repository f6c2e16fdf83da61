// Deliveries, their attempts and the stored event bodies. Each function is
// one statement: the fan-out of an event, a claim of due work, the record of
// a batch of attempts.
import { type Knex, preparedRaw } from "@simhub/platform";
import type { WebhookAddress, WebhookEvent } from "../domain/event-types.ts";

export const deliveryStatuses = ["pending", "delivered", "failed", "dead"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

const endpointsWantSql = `SELECT EXISTS (
    SELECT 1 FROM endpoints
     WHERE org_id = e.org_id AND status = 'active'
       AND (company_id IS NULL OR company_id = e.company_id)
       AND events && ARRAY['*', e.type]::text[]
  ) AS wanted
  FROM unnest(?::uuid[], ?::uuid[], ?::text[]) WITH ORDINALITY AS e(org_id, company_id, type, position)
  ORDER BY e.position`;

/** Whether any active endpoint wants each event (the same endpoints fanOutEvents would pick), in one read. */
export async function endpointsWant(db: Knex, events: readonly WebhookAddress[]): Promise<boolean[]> {
  if (events.length === 0) return [];
  const { rows } = await preparedRaw<{ rows: { wanted: boolean }[] }>(db, endpointsWantSql, [
    events.map((event) => event.orgId),
    events.map((event) => event.companyId),
    events.map((event) => event.type),
  ] as unknown as Knex.RawBinding[]);
  return rows.map((row) => row.wanted === true);
}

export interface ClaimedDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  attempts: number;
  body: string;
  url: string;
  orgId: string;
  companyId: string | null;
  secretSealed: string;
  previousSecretSealed: string | null;
  previousSecretExpiresAt: Date | null;
}

/**
 * Stores each event and one pending delivery per active endpoint that wants
 * it (its organization's, and its company's when the event has one), all in
 * one statement. An event no endpoint wants is not stored. With `claimForMs`
 * the new rows are claimed for this process as a claim of due work would
 * (not due again before the lease has passed) and returned ready to send, so
 * a dispatcher with room sends them without claiming them again; without it
 * they are due at once. A delivery that exists already (a redelivered event)
 * is left alone and not returned. The events must be distinct.
 */
export async function fanOutEvents(
  trx: Knex | Knex.Transaction,
  events: readonly WebhookEvent[],
  options: { claimForMs?: number } = {},
): Promise<ClaimedDelivery[]> {
  if (events.length === 0) return [];
  const { rows } = await preparedRaw<{ rows: Record<string, unknown>[] }>(trx, fanOutSql, [
    events.map((event) => event.eventId),
    events.map((event) => event.orgId),
    events.map((event) => event.companyId),
    events.map((event) => event.type),
    events.map((event) => event.body),
    events.map((event) => event.occurredAt),
    (options.claimForMs ?? 0) / 1000,
  ]);
  const bodies = new Map(events.map((event) => [event.eventId, event.body]));
  return rows.map((row) => ({ ...claimedFromRow(row), body: bodies.get(row.event_id as string)! }));
}

const fanOutSql = `WITH incoming AS (
    SELECT * FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::timestamptz[])
      AS incoming(event_id, org_id, company_id, type, body, occurred_at)
  ), targets AS (
    SELECT incoming.event_id, e.id AS endpoint_id
      FROM incoming
      JOIN endpoints e ON e.org_id = incoming.org_id AND e.status = 'active'
       AND (e.company_id IS NULL OR e.company_id = incoming.company_id)
       AND e.events && ARRAY['*', incoming.type]::text[]
  ), stored AS (
    INSERT INTO webhook_events (event_id, org_id, company_id, type, body, occurred_at)
    SELECT event_id, org_id, company_id, type, body, occurred_at
      FROM incoming WHERE EXISTS (SELECT 1 FROM targets WHERE targets.event_id = incoming.event_id)
    ON CONFLICT (event_id) DO UPDATE SET event_id = EXCLUDED.event_id
    RETURNING event_id
  ), created AS (
    INSERT INTO deliveries (endpoint_id, event_id, type, occurred_at, status, next_attempt_at)
    SELECT targets.endpoint_id, stored.event_id, incoming.type, incoming.occurred_at, 'pending',
           now() + make_interval(secs => ?::double precision)
      FROM stored
      JOIN incoming ON incoming.event_id = stored.event_id
      JOIN targets ON targets.event_id = stored.event_id
    ON CONFLICT (event_id, endpoint_id) DO NOTHING
    RETURNING id, endpoint_id, event_id, attempts
  )
  SELECT created.id, created.endpoint_id, created.event_id, created.attempts, e.url, e.org_id,
         e.company_id, e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at
    FROM created JOIN endpoints e ON e.id = created.endpoint_id`;

function claimedFromRow(row: Record<string, unknown>): Omit<ClaimedDelivery, "body"> {
  return {
    id: row.id as string,
    endpointId: row.endpoint_id as string,
    eventId: row.event_id as string,
    attempts: row.attempts as number,
    url: row.url as string,
    orgId: row.org_id as string,
    companyId: (row.company_id as string | null) ?? null,
    secretSealed: row.secret_sealed as string,
    previousSecretSealed: (row.previous_secret_sealed as string | null) ?? null,
    previousSecretExpiresAt: (row.previous_secret_expires_at as Date | null) ?? null,
  };
}

/**
 * Claims due deliveries of active endpoints, at most `perEndpoint` of each
 * endpoint and none of the endpoints in `skipEndpoints` (already busy in this
 * process): the claimed rows are not due again until the lease has passed,
 * so another replica takes them over only if this one dies.
 */
export async function claimDueDeliveries(
  db: Knex,
  options: { limit: number; perEndpoint: number; leaseMs: number; skipEndpoints: string[] },
): Promise<ClaimedDelivery[]> {
  // Planned on every call, not prepared: a generic plan made while the
  // table was small (a scan of it) would be kept as it grows. Disabled
  // endpoints are left out before the oldest due rows are taken: their
  // rows stay due, and taken first they would fill the window and hide
  // every other endpoint's due retries.
  const { rows } = await db.raw<{ rows: Record<string, unknown>[] }>(
    `WITH candidates AS (
       SELECT id FROM (
         SELECT d.id, row_number() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at) AS rank
           FROM (SELECT d.id, d.endpoint_id, d.next_attempt_at FROM deliveries d
                   JOIN endpoints e ON e.id = d.endpoint_id AND e.status = 'active'
                  WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= now()
                    AND NOT (d.endpoint_id = ANY(?::uuid[]))
                  ORDER BY d.next_attempt_at LIMIT ?) d
       ) ranked WHERE rank <= ?
     ), locked AS (
       SELECT d.id FROM deliveries d
        WHERE d.id IN (SELECT id FROM candidates)
          AND d.status IN ('pending', 'failed') AND d.next_attempt_at <= now()
        ORDER BY d.next_attempt_at
        LIMIT ?
        FOR UPDATE SKIP LOCKED
     )
     UPDATE deliveries d SET next_attempt_at = now() + make_interval(secs => ?)
       FROM locked, endpoints e, webhook_events w
      WHERE d.id = locked.id AND e.id = d.endpoint_id AND w.event_id = d.event_id
     RETURNING d.id, d.endpoint_id, d.event_id, d.attempts, w.body, e.url, e.org_id, e.company_id,
               e.secret_sealed, e.previous_secret_sealed, e.previous_secret_expires_at`,
    [options.skipEndpoints, options.limit * 4, options.perEndpoint, options.limit, options.leaseMs / 1000],
  );
  return rows.map((row) => ({ ...claimedFromRow(row), body: row.body as string }));
}

export interface AttemptRecord {
  deliveryId: string;
  status: DeliveryStatus;
  attempts: number;
  attemptedAt: Date;
  durationMs: number;
  responseStatus: number | null;
  error: string | null;
  responseBody: string | null;
  nextAttemptAt: Date | null;
}

// PostgreSQL text cannot hold NUL; a hostile endpoint's body may contain it.
const clean = (text: string | null) => (text === null ? null : text.replaceAll("\u0000", ""));

/**
 * Records a batch of attempts and the deliveries' new state in one statement.
 * The attempt log keeps what the delivery's row cannot: every failed
 * attempt and the success after them. A delivery delivered at its first
 * attempt (most of them) is told in full by its row, and logs nothing.
 * A delivery's state is written only while it is still claimed (its lease
 * ahead): a replay scheduled meanwhile made it due now, and that must not be
 * overwritten by the outcome of the attempt before it. The lease is compared
 * with the clock, not with now() (this transaction's start): a replay that
 * commits while this statement waits for its row lock has set a time after
 * that start, and the row is checked again, as the replay left it.
 */
export async function recordAttempts(db: Knex | Knex.Transaction, records: AttemptRecord[]): Promise<void> {
  if (records.length === 0) return;
  // One JSON document rather than nine arrays: the driver escapes each
  // element of an array; JSON.stringify is one native call. The response
  // body goes only where the attempt log keeps it.
  const rows = records.map((record) => {
    const logged = record.status !== "delivered" || record.attempts > 1;
    return {
      id: record.deliveryId,
      status: record.status,
      attempts: record.attempts,
      attempted_at: record.attemptedAt,
      duration_ms: record.durationMs,
      response_status: record.responseStatus,
      error: clean(record.error),
      response_body: logged ? clean(record.responseBody) : null,
      next_attempt_at: record.nextAttemptAt,
    };
  });
  // Planned on every call, not prepared (see claimDueDeliveries).
  await db.raw(
    `WITH r AS (
       SELECT * FROM json_to_recordset(?::json)
         AS r(id uuid, status text, attempts int, attempted_at timestamptz, duration_ms int, response_status int,
              error text, response_body text, next_attempt_at timestamptz)
     ), logged AS (
       INSERT INTO delivery_attempts (delivery_id, attempted_at, duration_ms, response_status, outcome, error, response_body)
       SELECT r.id, r.attempted_at, r.duration_ms, r.response_status, r.status, r.error, r.response_body
         FROM r JOIN deliveries d ON d.id = r.id
        WHERE r.status <> 'delivered' OR r.attempts > 1
     )
     UPDATE deliveries d
        SET status = r.status, attempts = r.attempts, last_attempt_at = r.attempted_at,
            last_response_status = r.response_status, last_error = r.error,
            next_attempt_at = r.next_attempt_at, updated_at = now()
       FROM r WHERE d.id = r.id AND d.next_attempt_at > clock_timestamp()`,
    [JSON.stringify(rows)],
  );
}

export interface DeliveryRow {
  id: string;
  seq: string;
  event_id: string;
  type: string;
  status: DeliveryStatus;
  attempts: number;
  last_response_status: number | null;
  last_attempt_at: Date | null;
  next_attempt_at: Date | null;
  last_error: string | null;
  created_at: Date;
}

export async function listDeliveryRows(
  db: Knex,
  options: {
    endpointId: string;
    afterSeq: number | undefined;
    limit: number;
    status: DeliveryStatus | undefined;
  },
): Promise<DeliveryRow[]> {
  const query = db("deliveries")
    .select(
      "id",
      "seq",
      "event_id",
      "type",
      "status",
      "attempts",
      "last_response_status",
      "last_attempt_at",
      "next_attempt_at",
      "last_error",
      "created_at",
    )
    .where({ endpoint_id: options.endpointId });
  if (options.status) query.where({ status: options.status });
  // Newest first: what a receiver recovering from an outage looks at.
  if (options.afterSeq !== undefined) query.where("seq", "<", options.afterSeq);
  return (await query.orderBy("seq", "desc").limit(options.limit)) as DeliveryRow[];
}

/**
 * Makes the endpoint's deliveries of events that occurred in [since, until)
 * due again from their first attempt, keeping their ids and so the
 * webhook-id. Returns how many were scheduled.
 */
export async function scheduleReplay(
  db: Knex | Knex.Transaction,
  options: { endpointId: string; since: Date; until: Date },
): Promise<number> {
  const { rowCount } = await db.raw(
    `UPDATE deliveries SET status = 'pending', attempts = 0, next_attempt_at = now(), updated_at = now()
      WHERE endpoint_id = ? AND occurred_at >= ? AND occurred_at < ?`,
    [options.endpointId, options.since, options.until],
  );
  return rowCount ?? 0;
}

/** Deliveries that are due now: the backlog gauge. */
export async function countDueDeliveries(db: Knex): Promise<number> {
  const { rows } = await db.raw(
    `SELECT count(*)::int AS due FROM deliveries d JOIN endpoints e ON e.id = d.endpoint_id AND e.status = 'active'
      WHERE d.status IN ('pending', 'failed') AND d.next_attempt_at <= now()`,
  );
  return (rows[0]?.due as number) ?? 0;
}

/**
 * Deletes attempts older than `before`, then finished deliveries and stored
 * events nobody needs any more, in bounded batches. Returns the attempts deleted.
 */
export async function pruneBefore(db: Knex, before: Date, batch = 5_000): Promise<number> {
  const attempts = await db.raw(
    `DELETE FROM delivery_attempts WHERE id IN (SELECT id FROM delivery_attempts WHERE attempted_at < ? LIMIT ?)`,
    [before, batch],
  );
  await db.raw(
    `DELETE FROM deliveries WHERE id IN (
       SELECT id FROM deliveries WHERE status IN ('delivered', 'dead') AND updated_at < ? LIMIT ?)`,
    [before, batch],
  );
  // Deliveries of an endpoint deleted while an event fanned out to it (no
  // foreign key stops that insert; deleting the endpoint took the others).
  await db.raw(
    `DELETE FROM deliveries WHERE id IN (
       SELECT d.id FROM deliveries d
        WHERE d.status IN ('pending', 'failed')
          AND NOT EXISTS (SELECT 1 FROM endpoints e WHERE e.id = d.endpoint_id)
        LIMIT ?)`,
    [batch],
  );
  await db.raw(
    `DELETE FROM webhook_events w WHERE event_id IN (
       SELECT event_id FROM webhook_events WHERE received_at < ? LIMIT ?)
       AND NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.event_id = w.event_id)`,
    [before, batch],
  );
  return attempts.rowCount ?? 0;
}
