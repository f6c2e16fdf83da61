// What a backend service's main.ts does once its configuration is read:
// under `pnpm migrate` (MIGRATE_ONLY) only the schema is brought up to date
// and the function returns — library code never exits the process, and with
// nothing left open Node ends by itself (a failed migration rejects, so the
// exit code is not 0); otherwise the service starts and stops on SIGTERM.
import { type Migration, migrateOnly } from "./db.ts";
import { createLogger, type Logger } from "./logger.ts";
import { stopOnSignals } from "./runtime.ts";

export interface ServiceMainOptions {
  name: string;
  config: { MIGRATE_ONLY: boolean; DATABASE_URL: string; DB_STATEMENT_TIMEOUT_MS: number; LOG_LEVEL: string };
  migrations: Migration[];
  start(): Promise<{ logger: Logger; stop(): Promise<void> }>;
}

export async function runServiceMain(options: ServiceMainOptions): Promise<void> {
  const { config } = options;
  if (config.MIGRATE_ONLY) {
    await migrateOnly({
      name: options.name,
      url: config.DATABASE_URL,
      migrations: options.migrations,
      statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
      logger: createLogger(options.name, config.LOG_LEVEL),
    });
    return;
  }
  const service = await options.start();
  stopOnSignals(service.logger, () => service.stop());
}
