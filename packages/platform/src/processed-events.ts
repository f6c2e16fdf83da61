// Retention of processed_events, the consumers' memory of what they have
// handled. A row exists only to recognise a redelivery of the same event, and
// JetStream can deliver an event only while its stream still holds it: the
// streams keep events for EVENT_STREAM_MAX_AGE_MS (7 days), so a row older
// than that, plus a day's margin for clocks and for an outbox row published
// late, can never be asked about again and is deleted.
//
// Every replica of a service runs the pruning (there is no leader to lose):
// it deletes in small batches whose rows are claimed with FOR UPDATE SKIP
// LOCKED, so replicas pruning at the same moment share the work instead of
// waiting on each other, and no batch holds locks for long next to the
// consumers' inserts. processed_at has a BRIN index (rows arrive in time
// order), which finds the old rows without a per-insert B-tree cost.
import type { Knex } from "./db.ts";
import type { Logger } from "./logger.ts";
import { EVENT_STREAM_MAX_AGE_MS } from "./nats.ts";

const DAY_MS = 24 * 60 * 60 * 1000;

/** How long a processed event id is kept: as long as the streams keep the event, and a day more. */
export const PROCESSED_EVENTS_RETENTION_MS = EVENT_STREAM_MAX_AGE_MS + DAY_MS;

export interface PruneOptions {
  /** Rows older than this are deleted; never less than the streams' maximum age. */
  retentionMs?: number;
  /** Rows deleted per statement (default 5,000). */
  batchSize?: number;
}

/** Deletes the processed event ids older than the retention; resolves how many were deleted. */
export async function pruneProcessedEvents(db: Knex, options: PruneOptions = {}): Promise<number> {
  const retentionMs = options.retentionMs ?? PROCESSED_EVENTS_RETENTION_MS;
  if (retentionMs < EVENT_STREAM_MAX_AGE_MS) {
    throw new RangeError(
      `processed events must be kept at least as long as the streams keep events (${EVENT_STREAM_MAX_AGE_MS} ms), not ${retentionMs} ms`,
    );
  }
  const batchSize = options.batchSize ?? 5_000;
  let deleted = 0;
  for (;;) {
    const result = await db.raw(
      `WITH doomed AS (
         SELECT consumer, event_id FROM processed_events
          WHERE processed_at < now() - make_interval(secs => ?)
          LIMIT ?
            FOR UPDATE SKIP LOCKED
       )
       DELETE FROM processed_events p
        USING doomed
        WHERE p.consumer = doomed.consumer AND p.event_id = doomed.event_id`,
      [retentionMs / 1000, batchSize],
    );
    const count = (result as { rowCount: number | null }).rowCount ?? 0;
    deleted += count;
    if (count < batchSize) return deleted;
  }
}

export interface ProcessedEventsPruner {
  stop(): Promise<void>;
}

/**
 * Prunes once shortly after start, then every `intervalMs` (default an
 * hour); a failure is logged and tried again at the next round. The first
 * round waits a random part of a minute so replicas started together do
 * not all begin at once.
 */
export function startProcessedEventsPruning(options: {
  db: Knex;
  logger: Logger;
  intervalMs?: number;
  retentionMs?: number;
}): ProcessedEventsPruner {
  const intervalMs = options.intervalMs ?? 60 * 60 * 1000;
  let running: Promise<void> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;

  const round = async () => {
    try {
      const deleted = await pruneProcessedEvents(
        options.db,
        options.retentionMs === undefined ? {} : { retentionMs: options.retentionMs },
      );
      if (deleted > 0)
        options.logger.info({ deleted }, "pruned processed event ids past the streams' retention");
    } catch (error) {
      options.logger.warn({ err: error }, "pruning processed event ids failed; trying again next round");
    }
  };
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = round().then(() => schedule(intervalMs));
    }, delayMs);
    timer.unref();
  };
  schedule(Math.min(intervalMs, 5_000 + Math.random() * 55_000));

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
