// The delivery statements against real PostgreSQL: a fan-out claimed for
// the dispatcher, a replay that an attempt's late outcome must not undo,
// and an endpoint's deletion taking its deliveries and attempts with it.
import { randomUUID } from "node:crypto";
import { type Knex, openDatabase } from "@simhub/platform";
import { createTestDatabase } from "@simhub/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  claimDueDeliveries,
  endpointsWant,
  fanOutEvents,
  pruneBefore,
  recordAttempts,
  scheduleReplay,
} from "../src/db/deliveries.ts";
import { deleteEndpointRow } from "../src/db/endpoints.ts";
import { migrations } from "../src/db/migrations.ts";
import type { WebhookEvent } from "../src/domain/event-types.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Knex;
// Each test has an organization of its own: a fan-out reaches every endpoint of the organization.
let orgId = randomUUID();

beforeAll(async () => {
  database = await createTestDatabase("webhook_db");
  db = await openDatabase({ url: database.url, migrations, poolMax: 4, statementTimeoutMs: 5_000 });
});

beforeEach(() => {
  orgId = randomUUID();
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

async function endpoint(): Promise<string> {
  const id = randomUUID();
  await db("endpoints").insert({
    id,
    org_id: orgId,
    url: `https://hooks.example.com/${id}`,
    events: ["*"],
    secret_sealed: "sealed",
  });
  return id;
}

function event(): WebhookEvent {
  return {
    eventId: randomUUID(),
    orgId,
    companyId: null,
    type: "company.added",
    body: JSON.stringify({ type: "company.added", data: {} }),
    occurredAt: new Date(),
  };
}

const delivered = (id: string, attempts = 1) => ({
  deliveryId: id,
  status: "delivered" as const,
  attempts,
  attemptedAt: new Date(),
  durationMs: 3,
  responseStatus: 200,
  error: null,
  responseBody: "ok",
  nextAttemptAt: null,
});

describe("wanted", () => {
  it("answers each event of a batch in order: the endpoints fanOutEvents would pick, active ones only", async () => {
    const companyId = randomUUID();
    const other = randomUUID();
    await db("endpoints").insert([
      // The organization's endpoint for one type, and a company's for every type.
      {
        id: randomUUID(),
        org_id: orgId,
        url: "https://hooks.example.com/a",
        events: ["sim_card.assigned_to_company"],
        secret_sealed: "s",
      },
      {
        id: randomUUID(),
        org_id: orgId,
        company_id: companyId,
        url: "https://hooks.example.com/b",
        events: ["*"],
        secret_sealed: "s",
      },
      // Another organization's endpoint, disabled.
      {
        id: randomUUID(),
        org_id: other,
        url: "https://hooks.example.com/c",
        events: ["*"],
        secret_sealed: "s",
        status: "disabled",
      },
    ]);
    const of = (org: string, company: string | null, type: WebhookEvent["type"]): WebhookEvent => ({
      ...event(),
      orgId: org,
      companyId: company,
      type,
    });
    expect(
      await endpointsWant(db, [
        of(orgId, null, "company.added"),
        of(orgId, null, "sim_card.assigned_to_company"),
        of(orgId, companyId, "company.added"),
        of(orgId, randomUUID(), "company.added"),
        of(other, null, "sim_card.assigned_to_company"),
        of(orgId, randomUUID(), "sim_card.assigned_to_company"),
      ]),
    ).toEqual([false, true, true, false, false, true]);
    expect(await endpointsWant(db, [])).toEqual([]);
  });
});

describe("fan-out", () => {
  it("returns the new deliveries claimed, ready to send, and nothing for a redelivered event", async () => {
    const endpoints = [await endpoint(), await endpoint()];
    const fanned = event();
    const claimed = await db.transaction((trx) => fanOutEvents(trx, [fanned], { claimForMs: 60_000 }));
    expect(claimed.map((delivery) => delivery.endpointId).sort()).toEqual([...endpoints].sort());
    for (const delivery of claimed) {
      expect(delivery).toMatchObject({ eventId: fanned.eventId, attempts: 0, body: fanned.body, orgId });
      expect(delivery.url).toBe(`https://hooks.example.com/${delivery.endpointId}`);
    }
    // Claimed for this process: no claim of due work takes them.
    const due = await claimDueDeliveries(db, {
      limit: 100,
      perEndpoint: 100,
      leaseMs: 60_000,
      skipEndpoints: [],
    });
    expect(due.filter((delivery) => delivery.eventId === fanned.eventId)).toEqual([]);
    expect(await db.transaction((trx) => fanOutEvents(trx, [fanned], { claimForMs: 60_000 }))).toEqual([]);
    const [{ n }] = (await db("deliveries").where({ event_id: fanned.eventId }).count({ n: "*" })) as [
      { n: string },
    ];
    expect(Number(n)).toBe(2);
  });

  it("leaves unclaimed deliveries due at once", async () => {
    const id = await endpoint();
    const fanned = event();
    await db.transaction((trx) => fanOutEvents(trx, [fanned]));
    const due = await claimDueDeliveries(db, {
      limit: 100,
      perEndpoint: 100,
      leaseMs: 60_000,
      skipEndpoints: [],
    });
    expect(due.filter((delivery) => delivery.eventId === fanned.eventId).map((d) => d.endpointId)).toContain(
      id,
    );
  });
});

describe("claims", () => {
  it("claims an active endpoint's due delivery behind many older ones of a disabled endpoint", async () => {
    const disabled = await endpoint();
    await db.transaction((trx) =>
      fanOutEvents(
        trx,
        Array.from({ length: 40 }, () => event()),
      ),
    );
    await db("endpoints").where({ id: disabled }).update({ status: "disabled" });
    // Older than anything else due in this database, so they come first in due order.
    await db("deliveries")
      .where({ endpoint_id: disabled })
      .update({ next_attempt_at: db.raw("now() - interval '1 hour'") });
    const active = await endpoint();
    const fanned = event();
    await db.transaction((trx) => fanOutEvents(trx, [fanned]));

    const due = await claimDueDeliveries(db, {
      limit: 5,
      perEndpoint: 5,
      leaseMs: 60_000,
      skipEndpoints: [],
    });
    expect(due.map((delivery) => delivery.endpointId)).not.toContain(disabled);
    expect(due.find((delivery) => delivery.eventId === fanned.eventId)?.endpointId).toBe(active);
  });
});

describe("outcomes", () => {
  it("keeps a replay scheduled while the attempt before it was being recorded", async () => {
    const id = await endpoint();
    const fanned = event();
    const [delivery] = await db.transaction((trx) => fanOutEvents(trx, [fanned], { claimForMs: 60_000 }));
    // The receiver has it; before the outcome is written, someone replays the window.
    const replayed = await scheduleReplay(db, {
      endpointId: id,
      since: new Date(Date.now() - 60_000),
      until: new Date(Date.now() + 60_000),
    });
    expect(replayed).toBe(1);
    await recordAttempts(db, [delivered(delivery!.id)]);
    const row = await db("deliveries").where({ id: delivery!.id }).first();
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(0);
    // And the replay is sent: it is due.
    const due = await claimDueDeliveries(db, {
      limit: 100,
      perEndpoint: 100,
      leaseMs: 60_000,
      skipEndpoints: [],
    });
    expect(due.map((d) => d.id)).toContain(delivery!.id);
    await recordAttempts(db, [delivered(delivery!.id)]);
    expect((await db("deliveries").where({ id: delivery!.id }).first()).status).toBe("delivered");
  });
});

describe("outcomes racing a replay", () => {
  it("keeps a replay that commits while the outcome waits for the delivery's row", async () => {
    const id = await endpoint();
    const [delivery] = await db.transaction((trx) => fanOutEvents(trx, [event()], { claimForMs: 60_000 }));
    // The outcome's transaction starts first (its now() is earlier than the replay's)…
    const recording = await db.transaction();
    await recording.raw("SELECT 1");
    await new Promise((resolve) => setTimeout(resolve, 20));
    const replay = await db.transaction();
    await scheduleReplay(replay, {
      endpointId: id,
      since: new Date(Date.now() - 60_000),
      until: new Date(Date.now() + 60_000),
    });
    // …and waits for the row the replay holds, until the replay commits.
    const recorded = recordAttempts(recording, [delivered(delivery!.id)]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await replay.commit();
    await recorded;
    await recording.commit();
    const row = await db("deliveries").where({ id: delivery!.id }).first();
    expect(row.status).toBe("pending");
    expect(row.attempts).toBe(0);
  });
});

describe("the attempt log", () => {
  it("keeps failed attempts and the success after them, not a success at the first attempt", async () => {
    await endpoint();
    const [first, second] = await Promise.all([
      db.transaction((trx) => fanOutEvents(trx, [event()], { claimForMs: 60_000 })),
      db.transaction((trx) => fanOutEvents(trx, [event()], { claimForMs: 60_000 })),
    ]);
    const once = first![0]!;
    const retried = second![0]!;
    await recordAttempts(db, [
      delivered(once.id),
      {
        ...delivered(retried.id),
        status: "failed",
        responseStatus: 503,
        error: "answered 503",
        // A hostile endpoint's body may hold NUL, which PostgreSQL text cannot.
        responseBody: 'busy \u0000 "try" later',
        nextAttemptAt: new Date(Date.now() + 60_000),
      },
    ]);
    await recordAttempts(db, [delivered(retried.id, 2)]);
    expect(await db("delivery_attempts").where({ delivery_id: once.id })).toEqual([]);
    const log = await db("delivery_attempts").where({ delivery_id: retried.id }).orderBy("id");
    expect(log.map((attempt) => [attempt.outcome, attempt.response_status, attempt.response_body])).toEqual([
      ["failed", 503, 'busy  "try" later'],
      ["delivered", 200, "ok"],
    ]);
    const row = await db("deliveries").where({ id: once.id }).first();
    expect(row).toMatchObject({ status: "delivered", attempts: 1, last_response_status: 200 });
  });
});

describe("deleting an endpoint", () => {
  it("removes its deliveries and their attempts, and pruning removes those of a fan-out that raced it", async () => {
    const id = await endpoint();
    const kept = await endpoint();
    const fanned = event();
    const created = await db.transaction((trx) => fanOutEvents(trx, [fanned], { claimForMs: 60_000 }));
    const mine = created.find((delivery) => delivery.endpointId === id)!;
    await recordAttempts(db, [delivered(mine.id)]);
    await deleteEndpointRow(db, id);
    expect(await db("deliveries").where({ endpoint_id: id })).toEqual([]);
    expect(await db("delivery_attempts").where({ delivery_id: mine.id })).toEqual([]);
    expect(await db("deliveries").where({ endpoint_id: kept })).toHaveLength(1);
    // A fan-out that read the endpoint before it was deleted inserts after: an orphan, pruned.
    await db("deliveries").insert({
      endpoint_id: id,
      event_id: fanned.eventId,
      type: fanned.type,
      occurred_at: fanned.occurredAt,
      next_attempt_at: new Date(),
    });
    await pruneBefore(db, new Date(Date.now() - 86_400_000));
    expect(await db("deliveries").where({ endpoint_id: id })).toEqual([]);
    expect(await db("deliveries").where({ endpoint_id: kept })).toHaveLength(1);
  });
});
