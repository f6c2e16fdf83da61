// Migrations that carry running state over, checked on a database brought up
// to the migration before them, holding that state, then migrated to the end.
import { randomUUID } from "node:crypto";
import { type Knex, migrate } from "@simhub/platform";
import { databaseBeforeMigration } from "@simhub/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrations } from "../src/db/migrations.ts";

let db: Knex;
let dropDatabase: () => Promise<void>;

beforeAll(async () => {
  ({ db, drop: dropDatabase } = await databaseBeforeMigration(
    "rule_migrations",
    migrations,
    "002_rule_generation",
  ));
});

afterAll(async () => {
  await dropDatabase?.();
});

const generation = async () =>
  Number(((await db("rule_generation").first("generation")) as { generation: string }).generation);

it("002 and 003 keep the rules and totals there are; every change of what a rule covers or does moves the generation, the sweeper's bookkeeping not", async () => {
  const rule = {
    id: randomUUID(),
    org_id: randomUUID(),
    level: "organization",
    name: "cap",
    trigger_type: "data_used",
    trigger: JSON.stringify({ type: "data_used", thresholdBytes: 1, period: "month" }),
    actions: JSON.stringify([{ type: "notify" }]),
  };
  const usage = {
    iccid: "8949200000000000001",
    period: "2026-12",
    data_bytes: "5",
    sms_count: "0",
    voice_seconds: "0",
    day: "2026-12-01",
    day_data_bytes: "5",
    day_sms_count: "0",
    day_voice_seconds: "0",
  };
  await db("rules").insert(rule);
  await db("rule_usage").insert(usage);
  await migrate(db, migrations);
  expect(await db("rules").pluck("id")).toEqual([rule.id]);
  // 003: the totals there are are at version 1, the version a first write starts at.
  expect(await db("rule_usage").select()).toEqual([{ ...usage, version: "1" }]);
  // 004: room on rule_usage's pages for the row every update rewrites.
  const options = await db.raw<{ rows: { reloptions: string[] | null }[] }>(
    "SELECT reloptions FROM pg_class WHERE relname = 'rule_usage'",
  );
  expect(options.rows).toEqual([{ reloptions: ["fillfactor=70"] }]);
  const start = await generation();

  await db("rules").where({ id: rule.id }).update({ sweep_pending: false, sweep_after: "8949" });
  expect(await generation()).toBe(start);
  await db("rules").where({ id: rule.id }).update({ enabled: false, updated_at: db.fn.now() });
  expect(await generation()).toBe(start + 1);
  await db("rules").insert({ ...rule, id: randomUUID() });
  expect(await generation()).toBe(start + 2);
  await db("rules").where({ id: rule.id }).delete();
  expect(await generation()).toBe(start + 3);
  // A statement that finds nothing to change still counts (once per statement, never per row).
  await db("rules").where({ id: randomUUID() }).update({ name: "none" });
  expect(await generation()).toBe(start + 4);
});
