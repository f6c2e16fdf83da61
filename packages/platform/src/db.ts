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
  {
    // Finds the ids past their retention (processed-events.ts). BRIN, since
    // rows arrive in processed_at order: a few pages, no per-insert B-tree.
    name: "000_platform_processed_events_by_age",
    async up(knex) {
      await knex.raw(
        "CREATE INDEX processed_events_processed_at ON processed_events USING brin (processed_at)",
      );
    },
  },
  {
    // A row may hold many events of one statement (outboxEventsRowSql): a
    // usage batch writes 10,000 events, which as rows cost PostgreSQL a
    // jsonb parse, two index entries and a delete each. The events column
    // is stored uncompressed (EXTERNAL): it is written once and read once.
    name: "001_platform_outbox_rows_of_many_events",
    async up(knex) {
      await knex.raw(`
        ALTER TABLE outbox
          ALTER COLUMN event_id DROP NOT NULL,
          ALTER COLUMN subject DROP NOT NULL,
          ALTER COLUMN type DROP NOT NULL,
          ALTER COLUMN payload DROP NOT NULL,
          ADD COLUMN events text,
          ADD COLUMN event_count integer,
          ADD CONSTRAINT outbox_one_event_or_many CHECK (
            CASE WHEN events IS NULL
                 THEN event_id IS NOT NULL AND subject IS NOT NULL AND type IS NOT NULL
                      AND payload IS NOT NULL AND event_count IS NULL
                 ELSE event_id IS NULL AND subject IS NULL AND type IS NULL AND payload IS NULL
                      AND event_count > 0
            END);
        ALTER TABLE outbox ALTER COLUMN events SET STORAGE EXTERNAL;
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

function connect(options: Omit<DatabaseOptions, "migrations" | "metrics">): Knex {
  return knexFactory({
    client: "pg",
    connection: {
      connectionString: options.url,
      statement_timeout: options.statementTimeoutMs,
      application_name: options.applicationName ?? "simhub",
    },
    pool: { min: 0, max: options.poolMax },
    acquireConnectionTimeout: 10_000,
  });
}

export async function openDatabase(options: DatabaseOptions): Promise<Knex> {
  const knex = connect(options);
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

/** `pnpm migrate` (MIGRATE_ONLY): brings the schema up to date and closes the connection, nothing else. */
export async function migrateOnly(options: {
  name: string;
  url: string;
  migrations: Migration[];
  statementTimeoutMs: number;
  logger: { info(message: string): void };
}): Promise<void> {
  const knex = connect({
    url: options.url,
    poolMax: 1,
    statementTimeoutMs: options.statementTimeoutMs,
    applicationName: options.name,
  });
  try {
    await migrate(knex, options.migrations);
  } finally {
    await knex.destroy();
  }
  options.logger.info(`${options.name}: migrations applied`);
}

export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError?.code === "23505" && (!constraint || pgError.constraint === constraint);
}

interface PreparedText {
  name: string;
  /** The text with knex's `?` placeholders numbered for PostgreSQL ($1, $2, …). */
  text: string;
}

const preparedTexts = new Map<string, PreparedText>();

function preparedText(sql: string): PreparedText {
  let prepared = preparedTexts.get(sql);
  if (!prepared) {
    let position = 0;
    // As knex numbers them: a `?` escaped with a backslash stays a `?`.
    const text = sql.replace(/(\\*)(\?)/g, (_match, escapes: string) =>
      escapes.length % 2 ? "?" : `$${++position}`,
    );
    prepared = { name: `simhub_${preparedTexts.size + 1}`, text };
    preparedTexts.set(sql, prepared);
  }
  return prepared;
}

interface PooledClient {
  query(config: { name: string; text: string; values: unknown[] }): Promise<{ rows: unknown[] }>;
}

/**
 * A statement of a hot path, as a named prepared statement on a connection of
 * the knex pool: PostgreSQL parses and plans the text once per connection,
 * and the query skips knex's per-call work (query objects, events, binding
 * rewrites). For fixed-shape statements (a point read, a guarded
 * one-statement change): each distinct text gets its own name, so the set of
 * texts must stay small. Inside a transaction it runs on that transaction's
 * connection, through knex.
 */
export async function preparedRaw<Result extends { rows: unknown[] } = { rows: unknown[] }>(
  db: Knex | Knex.Transaction,
  sql: string,
  bindings: readonly unknown[],
): Promise<Result> {
  const prepared = preparedText(sql);
  if (db.isTransaction) {
    return (await db
      .raw(sql, bindings as readonly Knex.RawBinding[])
      .options({ name: prepared.name })) as Result;
  }
  const pool = db.client as {
    acquireConnection(): Promise<PooledClient>;
    releaseConnection(connection: PooledClient): Promise<void>;
  };
  const connection = await pool.acquireConnection();
  try {
    return (await connection.query({
      name: prepared.name,
      text: prepared.text,
      values: [...bindings],
    })) as Result;
  } finally {
    await pool.releaseConnection(connection);
  }
}
