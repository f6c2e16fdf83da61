// Hole 2 of the security review (NATS accepted anyone): a nats-server of this
// test's own, started from PATH with the shipped users and permissions
// (deploy/nats/simhub-auth.conf), and the whole platform running on it as
// those users. The exploits are refused by the server; the platform's own
// traffic (outbox relays, consumers, the gateway's KV buckets) still flows.

import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Stack, type StartedNats, startNatsServer, startStack } from "@simhub/testing";
import { connect, headers, type NatsConnection } from "nats";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { iccid } from "./identity-support.ts";

let nats: StartedNats;
let storeDir: string;
let stack: Stack;
let admin: string;

beforeAll(async () => {
  storeDir = mkdtempSync(join(tmpdir(), "simhub-nats-auth-"));
  nats = await startNatsServer(storeDir, undefined, { withAuth: true });
  stack = await startStack({
    infrastructure: { postgresAdminUrl: inject("postgresAdminUrl"), natsUrl: nats.url },
    natsUsers: nats.users!,
    // The shared rate-limit bucket too, so both KV buckets run under the gateway's user.
    envFor: { "api-gateway": { RATE_LIMIT_STORE: "nats" } },
  });
  admin = await stack.login(stack.admin.username, stack.admin.password);
});

afterAll(async () => {
  await stack?.stop();
  await nats?.stop();
  if (storeDir && process.env.SIMHUB_KEEP_NATS_STORE !== "1")
    rmSync(storeDir, { recursive: true, force: true });
});

const connectAs = (
  name: "org-service" | "company-service" | "identity-service" | "sim-service" | "api-gateway",
) =>
  connect({
    servers: nats.url,
    ...nats.users!.processes[name],
    inboxPrefix: `_INBOX.${name}`,
    maxReconnectAttempts: 0,
  });

function forgedCompanyArchived(companyId: string) {
  return JSON.stringify({
    specversion: "1.0",
    id: randomUUID(),
    source: "simhub/company-service",
    type: "CompanyArchived",
    subject: companyId,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    data: { companyId, orgId: randomUUID() },
  });
}

async function companyArchivedCount(): Promise<number> {
  const events = await stack.events("company", { type: "CompanyArchived", count: 0, timeoutMs: 0 });
  return events.length;
}

describe("hole 2: NATS accepts only simhub's users, each within its permissions", () => {
  it("refuses a connection without credentials", async () => {
    await expect(connect({ servers: nats.url, maxReconnectAttempts: 0 })).rejects.toThrow(/authorization/i);
  });

  it("refuses a forged CompanyArchived from a connection without company-service's credentials", async () => {
    const before = await companyArchivedCount();
    const companyId = randomUUID();
    for (const name of ["sim-service", "identity-service", "org-service", "api-gateway"] as const) {
      const nc = await connectAs(name);
      try {
        await expect(
          nc.jetstream().publish("simhub.company.CompanyArchived", forgedCompanyArchived(companyId), {
            msgID: randomUUID(),
            timeout: 2_000,
          }),
        ).rejects.toThrow(/permission/i);
      } finally {
        await nc.close();
      }
    }
    expect(await companyArchivedCount()).toBe(before);

    // The same message from company-service's own user is taken: the refusal
    // above is the permission, not a broken publish.
    const company = await connectAs("company-service");
    try {
      const h = headers();
      const ack = await company
        .jetstream()
        .publish("simhub.company.CompanyArchived", forgedCompanyArchived(companyId), {
          msgID: randomUUID(),
          headers: h,
        });
      expect(ack.stream).toBe("SIMHUB_COMPANY");
    } finally {
      await company.close();
    }
    expect(await companyArchivedCount()).toBe(before + 1);
  });

  it("lets nobody but the gateway read the idempotency bucket or the gateway's replies", async () => {
    // The gateway's bucket exists once it has served an Idempotency-Key request.
    const created = await stack
      .http(admin)
      .post(
        "/v1/organizations",
        { name: `KV Org ${randomUUID()}` },
        { headers: { "idempotency-key": randomUUID() } },
      );
    expect(created.status).toBe(201);

    const sim: NatsConnection = await connectAs("sim-service");
    try {
      const jsm = await sim.jetstreamManager();
      await expect(
        jsm.streams.getMessage("KV_simhub_idempotency", { last_by_subj: "$KV.simhub_idempotency.>" }),
      ).rejects.toThrow(/permission|timeout/i);
      const bound = await sim.jetstream().views.kv("simhub_idempotency", { bindOnly: true });
      await expect(bound.get("anything")).rejects.toThrow(/permission|timeout/i);
      await expect(bound.put("anything", "forged")).rejects.toThrow(/permission|timeout/i);
      // Eavesdropping on the gateway's inbox is refused by the server.
      const refusal = new Promise<Error | null>((resolve) => {
        sim.subscribe("_INBOX.api-gateway.>", { callback: (error) => resolve(error) });
      });
      expect(String(await refusal)).toMatch(/permission/i);
    } finally {
      await sim.close().catch(() => {});
    }
  });

  it("lets a mediation system publish usage records and nothing else, and usage-service reads them", async () => {
    const org = await stack.http(admin).post("/v1/organizations", { name: `Usage Auth Org ${randomUUID()}` });
    const sim = iccid(Math.floor(Math.random() * 1_000_000), "89449");
    expect(
      (await stack.http(admin).post(`/v1/organizations/${org.body.id}/sims`, { sims: [{ iccid: sim }] }))
        .status,
    ).toBe(201);
    const mediation = await connect({
      servers: nats.url,
      ...nats.users!.mediation,
      inboxPrefix: "_INBOX.usage-mediation",
      maxReconnectAttempts: 0,
    });
    try {
      const record = {
        recordId: randomUUID(),
        iccid: sim,
        type: "data",
        quantity: 77,
        startedAt: new Date().toISOString(),
      };
      const ack = await mediation
        .jetstream()
        .publish("simhub.ingest.usage.records", JSON.stringify({ orgId: org.body.id, records: [record] }));
      expect(ack.stream).toBe("SIMHUB_USAGE_INGEST");
      // Not an event subject: a forged SimFirstUsage is refused.
      await expect(
        mediation.jetstream().publish("simhub.usage.first-usage", "{}", { timeout: 2_000 }),
      ).rejects.toThrow();
    } finally {
      await mediation.close();
    }
    const deadline = Date.now() + 15_000;
    let dataBytes = 0;
    while (Date.now() < deadline && dataBytes !== 77) {
      dataBytes = (await stack.http(admin).get(`/v1/sims/${sim}/usage`)).body.dataBytes;
      if (dataBytes !== 77) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(dataBytes).toBe(77);
  });

  it("still carries the platform's own traffic: outbox relays, consumers and the gateway's buckets", async () => {
    const org = await stack.http(admin).post("/v1/organizations", { name: `Auth Org ${randomUUID()}` });
    expect(org.status).toBe(201);
    const company = await stack
      .http(admin)
      .post(`/v1/organizations/${org.body.id}/companies`, { name: "Auth Co" });
    expect(company.status).toBe(201);
    const archived = await stack.http(admin).delete(`/v1/companies/${company.body.id}`);
    expect(archived.status).toBe(200);
    const events = await stack.events("company", { type: "CompanyArchived", count: 2 });
    expect(events.map((event) => event.subject)).toContain(company.body.id);
    expect((await stack.events("org", { type: "OrganizationCreated" })).length).toBeGreaterThan(0);
    // sim-service consumes the company stream as its own user (one durable
    // per event type on NATS 2.9): it has taken everything delivered.
    const jsm = await stack.nc.jetstreamManager();
    const deadline = Date.now() + 10_000;
    let pending = Number.POSITIVE_INFINITY;
    let consumers = 0;
    while (Date.now() < deadline) {
      pending = 0;
      consumers = 0;
      for await (const info of jsm.consumers.list("SIMHUB_COMPANY")) {
        if (!info.name.startsWith("sim-service-companies")) continue;
        consumers++;
        pending += info.num_pending + info.num_ack_pending;
      }
      if (consumers > 0 && pending === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(consumers).toBeGreaterThan(0);
    expect(pending).toBe(0);
    // The gateway's rate-limit bucket (RATE_LIMIT_STORE=nats) is in use under its user.
    expect((await jsm.streams.info("KV_simhub_ratelimit")).state.messages).toBeGreaterThan(0);
    // And no process met a refusal of its own (chain replicas, name caches, dead letters).
    for (const process of Object.values(stack.platform.processes)) {
      expect(process.recentOutput.filter((line) => /permission/i.test(line))).toEqual([]);
    }
  });
});
