// Usage for tests and benchmarks, in the one place that says how it gets
// into a stack: SimUsageUpdated and SimImeiChanged events, built by the
// platform's event builder (so they are valid against the catalogue), are
// published on the stack's own SIMHUB_USAGE stream exactly as
// usage-service's outbox relay publishes them. Once usage-service is in the
// stack, this is where usage is posted through the gateway instead; the
// tests that call it stay as they are.
import { type EventData, eventCatalog, namespacedSubject } from "@simhub/contracts";
import { buildOutboxRows } from "@simhub/platform";
import { type NatsConnection, headers as natsHeaders } from "nats";

export type UsageUpdate = EventData<"SimUsageUpdated"> & {
  /** The event's time (default now): usage of another day. */
  time?: string;
};

export type ImeiChange = EventData<"SimImeiChanged"> & { time?: string };

export interface UsageFeedTarget {
  namespace: string;
  nc: NatsConnection;
}

const settings = (namespace: string) => ({ namespace, source: "simhub/usage-service" });

type SimEvent = { iccid: string; orgId: string; companyId: string | null; time?: string };

async function publish<T extends "SimUsageUpdated" | "SimImeiChanged">(
  target: UsageFeedTarget,
  type: T,
  items: readonly (EventData<T> & { time?: string })[],
): Promise<string[]> {
  const js = target.nc.jetstream();
  const ids: string[] = [];
  // In order, one acknowledgement at a time per chunk: what a relay does.
  const chunk = 256;
  for (let start = 0; start < items.length; start += chunk) {
    const slice = items.slice(start, start + chunk);
    const rows = buildOutboxRows(
      settings(target.namespace),
      slice.map((item) => {
        const { time: _time, ...data } = item as SimEvent;
        return {
          type,
          subject: data.iccid,
          orgId: data.orgId,
          companyId: data.companyId,
          data: data as EventData<T>,
        };
      }),
    );
    await Promise.all(
      rows.map((row, index) => {
        const time = slice[index]!.time;
        const payload = time ? JSON.stringify({ ...JSON.parse(row.payload), time }) : row.payload;
        const h = natsHeaders();
        h.set("Ce-Type", row.type);
        ids.push(row.event_id);
        return js.publish(namespacedSubject(target.namespace, eventCatalog[type].subject), payload, {
          msgID: row.event_id,
          headers: h,
        });
      }),
    );
  }
  return ids;
}

/** Publishes one SimUsageUpdated per update (the period's new totals of one SIM); returns the event ids. */
export function feedUsage(target: UsageFeedTarget, updates: readonly UsageUpdate[]): Promise<string[]> {
  return publish(target, "SimUsageUpdated", updates);
}

/** Publishes SimImeiChanged events: the SIM reported from another device. */
export function feedImeiChanges(target: UsageFeedTarget, changes: readonly ImeiChange[]): Promise<string[]> {
  return publish(target, "SimImeiChanged", changes);
}

/**
 * Publishes a SimUsageUpdated again under an event id already used, as a
 * relay that published twice beyond the duplicate window would: the
 * consumer must take it for the same event.
 */
export async function redeliverUsage(target: UsageFeedTarget, update: UsageUpdate, eventId: string) {
  const [row] = buildOutboxRows(settings(target.namespace), [
    {
      type: "SimUsageUpdated",
      subject: update.iccid,
      orgId: update.orgId,
      companyId: update.companyId,
      data: update,
    },
  ]);
  const payload = { ...JSON.parse(row!.payload), id: eventId, ...(update.time ? { time: update.time } : {}) };
  const { time: _time, ...data } = update;
  payload.data = data;
  const h = natsHeaders();
  h.set("Ce-Type", "SimUsageUpdated");
  await target.nc
    .jetstream()
    .publish(
      namespacedSubject(target.namespace, eventCatalog.SimUsageUpdated.subject),
      JSON.stringify(payload),
      {
        msgID: `${eventId}-again-${row!.event_id}`,
        headers: h,
      },
    );
}
