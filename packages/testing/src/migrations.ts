// A database at the migration before one under test: a migration that
// carries running state over is checked by filling that state in, then
// migrating to the end (`migrate` from @simhub/platform).
import { type Knex, type Migration, openDatabase } from "@simhub/platform";
import { createTestDatabase } from "./service-kit.ts";

export async function databaseBeforeMigration(
  prefix: string,
  migrations: Migration[],
  name: string,
): Promise<{ db: Knex; drop(): Promise<void> }> {
  const before = migrations.findIndex((migration) => migration.name === name);
  if (before < 0) throw new Error(`no migration named ${name}`);
  const database = await createTestDatabase(prefix);
  const db = await openDatabase({
    url: database.url,
    migrations: migrations.slice(0, before),
    poolMax: 2,
    statementTimeoutMs: 5_000,
  });
  return {
    db,
    async drop() {
      await db.destroy();
      await database.drop();
    },
  };
}
