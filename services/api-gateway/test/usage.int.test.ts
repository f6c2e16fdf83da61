// Usage through the gateway, over real processes, PostgreSQL and NATS:
// records sent as JSON and as streamed NDJSON, duplicates not counted,
// unknown and foreign ICCIDs rejected alike, a company's caller limited to
// its company's SIMs, daily and monthly totals, the events (one
// SimUsageUpdated per SIM per batch, SimFirstUsage, SimImeiChanged), first
// usage moving a SIM from activation to active, the device stored by
// sim-service, the composed SIM view's usage, who reads what, and bad input.
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { type CloudEvent, usageIngestSubjectIn } from "@simhub/contracts";
import { type Stack, startStack } from "@simhub/testing";
import * as oauth from "oauth4webapi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { iccid } from "./identity-support.ts";

let stack: Stack;
let adminToken: string;
const password = "Correct-Horse-Battery-9";
let orgA: string;
let orgB: string;
let operatorA: string;
let operatorB: string;
let companyA1: string;
let companyA2: string;
let endUserA1: string;
const tokens = {} as Record<
  "orgAdminA" | "orgStaffA" | "companyAdminA1" | "companyAdminA2" | "endUserA1" | "orgAdminB",
  string
>;
let serial = 700_000 + Math.floor(Math.random() * 200_000);

const api = (token = adminToken) => stack.http(token);

async function created(path: string, body: unknown, token = adminToken) {
  const response = await api(token).post(path, body);
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

async function staff(path: string, username: string, role: string) {
  await created(path, { username, email: `${username}@example.test`, password, role });
  return stack.login(username, password);
}

async function newSims(count: number, orgId = orgA, operatorId = operatorA): Promise<string[]> {
  const iccids = Array.from({ length: count }, () => iccid(serial++, "89447"));
  const response = await api().post(`/v1/organizations/${orgId}/sims`, {
    sims: iccids.map((value) => ({ iccid: value, operatorId })),
  });
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return iccids;
}

async function assignTo(iccids: string[], companyId: string) {
  for (const sim of iccids)
    expect((await api().post(`/v1/sims/${sim}/assign`, { companyId })).status).toBe(200);
}

/** The month before this one (UTC) as YYYY-MM, and a time on one of its days. */
const lastMonth = (() => {
  const now = new Date();
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return start.toISOString().slice(0, 7);
})();
const onDay = (day: number, hour = 10) =>
  `${lastMonth}-${String(day).padStart(2, "0")}T${String(hour).padStart(2, "0")}:00:00Z`;
const thisMonth = () => new Date().toISOString().slice(0, 7);
const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

interface Record_ {
  recordId: string;
  iccid: string;
  type: "data" | "sms" | "voice";
  quantity: number;
  startedAt: string;
  imei?: string;
}

const record = (sim: string, extra: Partial<Record_> = {}): Record_ => ({
  recordId: `r-${randomUUID()}`,
  iccid: sim,
  type: "data",
  quantity: 1_000,
  startedAt: onDay(3),
  ...extra,
});

const send = (records: unknown[], token = adminToken, orgId = orgA) =>
  api(token).post(`/v1/organizations/${orgId}/usage`, { records });

const sendNdjson = (body: string | ReadableStream, token = adminToken, orgId = orgA) =>
  api(token).post(`/v1/organizations/${orgId}/usage`, undefined, {
    raw: body,
    contentType: "application/x-ndjson",
  });

/** A JSON upload that declares `bytes` and sends only its first ones: the answer comes before the body. */
function declaredUpload(path: string, bytes: number, token: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, stack.gatewayUrl),
      {
        method: "POST",
        headers: {
          authorization: `Bearer ${token}`,
          "content-type": "application/json",
          "content-length": String(bytes),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.on("error", reject);
    req.write('{"records":[');
  });
}

/** Every usage event once usage-service's outbox is empty. */
async function usageEvents(type?: string): Promise<CloudEvent[]> {
  for (let attempt = 0; attempt < 200; attempt++) {
    const [row] = await stack.query("usage-service", "SELECT count(*)::int AS n FROM outbox");
    if (row.n === 0) break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  const events = (await stack.eventMessages("usage")).map((message) => message.event);
  return type ? events.filter((event) => event.type === type) : events;
}

async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
  let value = await read();
  for (let attempt = 0; attempt < 100 && !done(value); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    value = await read();
  }
  if (!done(value)) throw new Error(`${what}: still ${JSON.stringify(value)}`);
  return value;
}

beforeAll(async () => {
  stack = await startStack({ envFor: { "api-gateway": { USAGE_JSON_MAX_BYTES: String(4 * 1024 * 1024) } } });
  adminToken = await stack.login(stack.admin.username, stack.admin.password);
  orgA = (await created("/v1/organizations", { name: "Usage Org A" })).id;
  orgB = (await created("/v1/organizations", { name: "Usage Org B" })).id;
  const operator = { operatorName: "Integrated", mcc: "262", mnc: "02", integration: "api" };
  operatorA = (await created(`/v1/organizations/${orgA}/operators`, operator)).id;
  operatorB = (await created(`/v1/organizations/${orgB}/operators`, operator)).id;
  companyA1 = (await created(`/v1/organizations/${orgA}/companies`, { name: "Fleet One" })).id;
  companyA2 = (await created(`/v1/organizations/${orgA}/companies`, { name: "Fleet Two" })).id;
  tokens.orgAdminA = await staff(`/v1/organizations/${orgA}/staff`, "usage-org-admin-a", "org_admin");
  tokens.orgStaffA = await staff(`/v1/organizations/${orgA}/staff`, "usage-org-staff-a", "org_staff");
  tokens.orgAdminB = await staff(`/v1/organizations/${orgB}/staff`, "usage-org-admin-b", "org_admin");
  tokens.companyAdminA1 = await staff(
    `/v1/companies/${companyA1}/staff`,
    "usage-company-a1",
    "company_admin",
  );
  tokens.companyAdminA2 = await staff(
    `/v1/companies/${companyA2}/staff`,
    "usage-company-a2",
    "company_admin",
  );
  endUserA1 = (
    await created(`/v1/companies/${companyA1}/end-users`, {
      username: "usage-end-user-a1",
      email: "usage-end-user-a1@example.test",
      password,
    })
  ).id;
  tokens.endUserA1 = await stack.login("usage-end-user-a1", password);
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("sending usage", () => {
  it("counts records once: a batch sent again is all duplicates, and totals do not move", async () => {
    const [sim] = await newSims(1);
    const records = [
      record(sim!, { quantity: 1_500 }),
      record(sim!, { type: "sms", quantity: 2 }),
      record(sim!, { type: "voice", quantity: 61 }),
    ];
    const first = await send(records, tokens.orgAdminA);
    expect(first.status, JSON.stringify(first.body)).toBe(202);
    expect(first.body).toEqual({ accepted: 3, duplicates: 0, rejected: [], rejectedCount: 0 });
    const again = await send([...records, record(sim!, { quantity: 500 })], tokens.orgStaffA);
    expect(again.body).toMatchObject({ accepted: 1, duplicates: 3, rejectedCount: 0 });
    const usage = await api(tokens.orgAdminA).get(`/v1/sims/${sim}/usage?period=${lastMonth}`);
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({
      iccid: sim,
      period: lastMonth,
      dataBytes: 2_000,
      smsCount: 2,
      voiceSeconds: 61,
    });
    const [{ n }] = await stack.query(
      "usage-service",
      "SELECT count(*)::int AS n FROM usage_records WHERE iccid = $1",
      [sim],
    );
    expect(n).toBe(4);
  });

  it("rejects unknown ICCIDs and another organization's alike, and counts the rest", async () => {
    const [own] = await newSims(1);
    const [foreign] = await newSims(1, orgB, operatorB);
    const unknown = iccid(serial++, "89447");
    const response = await send([record(own!), record(foreign!), record(unknown)], tokens.orgAdminA);
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(1);
    const rejected = response.body.rejected as { index: number; code: string; message: string }[];
    expect(rejected.map(({ index, code }) => [index, code])).toEqual([
      [1, "SIM_NOT_FOUND"],
      [2, "SIM_NOT_FOUND"],
    ]);
    expect(rejected[0]!.message).toBe(rejected[1]!.message);
    // Nothing was written for the other organization's SIM.
    const rows = await stack.query("usage-service", "SELECT 1 FROM usage_records WHERE iccid = ANY($1)", [
      [foreign, unknown],
    ]);
    expect(rows).toEqual([]);
    // Its own organization may send for it.
    expect((await send([record(foreign!)], tokens.orgAdminB, orgB)).body.accepted).toBe(1);
  });

  it("lets a company's caller send only for its company's SIMs", async () => {
    const [mine] = await newSims(1);
    const [sibling] = await newSims(1);
    const [unassigned] = await newSims(1);
    const [otherOrg] = await newSims(1, orgB, operatorB);
    await assignTo([mine!], companyA1);
    await assignTo([sibling!], companyA2);
    const response = await send(
      [record(mine!), record(sibling!), record(unassigned!), record(otherOrg!)],
      tokens.companyAdminA1,
    );
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(1);
    expect((response.body.rejected as { code: string }[]).map((entry) => entry.code)).toEqual([
      "SIM_NOT_FOUND",
      "SIM_NOT_FOUND",
      "SIM_NOT_FOUND",
    ]);
    // Another organization's company caller learns nothing of organization A.
    const elsewhere = await send([record(mine!)], tokens.companyAdminA1, orgB);
    expect(elsewhere.status).toBe(404);
    expect(elsewhere.body.code).toBe("ORGANIZATION_NOT_FOUND");
    // End users send no usage.
    const endUser = await send([record(mine!)], tokens.endUserA1);
    expect(endUser.status).toBe(403);
  });

  it("takes usage from an integration: an API key's token, obtained with a standard OAuth client", async () => {
    // Companies of its own: the company totals of the other tests stay theirs.
    const own = (await created(`/v1/organizations/${orgA}/companies`, { name: "Integration Fleet" })).id;
    const other = (await created(`/v1/organizations/${orgA}/companies`, { name: "Other Fleet" })).id;
    const ownAdmin = await staff(`/v1/companies/${own}/staff`, "usage-integration-admin", "company_admin");
    const [mine] = await newSims(1);
    const [sibling] = await newSims(1);
    await assignTo([mine!], own);
    await assignTo([sibling!], other);
    const tokenEndpoint = `${stack.gatewayUrl}/v1/auth/token`;
    const server: oauth.AuthorizationServer = { issuer: "simhub", token_endpoint: tokenEndpoint };
    const machineToken = async (keyPath: string, role: string, adminOf: string) => {
      const key = await created(keyPath, { name: `Mediation ${role}`, role }, adminOf);
      const client: oauth.Client = { client_id: key.clientId };
      const response = await oauth.clientCredentialsGrantRequest(
        server,
        client,
        oauth.ClientSecretBasic(key.clientSecret),
        new URLSearchParams(),
        { [oauth.allowInsecureRequests]: true },
      );
      return (await oauth.processClientCredentialsResponse(server, client, response)).access_token;
    };
    // An organization's integration sends for every SIM of the organization.
    const orgIntegration = await machineToken(
      `/v1/organizations/${orgA}/api-keys`,
      "org_staff",
      tokens.orgAdminA,
    );
    const sent = await send(
      [record(mine!, { quantity: 4_096 }), record(sibling!, { quantity: 8_192 })],
      orgIntegration,
    );
    expect(sent.status, JSON.stringify(sent.body)).toBe(202);
    expect(sent.body).toMatchObject({ accepted: 2, duplicates: 0, rejected: [] });
    const usage = await api(tokens.orgAdminA).get(`/v1/sims/${mine}/usage?period=${lastMonth}`);
    expect(usage.body.dataBytes).toBe(4_096);
    // A company's integration only for its company's SIMs; the others are unknown to it.
    const companyIntegration = await machineToken(`/v1/companies/${own}/api-keys`, "company_admin", ownAdmin);
    const mixed = await send([record(mine!), record(sibling!)], companyIntegration);
    expect(mixed.status).toBe(202);
    expect(mixed.body.accepted).toBe(1);
    expect((mixed.body.rejected as { code: string }[]).map((entry) => entry.code)).toEqual(["SIM_NOT_FOUND"]);
    // And never for another organization.
    expect((await send([record(mine!)], companyIntegration, orgB)).status).toBe(404);
  });

  it("keeps daily and monthly totals", async () => {
    const [sim] = await newSims(1);
    await send(
      [
        record(sim!, { startedAt: onDay(4, 1), quantity: 100 }),
        record(sim!, { startedAt: onDay(4, 23), quantity: 200 }),
        record(sim!, { startedAt: onDay(5), type: "sms", quantity: 3 }),
        record(sim!, { startedAt: onDay(7), type: "voice", quantity: 30 }),
        record(sim!, { startedAt: minutesAgo(5), quantity: 7_000 }),
      ],
      tokens.orgAdminA,
    );
    const month = await api(tokens.orgAdminA).get(
      `/v1/sims/${sim}/usage?period=${lastMonth}&granularity=day`,
    );
    expect(month.status).toBe(200);
    expect(month.body).toMatchObject({ dataBytes: 300, smsCount: 3, voiceSeconds: 30 });
    expect(month.body.days).toEqual([
      { date: `${lastMonth}-04`, dataBytes: 300, smsCount: 0, voiceSeconds: 0 },
      { date: `${lastMonth}-05`, dataBytes: 0, smsCount: 3, voiceSeconds: 0 },
      { date: `${lastMonth}-07`, dataBytes: 0, smsCount: 0, voiceSeconds: 30 },
    ]);
    expect(month.body.firstUsedAt).toBe(new Date(onDay(4, 1)).toISOString());
    const current = await api(tokens.orgAdminA).get(`/v1/sims/${sim}/usage`);
    expect(current.body).toMatchObject({
      period: thisMonth(),
      dataBytes: 7_000,
      smsCount: 0,
      voiceSeconds: 0,
    });
    expect(current.body.days).toBeUndefined();
    // A month without usage is zeros, not an error.
    const empty = await api(tokens.orgAdminA).get(`/v1/sims/${sim}/usage?period=2020-01`);
    expect(empty.body).toMatchObject({ dataBytes: 0, smsCount: 0, voiceSeconds: 0 });
  });

  it("publishes one SimUsageUpdated per SIM per batch, with the period's new totals", async () => {
    const [x, y] = await newSims(2);
    await send([record(x!, { quantity: 10 })], tokens.orgAdminA);
    const batch = [
      ...Array.from({ length: 5 }, () => record(x!, { quantity: 10 })),
      ...Array.from({ length: 3 }, () => record(y!, { type: "sms", quantity: 1 })),
    ];
    await send(batch, tokens.orgAdminA);
    const updates = (await usageEvents("SimUsageUpdated")).filter((event) =>
      [x, y].includes((event.data as { iccid: string }).iccid),
    );
    expect(updates.map((event) => event.data)).toEqual([
      {
        iccid: x,
        orgId: orgA,
        companyId: null,
        period: lastMonth,
        dataBytes: 10,
        smsCount: 0,
        voiceSeconds: 0,
      },
      {
        iccid: x,
        orgId: orgA,
        companyId: null,
        period: lastMonth,
        dataBytes: 60,
        smsCount: 0,
        voiceSeconds: 0,
      },
      {
        iccid: y,
        orgId: orgA,
        companyId: null,
        period: lastMonth,
        dataBytes: 0,
        smsCount: 3,
        voiceSeconds: 0,
      },
    ]);
    // A batch of duplicates changes no total and announces nothing.
    await send(batch, tokens.orgAdminA);
    const after = (await usageEvents("SimUsageUpdated")).filter((event) =>
      [x, y].includes((event.data as { iccid: string }).iccid),
    );
    expect(after).toHaveLength(3);
  });
});

describe("first usage and the device", () => {
  it("moves a SIM in activation to active, once, with its history and SimStatusChanged", async () => {
    const [sim] = await newSims(1);
    const plan = await created(`/v1/organizations/${orgA}/plans`, {
      name: `Usage plan ${randomUUID().slice(0, 8)}`,
      type: "prepaid",
      currency: "EUR",
      price: 999,
      dataMb: 1_024,
      validityDays: 30,
    });
    expect((await api().post(`/v1/sims/${sim}/plan`, { planId: plan.id })).body.status).toBe("activation");
    const first = minutesAgo(3);
    await send([record(sim!, { startedAt: minutesAgo(2) }), record(sim!, { startedAt: first })]);
    const firstUsage = (await usageEvents("SimFirstUsage")).filter((event) => event.subject === sim);
    // The first use is the earliest record's start, whatever their order in the batch.
    expect(firstUsage.map((event) => event.data)).toEqual([
      { iccid: sim, orgId: orgA, companyId: null, at: first },
    ]);
    const active = await eventually(
      async () => (await api().get(`/v1/sims/${sim}`)).body,
      (body) => body.status === "active",
      "status after first usage",
    );
    expect(active.statusReason).toBeNull();
    const history = await api().get(`/v1/sims/${sim}/history`);
    const change = (history.body.items as any[]).find(
      (entry) => entry.kind === "status_changed" && entry.after?.status === "active",
    );
    expect(change).toBeDefined();
    const statusEvents = await stack.events("sim", { type: "SimStatusChanged" });
    expect(statusEvents.filter((event) => event.subject === sim).map((event) => event.data)).toContainEqual(
      expect.objectContaining({ from: "activation", to: "active", reason: "system", actor: "system" }),
    );
    // More usage is no first usage.
    await send([record(sim!, { startedAt: minutesAgo(1) })]);
    expect((await usageEvents("SimFirstUsage")).filter((event) => event.subject === sim)).toHaveLength(1);
  });

  it("leaves a SIM that is not in activation as it is", async () => {
    const [sim] = await newSims(1);
    await send([record(sim!)]);
    const [firstUsage] = (await usageEvents("SimFirstUsage")).filter((event) => event.subject === sim);
    expect(firstUsage).toBeDefined();
    // Once sim-service has handled the event, the SIM is still blank.
    await eventually(
      () =>
        stack.query("sim-service", "SELECT 1 FROM processed_events WHERE event_id = $1", [firstUsage!.id]),
      (rows) => rows.length === 1,
      "SimFirstUsage handled",
    );
    expect((await api().get(`/v1/sims/${sim}`)).body.status).toBe("blank");
  });

  it("publishes SimImeiChanged when a record names another device, and sim-service keeps it", async () => {
    const [sim] = await newSims(1);
    await send([record(sim!, { imei: "356938035643809", startedAt: onDay(10) })]);
    await send([record(sim!, { imei: "356938035643809", startedAt: onDay(11) })]);
    await send([record(sim!, { imei: "490154203237518", startedAt: onDay(12) })]);
    // An older record naming the first device again does not turn the clock back.
    await send([record(sim!, { imei: "356938035643809", startedAt: onDay(9) })]);
    const changes = (await usageEvents("SimImeiChanged")).filter((event) => event.subject === sim);
    expect(changes.map((event) => event.data)).toEqual([
      { iccid: sim, orgId: orgA, companyId: null, previousImei: null, imei: "356938035643809" },
      { iccid: sim, orgId: orgA, companyId: null, previousImei: "356938035643809", imei: "490154203237518" },
    ]);
    await eventually(
      async () => (await api().get(`/v1/sims/${sim}`)).body.imei,
      (imei) => imei === "490154203237518",
      "imei in sim-service",
    );
    expect((await api().get(`/v1/sims/${sim}/usage?period=${lastMonth}`)).body.imei).toBe("490154203237518");
  });
});

describe("NDJSON", () => {
  it("streams 100,000 records, applied in batches, each counted once", async () => {
    const sims = await newSims(50);
    const total = 100_000;
    const encoder = new TextEncoder();
    let line = 0;
    const runId = randomUUID().slice(0, 8);
    // Generated as the request is sent: the test holds no 100,000-line body either.
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (line >= total) {
          controller.close();
          return;
        }
        const lines: string[] = [];
        for (let i = 0; i < 1_000 && line < total; i++, line++) {
          lines.push(
            JSON.stringify({
              recordId: `${runId}-${line}`,
              iccid: sims[line % sims.length],
              type: "data",
              quantity: 1,
              startedAt: onDay(1 + (line % 20)),
            }),
          );
        }
        controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
      },
    });
    const response = await sendNdjson(body, tokens.orgAdminA);
    expect(response.status, JSON.stringify(response.body).slice(0, 300)).toBe(202);
    expect(response.body).toEqual({ accepted: total, duplicates: 0, rejected: [], rejectedCount: 0 });
    const [{ sum }] = await stack.query(
      "usage-service",
      "SELECT sum(data_bytes)::int AS sum FROM usage_monthly WHERE iccid = ANY($1)",
      [sims],
    );
    expect(sum).toBe(total);
    // One SimUsageUpdated per SIM per batch of 10,000: 10 batches × 50 SIMs.
    const updates = (await usageEvents("SimUsageUpdated")).filter((event) =>
      sims.includes((event.data as { iccid: string }).iccid),
    );
    expect(updates).toHaveLength(10 * sims.length);
  }, 120_000);

  it("rejects a malformed line on its own and counts the others", async () => {
    const [sim] = await newSims(1);
    const lines = [
      JSON.stringify(record(sim!)),
      "{not json",
      "",
      JSON.stringify(record(sim!, { quantity: -5 })),
      JSON.stringify(record(sim!)),
    ].join("\n");
    const response = await sendNdjson(lines, tokens.orgAdminA);
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(2);
    expect(
      (response.body.rejected as { index: number; code: string }[]).map(({ index, code }) => [index, code]),
    ).toEqual([
      [1, "INVALID_JSON"],
      [3, "INVALID_QUANTITY"],
    ]);
  });
});

describe("from NATS", () => {
  it("applies records a mediation system publishes, deduped like the API's; a bad message does not block the next", async () => {
    const [sim] = await newSims(1);
    const [foreign] = await newSims(1, orgB, operatorB);
    const js = stack.nc.jetstream();
    const subject = usageIngestSubjectIn(stack.namespace);
    const records = [
      record(sim!, { quantity: 300 }),
      record(sim!, { type: "sms", quantity: 2 }),
      record(foreign!),
    ];
    await js.publish(subject, new TextEncoder().encode("{not json"));
    await js.publish(subject, new TextEncoder().encode(JSON.stringify({ orgId: orgA, records })));
    // The same records again: duplicates, not counted twice.
    await js.publish(subject, new TextEncoder().encode(JSON.stringify({ orgId: orgA, records })));
    await js.publish(
      subject,
      new TextEncoder().encode(JSON.stringify({ orgId: orgA, records: [record(sim!, { quantity: 5 })] })),
    );
    const usage = await eventually(
      async () => (await api(tokens.orgAdminA).get(`/v1/sims/${sim}/usage?period=${lastMonth}`)).body,
      (body) => body.dataBytes === 305,
      "usage from NATS",
    );
    expect(usage).toMatchObject({ dataBytes: 305, smsCount: 2 });
    // Another organization's SIM named in organization A's message was not counted.
    const rows = await stack.query("usage-service", "SELECT 1 FROM usage_records WHERE iccid = $1", [
      foreign,
    ]);
    expect(rows).toEqual([]);
  });
});

describe("bad input", () => {
  it("names what is wrong with each record", async () => {
    const [sim] = await newSims(1);
    const response = await send(
      [
        record(sim!, { quantity: -1 }),
        record(sim!, { quantity: 1.5 }),
        record(sim!, { startedAt: "yesterday" }),
        record(sim!, { startedAt: "2026-02-30T10:00:00" }),
        record(sim!, { startedAt: new Date(Date.now() + 86_400_000).toISOString() }),
        record(sim!, { startedAt: "2001-01-01T00:00:00Z" }),
        record(sim!, { type: "fax" as never }),
        record(sim!, { imei: "not-a-device" }),
        record("12345"),
        { ...record(sim!), recordId: "" },
        "a string",
      ],
      tokens.orgAdminA,
    );
    expect(response.status).toBe(202);
    expect(response.body.accepted).toBe(0);
    expect((response.body.rejected as { code: string }[]).map((entry) => entry.code)).toEqual([
      "INVALID_QUANTITY",
      "INVALID_QUANTITY",
      "INVALID_STARTED_AT",
      "INVALID_STARTED_AT",
      "INVALID_STARTED_AT",
      "INVALID_STARTED_AT",
      "INVALID_TYPE",
      "INVALID_IMEI",
      "INVALID_ICCID",
      "INVALID_RECORD_ID",
      "INVALID_RECORD",
    ]);
  });

  it("refuses more than 10,000 records in one JSON body (422), a body past the size limit (413) and other types (415)", async () => {
    const [sim] = await newSims(1);
    const many = Array.from({ length: 10_001 }, (_, i) => ({
      recordId: `many-${i}`,
      iccid: sim,
      type: "sms",
      quantity: 1,
      startedAt: onDay(2),
    }));
    const tooMany = await send(many, tokens.orgAdminA);
    expect(tooMany.status).toBe(422);
    expect(tooMany.body.code).toBe("TOO_MANY_RECORDS");
    const tooLarge = await declaredUpload(
      `/v1/organizations/${orgA}/usage`,
      5 * 1024 * 1024,
      tokens.orgAdminA,
    );
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body.code).toBe("UPLOAD_TOO_LARGE");
    const csv = await api(tokens.orgAdminA).post(`/v1/organizations/${orgA}/usage`, undefined, {
      raw: "iccid\n",
      contentType: "text/csv",
    });
    expect(csv.status).toBe(415);
    const broken = await api(tokens.orgAdminA).post(`/v1/organizations/${orgA}/usage`, undefined, {
      raw: "{records:",
      contentType: "application/json",
    });
    expect(broken.status).toBe(400);
    expect(broken.body.code).toBe("INVALID_JSON");
    const noRecords = await api(tokens.orgAdminA).post(`/v1/organizations/${orgA}/usage`, { items: [] });
    expect(noRecords.status).toBe(400);
    // Nothing of the refused bodies was counted.
    const [{ n }] = await stack.query(
      "usage-service",
      "SELECT count(*)::int AS n FROM usage_records WHERE iccid = $1",
      [sim],
    );
    expect(n).toBe(0);
  });

  it("answers 400 for a bad period and 404 for a malformed organization id", async () => {
    const [sim] = await newSims(1);
    const period = await api(tokens.orgAdminA).get(`/v1/sims/${sim}/usage?period=2026-13`);
    expect(period.status).toBe(400);
    const org = await api(tokens.orgAdminA).post("/v1/organizations/not-a-uuid/usage", { records: [] });
    expect(org.status).toBe(400);
  });
});

describe("reading usage", () => {
  it("follows the SIM read rules: the organization, the SIM's company, its own end user; nobody else", async () => {
    const [sim] = await newSims(1);
    await assignTo([sim!], companyA1);
    expect((await api().post(`/v1/sims/${sim}/end-user`, { endUserId: endUserA1 })).status).toBe(200);
    await send([record(sim!, { quantity: 42 })], tokens.orgAdminA);
    const path = `/v1/sims/${sim}/usage?period=${lastMonth}`;
    for (const token of [
      tokens.orgAdminA,
      tokens.orgStaffA,
      tokens.companyAdminA1,
      tokens.endUserA1,
      adminToken,
    ]) {
      await eventually(
        async () => (await api(token).get(path)).body.dataBytes,
        (value) => value === 42,
        "usage read",
      );
    }
    for (const token of [tokens.companyAdminA2, tokens.orgAdminB]) {
      const response = await api(token).get(path);
      expect(response.status).toBe(404);
      expect(response.body.code).toBe("SIM_NOT_FOUND");
    }
  });

  it("follows a SIM it knows through its moves: end user, unassigned, another company", async () => {
    // The company it moves to is this test's own, so the others' totals stay theirs.
    const companyA3 = (await created(`/v1/organizations/${orgA}/companies`, { name: "Fleet Three" })).id;
    const companyAdminA3 = await staff(
      `/v1/companies/${companyA3}/staff`,
      "usage-company-a3",
      "company_admin",
    );
    const [sim] = await newSims(1);
    await assignTo([sim!], companyA1);
    await send([record(sim!, { quantity: 9 })], tokens.orgAdminA);
    const path = `/v1/sims/${sim}/usage?period=${lastMonth}`;
    const readBy = async (token: string) => (await api(token).get(path)).status;
    expect((await api().post(`/v1/sims/${sim}/end-user`, { endUserId: endUserA1 })).status).toBe(200);
    await eventually(
      () => readBy(tokens.endUserA1),
      (status) => status === 200,
      "the end user's read",
    );
    expect((await api().post(`/v1/sims/${sim}/unassign`, {})).status).toBe(200);
    await eventually(
      () => readBy(tokens.companyAdminA1),
      (status) => status === 404,
      "company A1 losing it",
    );
    expect(await readBy(tokens.endUserA1)).toBe(404);
    await assignTo([sim!], companyA3);
    await eventually(
      () => readBy(companyAdminA3),
      (status) => status === 200,
      "company A3 gaining it",
    );
    expect(await readBy(tokens.companyAdminA1)).toBe(404);
    expect(await readBy(tokens.orgAdminA)).toBe(200);
  });

  it("answers a company's totals to its organization and staff, not to others", async () => {
    const sims = await newSims(2);
    await assignTo(sims, companyA2);
    await send(
      [
        record(sims[0]!, { quantity: 5 }),
        record(sims[1]!, { quantity: 7 }),
        record(sims[1]!, { type: "sms", quantity: 1 }),
      ],
      tokens.orgAdminA,
    );
    const path = `/v1/companies/${companyA2}/usage?period=${lastMonth}`;
    const totals = await eventually(
      async () => (await api(tokens.companyAdminA2).get(path)).body,
      (body) => body.simCount === 2,
      "company usage",
    );
    expect(totals).toEqual({
      companyId: companyA2,
      orgId: orgA,
      period: lastMonth,
      dataBytes: 12,
      smsCount: 1,
      voiceSeconds: 0,
      simCount: 2,
    });
    expect((await api(tokens.orgAdminA).get(path)).status).toBe(200);
    expect((await api(tokens.companyAdminA1).get(path)).status).toBe(404);
    expect((await api(tokens.orgAdminB).get(path)).status).toBe(404);
    expect((await api(tokens.endUserA1).get(`/v1/companies/${companyA1}/usage`)).status).toBe(403);
  });

  it("adds this month's totals to the composed SIM view when asked to (include=usage)", async () => {
    const [sim] = await newSims(1);
    await send([record(sim!, { startedAt: minutesAgo(1), quantity: 4_096 })], tokens.orgAdminA);
    const view = await api(tokens.orgAdminA).get(`/v1/sims/${sim}?include=usage`);
    expect(view.status).toBe(200);
    expect(view.body.usage).toEqual({ period: thisMonth(), dataBytes: 4_096, smsCount: 0, voiceSeconds: 0 });
    expect(view.body.degraded).toEqual([]);
    const plain = await api(tokens.orgAdminA).get(`/v1/sims/${sim}`);
    expect(plain.status).toBe(200);
    expect(plain.body).not.toHaveProperty("usage");
    const unknown = await api(tokens.orgAdminA).get(`/v1/sims/${sim}?include=secrets`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.detail).toMatch(/include/);
  });

  it("shows the SIM view without usage, marked degraded, while usage-service is down", async () => {
    const [sim] = await newSims(1);
    const usage = stack.services["usage-service"].process;
    await usage.stop();
    try {
      const view = await api(tokens.orgAdminA).get(`/v1/sims/${sim}?include=usage`);
      expect(view.status).toBe(200);
      expect(view.body.usage).toBeNull();
      expect(view.body.degraded).toEqual(["usage"]);
      // The view without usage does not ask usage-service at all.
      const plain = await api(tokens.orgAdminA).get(`/v1/sims/${sim}`);
      expect(plain.status).toBe(200);
      expect(plain.body.degraded).toEqual([]);
    } finally {
      await usage.start();
      await usage.waitReady(60_000);
    }
  }, 90_000);
});
