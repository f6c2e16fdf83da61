// The inbound side: every event of the streams that carry webhook types
// (company, identity, sim) becomes one delivery per endpoint that wants it,
// written in the consumer's own transaction (the platform consumer records
// the event id there too, so a redelivered event fans out once).

import type { CloudEvent } from "@simhub/contracts";
import { contextOfEvent, type EventType, type StreamContext } from "@simhub/contracts";
import type { ConsumerSpec, EventBatchHandler, Knex } from "@simhub/platform";
import type { Dispatcher } from "../app/dispatcher.ts";
import { endpointsWant, fanOutEvents } from "../db/deliveries.ts";
import {
  deliveredEventTypes,
  toWebhookEvent,
  type WebhookAddress,
  webhookAddressOf,
} from "../domain/event-types.ts";
import type { WebhookMetrics } from "../metrics.ts";

const FAN_OUT_BATCH = 64;
/** How long a "some endpoint wants these" answer is kept. */
const WANTED_KEPT_MS = 1_000;

/**
 * One durable consumer per source stream, each on the stream's wildcard
 * subject, pulled by `parallelism` loops at once: the platform consumer
 * handles a batch at a time per loop, a transaction each. The order of
 * events does not matter here (each delivery stands alone and is retried
 * on its own), so loops may share a durable; but the cost is mostly per
 * transaction, so one loop gathering events for `batchWindowMs` into
 * shared transactions goes further than several splitting them.
 */
export function fanOutConsumers(options: {
  db: Knex;
  metrics: WebhookMetrics;
  dispatcher: Pick<Dispatcher, "hasRoom" | "leaseMs" | "take" | "wake">;
  parallelism: number;
  /** How long a fan-out batch gathers events before its transaction. */
  batchWindowMs: number;
}): ConsumerSpec[] {
  // Most events have no endpoint that wants them: one read per batch
  // decides, and only the others open the consumer's transaction. (An endpoint created
  // while the event is on its way gets it or not either way: the fan-out
  // query in the transaction sees the same endpoints.) A "yes" is kept for
  // a moment per organization, company and type, so a stream of events of
  // a tenant with endpoints asks once rather than once per event: a "yes"
  // only opens the transaction, whose fan-out decides again on what it
  // sees; a "no" is never kept, so a new endpoint gets the next event.
  const wantedUntil = new Map<string, number>();
  // Asked once per batch: the events without a kept "yes" in one read.
  const wanted = async (events: readonly CloudEvent[]) => {
    const now = Date.now();
    const answers = events.map(() => false);
    const asked: { index: number; address: WebhookAddress; key: string }[] = [];
    events.forEach((event, index) => {
      const address = webhookAddressOf(event);
      if (!address) return;
      const key = `${address.orgId}/${address.companyId ?? ""}/${address.type}`;
      if ((wantedUntil.get(key) ?? 0) > now) answers[index] = true;
      else asked.push({ index, address, key });
    });
    if (asked.length === 0) return answers;
    const found = await endpointsWant(
      options.db,
      asked.map(({ address }) => address),
    );
    asked.forEach(({ index, key }, position) => {
      const answer = found[position] === true;
      answers[index] = answer;
      if (answer) {
        if (wantedUntil.size > 10_000) wantedUntil.clear();
        wantedUntil.set(key, now + WANTED_KEPT_MS);
      } else wantedUntil.delete(key);
    });
    return answers;
  };
  // A run of events in one consumer transaction fans out in one statement.
  const handler: EventBatchHandler = {
    async batch(trx: Knex.Transaction, events: CloudEvent[]) {
      const webhookEvents = events.map(toWebhookEvent).filter((event) => event !== undefined);
      if (webhookEvents.length === 0) return;
      const { dispatcher } = options;
      const handOver = dispatcher.hasRoom();
      const created = await fanOutEvents(
        trx,
        webhookEvents,
        handOver ? { claimForMs: dispatcher.leaseMs } : {},
      );
      if (created.length > 0) {
        options.metrics.fannedOut.inc(created.length);
        // Only once the consumer's transaction has committed are the rows there to be sent.
        trx.executionPromise.then(
          () => (handOver ? dispatcher.take(created) : dispatcher.wake()),
          () => {},
        );
      }
    },
  };
  const byStream = new Map<StreamContext, EventType[]>();
  for (const type of deliveredEventTypes) {
    const context = contextOfEvent(type);
    byStream.set(context, [...(byStream.get(context) ?? []), type]);
  }
  return [...byStream].flatMap(([from, types]) =>
    Array.from({ length: options.parallelism }, () => ({
      from,
      durable: `webhook-service-${from}`,
      // One durable on `simhub.<ctx>.>`, not one per type: the types of a
      // stream without a webhook type are acknowledged unparsed.
      wholeStream: true,
      wanted,
      // A backlog (a burst of events) fans out many events per transaction.
      maxBatch: FAN_OUT_BATCH,
      batchWindowMs: options.batchWindowMs,
      handlers: Object.fromEntries(types.map((type) => [type, handler])),
    })),
  );
}
