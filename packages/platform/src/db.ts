// A knex database per service: migrations run on start from an explicit
// list (no file-system scanning, so the same code runs from source, in a
// container, or in a test worker), a statement timeout on every connection,
// and pool gauges for /metrics.
import knexFactory, { type Knex } from "knex";
import type { PlatformMetrics } from "./metrics.ts";

export type { Knex } from "knex";

export interface Migration {
  name: string;
  up(knex: Knex): Promise<void>;
  down?(knex: Knex): Promise<void>;
}

/** Tables every service has: the outbox and the consumer's memory of processed events. */
export const platformMigrations: Migration[] = [
  {
    name: "000_platform_outbox_and_processed_events",
    async up(knex) {
      await knex.raw(`
        CREATE TABLE outbox (
          id          bigserial PRIMARY KEY,
          event_id    uuid NOT NULL UNIQUE,
          subject     text NOT NULL,
          type        text NOT NULL,
          payload     jsonb NOT NULL,
          headers     jsonb NOT NULL DEFAULT '{}'::jsonb,
          created_at  timestamptz NOT NULL DEFAULT clock_timestamp()
        );
        CREATE TABLE processed_events (
          consumer     text NOT NULL,
          event_id     uuid NOT NULL,
          type         text NOT NULL,
          processed_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (consumer, event_id)
        );
        -- Wakes the relay as soon as a transaction with events commits
        -- (NOTIFY is delivered on commit and folded per transaction).
        CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          PERFORM pg_notify('simhub_outbox', '');
          RETURN NULL;
        END $$;
        CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
          FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();
      `);
    },
  },
];

class ListMigrationSource implements Knex.MigrationSource<Migration> {
  readonly migrations: Migration[];
  constructor(migrations: Migration[]) {
    this.migrations = migrations;
  }
  async getMigrations() {
    return this.migrations;
  }
  getMigrationName(migration: Migration) {
    return migration.name;
  }
  async getMigration(migration: Migration) {
    return { up: migration.up, down: migration.down ?? (async () => {}) };
  }
}

export interface DatabaseOptions {
  url: string;
  migrations: Migration[];
  poolMax: number;
  statementTimeoutMs: number;
  metrics?: PlatformMetrics;
  applicationName?: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Knex> {
  const knex = knexFactory({
    client: "pg",
    connection: {
      connectionString: options.url,
      statement_timeout: options.statementTimeoutMs,
      application_name: options.applicationName ?? "simhub",
    },
    pool: { min: 0, max: options.poolMax },
    acquireConnectionTimeout: 10_000,
  });
  await migrate(knex, options.migrations);
  if (options.metrics) {
    const pool = knex.client.pool as { numUsed(): number; numPendingAcquires(): number };
    options.metrics.poolStats.inUse = () => pool.numUsed();
    options.metrics.poolStats.waiting = () => pool.numPendingAcquires();
  }
  return knex;
}

export async function migrate(knex: Knex, migrations: Migration[]): Promise<void> {
  await knex.migrate.latest({
    migrationSource: new ListMigrationSource([...platformMigrations, ...migrations]),
    tableName: "knex_migrations",
  });
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === "23505" && (!constraint || pgError.constraint === constraint);
}

const statementNames = new Map<string, string>();

/**
 * `knex.raw` as a named prepared statement: PostgreSQL parses and plans the
 * text once per connection instead of on every call. For the fixed-shape
 * statements of hot paths (a point read, a guarded one-statement change);
 * each distinct text gets its own name, so the set of texts must stay small.
 */
export function preparedRaw<Result = unknown>(
  db: Knex | Knex.Transaction,
  sql: string,
  bindings: readonly unknown[],
): Knex.Raw<Result> {
  let name = statementNames.get(sql);
  if (!name) {
    name = `simhub_${statementNames.size + 1}`;
    statementNames.set(sql, name);
  }
  return db.raw<Result>(sql, bindings as readonly Knex.RawBinding[]).options({ name });
}
