// What an SRE relies on, scraped from the real processes: every process
// serves /metrics with the documented names (an exposition promtool
// accepts), /healthz and /readyz, and grpc.health.v1 on its gRPC port; the
// number of series does not grow with the number of SIMs; SIGTERM drains a
// process and it exits cleanly.

import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import { join } from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import {
  type EventType,
  type StreamContext,
  streamContexts,
  streamName,
  streamSubjects,
} from "@simhub/contracts";
import { plannedSubscriptions } from "@simhub/platform";
import { type Stack, startStack, withLuhn } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: Stack;
let token: string;
let orgId: string;

beforeAll(async () => {
  stack = await startStack();
  token = await stack.login(stack.admin.username, stack.admin.password);
  const org = await stack.http(token).post("/v1/organizations", { name: "Metrics Org" });
  orgId = org.body.id;
});
afterAll(async () => {
  await stack?.stop();
});

function iccid(n: number): string {
  return withLuhn(`8944${String(n).padStart(14, "0")}`);
}

async function scrape(url: string): Promise<string> {
  const response = await fetch(`${url}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

function seriesCount(text: string): number {
  return text.split("\n").filter((line) => line && !line.startsWith("#")).length;
}

const processUrls = () => [
  ...Object.values(stack.services).map((service) => service.httpUrl),
  stack.gatewayUrl,
];

describe("metrics", () => {
  it("every process serves the documented metric names", async () => {
    // Some traffic first, so counters with labels have samples.
    const api = stack.http(token);
    await api.get(`/v1/organizations/${orgId}`);
    await api.get("/v1/organizations/00000000-0000-4000-8000-000000000000");
    await api.get("/v1/me");
    await api.get("/v1/sims");
    await api.get(`/v1/organizations/${orgId}/companies`);
    await api.get(`/v1/organizations/${orgId}/webhooks`);
    await api.get("/v1/companies/00000000-0000-4000-8000-000000000000/usage");
    await api.get(`/v1/organizations/${orgId}/rules`);

    const gateway = await scrape(stack.gatewayUrl);
    for (const name of [
      "http_requests_total",
      "http_request_duration_seconds_bucket",
      "grpc_client_started_total",
      "grpc_client_handled_total",
      "grpc_client_handling_seconds_bucket",
      "simhub_breaker_state",
      "nodejs_eventloop_lag_seconds",
      "process_resident_memory_bytes",
    ]) {
      expect(gateway, name).toContain(name);
    }
    expect(gateway).toMatch(
      /http_requests_total\{[^}]*route="\/v1\/organizations\/:orgId"[^}]*status_class="4xx"/,
    );
    expect(gateway).not.toMatch(/route="\/v1\/organizations\/[0-9a-f-]{36}"/);

    for (const service of Object.values(stack.services)) {
      const text = await scrape(service.httpUrl);
      for (const name of [
        "grpc_server_started_total",
        "grpc_server_handled_total",
        "grpc_server_handling_seconds_bucket",
        "simhub_outbox_backlog",
        "simhub_outbox_publish_lag_seconds",
        "simhub_db_pool_in_use",
        "simhub_db_pool_waiting",
        "nodejs_eventloop_lag_seconds",
      ]) {
        expect(text, `${service.httpUrl} ${name}`).toContain(name);
      }
    }
    const org = await scrape(stack.services["org-service"].httpUrl);
    expect(org).toMatch(
      /grpc_server_handled_total\{[^}]*grpc_method="GetOrganization"[^}]*grpc_code="NOT_FOUND"/,
    );
  });

  it("every process's exposition passes Prometheus's own lint (promtool check metrics)", async () => {
    // Debian's prometheus package provides promtool, as for scripts/check-deploy.sh.
    const install = spawnSync("bash", ["scripts/install-missing.sh", "promtool=prometheus"], {
      cwd: join(import.meta.dirname, "../../.."),
      encoding: "utf8",
    });
    expect(install.status, install.stderr).toBe(0);
    await stack.http(token).get(`/v1/organizations/${orgId}`);
    for (const url of processUrls()) {
      const lint = spawnSync("promtool", ["check", "metrics"], {
        input: await scrape(url),
        encoding: "utf8",
      });
      expect(lint.error, url).toBeUndefined();
      expect(lint.status, `${url}/metrics: ${lint.stdout}${lint.stderr}`).toBe(0);
    }
  }, 300_000);

  it("does not grow the number of series with the number of SIMs", async () => {
    const api = stack.http(token);
    const company = await api.post(`/v1/organizations/${orgId}/companies`, { name: "Series Ltd" });
    expect(company.status).toBe(201);
    // Warm every code path once, then measure.
    await api.post(`/v1/organizations/${orgId}/sims`, { sims: [{ iccid: iccid(0) }] });
    await api.post(`/v1/sims/${iccid(0)}/assign`, { companyId: company.body.id });
    await api.get(`/v1/sims/${iccid(0)}`);
    const before = await Promise.all(processUrls().map(async (url) => seriesCount(await scrape(url))));

    for (let batch = 0; batch < 10; batch++) {
      const sims = Array.from({ length: 1_000 }, (_, i) => ({ iccid: iccid(1 + batch * 1_000 + i) }));
      const response = await api.post(`/v1/organizations/${orgId}/sims`, { sims });
      expect(response.status).toBe(201);
      expect(response.body.imported).toBe(1_000);
    }
    for (let i = 1; i <= 50; i++) {
      expect((await api.post(`/v1/sims/${iccid(i)}/assign`, { companyId: company.body.id })).status).toBe(
        200,
      );
      expect((await api.get(`/v1/sims/${iccid(i)}`)).status).toBe(200);
    }
    const after = await Promise.all(processUrls().map(async (url) => seriesCount(await scrape(url))));
    const [{ n }] = await stack.query("sim-service", "SELECT count(*)::int AS n FROM sims");
    expect(n).toBe(10_001);
    // Histograms may gain a bucket sample or two, but nothing proportional to 10,000 SIMs.
    after.forEach((count, i) => {
      expect(count - before[i]!, processUrls()[i]).toBeLessThan(20);
    });
    for (const url of processUrls()) {
      expect(await scrape(url)).not.toContain(iccid(1));
    }
  }, 120_000);
});

describe("event subscriptions", () => {
  // What each service handles (README, "Who calls whom"): the replica's
  // company and organization events, sim-service's reactions; nothing else.
  const handled: Record<string, EventType[]> = {
    "sim-service-companies": ["CompanyCreated", "CompanyArchived"],
    "sim-service-organizations": ["OrganizationCreated", "OrganizationUpdated"],
    "sim-service-end-users": ["EndUserRemoved"],
    "sim-service-plans": ["PlanCreated", "PlanUpdated"],
    "identity-service-companies": ["CompanyCreated", "CompanyArchived"],
    "identity-service-organizations": ["OrganizationCreated", "OrganizationUpdated"],
    "company-service-organizations": ["OrganizationCreated", "OrganizationUpdated"],
    "org-service-companies": ["CompanyCreated", "CompanyArchived"],
    "sim-service-usage": ["SimFirstUsage", "SimImeiChanged"],
    "usage-service-sims": [
      "SimAssigned",
      "SimUnassigned",
      "SimAssignedToEndUser",
      "SimEndUserUnassigned",
      "SimStatusChanged",
    ],
    "usage-service-companies": ["CompanyCreated", "CompanyArchived"],
    "usage-service-organizations": ["OrganizationCreated", "OrganizationUpdated"],
    // rule-service's local state (docs/rules.md): SIMs, plan allowances, usage, devices.
    "rule-service-sims": ["SimAssigned", "SimUnassigned", "SimPlanAssigned", "SimStatusChanged"],
    "rule-service-plans": ["PlanCreated", "PlanUpdated"],
    "rule-service-devices": ["SimImeiChanged"],
    "rule-service-usage": ["SimUsageUpdated"],
  };
  // The one exception: webhook-service delivers every type of these streams
  // that has a webhook name, so it takes each whole stream (wholeStream).
  const wholeStreams: Record<string, StreamContext> = {
    "webhook-service-company": "company",
    "webhook-service-identity": "identity",
    "webhook-service-sim": "sim",
    "webhook-service-rule": "rule",
  };

  it("gives every durable consumer exactly the subjects it handles, and company-service none of SIMHUB_SIM", async () => {
    const jsm = await stack.nc.jetstreamManager();
    const actual: Record<string, string[]> = {};
    const existing = new Set<string>();
    for (const stream of await jsm.streams.names().next()) existing.add(stream);
    for (const context of streamContexts) {
      const stream = streamName(stack.namespace, context);
      if (!existing.has(stream)) continue; // nothing owns or consumes it in this stack
      for (const consumer of await jsm.consumers.list(stream).next()) {
        const config = consumer.config;
        if (!config.durable_name) continue; // the gateway's ordered consumers are ephemeral
        actual[config.durable_name] = (
          config.filter_subjects ?? (config.filter_subject ? [config.filter_subject] : [])
        ).sort();
        if (context === "sim") expect(config.durable_name).not.toMatch(/^company-service/);
      }
    }
    const version = stack.nc.info?.version;
    const expected: Record<string, string[]> = {};
    for (const [durable, types] of Object.entries(handled)) {
      for (const subscription of plannedSubscriptions(stack.namespace, durable, types, version)) {
        expected[subscription.durable] = [...subscription.subjects].sort();
      }
    }
    for (const [durable, context] of Object.entries(wholeStreams)) {
      expected[durable] = [streamSubjects(stack.namespace, context)];
    }
    expect(actual).toEqual(expected);
    for (const [durable, subjects] of Object.entries(actual)) {
      if (durable in wholeStreams) continue;
      for (const subject of subjects) expect(subject).not.toMatch(/[*>]/);
    }
  });
});

describe("health", () => {
  it("answers liveness and readiness on every process", async () => {
    for (const url of processUrls()) {
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
      const ready = await fetch(`${url}/readyz`);
      expect(ready.status).toBe(200);
      expect(((await ready.json()) as { status: string }).status).toBe("ready");
    }
  });

  it("serves grpc.health.v1 SERVING on every gRPC port", async () => {
    const require = createRequire(import.meta.url);
    const { protoPath } = require("grpc-health-check") as { protoPath: string };
    const definition = protoLoader.loadSync(protoPath, { enums: String });
    const health = grpc.loadPackageDefinition(definition) as any;
    for (const service of Object.values(stack.services)) {
      const client = new health.grpc.health.v1.Health(service.grpcAddress, grpc.credentials.createInsecure());
      const answer = await new Promise<{ status: string }>((resolve, reject) =>
        client.check(
          { service: "" },
          { deadline: Date.now() + 5_000 },
          (error: Error | null, response: any) => (error ? reject(error) : resolve(response)),
        ),
      );
      client.close();
      expect(answer.status).toBe("SERVING");
    }
  });
});

describe("graceful shutdown", () => {
  it("drains org-service on SIGTERM: readiness goes off, in-flight work finishes, exit code 0", async () => {
    const org = stack.services["org-service"].process;
    const api = stack.http(token);
    const inFlight = Array.from({ length: 20 }, () => api.get(`/v1/organizations/${orgId}`));
    const exit = org.stop(30_000);
    const results = await Promise.all(inFlight);
    expect(await exit).toBe(0);
    // Requests either completed, or (once the server stopped accepting) were refused as 503 — never 500.
    for (const result of results) expect([200, 503]).toContain(result.status);
    const afterStop = await api.get(`/v1/organizations/${orgId}`);
    expect(afterStop.status).toBe(503);
    expect(afterStop.headers.get("retry-after")).toBeTruthy();
    await org.start();
    await org.waitReady();
  }, 60_000);
});
