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
    "sim_migrations",
    migrations,
    "007_import_applied_batches",
  ));
});

afterAll(async () => {
  await dropDatabase?.();
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
