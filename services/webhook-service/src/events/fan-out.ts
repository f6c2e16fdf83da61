// The inbound side: every event of the streams that carry webhook types
// (company, identity, sim) becomes one delivery per endpoint that wants it,
// written in the consumer's own transaction (the platform consumer records
// the event id there too, so a redelivered event fans out once).
import { contextOfEvent, type EventType, type StreamContext } from "@simhub/contracts";
import type { ConsumerSpec, EventHandler, Knex } from "@simhub/platform";
import { fanOutEvent } from "../db/deliveries.ts";
import { deliveredEventTypes, toWebhookEvent } from "../domain/event-types.ts";
import type { WebhookMetrics } from "../metrics.ts";

/** One durable consumer per source stream, each on the stream's wildcard subject. */
export function fanOutConsumers(options: { metrics: WebhookMetrics; onDue: () => void }): ConsumerSpec[] {
  const handler: EventHandler = async (trx: Knex.Transaction, event) => {
    const webhookEvent = toWebhookEvent(event);
    if (!webhookEvent) return;
    const created = await fanOutEvent(trx, webhookEvent);
    if (created > 0) {
      options.metrics.fannedOut.inc(created);
      // Wake the dispatcher once the consumer's transaction has committed.
      trx.executionPromise.then(options.onDue, () => {});
    }
  };
  const byStream = new Map<StreamContext, EventType[]>();
  for (const type of deliveredEventTypes) {
    const context = contextOfEvent(type);
    byStream.set(context, [...(byStream.get(context) ?? []), type]);
  }
  return [...byStream].map(([from, types]) => ({
    from,
    durable: `webhook-service-${from}`,
    handlers: Object.fromEntries(types.map((type) => [type, handler])),
  }));
}
