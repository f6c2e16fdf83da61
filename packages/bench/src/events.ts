// Subscribers in the harness: an ordered JetStream consumer on the run's
// namespaced SIMHUB_SIM stream that notes, for each event, receipt time −
// the event's `time` (set by sim-service when it wrote the outbox row, in
// the transaction that made the change). Same machine, same clock.
import { DeliverPolicy, type NatsConnection } from "nats";

export interface EventProbe {
  /** Events that matched. */
  count(): number;
  /** Receipt − event time, ms, for the events whose own time is at or after `sinceEpochMs`. */
  latencies(sinceEpochMs?: number): number[];
  firstReceiptMs(): number | undefined;
  lastReceiptMs(): number | undefined;
  /** Resolves when `count()` reaches n, or false after the timeout. */
  waitFor(n: number, timeoutMs: number): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startEventProbe(
  nc: NatsConnection,
  stream: string,
  options: { filterSubject?: string; match?: (event: { type: string; data: unknown }) => boolean } = {},
): Promise<EventProbe> {
  const js = nc.jetstream();
  const consumer = await js.consumers.get(stream, {
    deliver_policy: DeliverPolicy.New,
    ...(options.filterSubject ? { filterSubjects: options.filterSubject } : {}),
  });
  const messages = await consumer.consume({ max_messages: 1_000 });
  const latencies: number[] = [];
  const eventTimes: number[] = [];
  let first: number | undefined;
  let last: number | undefined;
  let waiters: { n: number; resolve: (reached: boolean) => void }[] = [];
  const loop = (async () => {
    for await (const message of messages) {
      const now = Date.now();
      let event: { type: string; time: string; data: unknown };
      try {
        event = message.json();
      } catch {
        continue;
      }
      if (options.match && !options.match(event)) continue;
      const time = Date.parse(event.time);
      latencies.push(now - time);
      eventTimes.push(time);
      first ??= performance.now();
      last = performance.now();
      if (waiters.length) {
        waiters = waiters.filter((waiter) => {
          if (latencies.length < waiter.n) return true;
          waiter.resolve(true);
          return false;
        });
      }
    }
  })();
  return {
    count: () => latencies.length,
    latencies: (sinceEpochMs = 0) => latencies.filter((_, i) => eventTimes[i]! >= sinceEpochMs),
    firstReceiptMs: () => first,
    lastReceiptMs: () => last,
    waitFor(n, timeoutMs) {
      if (latencies.length >= n) return Promise.resolve(true);
      return new Promise((resolve) => {
        const waiter = { n, resolve };
        waiters.push(waiter);
        setTimeout(() => {
          waiters = waiters.filter((other) => other !== waiter);
          resolve(false);
        }, timeoutMs).unref();
      });
    },
    async stop() {
      messages.stop();
      await loop.catch(() => {});
    },
  };
}

/** Waits until every durable consumer of the stream has nothing pending (the services have caught up). */
export async function waitForConsumers(
  nc: NatsConnection,
  stream: string,
  timeoutMs: number,
): Promise<boolean> {
  const jsm = await nc.jetstreamManager();
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    let busy = false;
    for await (const info of jsm.consumers.list(stream)) {
      if (!info.config.durable_name) continue;
      if (info.num_pending > 0 || info.num_ack_pending > 0) busy = true;
    }
    if (!busy) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return false;
}
