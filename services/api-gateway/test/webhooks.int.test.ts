// Webhooks through the gateway, with real HTTP receivers started here on
// 127.0.0.2 (the only range this stack opens, with http, for the test):
// the echo check, signed deliveries of every event type simhub publishes
// verified with the `standardwebhooks` package, company scoping, retries
// with one webhook-id, dead deliveries, 410, replay, secret rotation, and
// refused targets.
import { randomBytes } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import {
  type HttpClient,
  type ReceivedDelivery,
  type Receiver,
  type Stack,
  startReceiver,
  startStack,
  waitFor,
  webhookTestEnv,
} from "@simhub/testing";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iccid } from "./identity-support.ts";

let stack: Stack;
let api: HttpClient;
let orgId: string;
let operatorId: string;
const receivers: Receiver[] = [];
const tag = randomBytes(3).toString("hex");
let serial = 100_000 + Math.floor(Math.random() * 800_000);

async function receiver() {
  const started = await startReceiver();
  receivers.push(started);
  return started;
}

const typeOf = (delivery: ReceivedDelivery) => (JSON.parse(delivery.body) as { type: string }).type;

async function createOrgWebhook(url: string, events: string[] = ["*"]) {
  return api.post(`/v1/organizations/${orgId}/webhooks`, { url, events });
}

beforeAll(async () => {
  stack = await startStack({
    envFor: {
      "webhook-service": {
        ...webhookTestEnv,
        // Endpoints are checked again after 3.6 s, looked for every 500 ms.
        WEBHOOK_REVALIDATE_HOURS: "0.001",
        WEBHOOK_MAINTENANCE_INTERVAL_MS: "500",
        // A check that times out on a busy machine would disable an endpoint mid-test.
        WEBHOOK_VALIDATION_TIMEOUT_MS: "5000",
      },
    },
  });
  api = stack.http(await stack.login(stack.admin.username, stack.admin.password));
  const org = await api.post("/v1/organizations", { name: `Webhook org ${tag}` });
  orgId = org.body.id;
  const operator = await api.post(`/v1/organizations/${orgId}/operators`, {
    operatorName: `Operator ${tag}`,
    mcc: "262",
    mnc: "01",
    integration: "none",
  });
  operatorId = operator.body.id;
}, 180_000);

afterAll(async () => {
  for (const started of receivers) await started.close();
  await stack?.stop();
});

describe("endpoint validation (echo)", () => {
  it("creates an endpoint whose URL echoes, with a secret shown once", async () => {
    const target = await receiver();
    const created = await createOrgWebhook(target.url);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      orgId,
      companyId: null,
      url: target.url,
      events: ["*"],
      status: "active",
    });
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    expect(target.echoes).toBe(1);
    const read = await api.get(`/v1/webhooks/${created.body.id}`);
    expect(read.status).toBe(200);
    expect(JSON.stringify(read.body)).not.toContain(created.body.secret);
  });

  it("accepts the JSON form of the echo", async () => {
    const target = await receiver();
    target.echo = (echoData) => ({
      status: 200,
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ echo_data: echoData }),
    });
    expect((await createOrgWebhook(target.url)).status).toBe(201);
  });

  it("refuses a URL that does not echo, with the reason", async () => {
    const target = await receiver();
    target.echo = () => ({ status: 200, body: "hello" });
    const wrongBody = await createOrgWebhook(target.url);
    expect(wrongBody.status).toBe(422);
    expect(wrongBody.body.code).toBe("WEBHOOK_VALIDATION_FAILED");
    target.echo = () => ({ status: 500, body: "" });
    const failing = await createOrgWebhook(target.url);
    expect(failing.status).toBe(422);
    expect(failing.body.detail).toContain("500");
  });

  it("refuses malformed input with every offending field", async () => {
    const bad = await api.post(`/v1/organizations/${orgId}/webhooks`, {
      url: "ftp://x",
      events: ["nope.never"],
    });
    expect(bad.status).toBe(400);
    const paths = (bad.body.errors as { path: string }[]).map((error) => error.path).join(" ");
    expect(paths).toContain("url");
    expect(paths).toContain("events");
  });
});

describe("revalidation", () => {
  it("disables an endpoint that stops echoing, with the reason, and says so on the stream", async () => {
    const target = await receiver();
    const hook = (await createOrgWebhook(target.url)).body;
    target.echo = () => ({ status: 404, body: "gone fishing" });
    await expect
      .poll(async () => (await api.get(`/v1/webhooks/${hook.id}`)).body, { timeout: 20_000, interval: 250 })
      .toMatchObject({
        status: "disabled",
        disabledReason: expect.stringContaining("revalidation failed: answered 404"),
      });
    const disabled = await stack.events("webhook", { type: "WebhookEndpointDisabled", count: 1 });
    expect(disabled.some((event) => (event.data as { webhookId: string }).webhookId === hook.id)).toBe(true);
    // Made active again, it must echo first.
    const refused = await api.patch(`/v1/webhooks/${hook.id}`, { status: "active" });
    expect(refused.status).toBe(422);
    target.echo = (echoData) => ({ status: 200, body: echoData });
    expect((await api.patch(`/v1/webhooks/${hook.id}`, { status: "active" })).body).toMatchObject({
      status: "active",
      disabledReason: null,
    });
  });
});

describe("safe targets", () => {
  const refused = [
    ["the metadata address", "http://169.254.169.254/latest/meta-data/"],
    ["a private address", "http://10.0.0.1/hooks"],
    ["another private range", "http://192.168.1.10/hooks"],
    ["a unique-local IPv6 address", "http://[fd00::1]/hooks"],
    ["an IPv4-mapped loopback", "http://[::ffff:127.0.0.1]/hooks"],
    ["loopback outside the opened range", "http://127.0.0.1:9/hooks"],
  ];
  it.each(refused)("refuses %s", async (_label, url) => {
    const response = await createOrgWebhook(url);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("WEBHOOK_VALIDATION_FAILED");
    expect(response.body.detail).toMatch(/refused/);
  });

  it("refuses a host name that resolves to loopback (checked on the resolved address)", async () => {
    const target = await receiver();
    const port = new URL(target.url).port;
    const response = await createOrgWebhook(`http://localhost:${port}/hooks`);
    expect(response.status).toBe(422);
    expect(response.body.detail).toMatch(/localhost resolves to .*loopback/);
    expect(target.echoes).toBe(0);
  });

  it("does not follow a redirect to loopback", async () => {
    let followed = 0;
    const inner = createServer((_req, res) => {
      followed++;
      res.end("x");
    });
    await new Promise<void>((resolve) => inner.listen(0, "127.0.0.1", resolve));
    const target = await receiver();
    target.echo = () => ({
      status: 307,
      headers: { location: `http://127.0.0.1:${(inner.address() as AddressInfo).port}/` },
      body: "",
    });
    const response = await createOrgWebhook(target.url);
    expect(response.status).toBe(422);
    expect(response.body.detail).toContain("307");
    expect(followed).toBe(0);
    await new Promise<void>((resolve) => inner.close(() => resolve()));
  });
});

describe("deliveries", () => {
  let orgTarget: Receiver;
  let orgSecret: string;
  let companyTarget: Receiver;
  let companyId: string;
  let otherCompanyId: string;

  beforeAll(async () => {
    orgTarget = await receiver();
    orgSecret = (await createOrgWebhook(orgTarget.url)).body.secret;
    companyId = (await api.post(`/v1/organizations/${orgId}/companies`, { name: `Scoped ${tag}` })).body.id;
    otherCompanyId = (await api.post(`/v1/organizations/${orgId}/companies`, { name: `Other ${tag}` })).body
      .id;
    companyTarget = await receiver();
    const companyHook = await api.post(`/v1/companies/${companyId}/webhooks`, {
      url: companyTarget.url,
      events: ["*"],
    });
    expect(companyHook.status).toBe(201);
    expect(companyHook.body.companyId).toBe(companyId);
  });

  it("delivers every event type simhub publishes, each verifying with standardwebhooks; a tampered body does not", async () => {
    const company = await api.post(`/v1/organizations/${orgId}/companies`, { name: `Types ${tag}` });
    const cid = company.body.id as string;
    await api.patch(`/v1/companies/${cid}`, { name: `Types ${tag} renamed` });
    await api.post(`/v1/companies/${cid}/staff`, {
      username: `staff-${tag}`,
      email: `staff-${tag}@example.com`,
      password: "webhook password 2026",
      role: "company_staff",
    });
    const endUser = await api.post(`/v1/companies/${cid}/end-users`, {
      username: `eu-${tag}`,
      email: `eu-${tag}@example.com`,
      password: "webhook password 2026",
    });
    await api.patch(`/v1/end-users/${endUser.body.id}`, { email: `eu2-${tag}@example.com` });
    const sim = iccid(serial++, "89491");
    expect(
      (await api.post(`/v1/organizations/${orgId}/sims`, { sims: [{ iccid: sim, operatorId }] })).status,
    ).toBe(201);
    expect((await api.post(`/v1/sims/${sim}/assign`, { companyId: cid })).status).toBe(200);
    expect((await api.post(`/v1/sims/${sim}/end-user`, { endUserId: endUser.body.id })).status).toBe(200);
    const plan = await api.post(`/v1/organizations/${orgId}/plans`, {
      name: `Plan ${tag}`,
      type: "prepaid",
      currency: "EUR",
      price: 500,
      dataMb: 100,
      validityDays: 30,
    });
    expect((await api.post(`/v1/sims/${sim}/plan`, { planId: plan.body.id })).status).toBe(200);
    expect((await api.post(`/v1/sims/${sim}/status`, { status: "pending" })).status).toBe(200);
    expect((await api.delete(`/v1/end-users/${endUser.body.id}`)).status).toBeLessThan(300);
    expect((await api.post(`/v1/sims/${sim}/unassign`)).status).toBe(200);
    expect((await api.delete(`/v1/companies/${cid}`)).status).toBe(200);

    const expected = [
      "company.added",
      "company.updated",
      "company.deleted",
      "company.staff.added",
      "end_user.added",
      "end_user.updated",
      "end_user.deleted",
      "sim_card.imported",
      "sim_card.assigned_to_company",
      "sim_card.unassigned",
      "sim_card.assigned_to_end_user",
      "sim_card.status_changed",
      "sim_card.plan_assigned",
    ];
    const verifier = new Webhook(orgSecret);
    for (const type of expected) {
      const [delivery] = await orgTarget.waitFor(1, (d) => typeOf(d) === type);
      const payload = verifier.verify(delivery!.body, delivery!.headers) as {
        id: string;
        type: string;
        data: Record<string, unknown>;
        created_at: { unix_timestamp: number; timezone: string };
      };
      expect(payload.type).toBe(type);
      expect(payload.id).toBe(delivery!.headers["webhook-id"]);
      expect(payload.created_at.timezone).toBe("UTC");
      expect(payload.data.orgId).toBe(orgId);
      const tampered = delivery!.body.replace(orgId, "00000000-0000-4000-8000-000000000000");
      expect(() => verifier.verify(tampered, delivery!.headers)).toThrow();
    }
  });

  it("a company endpoint gets only its company's events", async () => {
    await api.patch(`/v1/companies/${companyId}`, { name: `Scoped ${tag} v2` });
    await api.patch(`/v1/companies/${otherCompanyId}`, { name: `Other ${tag} v2` });
    const own = await companyTarget.waitFor(1, (d) => typeOf(d) === "company.updated");
    // The organization endpoint saw both updates; by then the company endpoint had its chance at the other.
    await orgTarget.waitFor(1, (d) => d.body.includes(`Other ${tag} v2`));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(own.every((d) => JSON.parse(d.body).data.companyId === companyId)).toBe(true);
    expect(companyTarget.deliveries.some((d) => d.body.includes(otherCompanyId))).toBe(false);
    expect(companyTarget.deliveries.length).toBeGreaterThan(0);
  });

  it("retries with the same webhook-id until the receiver recovers", async () => {
    const target = await receiver();
    const hook = (await createOrgWebhook(target.url, ["company.added"])).body;
    target.respond = (_delivery, index) => ({ status: index < 2 ? 503 : 200 });
    const created = await api.post(`/v1/organizations/${orgId}/companies`, { name: `Retry ${tag}` });
    const attempts = await target.waitFor(3, (d) => d.body.includes(created.body.id));
    expect(new Set(attempts.map((d) => d.headers["webhook-id"])).size).toBe(1);
    const verifier = new Webhook(hook.secret);
    for (const attempt of attempts) verifier.verify(attempt.body, attempt.headers);
    await expect
      .poll(async () => (await api.get(`/v1/webhooks/${hook.id}/deliveries`)).body.items[0])
      .toMatchObject({
        status: "delivered",
        attempts: 3,
        lastResponseStatus: 200,
        eventId: attempts[0]!.headers["webhook-id"],
      });
  });

  it("is dead after the last attempt, and says so on the stream", async () => {
    const target = await receiver();
    const hook = (await createOrgWebhook(target.url, ["company.added"])).body;
    target.respond = () => ({ status: 500, body: "down for maintenance" });
    await api.post(`/v1/organizations/${orgId}/companies`, { name: `Dead ${tag}` });
    // The schedule has three retries: four attempts.
    await target.waitFor(4);
    await expect
      .poll(async () => (await api.get(`/v1/webhooks/${hook.id}/deliveries`)).body.items[0], {
        timeout: 10_000,
      })
      .toMatchObject({ status: "dead", attempts: 4, lastResponseStatus: 500, nextAttemptAt: null });
    const dead = await stack.events("webhook", { type: "WebhookDeliveryDead" });
    expect(dead.some((event) => (event.data as { webhookId: string }).webhookId === hook.id)).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 800));
    expect(target.deliveries.length).toBe(4);
  });

  it("disables an endpoint that answers 410 Gone", async () => {
    const target = await receiver();
    const hook = (await createOrgWebhook(target.url, ["company.added"])).body;
    target.respond = () => ({ status: 410 });
    await api.post(`/v1/organizations/${orgId}/companies`, { name: `Gone ${tag}` });
    await target.waitFor(1);
    await expect
      .poll(async () => (await api.get(`/v1/webhooks/${hook.id}`)).body, { timeout: 10_000 })
      .toMatchObject({ status: "disabled", disabledReason: expect.stringContaining("410") });
    const disabled = await stack.events("webhook", { type: "WebhookEndpointDisabled" });
    expect(disabled.some((event) => (event.data as { webhookId: string }).webhookId === hook.id)).toBe(true);
  });

  it("replays a time window with the same webhook-ids", async () => {
    const target = await receiver();
    const hook = (await createOrgWebhook(target.url, ["company.added"])).body;
    const since = new Date(Date.now() - 1_000).toISOString();
    await api.post(`/v1/organizations/${orgId}/companies`, { name: `Replay ${tag} 1` });
    await api.post(`/v1/organizations/${orgId}/companies`, { name: `Replay ${tag} 2` });
    const first = await target.waitFor(2);
    const replayed = await api.post(`/v1/webhooks/${hook.id}/replay`, { since });
    expect(replayed.status).toBe(202);
    expect(replayed.body.scheduled).toBe(2);
    const all = await target.waitFor(4);
    const ids = (list: ReceivedDelivery[]) => list.map((d) => d.headers["webhook-id"]).sort();
    expect(ids(all.slice(2))).toEqual(ids(first));
    expect((await api.post(`/v1/webhooks/${hook.id}/replay`, { since: "yesterday" })).status).toBe(400);
  });

  it("signs with both secrets after a rotation", async () => {
    const target = await receiver();
    const hook = (await createOrgWebhook(target.url, ["company.added"])).body;
    const rotated = await api.post(`/v1/webhooks/${hook.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(hook.secret);
    await api.post(`/v1/organizations/${orgId}/companies`, { name: `Rotated ${tag}` });
    const [delivery] = await target.waitFor(1);
    expect(delivery!.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    new Webhook(rotated.body.secret).verify(delivery!.body, delivery!.headers);
    new Webhook(hook.secret).verify(delivery!.body, delivery!.headers);
  });

  it("acknowledges an event no endpoint wants without a transaction of its own", async () => {
    // CompanyCreated events webhook-service acknowledged without handling them.
    const skipped = async () => {
      const metrics = await (await fetch(`${stack.services["webhook-service"].httpUrl}/metrics`)).text();
      const line = metrics.match(
        /simhub_events_consumed_total\{[^}]*type="CompanyCreated"[^}]*result="skipped"[^}]*\} (\d+)/,
      );
      return line ? Number(line[1]) : 0;
    };
    const before = await skipped();
    // An organization without endpoints: its events are asked about and acknowledged, nothing is written.
    const quiet = await api.post("/v1/organizations", { name: `Quiet org ${tag}` });
    expect(quiet.status).toBe(201);
    const company = await api.post(`/v1/organizations/${quiet.body.id}/companies`, { name: "No hooks here" });
    expect(company.status).toBe(201);
    // The company's event reaches the stream when company-service's relay has
    // published it: wait for the skip itself, not for an empty consumer.
    await waitFor(async () => (await skipped()) > before, {
      timeoutMs: 15_000,
      what: "webhook-service to acknowledge the company's event unhandled",
    });
    const companyEvents = await stack.query<{ n: number }>(
      "webhook-service",
      "SELECT count(*)::int AS n FROM webhook_events WHERE org_id = $1",
      [quiet.body.id],
    );
    expect(companyEvents[0]!.n).toBe(0);
  });
});
