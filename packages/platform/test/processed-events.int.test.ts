// Retention of processed_events against real PostgreSQL (and the stream
// settings against real JetStream): ids are kept at least as long as the
// streams keep events, older ones are deleted, and replicas pruning at the
// same moment share the work without errors or leftovers.
import { randomBytes, randomUUID } from "node:crypto";
import { streamName } from "@simhub/contracts";
import { databaseUrl, dropDatabases, ensureDatabases } from "@simhub/launcher";
import { connect, nanos } from "nats";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import {
  createLogger,
  EVENT_STREAM_MAX_AGE_MS,
  ensureStream,
  type Knex,
  openDatabase,
  PROCESSED_EVENTS_RETENTION_MS,
  pruneProcessedEvents,
  startProcessedEventsPruning,
} from "../src/index.ts";

const namespace = `t${randomBytes(5).toString("hex")}`;
const adminUrl = inject("postgresAdminUrl");
const database = `${namespace}_retention`;
const url = databaseUrl(adminUrl, database);
const logger = createLogger("platform-test", "silent");
const HOUR_MS = 60 * 60 * 1000;
const open = () => openDatabase({ url, migrations: [], poolMax: 4, statementTimeoutMs: 5_000 });
let db: Knex;

beforeAll(async () => {
  await ensureDatabases(adminUrl, [database]);
  db = await open();
});

afterAll(async () => {
  await db?.destroy();
  await dropDatabases(adminUrl, [database]);
});

beforeEach(async () => {
  await db("processed_events").delete();
});

/** Inserts `count` processed ids that were processed `ageMs` ago; resolves their ids. */
async function processedAgo(ageMs: number, count = 1, consumer = "sim-service-companies"): Promise<string[]> {
  const ids = Array.from({ length: count }, () => randomUUID());
  await db.raw(
    `INSERT INTO processed_events (consumer, event_id, type, processed_at)
     SELECT ?, id, 'CompanyCreated', now() - make_interval(secs => ?) FROM unnest(?::uuid[]) AS id`,
    [consumer, ageMs / 1000, ids],
  );
  return ids;
}

const remaining = async () =>
  (await db("processed_events").select("event_id")).map((row: { event_id: string }) => row.event_id).sort();

describe("processed_events retention", () => {
  it("keeps the ids as long as the stream keeps events, and deletes those past the retention", async () => {
    const kept = [
      ...(await processedAgo(0)),
      ...(await processedAgo(EVENT_STREAM_MAX_AGE_MS - HOUR_MS)),
      ...(await processedAgo(EVENT_STREAM_MAX_AGE_MS + HOUR_MS)),
      ...(await processedAgo(PROCESSED_EVENTS_RETENTION_MS - 60_000, 1, "company-service-orgs")),
    ];
    const old = [
      ...(await processedAgo(PROCESSED_EVENTS_RETENTION_MS + 60_000)),
      ...(await processedAgo(30 * 24 * HOUR_MS, 3, "company-service-orgs")),
    ];

    expect(await pruneProcessedEvents(db)).toBe(old.length);
    expect(await remaining()).toEqual([...kept].sort());
    expect(await pruneProcessedEvents(db)).toBe(0);
  });

  it("is the retention of the streams themselves (7 days in JetStream)", async () => {
    const nc = await connect({ servers: inject("natsUrl") });
    try {
      await ensureStream(nc, namespace, "company");
      const jsm = await nc.jetstreamManager();
      const info = await jsm.streams.info(streamName(namespace, "company"));
      expect(info.config.max_age).toBe(nanos(EVENT_STREAM_MAX_AGE_MS));
      expect(PROCESSED_EVENTS_RETENTION_MS).toBeGreaterThanOrEqual(EVENT_STREAM_MAX_AGE_MS);
      await jsm.streams.delete(streamName(namespace, "company"));
    } finally {
      await nc.drain();
    }
  });

  it("refuses a retention shorter than the streams keep events", async () => {
    await processedAgo(2 * HOUR_MS);
    await expect(pruneProcessedEvents(db, { retentionMs: HOUR_MS })).rejects.toThrow(
      /at least as long as the streams keep events/,
    );
    expect(await remaining()).toHaveLength(1);
  });

  it("lets several replicas prune at once: every old id goes, every recent one stays", async () => {
    const old = await processedAgo(PROCESSED_EVENTS_RETENTION_MS + HOUR_MS, 12_000);
    const kept = await processedAgo(HOUR_MS, 500);
    const replicas = await Promise.all([open(), open(), open()]);
    try {
      const deleted = await Promise.all(
        replicas.map((replica) => pruneProcessedEvents(replica, { batchSize: 700 })),
      );
      expect(deleted.reduce((sum, n) => sum + n, 0)).toBe(old.length);
      expect(await remaining()).toEqual([...kept].sort());
    } finally {
      await Promise.all(replicas.map((replica) => replica.destroy()));
    }
  });

  it("runs periodically once started, and stops", async () => {
    await processedAgo(PROCESSED_EVENTS_RETENTION_MS + HOUR_MS, 2);
    const pruner = startProcessedEventsPruning({ db, logger, intervalMs: 100 });
    try {
      await expect.poll(remaining, { timeout: 10_000 }).toHaveLength(0);
      // A later round finds ids that have aged past the retention since.
      await processedAgo(PROCESSED_EVENTS_RETENTION_MS + HOUR_MS);
      await expect.poll(remaining, { timeout: 10_000 }).toHaveLength(0);
    } finally {
      await pruner.stop();
    }
    await processedAgo(PROCESSED_EVENTS_RETENTION_MS + HOUR_MS);
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(await remaining()).toHaveLength(1);
  });
});
