// `pnpm migrate`: brings every service's database schema up to date and
// exits, without starting anything else. Each service applies its own
// migrations (the same code that runs on start), one process at a time.
// PostgreSQL comes from DATABASE_URL (the server's admin URL) or the
// embedded server of `pnpm start`.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { databaseUrl, ensureDatabases, type Started, startEmbeddedPostgres } from "./infrastructure.ts";
import { repoRoot } from "./platform.ts";
import { backendServices } from "./topology.ts";

const say = (message: string) => process.stdout.write(`simhub  ${message}\n`);

async function main() {
  const postgres: Started = process.env.DATABASE_URL
    ? { url: process.env.DATABASE_URL, origin: "DATABASE_URL", stop: async () => {} }
    : await startEmbeddedPostgres(
        join(repoRoot, ".data", "postgres"),
        Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      );
  try {
    await ensureDatabases(
      postgres.url,
      backendServices.map((service) => service.database),
    );
    for (const service of backendServices) {
      const code = await new Promise<number | null>((resolve, reject) => {
        const child = spawn(process.execPath, [`${repoRoot}services/${service.name}/src/main.ts`], {
          cwd: repoRoot,
          stdio: ["ignore", "inherit", "inherit"],
          env: {
            ...process.env,
            MIGRATE_ONLY: "true",
            DATABASE_URL: databaseUrl(postgres.url, service.database),
            LOG_LEVEL: process.env.LOG_LEVEL ?? "info",
            // Required by identity-service's configuration, unused when only migrating.
            SIMHUB_ADMIN_PASSWORD: process.env.SIMHUB_ADMIN_PASSWORD ?? randomBytes(18).toString("base64url"),
          },
        });
        child.once("error", reject);
        child.once("exit", resolve);
      });
      if (code !== 0) throw new Error(`${service.name} could not apply its migrations (exit code ${code})`);
      say(`${service.name}: ${service.database} is up to date`);
    }
  } finally {
    await postgres.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`simhub  migrate failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
