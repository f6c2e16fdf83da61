// Publishing a batch to JetStream with every message in flight at once, the
// way JetStream's own protocol allows: each message is a core NATS publish
// whose reply subject is an inbox of this publisher, and the stream answers
// on it with a PubAck ({"stream","seq","duplicate"}) or an error. nats.js's
// `jetstream().publish` does the same for one message at a time but costs
// about four times as much client CPU per message (a request with its own
// timer, promise and ack object each), which made it the ceiling of the
// outbox relay; here a batch shares one subscription and one deadline.
//
// The answers are matched to messages by the inbox token, so the caller
// knows exactly which messages the stream stored; those not answered by the
// deadline count as failed (the relay keeps them and publishes them again,
// deduplicated by Nats-Msg-Id).
import { createInbox, type MsgHdrs, type NatsConnection, type Subscription } from "nats";

export interface OutgoingMessage {
  subject: string;
  payload: string;
  /** Becomes Nats-Msg-Id: the stream stores a message once inside its duplicate window. */
  msgId: string;
  headers: MsgHdrs;
}

export type PublishOutcome = { ok: true } | { ok: false; reason: string };

interface PendingBatch {
  outcomes: (PublishOutcome | undefined)[];
  remaining: number;
  done: () => void;
}

export class JetStreamBatchPublisher {
  private readonly nc: NatsConnection;
  private readonly prefix: string;
  private readonly subscription: Subscription;
  private readonly batches = new Map<number, PendingBatch>();
  private nextBatch = 0;

  constructor(nc: NatsConnection) {
    this.nc = nc;
    // The connection's own inbox prefix (connectNats sets `_INBOX.<user>`):
    // under simhub's NATS permissions a user may subscribe to nothing else.
    this.prefix = createInbox((nc as unknown as { options?: { inboxPrefix?: string } }).options?.inboxPrefix);
    this.subscription = nc.subscribe(`${this.prefix}.*.*`, {
      callback: (error, message) => {
        if (error) return;
        const [batchToken, indexToken] = message.subject.slice(this.prefix.length + 1).split(".");
        const batch = this.batches.get(Number(batchToken));
        const index = Number(indexToken);
        if (!batch || batch.outcomes[index] !== undefined) return;
        batch.outcomes[index] = outcomeOf(message.headers, message.data);
        if (--batch.remaining === 0) batch.done();
      },
    });
  }

  /** Publishes every message at once; resolves with one outcome per message, in order. */
  async publish(messages: readonly OutgoingMessage[], timeoutMs: number): Promise<PublishOutcome[]> {
    if (messages.length === 0) return [];
    const id = this.nextBatch++;
    let finish = () => {};
    const finished = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const batch: PendingBatch = {
      outcomes: new Array(messages.length).fill(undefined),
      remaining: messages.length,
      done: finish,
    };
    this.batches.set(id, batch);
    const timer = setTimeout(finish, timeoutMs);
    try {
      messages.forEach((message, index) => {
        message.headers.set("Nats-Msg-Id", message.msgId);
        this.nc.publish(message.subject, message.payload, {
          reply: `${this.prefix}.${id}.${index}`,
          headers: message.headers,
        });
      });
      await finished;
    } catch (error) {
      // The connection refused the publish (closed, draining): nothing more will be answered.
      const reason = error instanceof Error ? error.message : String(error);
      for (let i = 0; i < batch.outcomes.length; i++) batch.outcomes[i] ??= { ok: false, reason };
    } finally {
      clearTimeout(timer);
      this.batches.delete(id);
    }
    return batch.outcomes.map((outcome) => outcome ?? { ok: false, reason: "no acknowledgement in time" });
  }

  close(): void {
    this.subscription.unsubscribe();
  }
}

const decoder = new TextDecoder();

function outcomeOf(headers: MsgHdrs | undefined, data: Uint8Array): PublishOutcome {
  // "No responders" (503) and other status replies come as headers only.
  if (headers?.hasError) return { ok: false, reason: `${headers.code} ${headers.description}` };
  try {
    const ack = JSON.parse(decoder.decode(data)) as { stream?: string; error?: { description?: string } };
    if (ack.error) return { ok: false, reason: ack.error.description ?? "stream error" };
    return ack.stream ? { ok: true } : { ok: false, reason: "not a JetStream acknowledgement" };
  } catch {
    return { ok: false, reason: "unreadable acknowledgement" };
  }
}
