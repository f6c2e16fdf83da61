// Usage records from internal mediation systems, on NATS (docs/usage.md,
// "From NATS"): a JetStream work-queue stream that this service creates and
// reads with one durable consumer shared by its replicas, so a record
// published while every replica is down waits for one to come back. A
// message is acknowledged only once its records (and their events) are
// committed; a failure of the database keeps it and tries again, a message
// that is not a usage message is dead-lettered. The organization comes from
// the message, believed because only mediation systems may publish on the
// subject; SIMs not met yet are looked up with usage-service's key.
import {
  deadLetterSubject,
  MAX_INGEST_MESSAGE_RECORDS,
  usageIngestStreamName,
  usageIngestSubjectIn,
} from "@simhub/contracts";
import { isTransientFailure, type Logger } from "@simhub/platform";
import {
  AckPolicy,
  type ConsumerMessages,
  DeliverPolicy,
  type JsMsg,
  type NatsConnection,
  nanos,
  RetentionPolicy,
  StorageType,
} from "nats";
import type { UsageDeps } from "../app/deps.ts";
import { IngestSession } from "../app/ingest.ts";

const DURABLE = "usage-service-ingest";
const MAX_DELIVER = 10;

export interface NatsIngestOptions {
  nc: NatsConnection;
  namespace: string;
  replicas: number;
  logger: Logger;
  /** The use cases' dependencies, with the SIM client that shows the service key. */
  deps: UsageDeps;
}

export async function startNatsIngest(options: NatsIngestOptions) {
  const { nc, namespace, logger, deps } = options;
  const stream = usageIngestStreamName(namespace);
  const jsm = await nc.jetstreamManager();
  const config = {
    name: stream,
    subjects: [usageIngestSubjectIn(namespace)],
    retention: RetentionPolicy.Workqueue,
    storage: StorageType.File,
    max_age: nanos(7 * 24 * 60 * 60 * 1000),
    duplicate_window: nanos(2 * 60 * 1000),
    num_replicas: options.replicas,
  };
  try {
    await jsm.streams.info(stream);
  } catch {
    await jsm.streams.add(config);
  }
  await jsm.consumers.add(stream, {
    durable_name: DURABLE,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    ack_wait: nanos(60_000),
    max_deliver: MAX_DELIVER + 5,
  });
  const consumer = await nc.jetstream().consumers.get(stream, DURABLE);
  let stopped = false;
  let messages: ConsumerMessages | undefined;
  let inFlight: Promise<void> = Promise.resolve();

  const deadLetter = (msg: JsMsg, reason: string) => {
    logger.warn({ consumer: DURABLE, reason }, "usage message dead-lettered");
    nc.publish(deadLetterSubject(namespace, DURABLE, "UsageRecords"), msg.data);
    msg.term(reason.slice(0, 200));
  };

  async function handle(msg: JsMsg) {
    let body: { orgId?: unknown; records?: unknown };
    try {
      body = msg.json();
    } catch {
      deadLetter(msg, "not JSON");
      return;
    }
    const records = body?.records;
    const orgId = body?.orgId;
    if (typeof orgId !== "string" || !/^[0-9a-f-]{36}$/i.test(orgId) || !Array.isArray(records)) {
      deadLetter(msg, "a usage message is {orgId, records:[…]}");
      return;
    }
    if (records.length > MAX_INGEST_MESSAGE_RECORDS) {
      deadLetter(msg, `more than ${MAX_INGEST_MESSAGE_RECORDS} records`);
      return;
    }
    for (let retry = 0; ; retry++) {
      try {
        const session = new IngestSession(deps, orgId, { kind: "organization" }, "nats");
        for (let index = 0; index < records.length; index++) await session.add(records[index], index);
        await session.flush();
        msg.ack();
        const { accepted, duplicates, rejectedCount, rejected } = session.outcome;
        if (rejectedCount > 0) {
          logger.warn(
            { orgId, accepted, duplicates, rejectedCount, first: rejected.slice(0, 5) },
            "usage records from NATS rejected",
          );
        }
        return;
      } catch (error) {
        if (stopped) return;
        if (isTransientFailure(error)) {
          msg.working();
          await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** retry, 2_000)));
          continue;
        }
        logger.warn({ err: error, consumer: DURABLE }, "usage message failed");
        if (msg.info.deliveryCount >= MAX_DELIVER)
          deadLetter(msg, `failed ${msg.info.deliveryCount} deliveries`);
        else msg.nak(Math.min(250 * 2 ** (msg.info.deliveryCount - 1), 10_000));
        return;
      }
    }
  }

  const loop = (async () => {
    while (!stopped) {
      try {
        messages = await consumer.consume({ max_messages: 4 });
        for await (const msg of messages) {
          inFlight = handle(msg);
          await inFlight;
        }
      } catch (error) {
        if (stopped) break;
        logger.warn({ err: error, consumer: DURABLE }, "usage ingest interrupted; resubscribing");
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    }
  })();

  return {
    async stop() {
      stopped = true;
      await inFlight.catch(() => {});
      await messages?.close().catch(() => {});
      await Promise.race([loop, new Promise((resolve) => setTimeout(resolve, 2_000))]);
    },
  };
}
