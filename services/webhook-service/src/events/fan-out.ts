// The inbound side: every event of the streams that carry webhook types
// (company, identity, sim) becomes one delivery per endpoint that wants it,
// written in the consumer's own transaction (the platform consumer records
// the event id there too, so a redelivered event fans out once).

import type { CloudEvent } from "@simhub/contracts";
import { contextOfEvent, type EventType, type StreamContext } from "@simhub/contracts";
import type { ConsumerSpec, EventHandler, Knex } from "@simhub/platform";
import type { Dispatcher } from "../app/dispatcher.ts";
import { anyEndpointWants, fanOutEvent } from "../db/deliveries.ts";
import { deliveredEventTypes, toWebhookEvent } from "../domain/event-types.ts";
import type { WebhookMetrics } from "../metrics.ts";

const FAN_OUT_BATCH = 64;

/**
 * One durable consumer per source stream, each on the stream's wildcard
 * subject, pulled by `parallelism` loops at once: the platform consumer
 * handles one message at a time per loop, a transaction each, and the
 * order of events does not matter here (each delivery stands alone and is
 * retried on its own), so several loops on one durable multiply the rate.
 */
export function fanOutConsumers(options: {
  db: Knex;
  metrics: WebhookMetrics;
  dispatcher: Pick<Dispatcher, "hasRoom" | "leaseMs" | "take" | "wake">;
  parallelism: number;
}): ConsumerSpec[] {
  // Most events have no endpoint that wants them: one read decides, and
  // only the others open the consumer's transaction. (An endpoint created
  // while the event is on its way gets it or not either way: the fan-out
  // query in the transaction sees the same endpoints.)
  const wanted = async (event: CloudEvent) => {
    const webhookEvent = toWebhookEvent(event);
    return webhookEvent ? anyEndpointWants(options.db, webhookEvent) : false;
  };
  const handler: EventHandler = async (trx: Knex.Transaction, event) => {
    const webhookEvent = toWebhookEvent(event);
    if (!webhookEvent) return;
    const { dispatcher } = options;
    const handOver = dispatcher.hasRoom();
    const created = await fanOutEvent(trx, webhookEvent, handOver ? { claimForMs: dispatcher.leaseMs } : {});
    if (created.length > 0) {
      options.metrics.fannedOut.inc(created.length);
      // Only once the consumer's transaction has committed are the rows there to be sent.
      trx.executionPromise.then(
        () => (handOver ? dispatcher.take(created) : dispatcher.wake()),
        () => {},
      );
    }
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
      handlers: Object.fromEntries(types.map((type) => [type, handler])),
    })),
  );
}
