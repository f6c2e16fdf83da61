// Where the tests' PostgreSQL and NATS come from, in this order:
// 1. SIMHUB_TEST_DATABASE_URL / SIMHUB_TEST_NATS_URL from the environment;
// 2. Testcontainers, when a Docker engine is reachable;
// 3. the local services (127.0.0.1:5432 as postgres, 127.0.0.1:4222);
// 4. embedded PostgreSQL and a nats-server from PATH on free ports.
import { chmodSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  canConnectPostgres,
  isPortOpen,
  type Started,
  startEmbeddedPostgres,
  startNatsServer,
} from "@simhub/launcher";

export interface TestInfrastructure {
  postgresAdminUrl: string;
  natsUrl: string;
  origin: { postgres: string; nats: string };
  stop(): Promise<void>;
}

async function dockerAvailable(): Promise<boolean> {
  try {
    const { getContainerRuntimeClient } = await import("testcontainers");
    await getContainerRuntimeClient();
    return true;
  } catch {
    return false;
  }
}

async function fromContainers(): Promise<{ postgres: Started; nats: Started }> {
  const { PostgreSqlContainer } = await import("@testcontainers/postgresql");
  const { NatsContainer } = await import("@testcontainers/nats");
  const postgresContainer = await new PostgreSqlContainer("postgres:17-alpine")
    .withUsername("postgres")
    .withPassword("postgres")
    .start();
  const natsContainer = await new NatsContainer("nats:2.11-alpine").withJetStream().start();
  return {
    postgres: {
      url: postgresContainer.getConnectionUri().replace(/\/[^/]*$/, "/postgres"),
      origin: "Testcontainers PostgreSQL",
      stop: async () => {
        await postgresContainer.stop();
      },
    },
    nats: {
      url: `nats://${natsContainer.getHost()}:${natsContainer.getMappedPort(4222)}`,
      origin: "Testcontainers NATS",
      stop: async () => {
        await natsContainer.stop();
      },
    },
  };
}

export async function provideInfrastructure(): Promise<TestInfrastructure> {
  const envPostgres = process.env.SIMHUB_TEST_DATABASE_URL;
  const envNats = process.env.SIMHUB_TEST_NATS_URL;
  let postgres: Started | undefined = envPostgres
    ? { url: envPostgres, origin: "SIMHUB_TEST_DATABASE_URL", stop: async () => {} }
    : undefined;
  let nats: Started | undefined = envNats
    ? { url: envNats, origin: "SIMHUB_TEST_NATS_URL", stop: async () => {} }
    : undefined;

  if ((!postgres || !nats) && process.env.SIMHUB_TEST_NO_DOCKER !== "1" && (await dockerAvailable())) {
    const containers = await fromContainers();
    postgres ??= containers.postgres;
    nats ??= containers.nats;
  }
  const localPostgres = "postgres://postgres@127.0.0.1:5432/postgres";
  if (!postgres && (await canConnectPostgres(localPostgres))) {
    postgres = { url: localPostgres, origin: "local PostgreSQL 127.0.0.1:5432", stop: async () => {} };
  }
  if (!nats && (await isPortOpen("127.0.0.1", 4222))) {
    nats = { url: "nats://127.0.0.1:4222", origin: "local NATS 127.0.0.1:4222", stop: async () => {} };
  }
  const scratch = mkdtempSync(join(tmpdir(), "simhub-test-"));
  // Run as root, embedded PostgreSQL runs as its own user, which must enter this folder (mkdtemp makes it 0700).
  chmodSync(scratch, 0o755);
  postgres ??= await startEmbeddedPostgres(join(scratch, "postgres"));
  nats ??= await startNatsServer(join(scratch, "nats"));
  const started = [postgres, nats];
  return {
    postgresAdminUrl: postgres.url,
    natsUrl: nats.url,
    origin: { postgres: postgres.origin, nats: nats.origin },
    stop: async () => {
      for (const dependency of started) {
        await dependency.stop().catch((error: unknown) => {
          process.stderr.write(
            `test infrastructure: stopping ${dependency.origin} failed: ${String(error)}\n`,
          );
        });
      }
    },
  };
}
