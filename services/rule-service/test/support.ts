// A world for the rule tests, built through the gateway: an organization
// with an integrated operator (SIMs arrive `blank`), companies, a plan, and
// SIMs imported, assigned and activated. Usage goes in through the usage
// feed of @simhub/testing, the one place that knows how it reaches a stack.
import { randomBytes } from "node:crypto";
import { streamName } from "@simhub/contracts";
import { feedUsage, type HttpClient, type Stack, waitFor } from "@simhub/testing";
import { expect } from "vitest";

/** A valid ICCID (Luhn check digit) from a serial number. */
export function iccid(serial: number, prefix = "89492"): string {
  const body = `${prefix}${String(serial).padStart(18 - prefix.length, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

export const thisMonth = () => new Date().toISOString().slice(0, 7);
export function nextMonth(): string {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString().slice(0, 7);
}
export const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString();

export interface World {
  api: HttpClient;
  orgId: string;
  operatorId: string;
  tag: string;
  nextSerial(): number;
}

export async function buildWorld(stack: Stack, name: string): Promise<World> {
  const tag = randomBytes(3).toString("hex");
  const api = stack.http(await stack.login(stack.admin.username, stack.admin.password));
  const org = await api.post("/v1/organizations", { name: `${name} ${tag}` });
  expect(org.status).toBe(201);
  const operator = await api.post(`/v1/organizations/${org.body.id}/operators`, {
    operatorName: `Operator ${tag}`,
    mcc: "262",
    mnc: "01",
    integration: "api",
  });
  expect(operator.status).toBe(201);
  let serial = 100_000 + Math.floor(Math.random() * 800_000);
  return { api, orgId: org.body.id, operatorId: operator.body.id, tag, nextSerial: () => serial++ };
}

let companySerial = 0;

export async function createCompany(world: World, name: string): Promise<string> {
  const company = await world.api.post(`/v1/organizations/${world.orgId}/companies`, {
    name: `${name} ${world.tag} ${++companySerial}`,
  });
  expect(company.status, JSON.stringify(company.body)).toBe(201);
  return company.body.id;
}

/** Imports SIMs, assigns them to `companyId` (if given) and activates them (unless `status` says otherwise). */
export async function createSims(
  world: World,
  count: number,
  options: { companyId?: string; status?: "active" | "blank" } = {},
): Promise<string[]> {
  const sims = Array.from({ length: count }, () => iccid(world.nextSerial()));
  const imported = await world.api.post(`/v1/organizations/${world.orgId}/sims`, {
    sims: sims.map((sim) => ({ iccid: sim, operatorId: world.operatorId })),
  });
  expect(imported.status, JSON.stringify(imported.body)).toBe(201);
  for (const sim of sims) {
    if (options.companyId) {
      expect((await world.api.post(`/v1/sims/${sim}/assign`, { companyId: options.companyId })).status).toBe(
        200,
      );
    }
    if ((options.status ?? "active") === "active") {
      expect((await world.api.post(`/v1/sims/${sim}/status`, { status: "active" })).status).toBe(200);
    }
  }
  return sims;
}

export interface Usage {
  period?: string;
  dataBytes?: number;
  smsCount?: number;
  voiceSeconds?: number;
  time?: string;
}

/** The period's new totals of one SIM, as usage-service announces them. */
export async function useSim(
  stack: Stack,
  world: World,
  sim: string,
  companyId: string | null,
  usage: Usage,
): Promise<string> {
  const [id] = await feedUsage(stack, [
    {
      iccid: sim,
      orgId: world.orgId,
      companyId,
      period: usage.period ?? thisMonth(),
      dataBytes: usage.dataBytes ?? 0,
      smsCount: usage.smsCount ?? 0,
      voiceSeconds: usage.voiceSeconds ?? 0,
      ...(usage.time ? { time: usage.time } : {}),
    },
  ]);
  return id!;
}

/**
 * Waits until rule-service has taken in every usage update published so far:
 * its usage consumer has none left to deliver and none unacknowledged (it
 * acknowledges an update once its transaction committed, and records no
 * processed-events row for it).
 */
export async function usageTakenIn(stack: Stack): Promise<void> {
  const jsm = await stack.nc.jetstreamManager();
  await waitFor(
    async () => {
      const info = await jsm.consumers.info(streamName(stack.namespace, "usage"), "rule-service-usage");
      return info.num_pending === 0 && info.num_ack_pending === 0;
    },
    { timeoutMs: 20_000, what: "rule-service to take in the usage updates" },
  );
}

/** Waits until rule-service has taken in the event `eventId` (it is in its processed events). */
export async function processedByRules(stack: Stack, eventId: string): Promise<void> {
  await waitFor(
    async () =>
      (await stack.query("rule-service", "SELECT 1 FROM processed_events WHERE event_id = $1", [eventId]))
        .length > 0,
    { timeoutMs: 20_000, what: `rule-service to take in ${eventId}` },
  );
}

export interface LogEntry {
  id: string;
  ruleId: string;
  iccid: string;
  trigger: string;
  observed: Record<string, unknown>;
  firedAt: string;
  actions: { type: string; outcome: string; detail: string }[];
}

export async function logsOf(api: HttpClient, ruleId: string): Promise<LogEntry[]> {
  const entries: LogEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { status: number; body: { items: LogEntry[]; nextCursor: string | null } } = await api.get(
      `/v1/rules/${ruleId}/logs?limit=500${cursor ? `&cursor=${cursor}` : ""}`,
    );
    expect(page.status).toBe(200);
    entries.push(...page.body.items);
    cursor = page.body.nextCursor;
  } while (cursor);
  return entries;
}

/** Waits for `count` log entries whose actions are all decided. */
export async function settledLogs(api: HttpClient, ruleId: string, count: number): Promise<LogEntry[]> {
  return waitFor(
    async () => {
      const entries = await logsOf(api, ruleId);
      const settled = entries.filter((entry) =>
        entry.actions.every((action) => action.outcome !== "pending"),
      );
      return settled.length >= count ? entries : undefined;
    },
    { timeoutMs: 30_000, what: `${count} settled log entries of rule ${ruleId}` },
  );
}

export async function statusOf(api: HttpClient, sim: string): Promise<string> {
  const read = await api.get(`/v1/sims/${sim}`);
  expect(read.status).toBe(200);
  return read.body.status as string;
}
