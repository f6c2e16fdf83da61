// Test support for org-service's own integration tests: a fresh database on
// the test run's PostgreSQL server (from the harness's global setup), a local JWKS with an Ed25519 key that signs
// access tokens for any principal (so every role can be exercised without
// identity-service), a typed gRPC client, and a reader for the namespaced
// JetStream stream. Nothing here is mocked: the service under test verifies
// real JWTs and uses real PostgreSQL and NATS.
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
