// The gRPC client kit's own timers: every RPC method has a breaker, and a
// breaker's rolling window moves on every second. One process-wide timer
// does that for all of them (bucketRotator in grpc-client.ts); a timer per
// breaker woke an idle gateway about 150 times a second.
import { describe, expect, it } from "vitest";
import { createGrpcClient } from "../src/grpc-client.ts";
import { createLogger } from "../src/logger.ts";
import { createMetrics } from "../src/metrics.ts";

/** How many intervals `work` starts (unref'd ones too, which no resource count shows). */
function intervalsStartedBy(work: () => void): number {
  const original = globalThis.setInterval;
  let started = 0;
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    started++;
    return original(...args);
  }) as typeof setInterval;
  try {
    work();
  } finally {
    globalThis.setInterval = original;
  }
  return started;
}

describe("gRPC client breakers", () => {
  it("share one timer however many methods and clients there are", () => {
    const options = {
      logger: createLogger("test", "silent"),
      metrics: createMetrics("test"),
      deadlineMs: 1_000,
    };
    // The first client may start the shared timer; the ones after it add none.
    const first = createGrpcClient("sim", "127.0.0.1:1", options);
    const clients: { close(): void }[] = [];
    const started = intervalsStartedBy(() => {
      clients.push(createGrpcClient("sim", "127.0.0.1:1", options));
      clients.push(createGrpcClient("org", "127.0.0.1:1", options));
      clients.push(createGrpcClient("identity", "127.0.0.1:1", options));
    });
    expect(started).toBe(0);
    for (const client of [first, ...clients]) client.close();
  });
});
