// The outbox relay and the idempotent consumer against real PostgreSQL and
// NATS JetStream: events leave in commit order with Nats-Msg-Id, rolled-back
// changes publish nothing, redeliveries run a handler once, and a poison
// message is dead-lettered without blocking the ones behind it.
import { randomBytes, randomUUID } from "node:crypto";
import { type CloudEvent, deadLetterStreamName, streamName } from "@simhub/contracts";
import { databaseUrl, dropDatabases, ensureDatabases } from "@simhub/launcher";
import { connect, type NatsConnection, headers as natsHeaders } from "nats";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import {
  buildOutboxRows,
  createLogger,
  createMetrics,
  enqueueEvent,
  ensureDeadLetterStream,
  ensureStream,
  JetStreamBatchPublisher,
  type Knex,
  openDatabase,
  outboxEventsRowSql,
  outboxInsertSql,
  startConsumer,
  startOutboxRelay,
} from "../src/index.ts";

const namespace = `t${randomBytes(5).toString("hex")}`;
const adminUrl = inject("postgresAdminUrl");
const database = `${namespace}_platform`;
const url = databaseUrl(adminUrl, database);
const logger = createLogger("platform-test", "silent");
const settings = { namespace, source: "simhub/platform-test" };
let db: Knex;
let nc: NatsConnection;

beforeAll(async () => {
  await ensureDatabases(adminUrl, [database]);
  db = await openDatabase({ url, migrations: [], poolMax: 4, statementTimeoutMs: 5_000 });
  await db.schema.createTable("effects", (table) => {
    table.uuid("event_id").primary();
    table.integer("applied").notNullable();
  });
  nc = await connect({ servers: inject("natsUrl") });
  await ensureStream(nc, namespace, "sim");
  await ensureStream(nc, namespace, "org");
  await ensureDeadLetterStream(nc, namespace);
});

/** Empties the run's SIM stream; returns how many messages the dead-letter stream holds. */
async function emptySimStream(): Promise<number> {
  const jsm = await nc.jetstreamManager();
  await jsm.streams.purge(streamName(namespace, "sim"));
  return (await jsm.streams.info(deadLetterStreamName(namespace))).state.messages;
}

/** Waits (30 s at most) until `table` holds `rows` rows and the dead-letter stream at least `deadLettered` messages. */
async function settled(table: string, rows: number, deadLettered: number): Promise<void> {
  const jsm = await nc.jetstreamManager();
  for (const deadline = Date.now() + 30_000; Date.now() < deadline; ) {
    const [{ n }] = (await db(table).count({ n: "*" })) as [{ n: string }];
    const dlq = (await jsm.streams.info(deadLetterStreamName(namespace))).state.messages;
    if (Number(n) === rows && dlq >= deadLettered) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

afterAll(async () => {
  const jsm = await nc.jetstreamManager();
  for (const name of [
    streamName(namespace, "sim"),
    streamName(namespace, "org"),
    deadLetterStreamName(namespace),
  ]) {
    await jsm.streams.delete(name).catch(() => {});
  }
  await nc.drain();
  await db.destroy();
  await dropDatabases(adminUrl, [database]);
});

function simAssigned(iccid: string) {
  return {
    type: "SimAssigned" as const,
    subject: iccid,
    orgId: randomUUID(),
    data: { iccid, orgId: randomUUID(), companyId: randomUUID(), previousCompanyId: null },
  };
}

describe("outbox relay", () => {
  it("publishes committed events in order with Nats-Msg-Id and nothing from rolled-back transactions", async () => {
    const iccid = "8944500102030405067";
    const committed: string[] = [];
    for (let i = 0; i < 20; i++) {
      committed.push(await db.transaction((trx) => enqueueEvent(trx, settings, simAssigned(iccid))));
    }
    await db
      .transaction(async (trx) => {
        await enqueueEvent(trx, settings, simAssigned(iccid));
        throw new Error("roll back");
      })
      .catch(() => {});

    const metrics = createMetrics("platform-test");
    const relay = startOutboxRelay({
      db,
      databaseUrl: url,
      nc,
      logger,
      metrics,
      lockName: `${namespace}-relay`,
    });
    // A second relay for the same database stands by instead of publishing twice.
    const standbyMetrics = createMetrics("platform-test-standby");
    const standby = startOutboxRelay({
      db,
      databaseUrl: url,
      nc,
      logger,
      metrics: standbyMetrics,
      lockName: `${namespace}-relay`,
    });
    await Promise.all([relay.flush(), standby.flush()]);
    expect(relay.isLeader() !== standby.isLeader()).toBe(true);

    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(streamName(namespace, "sim"));
    expect(info.state.messages).toBe(20);
    const ids: string[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
      const message = await jsm.streams.getMessage(streamName(namespace, "sim"), { seq });
      const event = message.json<{ id: string; type: string; specversion: string }>();
      expect(message.header.get("Nats-Msg-Id")).toBe(event.id);
      expect(message.header.get("Ce-Type")).toBe("SimAssigned");
      expect(message.subject).toBe(`${namespace}.simhub.sim.assigned`);
      ids.push(event.id);
    }
    expect(ids).toEqual(committed);
    expect(await db("outbox").count({ n: "*" })).toEqual([{ n: "0" }]);
    const leaderMetrics = relay.isLeader() ? metrics : standbyMetrics;
    expect(await leaderMetrics.registry.getSingleMetricAsString("simhub_events_published_total")).toMatch(
      /type="SimAssigned",result="ok"[^}]*} 20/,
    );
    await relay.stop();
    await standby.stop();
  });

  it("publishes a row that commits after a later one was published, and every row once", async () => {
    await emptySimStream();
    const relay = startOutboxRelay({
      db,
      databaseUrl: url,
      nc,
      logger,
      metrics: createMetrics("platform-test-late"),
      lockName: `${namespace}-relay-late`,
    });
    // The first row takes the smaller id but commits last: the relay has by
    // then published (and is about to delete) the rows after it.
    const late = await db.transaction();
    const lateId = await enqueueEvent(late, settings, simAssigned("8944500102030405075"));
    const early: string[] = [];
    for (let i = 0; i < 5; i++)
      early.push(
        await db.transaction((trx) => enqueueEvent(trx, settings, simAssigned("8944500102030405083"))),
      );
    await relay.flush();
    await late.commit();
    const after: string[] = [];
    for (let i = 0; i < 3; i++)
      after.push(
        await db.transaction((trx) => enqueueEvent(trx, settings, simAssigned("8944500102030405083"))),
      );
    await relay.flush();
    await relay.stop();

    const stored = await storedEvents(streamName(namespace, "sim"));
    expect(stored.map((message) => message.msgId)).toEqual([...early, lateId, ...after]);
    expect(await db("outbox").count({ n: "*" })).toEqual([{ n: "0" }]);
  });
});

/** The events of a stream in order: subject, Nats-Msg-Id, Ce-Type and the parsed event. */
async function storedEvents(stream: string) {
  const jsm = await nc.jetstreamManager();
  const { state } = await jsm.streams.info(stream);
  const stored = [];
  for (let seq = state.first_seq; state.messages > 0 && seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    stored.push({
      subject: message.subject,
      msgId: message.header.get("Nats-Msg-Id"),
      type: message.header.get("Ce-Type"),
      event: message.json<CloudEvent>(),
    });
  }
  return stored;
}

describe("outbox rows of many events", () => {
  const names = ["tab\there", "line\nbreak", 'a "quoted" name', "back\\slash \\N", "naïve 名前 🚀"];
  const organizationCreated = (i: number) => ({
    type: "OrganizationCreated" as const,
    subject: randomUUID(),
    data: { orgId: randomUUID(), name: names[i % names.length]!, status: "active" as const },
  });
  const relayOf = (batchSize: number) =>
    startOutboxRelay({
      db,
      databaseUrl: url,
      nc,
      logger,
      metrics: createMetrics("platform-test"),
      lockName: `${namespace}-relay-many`,
      batchSize,
    });

  it("publishes each event of the row as its own message, in order among one-event rows, then deletes the row", async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.purge(streamName(namespace, "org"));
    const before = [organizationCreated(0), organizationCreated(1)];
    const many = buildOutboxRows(
      settings,
      Array.from({ length: 250 }, (_, i) => organizationCreated(i)),
    );
    const after = [organizationCreated(3)];
    const ids: string[] = [];
    await db.transaction(async (trx) => {
      for (const event of before) ids.push(await enqueueEvent(trx, settings, event));
      const refused = outboxEventsRowSql(many.slice(0, 10), "false");
      await trx.raw(refused.sql, refused.bindings as Knex.RawBinding[]);
      const written = outboxEventsRowSql(many);
      await trx.raw(written.sql, written.bindings as Knex.RawBinding[]);
      ids.push(...many.map((row) => row.event_id));
      for (const event of after) ids.push(await enqueueEvent(trx, settings, event));
    });
    expect(await db("outbox").count({ n: "*" })).toEqual([{ n: "4" }]);

    // Slices of 100 messages: the row's 250 events take three.
    const relay = relayOf(100);
    await relay.flush();
    await relay.stop();

    const stored = await storedEvents(streamName(namespace, "org"));
    expect(stored.map((message) => message.event.id)).toEqual(ids);
    for (const message of stored) {
      expect(message.msgId).toBe(message.event.id);
      expect(message.type).toBe("OrganizationCreated");
      expect(message.subject).toBe(`${namespace}.simhub.org.created`);
    }
    expect(stored.slice(2, 252).map((message) => message.event)).toEqual(
      many.map((row) => JSON.parse(row.payload)),
    );
    expect(stored.slice(2, 252).map((message) => (message.event.data as { name: string }).name)).toEqual(
      many.map((_, i) => names[i % names.length]),
    );
    expect(await db("outbox").count({ n: "*" })).toEqual([{ n: "0" }]);
  });

  it("keeps a row until every one of its events is stored, publishing its first ones only once however often it retries", async () => {
    const jsm = await nc.jetstreamManager();
    await jsm.streams.purge(streamName(namespace, "org"));
    const rows = buildOutboxRows(settings, [
      organizationCreated(0),
      organizationCreated(1),
      organizationCreated(2),
    ]);
    // The third event's subject has no stream: the stream refuses it every time.
    rows[2] = { ...rows[2]!, subject: `${namespace}.simhub.nowhere` };
    const written = outboxEventsRowSql(rows);
    await db.raw(written.sql, written.bindings as Knex.RawBinding[]);

    const relay = relayOf(100);
    // The relay retries after 100, 200, 400 and 800 ms: several attempts.
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await relay.stop();

    const stored = await storedEvents(streamName(namespace, "org"));
    expect(stored.map((message) => message.event.id)).toEqual([rows[0]!.event_id, rows[1]!.event_id]);
    expect(await db("outbox").count({ n: "*" })).toEqual([{ n: "1" }]);
    await db("outbox").delete();
  });

  it("refuses events built in different contexts in one row", () => {
    const [first] = buildOutboxRows(settings, [organizationCreated(0)]);
    const [second] = buildOutboxRows(settings, [organizationCreated(1)]);
    expect(() => outboxEventsRowSql([first!, { ...second!, headers: '{"X-Request-Id":"other"}' }])).toThrow(
      /share their headers/,
    );
  });
});

describe("event builder", () => {
  it("refuses, at write time, an event whose data does not match the catalogue, and writes nothing", async () => {
    const [before] = await db("outbox").count({ n: "*" });
    const broken = { ...simAssigned("8944500102030405067"), data: { iccid: "not an ICCID", orgId: "x" } };
    await expect(
      db.transaction((trx) =>
        enqueueEvent(trx, settings, broken as unknown as ReturnType<typeof simAssigned>),
      ),
    ).rejects.toThrow(/SimAssigned does not match the event catalogue/);
    expect(await db("outbox").count({ n: "*" })).toEqual([before]);
  });

  it("inserts a statement's events in order with their payloads as built, and none when its condition is false", async () => {
    const names = [
      'a "quoted" name',
      "back\\slash \\N and \\x00",
      "line\nbreak\ttab",
      "naïve 名前 🚀",
      "{,}",
    ];
    const rows = buildOutboxRows(
      settings,
      Array.from({ length: 40 }, (_, i) => ({
        type: "OrganizationCreated" as const,
        subject: randomUUID(),
        data: { orgId: randomUUID(), name: names[i % names.length]!, status: "active" },
      })),
    );
    await db.transaction(async (trx) => {
      const refused = outboxInsertSql(rows.slice(0, 5), "false");
      await trx.raw(refused.sql, refused.bindings as Knex.RawBinding[]);
      const written = outboxInsertSql(rows);
      await trx.raw(written.sql, written.bindings as Knex.RawBinding[]);
    });
    const ids = rows.map((row) => row.event_id);
    const stored = await db("outbox").whereIn("event_id", ids).orderBy("id");
    expect(stored.map((row) => row.event_id)).toEqual(ids);
    expect(stored.map((row) => [row.subject, row.type, row.payload, row.headers])).toEqual(
      rows.map((row) => [row.subject, row.type, JSON.parse(row.payload), JSON.parse(row.headers)]),
    );
    expect(stored.map((row) => row.payload.data.name)).toEqual(rows.map((_, i) => names[i % names.length]));
    await db("outbox").whereIn("event_id", ids).delete();
  });
});

describe("batch publisher", () => {
  it("answers per message: stored, duplicate (stored once) and refused where no stream listens", async () => {
    const publisher = new JetStreamBatchPublisher(nc);
    const jsm = await nc.jetstreamManager();
    const stream = streamName(namespace, "sim");
    const before = (await jsm.streams.info(stream)).state.messages;
    const message = (subject: string, msgId: string) => ({
      subject,
      payload: "{}",
      msgId,
      headers: natsHeaders(),
    });
    const duplicateId = randomUUID();
    const outcomes = await publisher.publish(
      [
        message(`${namespace}.simhub.sim.assigned`, randomUUID()),
        message(`${namespace}.simhub.sim.assigned`, duplicateId),
        message(`${namespace}.simhub.sim.assigned`, duplicateId),
        message(`${namespace}.nobody.listens.here`, randomUUID()),
      ],
      5_000,
    );
    publisher.close();
    expect(outcomes.map((outcome) => outcome.ok)).toEqual([true, true, true, false]);
    expect((outcomes[3] as { reason: string }).reason).toMatch(/503/);
    expect((await jsm.streams.info(stream)).state.messages).toBe(before + 2);
  });
});

describe("idempotent consumer", () => {
  it("applies each event once across redeliveries and dead-letters a poison message", async () => {
    const js = nc.jetstream();
    const subject = `${namespace}.simhub.sim.assigned`;
    const events = Array.from({ length: 5 }, () => ({
      specversion: "1.0",
      id: randomUUID(),
      source: "simhub/platform-test",
      type: "SimAssigned",
      subject: "8944500102030405067",
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      data: {
        iccid: "8944500102030405067",
        orgId: randomUUID(),
        companyId: randomUUID(),
        previousCompanyId: null,
      },
    }));
    const poisonId = events[2]!.id;
    await (await nc.jetstreamManager()).streams.purge(streamName(namespace, "sim"));
    const attempts = new Map<string, number>();
    // Publish each event twice (as a relay retry past the duplicate window would) plus garbage.
    for (const event of events) {
      await js.publish(subject, JSON.stringify(event));
      await js.publish(subject, JSON.stringify(event));
    }
    await js.publish(subject, "{not json");

    const metrics = createMetrics("platform-test-consumer");
    const consumer = await startConsumer({
      nc,
      db,
      logger,
      metrics,
      namespace,
      stream: streamName(namespace, "sim"),
      durable: "platform-test-consumer",
      maxDeliver: 3,
      ackWaitMs: 2_000,
      handlers: {
        SimAssigned: async (trx, event) => {
          attempts.set(event.id, (attempts.get(event.id) ?? 0) + 1);
          if (event.id === poisonId) throw new Error("this event always fails");
          // First attempt of every event fails once, to force a redelivery.
          if (attempts.get(event.id) === 1) throw new Error("transient failure");
          await trx("effects").insert({ event_id: event.id, applied: 1 });
        },
      },
    });

    const jsm = await nc.jetstreamManager();
    await settled("effects", 4, 3);
    await consumer.stop();

    const effects = await db("effects").select("event_id");
    expect(effects.map((row) => row.event_id).sort()).toEqual(
      events
        .filter((event) => event.id !== poisonId)
        .map((event) => event.id)
        .sort(),
    );
    const dlq = await jsm.streams.info(deadLetterStreamName(namespace));
    // The unparseable message, and both copies of the poison event: a failed
    // attempt records nothing, so the duplicate is tried (and fails) on its own.
    expect(dlq.state.messages).toBe(3);
    expect(await metrics.registry.getSingleMetricAsString("simhub_consumer_dead_letters_total")).toMatch(
      /} 3$/m,
    );
  }, 45_000);

  it("handles a backlog in shared transactions, in order, once per event, and isolates a poison message", async () => {
    const js = nc.jetstream();
    const jsm = await nc.jetstreamManager();
    const subject = `${namespace}.simhub.sim.assigned`;
    const dlqBefore = await emptySimStream();
    await db.schema.createTable("batched_effects", (table) => {
      table.increments("position");
      table.uuid("event_id").notNullable().unique();
      table.bigInteger("txid").notNullable();
    });
    const events = Array.from({ length: 300 }, (_, index) => ({
      specversion: "1.0",
      id: randomUUID(),
      source: "simhub/platform-test",
      type: "SimAssigned",
      subject: "8944500102030405067",
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      data: {
        iccid: "8944500102030405067",
        orgId: randomUUID(),
        companyId: randomUUID(),
        previousCompanyId: null,
      },
      index,
    }));
    const poisonId = events[151]!.id;
    // The backlog is there before the consumer starts; every tenth event is published twice.
    for (const [index, event] of events.entries()) {
      await js.publish(subject, JSON.stringify(event));
      if (index % 10 === 0) await js.publish(subject, JSON.stringify(event));
    }
    const consumer = await startConsumer({
      nc,
      db,
      logger,
      metrics: createMetrics("platform-test-batched"),
      namespace,
      stream: streamName(namespace, "sim"),
      durable: "platform-test-batched",
      maxBatch: 50,
      maxDeliver: 2,
      ackWaitMs: 5_000,
      handlers: {
        SimAssigned: async (trx, event) => {
          if (event.id === poisonId) throw new Error("this event always fails");
          await trx.raw("INSERT INTO batched_effects (event_id, txid) VALUES (?, txid_current())", [
            event.id,
          ]);
        },
      },
    });
    await settled("batched_effects", 299, dlqBefore + 1);
    await consumer.stop();

    const effects = (await db("batched_effects").orderBy("position").select("event_id", "txid")) as {
      event_id: string;
      txid: string;
    }[];
    // Once each, in the order published, the poison one left out.
    expect(effects.map((row) => row.event_id)).toEqual(
      events.filter((event) => event.id !== poisonId).map((event) => event.id),
    );
    // Shared transactions: far fewer than one per event.
    const transactions = new Set(effects.map((row) => row.txid)).size;
    expect(transactions).toBeLessThan(100);
    // Only the poison event is dead-lettered (it was published once).
    const dead = (await jsm.streams.info(deadLetterStreamName(namespace))).state.messages - dlqBefore;
    expect(dead).toBe(1);
  }, 45_000);

  it("hands each run of one type to its batch handler in one call, in delivery order, and isolates a poison event", async () => {
    const js = nc.jetstream();
    const jsm = await nc.jetstreamManager();
    const dlqBefore = await emptySimStream();
    await db.schema.createTable("run_effects", (table) => {
      table.increments("position");
      table.uuid("event_id").notNullable().unique();
      table.text("type").notNullable();
    });
    // 40 assigned, 10 unassigned, 40 assigned: the unassigned ones (one
    // event at a time) split the assigned ones into two runs.
    const types = [
      ...Array<string>(40).fill("SimAssigned"),
      ...Array<string>(10).fill("SimUnassigned"),
      ...Array<string>(40).fill("SimAssigned"),
    ];
    const events = types.map((type) => ({
      specversion: "1.0",
      id: randomUUID(),
      source: "simhub/platform-test",
      type,
      subject: "8944500102030405067",
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      data:
        type === "SimAssigned"
          ? {
              iccid: "8944500102030405067",
              orgId: randomUUID(),
              companyId: randomUUID(),
              previousCompanyId: null,
            }
          : { iccid: "8944500102030405067", orgId: randomUUID(), previousCompanyId: randomUUID() },
    }));
    const poisonId = events[60]!.id;
    for (const [index, event] of events.entries()) {
      const subject = `${namespace}.simhub.sim.${event.type === "SimAssigned" ? "assigned" : "unassigned"}`;
      await js.publish(subject, JSON.stringify(event));
      if (index % 9 === 0) await js.publish(subject, JSON.stringify(event));
    }
    const runs: { type: string; size: number }[] = [];
    const record = async (trx: Knex.Transaction, event: CloudEvent) => {
      await trx.raw("INSERT INTO run_effects (event_id, type) VALUES (?, ?)", [event.id, event.type]);
    };
    const consumer = await startConsumer({
      nc,
      db,
      logger,
      metrics: createMetrics("platform-test-runs"),
      namespace,
      stream: streamName(namespace, "sim"),
      durable: "platform-test-runs",
      // One durable on the stream, so both types arrive in one order (before
      // NATS 2.10 a consumer of two subjects is two durables).
      wholeStream: `${namespace}.simhub.sim.>`,
      maxBatch: 64,
      maxDeliver: 2,
      ackWaitMs: 5_000,
      handlers: {
        SimAssigned: {
          batch: async (trx, run) => {
            if (run.some((event) => event.id === poisonId)) throw new Error("this event always fails");
            runs.push({ type: "SimAssigned", size: run.length });
            for (const event of run) await record(trx, event);
          },
        },
        SimUnassigned: async (trx, event) => {
          runs.push({ type: "SimUnassigned", size: 1 });
          await record(trx, event);
        },
      },
    });
    await settled("run_effects", events.length - 1, dlqBefore + 1);
    await consumer.stop();

    const effects = (await db("run_effects").orderBy("position").select("event_id")) as {
      event_id: string;
    }[];
    // Once each, in the order published, the poison one left out.
    expect(effects.map((row) => row.event_id)).toEqual(
      events.filter((event) => event.id !== poisonId).map((event) => event.id),
    );
    // The assigned events arrived in runs of many (the backlog was there at the start).
    const assignedRuns = runs.filter((run) => run.type === "SimAssigned");
    expect(Math.max(...assignedRuns.map((run) => run.size))).toBeGreaterThan(1);
    expect(assignedRuns.length).toBeLessThan(40);
    const dead = (await jsm.streams.info(deadLetterStreamName(namespace))).state.messages - dlqBefore;
    expect(dead).toBe(1);
  }, 45_000);

  it("gathers events that trickle in for batchWindowMs into one transaction", async () => {
    const js = nc.jetstream();
    const dlqBefore = await emptySimStream();
    await db.schema.createTable("window_effects", (table) => {
      table.increments("position");
      table.uuid("event_id").notNullable().unique();
      table.bigInteger("txid").notNullable();
    });
    const consumer = await startConsumer({
      nc,
      db,
      logger,
      metrics: createMetrics("platform-test-window"),
      namespace,
      stream: streamName(namespace, "sim"),
      durable: "platform-test-window",
      maxBatch: 64,
      batchWindowMs: 100,
      ackWaitMs: 5_000,
      handlers: {
        SimAssigned: async (trx, event) => {
          await trx.raw("INSERT INTO window_effects (event_id, txid) VALUES (?, txid_current())", [event.id]);
        },
      },
    });
    // One event every 5 ms, published while the consumer runs: without a
    // window each would find the queue empty and have a transaction of its own.
    const ids: string[] = [];
    for (let index = 0; index < 40; index++) {
      const id = randomUUID();
      ids.push(id);
      await js.publish(
        `${namespace}.simhub.sim.assigned`,
        JSON.stringify({
          specversion: "1.0",
          id,
          source: "simhub/platform-test",
          type: "SimAssigned",
          subject: "8944500102030405067",
          time: new Date().toISOString(),
          datacontenttype: "application/json",
          data: {
            iccid: "8944500102030405067",
            orgId: randomUUID(),
            companyId: randomUUID(),
            previousCompanyId: null,
          },
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await settled("window_effects", 40, dlqBefore);
    await consumer.stop();
    const effects = (await db("window_effects").orderBy("position").select("event_id", "txid")) as {
      event_id: string;
      txid: string;
    }[];
    expect(effects.map((row) => row.event_id)).toEqual(ids);
    expect(new Set(effects.map((row) => row.txid)).size).toBeLessThan(10);
  }, 45_000);

  it("idempotent: records no processed event, and handles an event delivered again once more", async () => {
    const js = nc.jetstream();
    const subject = `${namespace}.simhub.sim.assigned`;
    await emptySimStream();
    await db.schema.createTable("idempotent_effects", (table) => {
      table.increments("position");
      table.uuid("event_id").notNullable();
    });
    const envelope = (id: string) => ({
      specversion: "1.0",
      id,
      source: "simhub/platform-test",
      type: "SimAssigned",
      subject: "8944500102030405067",
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      data: {
        iccid: "8944500102030405067",
        orgId: randomUUID(),
        companyId: randomUUID(),
        previousCompanyId: null,
      },
    });
    const ids = Array.from({ length: 100 }, () => randomUUID());
    for (const id of ids) await js.publish(subject, JSON.stringify(envelope(id)));
    const durable = "platform-test-idempotent";
    const consumer = await startConsumer({
      nc,
      db,
      logger,
      metrics: createMetrics("platform-test-idempotent"),
      namespace,
      stream: streamName(namespace, "sim"),
      durable,
      maxBatch: 256,
      pullBatch: 256,
      idempotent: true,
      handlers: {
        SimAssigned: {
          batch: async (trx, events) => {
            await trx("idempotent_effects").insert(events.map((event) => ({ event_id: event.id })));
          },
        },
      },
    });
    await settled("idempotent_effects", 100, 0);
    // Delivered again later (a redelivery after a lost ack): handled again, nothing recognises it.
    await js.publish(subject, JSON.stringify(envelope(ids[1]!)));
    await settled("idempotent_effects", 101, 0);
    await consumer.stop();

    const effects = (await db("idempotent_effects").orderBy("position").pluck("event_id")) as string[];
    expect(effects).toEqual([...ids, ids[1]]);
    const recorded = await db("processed_events").where({ consumer: durable }).count({ n: "*" });
    expect(Number((recorded[0] as { n: string }).n)).toBe(0);
  }, 45_000);

  it("filters on exactly its subjects and acknowledges an unhandled type without parsing or dead-lettering it", async () => {
    const js = nc.jetstream();
    const jsm = await nc.jetstreamManager();
    const durable = "platform-test-filters";
    const dlqBefore = await emptySimStream();
    const handledIds: string[] = [];
    const consumer = await startConsumer({
      nc,
      db,
      logger,
      metrics: createMetrics("platform-test-filters"),
      namespace,
      stream: streamName(namespace, "sim"),
      durable,
      handlers: {
        SimAssigned: async (_trx, event) => {
          handledIds.push(event.id);
        },
        SimUnassigned: async (_trx, event) => {
          handledIds.push(event.id);
        },
      },
    });
    const infos = await jsm.consumers.list(streamName(namespace, "sim")).next();
    const mine = infos.filter((info) => info.name.startsWith(durable));
    const filters = mine
      .flatMap((info) => info.config.filter_subjects ?? [info.config.filter_subject])
      .sort();
    expect(filters).toEqual([`${namespace}.simhub.sim.assigned`, `${namespace}.simhub.sim.unassigned`]);

    // A newer publisher's type on a handled subject: acknowledged on its Ce-Type, body never read.
    const h = natsHeaders();
    h.set("Ce-Type", "SimTeleported");
    await js.publish(`${namespace}.simhub.sim.assigned`, "not even JSON", { headers: h });
    // A type of another subject never reaches the consumer at all.
    await js.publish(`${namespace}.simhub.sim.status-changed`, "{}");
    const event = {
      specversion: "1.0",
      id: randomUUID(),
      source: "simhub/platform-test",
      type: "SimUnassigned",
      subject: "8944500102030405067",
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      data: { iccid: "8944500102030405067", orgId: randomUUID(), previousCompanyId: randomUUID() },
    };
    await js.publish(`${namespace}.simhub.sim.unassigned`, JSON.stringify(event));
    const deadline = Date.now() + 15_000;
    for (;;) {
      const pending = await Promise.all(
        mine.map((info) => jsm.consumers.info(streamName(namespace, "sim"), info.name)),
      );
      const idle = pending.every((info) => info.num_pending === 0 && info.num_ack_pending === 0);
      if ((idle && handledIds.includes(event.id)) || Date.now() > deadline) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await consumer.stop();
    expect(handledIds).toContain(event.id);
    expect((await jsm.streams.info(deadLetterStreamName(namespace))).state.messages).toBe(dlqBefore);
  });
});
