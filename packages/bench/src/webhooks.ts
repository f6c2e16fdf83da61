// Scenario 6: webhook fan-out. Ten local receivers (plain HTTP servers in
// this process, on 127.0.0.2, which the bench opens with
// WEBHOOK_ALLOW_HTTP / WEBHOOK_ALLOWED_CIDRS) each get a webhook endpoint of
// the bench organization; events are committed into sim-service's outbox at
// a steady rate (the relay publishes them, webhook-service consumes, fans
// out and delivers), so every event becomes one signed delivery per
// endpoint. Measured: deliveries per second from the first commit to the
// last receipt, and each delivery's latency from its event's commit to its
// receipt. Baseline: the same number of POSTs of the same bodies sent
// straight to the same receivers by a keep-alive client, 8 in flight per
// receiver (what the network path and the receivers take at most).
import { randomUUID } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { namespacedSubject } from "@simhub/contracts";
import { Agent } from "undici";
import { latencySummary } from "./load-spec.ts";
import { round } from "./proc.ts";
import type { Side } from "./results.ts";
import { withClient } from "./seed.ts";

const RECEIVER_HOST = "127.0.0.2";

interface Receiver {
  url: string;
  received: number;
  server: Server;
}

type Measured = Omit<
  Side,
  "processes" | "postgresCpuSeconds" | "machineCpuBusyCores" | "windowSec" | "cpuPerOp"
> & {
  operations?: { count: number; unit: "request" | "row" | "event"; includeLoad?: boolean };
};

export interface FanOutInput {
  orgId: string;
  namespace: string;
  simDatabaseUrl: string;
  events: number;
  endpoints: number;
  /** Events committed per second. */
  rate: number;
  createWebhook(url: string): Promise<void>;
  log(message: string): void;
  measure(side: "simhub" | "baseline", work: () => Promise<Measured>): Promise<Side>;
}

export interface FanOutResult {
  simhub: Side;
  baseline: Side;
  details: Record<string, unknown>;
}

async function startReceivers(count: number, onDelivery: (receiver: number, body: string) => void) {
  const receivers: Receiver[] = [];
  for (let index = 0; index < count; index++) {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = Buffer.concat(chunks).toString("utf8");
        const echo = /"type":"echo","echo_data":"([A-Za-z0-9:]+)"/.exec(body);
        if (echo && !req.headers["webhook-id"]) {
          res.end(echo[1]);
          return;
        }
        receivers[index]!.received++;
        onDelivery(index, body);
        res.end();
      });
    });
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve) => server.listen(0, RECEIVER_HOST, resolve));
    const { port } = server.address() as AddressInfo;
    receivers.push({ url: `http://${RECEIVER_HOST}:${port}/hooks`, received: 0, server });
  }
  return receivers;
}

export async function webhookFanOut(input: FanOutInput): Promise<FanOutResult> {
  const commitAt = new Map<string, number>();
  // Receipts of events whose commit this process has not seen answered yet
  // (its event loop was busy with other receipts): measured from when the
  // insert was sent once it answers, an upper bound of their latency.
  const early = new Map<string, number[]>();
  const latencies: number[] = [];
  // Delivery is at least once: a copy of a (receiver, webhook-id) already seen is counted, not measured.
  const seen = new Set<string>();
  let duplicates = 0;
  let lastReceipt = 0;
  let receiving = false;
  const receivers = await startReceivers(input.endpoints, (index, body) => {
    if (!receiving) return;
    const id = /^\{"id":"([0-9a-f-]{36})"/.exec(body)?.[1];
    if (id && seen.has(`${index}:${id}`)) {
      duplicates++;
      return;
    }
    if (id) seen.add(`${index}:${id}`);
    const committed = id ? commitAt.get(id) : undefined;
    const now = Date.now();
    if (committed !== undefined) latencies.push(now - committed);
    else if (id) early.set(id, [...(early.get(id) ?? []), now]);
    lastReceipt = now;
  });
  try {
    for (const receiver of receivers) await input.createWebhook(receiver.url);
    const expected = input.events * input.endpoints;
    const subject = namespacedSubject(input.namespace, "simhub.sim.imported");
    const tickMs = 20;
    const perTick = Math.max(1, Math.round((input.rate * tickMs) / 1000));
    let firstCommit = 0;
    receiving = true;
    const simhub = await input.measure("simhub", async () => {
      await withClient(input.simDatabaseUrl, async (client) => {
        const started = Date.now();
        firstCommit = started;
        for (let sent = 0, tick = 0; sent < input.events; tick++) {
          // Paced by the clock, not by the previous insert: an open loop.
          const due = started + tick * tickMs;
          const wait = due - Date.now();
          if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
          const ids = Array.from({ length: Math.min(perTick, input.events - sent) }, () => randomUUID());
          const sentAt = Date.now();
          await client.query(
            `INSERT INTO outbox (event_id, subject, type, payload)
             SELECT id, $1, 'SimsImported', jsonb_build_object(
                      'specversion', '1.0', 'id', id, 'source', 'simhub/sim-service', 'type', 'SimsImported',
                      'subject', id::text,
                      'time', to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
                      'datacontenttype', 'application/json', 'orgid', $2::text,
                      'data', jsonb_build_object('importId', id::text, 'orgId', $2::text, 'count', 1, 'rejected', 0))
               FROM unnest($3::uuid[]) AS id`,
            [subject, input.orgId, ids],
          );
          const committed = Date.now();
          for (const id of ids) {
            commitAt.set(id, committed);
            for (const receivedAt of early.get(id) ?? []) latencies.push(receivedAt - sentAt);
            early.delete(id);
          }
          sent += ids.length;
        }
      });
      const deadline = Date.now() + 600_000;
      while (latencies.length < expected && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const seconds = (lastReceipt - firstCommit) / 1000;
      return {
        value: Math.round(latencies.length / seconds),
        unit: "deliveries/s",
        latencyMs: latencySummary(latencies),
        requests: expected,
        errors: expected - latencies.length,
        durationSec: round(seconds, 2),
        operations: { count: latencies.length, unit: "event" },
      };
    });
    receiving = false;
    input.log(`webhook fan-out: ${simhub.value} deliveries/s, p99 ${simhub.latencyMs?.p99} ms`);

    const body = JSON.stringify({
      id: randomUUID(),
      type: "sim_card.imported",
      data: { orgId: input.orgId },
    });
    const agent = new Agent({ connections: 8, keepAliveTimeout: 30_000 });
    const baseline = await input.measure("baseline", async () => {
      const started = performance.now();
      const times: number[] = [];
      let errors = 0;
      let next = 0;
      const worker = async (receiver: Receiver) => {
        const target = new URL(receiver.url);
        while (next < expected) {
          next++;
          const sentAt = performance.now();
          try {
            const response = await agent.request({
              origin: target.origin,
              path: target.pathname,
              method: "POST",
              headers: { "content-type": "application/json" },
              body,
            });
            await response.body.dump();
            if (response.statusCode !== 200) errors++;
          } catch {
            errors++;
          }
          times.push(performance.now() - sentAt);
        }
      };
      await Promise.all(receivers.flatMap((receiver) => Array.from({ length: 8 }, () => worker(receiver))));
      const seconds = (performance.now() - started) / 1000;
      return {
        value: Math.round(times.length / seconds),
        unit: "requests/s",
        latencyMs: latencySummary(times),
        requests: times.length,
        errors,
        durationSec: round(seconds, 2),
        operations: { count: times.length, unit: "request", includeLoad: true },
      };
    });
    await agent.close();
    return {
      simhub,
      baseline,
      details: {
        offeredEventsPerSecond: input.rate,
        offeredDeliveriesPerSecond: input.rate * input.endpoints,
        deliveriesExpected: expected,
        deliveriesReceived: latencies.length,
        duplicateDeliveries: duplicates,
      },
    };
  } finally {
    for (const receiver of receivers)
      await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
  }
}
