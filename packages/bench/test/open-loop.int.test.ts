// The open-loop generator against a real HTTP server on loopback: requests
// leave on their schedule whatever the server does, latency counts from the
// scheduled send time (a slow server shows in every request that waited),
// and errors and timeouts are counted while the run stays bounded.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { runOpenLoop } from "../src/open-loop.ts";

const servers: Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

async function serve(handler: (req: IncomingMessage, res: ServerResponse) => void): Promise<string> {
  const server = createServer(handler);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const get = (path: string) => () => ({ method: "GET", path });

describe("open-loop load", () => {
  it("sends on its schedule however slowly responses come, with as many sockets as that takes", async () => {
    const arrivals: number[] = [];
    const url = await serve((_req, res) => {
      arrivals.push(performance.now());
      setTimeout(() => res.end("ok"), 200);
    });
    const result = await runOpenLoop({
      url,
      ratePerSec: 100,
      durationSec: 1,
      maxSockets: 64,
      timeoutSec: 10,
      headers: {},
      next: get("/"),
    });
    expect(result).toMatchObject({ scheduled: 100, sent: 100, errors: 0, statusCounts: { "200": 100 } });
    expect(arrivals).toHaveLength(100);
    // Spread over the second, not bunched behind responses: a closed loop
    // on one connection would have sent 5 in that time.
    expect(arrivals[99]! - arrivals[0]!).toBeGreaterThan(800);
    // 100 req/s × 0.2 s in flight each: about 20 at once, none waited for a socket.
    expect(result.maxInFlight).toBeGreaterThanOrEqual(10);
    expect(result.queuedForSocket).toBe(0);
    expect(result.latencyMs.p50).toBeGreaterThanOrEqual(200);
  });

  it("counts each latency from the scheduled send time, so time spent waiting for the server counts", async () => {
    // One socket and a server that takes 20 ms: 50 req/s at most, while
    // 200 req/s are offered for half a second. Request i is scheduled at
    // 5·i ms and answered at about 20·(i + 1) ms.
    const url = await serve((_req, res) => {
      setTimeout(() => res.end("ok"), 20);
    });
    const result = await runOpenLoop({
      url,
      ratePerSec: 200,
      durationSec: 0.5,
      maxSockets: 1,
      timeoutSec: 30,
      headers: {},
      next: get("/"),
    });
    expect(result).toMatchObject({ scheduled: 100, sent: 100, errors: 0 });
    expect(result.queuedForSocket).toBeGreaterThan(90);
    // Measured from the actual send, every request would take about 20 ms.
    expect(result.latencyMs.p50).toBeGreaterThan(500);
    expect(result.latencyMs.p99).toBeGreaterThan(1000);
    expect(result.throughput).toBeLessThan(200);
  });

  it("counts error responses, socket errors and timeouts, keeps samples, and stops at the timeout", async () => {
    const url = await serve((req, res) => {
      if (req.url === "/fail") {
        res.statusCode = 500;
        res.end("boom");
      } else if (req.url === "/ok") {
        res.end("ok");
      } else if (req.url === "/drop") {
        req.socket.destroy();
      }
      // "/hang": never answered
    });
    const paths = ["/ok", "/fail", "/hang", "/drop"];
    let n = 0;
    const started = performance.now();
    const result = await runOpenLoop({
      url,
      ratePerSec: 40,
      durationSec: 0.5,
      maxSockets: 16,
      timeoutSec: 0.5,
      headers: { "x-bench": "1" },
      next: () => ({ method: "GET", path: paths[n++ % paths.length]! }),
    });
    const elapsed = performance.now() - started;
    expect(result.scheduled).toBe(20);
    expect(result.statusCounts).toEqual({ "200": 5, "500": 5, timeouts: 5, "socket-errors": 5 });
    expect(result.errors).toBe(15);
    expect(result.errorSamples).toContain("500 boom");
    // Every request ended (answered, failed or aborted): the run is over
    // within the schedule plus the timeout, with slack for a loaded machine.
    expect(elapsed).toBeLessThan(10_000);
    expect(result.latencyMs.max).toBeGreaterThanOrEqual(500);
  });

  it("refuses a schedule it cannot keep", () => {
    const settings = {
      url: "http://127.0.0.1:1",
      durationSec: 1,
      maxSockets: 1,
      timeoutSec: 1,
      headers: {},
      next: get("/"),
    };
    expect(() => runOpenLoop({ ...settings, ratePerSec: 0 })).toThrow(/rate and a duration/);
    expect(() => runOpenLoop({ ...settings, ratePerSec: 10, maxSockets: 0 })).toThrow(/at least one socket/);
  });
});
