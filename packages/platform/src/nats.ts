// NATS connection and the streams of EVENTS.md: one per context, file
// storage, 7 days, a duplicate window long enough for relay retries.

import {
  deadLetterStreamName,
  namespacedSubject,
  type StreamContext,
  streamName,
  streamSubjects,
} from "@simhub/contracts";
import {
  connect,
  type JetStreamManager,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
  type StreamConfig,
} from "nats";
import type { Logger } from "./logger.ts";

export type { JetStreamClient, NatsConnection } from "nats";

export interface NatsCredentials {
  user: string;
  pass: string;
}

/**
 * The credentials of a process's own NATS user (deploy/nats/simhub-auth.conf),
 * from NATS_USER / NATS_PASSWORD; none means an unauthenticated connection
 * (a local nats-server without the configuration, as in the test harness).
 */
export function natsCredentials(config: {
  NATS_USER?: string | undefined;
  NATS_PASSWORD?: string | undefined;
}): NatsCredentials | undefined {
  return config.NATS_USER ? { user: config.NATS_USER, pass: config.NATS_PASSWORD ?? "" } : undefined;
}

export async function connectNats(
  url: string,
  name: string,
  logger: Logger,
  credentials?: NatsCredentials,
): Promise<NatsConnection> {
  const nc = await connect({
    servers: url.split(","),
    name,
    // A user receives replies only on its own inbox prefix (the server lets
    // each user subscribe to `_INBOX.<user>.>` alone), so no process can read
    // another's replies: KV reads of the gateway, JetStream acks.
    ...(credentials ? { ...credentials, inboxPrefix: `_INBOX.${credentials.user}` } : {}),
    maxReconnectAttempts: -1, // keep trying: events wait in the outbox meanwhile
    reconnectTimeWait: 500,
    waitOnFirstConnect: true,
  });
  (async () => {
    for await (const status of nc.status()) {
      if (status.type === "disconnect" || status.type === "reconnect") {
        logger.warn({ nats: status.type }, "NATS connection status changed");
      }
      // Refusals of the server (a permissions violation names the subject).
      if (status.type === "error") {
        const refusal = status.data as unknown as { message?: string } | string;
        logger.error(
          { nats: typeof refusal === "string" ? refusal : (refusal?.message ?? String(refusal)) },
          "NATS refused an operation",
        );
      }
    }
  })().catch(() => {});
  return nc;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const DAY_NS = nanos(DAY_MS);

/** How long the event streams keep an event; processed_events keeps its ids at least as long. */
export const EVENT_STREAM_MAX_AGE_MS = 7 * DAY_MS;

/**
 * A JetStream API request that timed out is tried again (up to ~30 s): on a
 * cluster, a stream of 3 replicas is only created once its nodes have
 * elected a leader for it, which a busy machine or a node that just
 * restarted can take longer than one request's timeout.
 */
async function patiently<T>(request: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await request();
    } catch (error) {
      const timedOut = (error as { code?: string }).code === "TIMEOUT" || String(error).includes("TIMEOUT");
      if (!timedOut || attempt >= 6) throw error;
      await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
    }
  }
}

async function upsertStream(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  return patiently(() => upsertStreamOnce(jsm, config));
}

async function upsertStreamOnce(jsm: JetStreamManager, config: Partial<StreamConfig> & { name: string }) {
  try {
    await jsm.streams.info(config.name);
    await jsm.streams.update(config.name, config);
  } catch (error) {
    if ((error as { code?: string }).code !== "404" && !String(error).includes("not found")) throw error;
    await jsm.streams.add(config);
  }
}

/**
 * The stream of a context. Its owner creates or updates it; a consumer of
 * another context's stream (`owned: false`) only creates it when it does not
 * exist yet and never changes it, which is all its NATS user may do.
 */
export async function ensureStream(
  nc: NatsConnection,
  namespace: string,
  context: StreamContext,
  replicas = 1,
  { owned = true }: { owned?: boolean } = {},
): Promise<void> {
  const jsm = await nc.jetstreamManager();
  const config = {
    name: streamName(namespace, context),
    subjects: [streamSubjects(namespace, context)],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: nanos(EVENT_STREAM_MAX_AGE_MS),
    duplicate_window: nanos(2 * 60 * 1000),
    num_replicas: replicas,
  };
  if (!owned) {
    try {
      await patiently(() => jsm.streams.info(config.name));
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== "404" && !String(error).includes("not found")) throw error;
    }
    // Created, never updated: its owner may have created it since the
    // look above (services start at once), and an update is refused to
    // this user. A stream that exists by now, with the owner's settings,
    // is what was wanted.
    try {
      await patiently(() => jsm.streams.add(config));
    } catch (error) {
      if (!alreadyExists(error)) throw error;
    }
    return;
  }
  await upsertStream(jsm, config);
}

/** JetStream's answer to creating a stream whose name is taken (10058), as nats.js reports it. */
function alreadyExists(error: unknown): boolean {
  const failure = error as { api_error?: { err_code?: number }; message?: string };
  return failure.api_error?.err_code === 10058 || String(failure.message ?? error).includes("already in use");
}

export async function ensureDeadLetterStream(nc: NatsConnection, namespace: string, replicas = 1) {
  const jsm = await nc.jetstreamManager();
  await upsertStream(jsm, {
    name: deadLetterStreamName(namespace),
    subjects: [namespacedSubject(namespace, "simhub.dlq.>")],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    max_age: 30 * DAY_NS,
    num_replicas: replicas,
  });
}
