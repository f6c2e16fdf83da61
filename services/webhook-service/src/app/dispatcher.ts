// Sends due deliveries. A loop claims due rows (db/deliveries.ts, shared by
// every replica through FOR UPDATE SKIP LOCKED), sends each with its
// endpoint's signatures, and records the outcomes in batches: one statement
// for many attempts. A slow or dead endpoint never delays the others: each
// endpoint has at most WEBHOOK_ENDPOINT_CONCURRENCY attempts in flight, an
// endpoint at its limit is left out of the next claim, and every attempt
// has its own timeout. Each endpoint keeps a short queue of claimed rows
// (four times its concurrency) so claims are few and large; an endpoint is
// claimed for again once its queue is half empty. New due deliveries wake
// the loop, and so do completions while its last claim may have left due
// rows behind (at most one claim per CLAIM_INTERVAL_MS); otherwise it polls
// every WEBHOOK_POLL_MS. WEBHOOK_MAX_IN_FLIGHT bounds the
// attempts in flight in all.
//
// New deliveries skip the claim: while the dispatcher has room, the fan-out
// inserts them already claimed by this process and hands them over once its
// transaction commits (`take`), so a delivery costs one insert and one
// update rather than an insert and two updates. Without room they are
// inserted due, for whichever replica claims them first.
//
// At least once: a claimed row is not due again until its lease has passed,
// so a replica killed mid-attempt (or before a handed-over row was sent)
// leaves it to be sent again; receivers dedupe on webhook-id (the event id,
// the same on every attempt).
import { enqueueEvents, type Logger } from "@simhub/platform";
import {
  type AttemptRecord,
  type ClaimedDelivery,
  claimDueDeliveries,
  recordAttempts,
} from "../db/deliveries.ts";
import { classifyResponse, nextRetryDelay } from "../domain/retry.ts";
import { signedHeaders } from "../domain/signing.ts";
import type { WebhookDeps } from "./deps.ts";
import { disableEndpoint } from "./endpoints.ts";
import { signingSecrets } from "./secrets.ts";

export interface DispatcherOptions {
  schedule: number[];
  timeoutMs: number;
  perEndpoint: number;
  maxInFlight: number;
  pollMs: number;
  logger: Logger;
}

export interface Dispatcher {
  /** Something became due (a consumed event, a replay): look now. */
  wake(): void;
  /** How long a claim lasts: a row inserted claimed for this process uses the same. */
  readonly leaseMs: number;
  /** Whether newly fanned-out deliveries should be claimed for this process and handed over. */
  hasRoom(): boolean;
  /** Deliveries claimed for this process elsewhere (by the fan-out), to send. */
  take(deliveries: ClaimedDelivery[]): void;
  stop(): Promise<void>;
}

const FLUSH_EVERY_MS = 20;
const FLUSH_AT = 256;
const CLAIM_INTERVAL_MS = 10;

/** Whether some endpoint got as many rows as a claim gives one endpoint. */
function reachedPerEndpoint(claimed: ClaimedDelivery[], perEndpoint: number): boolean {
  const counts = new Map<string, number>();
  for (const delivery of claimed) {
    const count = (counts.get(delivery.endpointId) ?? 0) + 1;
    if (count >= perEndpoint) return true;
    counts.set(delivery.endpointId, count);
  }
  return false;
}

export function startDispatcher(deps: WebhookDeps, options: DispatcherOptions): Dispatcher {
  // Claimed rows held per endpoint (in flight and queued here).
  const queueDepth = options.perEndpoint * 4;
  // A claim must outlast the attempts queued behind it in this process: a
  // full queue (and a half) drains in six attempt timeouts at worst.
  const leaseMs = Math.max(60_000, options.timeoutMs * 6);
  const inFlightByEndpoint = new Map<string, number>();
  const secretCache = new Map<string, string>();
  let inFlight = 0;
  let stopped = false;
  let wakeUp: (() => void) | undefined;
  let woken = false;
  const pending: { record: AttemptRecord; delivery: ClaimedDelivery; gone: boolean }[] = [];
  let flushing: Promise<void> = Promise.resolve();
  let flushTimer: NodeJS.Timeout | undefined;
  const running = new Set<Promise<void>>();
  // Attempts by outcome since the last flush, added to the counter there:
  // a labelled increment per attempt costs more than the count itself.
  const attemptsBy = { delivered: 0, retry: 0, dead: 0, gone: 0 };

  const wake = () => {
    woken = true;
    wakeUp?.();
  };

  const idle = (ms: number) =>
    new Promise<void>((resolve) => {
      if (woken || stopped) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wakeUp = undefined;
        resolve();
      }
      wakeUp = done;
    });

  function scheduleFlush() {
    if (pending.length >= FLUSH_AT) void flush();
    else flushTimer ??= setTimeout(() => void flush(), FLUSH_EVERY_MS);
  }

  function flush(): Promise<void> {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = undefined;
    const batch = pending.splice(0, pending.length);
    for (const outcome of ["delivered", "retry", "dead", "gone"] as const) {
      if (attemptsBy[outcome] > 0) deps.metrics.attempts.inc({ outcome }, attemptsBy[outcome]);
      attemptsBy[outcome] = 0;
    }
    if (batch.length === 0) return flushing;
    flushing = flushing.then(() => writeOutcomes(batch));
    return flushing;
  }

  async function writeOutcomes(batch: typeof pending) {
    for (let retry = 0; ; retry++) {
      try {
        const records = batch.map((entry) => entry.record);
        const dead = batch.filter((entry) => entry.record.status === "dead");
        // Without a dead delivery to announce, the record is one statement on its own.
        if (dead.length === 0) {
          await recordAttempts(deps.db, records);
          break;
        }
        await deps.db.transaction(async (trx) => {
          await recordAttempts(trx, records);
          await enqueueEvents(
            trx,
            deps.events,
            dead.map(({ record, delivery }) => ({
              type: "WebhookDeliveryDead" as const,
              subject: delivery.endpointId,
              orgId: delivery.orgId,
              companyId: delivery.companyId,
              data: {
                webhookId: delivery.endpointId,
                orgId: delivery.orgId,
                deliveryId: delivery.id,
                eventId: delivery.eventId,
                attempts: record.attempts,
              },
            })),
          );
        });
        break;
      } catch (error) {
        // The claims' leases keep the rows from being sent twice meanwhile;
        // if the database stays away past them they are simply sent again.
        if (stopped && retry > 3) return;
        options.logger.warn({ err: error }, "recording webhook attempts failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, Math.min(200 * 2 ** retry, 5_000)));
      }
    }
    for (const { delivery } of batch.filter((entry) => entry.gone)) {
      await disableEndpoint(deps, delivery.endpointId, "the endpoint answered 410 Gone", "gone").catch(
        (error: unknown) => options.logger.warn({ err: error }, "disabling a gone endpoint failed"),
      );
    }
  }

  async function attempt(delivery: ClaimedDelivery) {
    const now = new Date();
    let record: AttemptRecord;
    let gone = false;
    try {
      const secrets = signingSecrets(
        deps.secrets,
        secretCache,
        {
          id: delivery.endpointId,
          secretSealed: delivery.secretSealed,
          previousSecretSealed: delivery.previousSecretSealed,
          previousSecretExpiresAt: delivery.previousSecretExpiresAt,
        },
        now,
      );
      const timestamp = Math.floor(now.getTime() / 1000);
      const headers = signedHeaders(secrets, delivery.eventId, timestamp, delivery.body);
      const result = await deps.http.post(delivery.url, headers, delivery.body, options.timeoutMs);
      deps.metrics.attemptDuration.observe(result.durationMs / 1000);
      const outcome = classifyResponse(result.status);
      const attempts = delivery.attempts + 1;
      gone = outcome === "gone";
      const delay =
        outcome === "delivered" ? undefined : nextRetryDelay(options.schedule, attempts, Math.random());
      const status = outcome === "delivered" ? "delivered" : delay === undefined && !gone ? "dead" : "failed";
      attemptsBy[
        outcome === "delivered" ? "delivered" : gone ? "gone" : status === "dead" ? "dead" : "retry"
      ]++;
      record = {
        deliveryId: delivery.id,
        status,
        attempts,
        attemptedAt: now,
        durationMs: result.durationMs,
        responseStatus: result.status ?? null,
        error: result.error ?? (outcome === "delivered" ? null : `answered ${result.status}`),
        responseBody: result.body,
        // A gone endpoint is disabled; if it is enabled again, the delivery is due at once.
        nextAttemptAt: status === "failed" ? new Date(now.getTime() + (delay ?? 0)) : null,
      };
    } catch (error) {
      // A secret that does not open (a wrong WEBHOOK_SECRETS_KEY) is not the endpoint's fault: try again later.
      options.logger.error({ err: error, deliveryId: delivery.id }, "could not sign a webhook delivery");
      record = {
        deliveryId: delivery.id,
        status: "failed",
        attempts: delivery.attempts,
        attemptedAt: now,
        durationMs: 0,
        responseStatus: null,
        error: "simhub could not sign the delivery",
        responseBody: null,
        nextAttemptAt: new Date(now.getTime() + 60_000),
      };
    }
    pending.push({ record, delivery, gone });
    scheduleFlush();
  }

  /** Claimed rows of an endpoint waiting for one of its slots, in claim order. */
  const queued = new Map<string, ClaimedDelivery[]>();
  const held = (endpointId: string) =>
    (inFlightByEndpoint.get(endpointId) ?? 0) + (queued.get(endpointId)?.length ?? 0);

  function pump(endpointId: string) {
    const queue = queued.get(endpointId);
    while (
      queue &&
      queue.length > 0 &&
      inFlight < options.maxInFlight &&
      (inFlightByEndpoint.get(endpointId) ?? 0) < options.perEndpoint
    ) {
      start(queue.shift()!);
    }
    if (queue && queue.length === 0) queued.delete(endpointId);
  }

  function start(delivery: ClaimedDelivery) {
    inFlight++;
    inFlightByEndpoint.set(delivery.endpointId, (inFlightByEndpoint.get(delivery.endpointId) ?? 0) + 1);
    const task = attempt(delivery).finally(() => {
      const atLimit = inFlight >= options.maxInFlight;
      inFlight--;
      const left = (inFlightByEndpoint.get(delivery.endpointId) ?? 1) - 1;
      if (left === 0) inFlightByEndpoint.delete(delivery.endpointId);
      else inFlightByEndpoint.set(delivery.endpointId, left);
      running.delete(task);
      if (stopped) return;
      pump(delivery.endpointId);
      // The slot freed under the global limit may be another endpoint's turn.
      if (atLimit) for (const endpointId of queued.keys()) pump(endpointId);
      // Claimed for again once its queue is half empty, if the last claim
      // may have left due rows of it (or of anyone) in the table.
      if (backlogLeft && held(delivery.endpointId) <= queueDepth / 2) wake();
    });
    running.add(task);
  }

  /** Claimed rows held here, in flight or queued: at most four per slot of WEBHOOK_MAX_IN_FLIGHT. */
  const room = () => {
    let queuedRows = 0;
    for (const queue of queued.values()) queuedRows += queue.length;
    return options.maxInFlight * 4 - inFlight - queuedRows;
  };

  function take(deliveries: ClaimedDelivery[]) {
    if (stopped) return; // their leases run out and another replica (or the next start) sends them
    const touched = new Set<string>();
    for (const delivery of deliveries) {
      const queue = queued.get(delivery.endpointId) ?? [];
      queue.push(delivery);
      queued.set(delivery.endpointId, queue);
      touched.add(delivery.endpointId);
    }
    for (const endpointId of touched) pump(endpointId);
  }

  let lastClaimAt = 0;
  // Whether the last claim may have left due rows behind: it was cut short
  // by a limit (in all, per endpoint, the endpoints left out as busy, no
  // room). Otherwise the table holds nothing due until something is
  // inserted or replayed (which wakes the loop), or a retry or a lease comes
  // due (the poll finds it), so a completion need not look again.
  let backlogLeft = true;
  const loop = (async () => {
    while (!stopped) {
      const sinceClaim = Date.now() - lastClaimAt;
      if (sinceClaim < CLAIM_INTERVAL_MS) {
        await new Promise((resolve) => setTimeout(resolve, CLAIM_INTERVAL_MS - sinceClaim));
      }
      woken = false;
      const free = room();
      let claimed: ClaimedDelivery[] = [];
      backlogLeft = free <= 0;
      if (free > 0) {
        // An endpoint whose queue here is still more than half full is not claimed for.
        const busy = [...new Set([...inFlightByEndpoint.keys(), ...queued.keys()])].filter(
          (id) => held(id) > queueDepth / 2,
        );
        lastClaimAt = Date.now();
        const limit = Math.min(free, 1_000);
        try {
          claimed = await claimDueDeliveries(deps.db, {
            limit,
            perEndpoint: queueDepth,
            leaseMs,
            skipEndpoints: busy,
          });
        } catch (error) {
          if (stopped) break;
          backlogLeft = true;
          options.logger.warn({ err: error }, "claiming due webhook deliveries failed");
          await idle(1_000);
          continue;
        }
        backlogLeft = busy.length > 0 || claimed.length >= limit || reachedPerEndpoint(claimed, queueDepth);
      }
      take(claimed);
      if (claimed.length === 0 || free <= 0) await idle(options.pollMs);
    }
  })();

  return {
    wake,
    leaseMs,
    hasRoom: () => !stopped && room() > 0,
    take,
    async stop() {
      stopped = true;
      wakeUp?.();
      await loop;
      await Promise.allSettled([...running]);
      await flush();
    },
  };
}
