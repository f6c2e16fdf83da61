// 9. Webhook deliveries across kills. 5,000 SimPlanAssigned events flow to
// one webhook whose receiver (a real HTTP server here) fails 20 % of the
// requests it gets, while webhook-service is killed with SIGKILL and started
// again three times, each kill placed by progress (after about a fifth, two
// fifths and three fifths of the events have reached the receiver). Every
// event must reach the receiver, the receiver must see each webhook-id
// exactly once after deduplication (at least once on the wire), every copy
// must verify with the endpoint's secret, and each delivery must end
// `delivered`. The figures (duplicates on the wire, injected failures, time
// to drain) are printed.
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, expect, it } from "vitest";
import { streamName } from "../../packages/contracts/src/index.ts";
import {
  killProcess,
  type Receiver,
  readStream,
  reportFigures,
  startProcess,
  startReceiver,
  waitFor,
  webhookTestEnv,
} from "../../packages/testing/src/index.ts";
import { type FaultStack, type Seed, seed, startFaultStack } from "./support.ts";

const EVENTS = 5_000;
const FAILURE_RATE = 0.2;

let f: FaultStack;
let data: Seed;
let receiver: Receiver;

beforeAll(async () => {
  f = await startFaultStack({
    envFor: {
      "webhook-service": {
        ...webhookTestEnv,
        // Enough short retries that 20 % failures never exhaust them (0.2^13).
        WEBHOOK_RETRY_SCHEDULE: "100ms,200ms,400ms,800ms,1s,1s,1s,1s,1s,1s,1s,1s",
        CONSUMER_ACK_WAIT_MS: "5000",
      },
    },
  });
  data = await seed(f.api, { companies: 1, sims: EVENTS, prefix: "89492" });
  receiver = await startReceiver();
}, 300_000);

afterAll(async () => {
  await receiver?.close();
  await f?.stop();
});

it("delivers every event exactly once per webhook-id across three kills, with 20 % of requests failing", async () => {
  const { stack } = f;
  const webhook = stack.services["webhook-service"].process;
  const hook = await f.api.post(`/v1/organizations/${data.orgId}/webhooks`, {
    url: receiver.url,
    events: ["sim_card.plan_assigned"],
  });
  expect(hook.status).toBe(201);
  let injected = 0;
  // webhook-id → how many times the receiver accepted it (2xx).
  const accepted = new Map<string, number>();
  receiver.respond = (delivery) => {
    if (Math.random() < FAILURE_RATE) {
      injected++;
      return { status: 503, body: "injected failure" };
    }
    const id = delivery.headers["webhook-id"]!;
    accepted.set(id, (accepted.get(id) ?? 0) + 1);
    return { status: 200 };
  };
  const plan = await f.api.post(`/v1/organizations/${data.orgId}/plans`, {
    name: "Fault plan",
    type: "prepaid",
    currency: "EUR",
    price: 100,
    dataMb: 10,
    validityDays: 30,
  });
  expect(plan.status).toBe(201);

  const started = Date.now();
  // The events: 5 bulk plan assignments of 1,000 SIMs, one event per SIM.
  const assigning = (async () => {
    for (let i = 0; i < EVENTS; i += 1_000) {
      const response = await f.api.post(`/v1/organizations/${data.orgId}/sims/plan`, {
        planId: plan.body.id,
        iccids: data.iccids.slice(i, i + 1_000),
      });
      expect(response.status).toBe(200);
      expect(response.body.assigned).toBe(1_000);
    }
  })();

  const successes = () => accepted.size;
  const kills: { atDelivered: number; exitMs: number; readyMs: number }[] = [];
  for (const fraction of [0.2, 0.4, 0.6]) {
    await waitFor(() => successes() >= EVENTS * fraction, {
      timeoutMs: 240_000,
      what: `${fraction * 100} % delivered`,
    });
    const atDelivered = successes();
    const exit = await killProcess(webhook, "SIGKILL");
    const readyMs = await startProcess(webhook);
    kills.push({ atDelivered, exitMs: exit.exitMs, readyMs });
  }
  await assigning;

  const events = (await readStream(stack.nc, streamName(stack.namespace, "sim"))).filter(
    (event) => event.event.type === "SimPlanAssigned",
  );
  expect(events).toHaveLength(EVENTS);
  const expectedIds = new Set(events.map((event) => event.event.id));
  await waitFor(() => successes() === EVENTS, { timeoutMs: 300_000, what: "every event delivered" });
  const drainedMs = Date.now() - started;

  // Deduplicated on webhook-id, the receiver accepted each event exactly once.
  expect(new Set(accepted.keys())).toEqual(expectedIds);
  const verifier = new Webhook(hook.body.secret);
  for (const delivery of receiver.deliveries) {
    const payload = verifier.verify(delivery.body, delivery.headers) as { id: string; type: string };
    expect(payload.id).toBe(delivery.headers["webhook-id"]);
    expect(payload.type).toBe("sim_card.plan_assigned");
  }
  await waitFor(
    async () => {
      const [row] = await stack.query<{ delivered: string; other: string }>(
        "webhook-service",
        `SELECT count(*) FILTER (WHERE status = 'delivered') AS delivered,
                count(*) FILTER (WHERE status <> 'delivered') AS other FROM deliveries`,
      );
      return Number(row!.delivered) === EVENTS && Number(row!.other) === 0;
    },
    { timeoutMs: 60_000, what: "every delivery recorded as delivered" },
  );
  const copies = [...accepted.values()];
  reportFigures("webhook-delivery", {
    events: EVENTS,
    requests: receiver.deliveries.length,
    injectedFailures: injected,
    acceptedRequests: copies.reduce((sum, n) => sum + n, 0),
    duplicatesAccepted: copies.reduce((sum, n) => sum + n, 0) - EVENTS,
    maxCopiesOfOneId: Math.max(...copies),
    kills: kills.length,
    killedAtDelivered: kills.map((kill) => kill.atDelivered).join("/"),
    restartReadyMs: kills.map((kill) => kill.readyMs).join("/"),
    drainedMs,
  });
});
