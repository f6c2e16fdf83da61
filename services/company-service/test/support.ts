// Test support for company-service's own integration tests: a fresh database on
// the test run's PostgreSQL server (from the harness's global setup), a local JWKS with an Ed25519 key that signs
// access tokens for any principal (so every role can be exercised without
// identity-service), a typed gRPC client, and a reader for the namespaced
// JetStream stream, and org-service started as its own process (as in
// production: company-service reaches it only over gRPC). Nothing here is
// mocked: the services verify real JWTs and use real PostgreSQL and NATS.
import { type ChildProcess, spawn } from "node:child_process";
import { type AddressInfo, createServer as createTcpServer } from "node:net";
import { fileURLToPath } from "node:url";
import { type CloudEvent, parseCloudEvent, type StreamContext, streamName } from "@simhub/contracts";
import type { NatsConnection } from "@simhub/platform";

export {
  connectTestNats,
  createTestDatabase,
  startTestIssuer,
  type TestIssuer,
  testClient,
  uniqueSuffix,
} from "@simhub/testing";

/** Signs access tokens the way identity-service does (EdDSA, typ at+jwt), and serves the JWKS. */

export type ReceivedEvent = CloudEvent & { headers: Record<string, string> };

/**
 * Every event of a context's namespaced stream so far (optionally filtered),
 * each validated against the catalogue with parseCloudEvent, with the NATS
 * headers it arrived with. Waits until `count` match or the timeout passes.
 */
export async function readEvents(
  nc: NatsConnection,
  namespace: string,
  context: StreamContext,
  options: { type?: string; count?: number; timeoutMs?: number } = {},
): Promise<ReceivedEvent[]> {
  const deadline = Date.now() + (options.timeoutMs ?? 10_000);
  const want = options.count ?? 1;
  for (;;) {
    const events = await readAll(nc, streamName(namespace, context));
    const matching = options.type ? events.filter((event) => event.type === options.type) : events;
    if (matching.length >= want || Date.now() > deadline) return matching;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function readAll(nc: NatsConnection, stream: string): Promise<ReceivedEvent[]> {
  const jsm = await nc.jetstreamManager();
  const info = await jsm.streams.info(stream);
  const total = info.state.messages;
  if (total === 0) return [];
  const consumer = await nc.jetstream().consumers.get(stream);
  const events: ReceivedEvent[] = [];
  const messages = await consumer.fetch({ max_messages: total, expires: 2_000 });
  for await (const message of messages) {
    const headers: Record<string, string> = {};
    for (const [key, values] of message.headers ?? []) headers[key] = values[0] ?? "";
    events.push({ ...parseCloudEvent(message.json()), headers });
    if (events.length >= total) break;
  }
  return events;
}

/** Runs `fn` and returns the AppError it throws (fails if it does not throw). */
export async function rejection(promise: Promise<unknown>): Promise<{
  kind: string;
  code: string;
  message: string;
  errors: { path: string; message: string }[];
}> {
  try {
    await promise;
  } catch (error) {
    return error as {
      kind: string;
      code: string;
      message: string;
      errors: { path: string; message: string }[];
    };
  }
  throw new Error("expected the call to fail");
}

export async function freePort(): Promise<number> {
  const server = createTcpServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export interface ServiceProcess {
  grpcAddress: string;
  output: string[];
  stop(): Promise<void>;
}

/** Runs another service's main.ts as a child process and waits for its /readyz. */
export async function startServiceProcess(
  name: "org-service" | "sim-service",
  env: Record<string, string>,
  options: { grpcPort?: number } = {},
): Promise<ServiceProcess> {
  const grpcPort = options.grpcPort ?? (await freePort());
  const httpPort = await freePort();
  const main = fileURLToPath(new URL(`../../${name}/src/main.ts`, import.meta.url));
  const child: ChildProcess = spawn(process.execPath, [main], {
    env: {
      ...process.env,
      ...env,
      GRPC_PORT: String(grpcPort),
      HTTP_PORT: String(httpPort),
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const output: string[] = [];
  const keep = (chunk: Buffer) => {
    output.push(chunk.toString());
    if (output.length > 200) output.shift();
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited early:\n${output.join("")}`);
    try {
      const response = await fetch(`http://127.0.0.1:${httpPort}/readyz`, {
        signal: AbortSignal.timeout(1_000),
      });
      if (response.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`${name} was not ready in time:\n${output.join("")}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { grpcAddress: `127.0.0.1:${grpcPort}`, output, stop };
}
