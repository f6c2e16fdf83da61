// Migrations that carry running state over, checked on a database brought up
// to the migration before them, holding that state, then migrated to the end.
import { randomUUID } from "node:crypto";
import { type Knex, migrate, openDatabase } from "@simhub/platform";
import { createTestDatabase } from "@simhub/testing";
import { afterAll, beforeAll, expect, it } from "vitest";
import { migrations } from "../src/db/migrations.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Knex;

beforeAll(async () => {
  database = await createTestDatabase("sim_migrations");
  const before = migrations.findIndex((migration) => migration.name === "007_import_applied_batches");
  db = await openDatabase({
    url: database.url,
    migrations: migrations.slice(0, before),
    poolMax: 2,
    statementTimeoutMs: 5_000,
  });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

it("007 records the batches an import applying during the upgrade had applied in order, and no others", async () => {
  const applying = randomUUID();
  const completed = randomUUID();
  const job = { org_id: randomUUID(), format: "csv", actor_user_id: "u", actor_role: "org_admin" };
  await db("sim_imports").insert([
    { ...job, id: applying, status: "applying", batches_staged: 5, batches_applied: 3 },
    { ...job, id: completed, status: "completed", batches_staged: 2, batches_applied: 2 },
  ]);
  await migrate(db, migrations);
  const rows = await db("sim_import_applied_batches").orderBy(["import_id", "batch"]).select();
  expect(rows).toEqual([1, 2, 3].map((batch) => ({ import_id: applying, batch })));
});
