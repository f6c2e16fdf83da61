// `pnpm migrate` runs each service's main with MIGRATE_ONLY: the process
// applies the schema and ends by itself with code 0 (the platform returns to
// main rather than exiting), without NATS; a migration that cannot run ends
// it with a non-zero code and the reason on stderr.
import { spawn } from "node:child_process";
import { join } from "node:path";
import { createTestDatabase } from "@simhub/testing";
import pg from "pg";
import { describe, expect, it } from "vitest";

const main = join(import.meta.dirname, "../src/main.ts");

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main], {
      env: { ...process.env, MIGRATE_ONLY: "true", LOG_LEVEL: "info", ...env },
      stdio: ["ignore", "ignore", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, stderr }));
  });
}

describe("org-service main with MIGRATE_ONLY", () => {
  it("applies the migrations and ends with code 0, NATS unreachable", async () => {
    const database = await createTestDatabase("org_migrate");
    try {
      // Port 1: nothing listens there, so connecting to NATS would fail.
      const { code, stderr } = await runMain({ DATABASE_URL: database.url, NATS_URL: "nats://127.0.0.1:1" });
      expect(code, stderr).toBe(0);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        const { rows } = await client.query(
          "SELECT to_regclass('organizations') AS organizations, to_regclass('processed_events') AS processed",
        );
        expect(rows[0]).toEqual({ organizations: "organizations", processed: "processed_events" });
        const applied = await client.query("SELECT count(*)::int AS n FROM knex_migrations");
        expect(applied.rows[0].n).toBeGreaterThan(1);
      } finally {
        await client.end();
      }
    } finally {
      await database.drop();
    }
  });

  it("ends with a non-zero code and the reason when the database does not exist", async () => {
    const database = await createTestDatabase("org_migrate");
    await database.drop();
    const { code, stderr } = await runMain({ DATABASE_URL: database.url });
    expect(code).not.toBe(0);
    expect(stderr).toContain(`database "${database.name}" does not exist`);
  });
});
