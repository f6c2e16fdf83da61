// The pure rules of webhook-service: retry schedule, outcome of a response,
// signatures (checked with the `standardwebhooks` package receivers use),
// the echo protocol, event mapping, URL and event-type input, access, and
// the address policy.
import { Problems } from "@simhub/platform/domain";
import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { echoFailure, echoRequestBody } from "../src/domain/echo.ts";
import {
  canManageEndpointsOf,
  canSeeEndpointsOf,
  checkUrl,
  validateNewEndpoint,
} from "../src/domain/endpoint.ts";
import { envelope, subscribesTo, toWebhookEvent } from "../src/domain/event-types.ts";
import { classifyResponse, nextRetryDelay, parseRetrySchedule } from "../src/domain/retry.ts";
import { secretFromKey, signedHeaders } from "../src/domain/signing.ts";
import { createAddressPolicy, parseCidrs } from "../src/http/address-policy.ts";

const org = "2f0c1f3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const company = "7a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

describe("retry schedule", () => {
  it("parses durations and refuses nonsense with the entry named", () => {
    expect(parseRetrySchedule("5s,5m,30m,2h")).toEqual([5_000, 300_000, 1_800_000, 7_200_000]);
    expect(parseRetrySchedule("250ms")).toEqual([250]);
    expect(() => parseRetrySchedule("")).toThrow(/at least one/);
    expect(() => parseRetrySchedule("5s,soon")).toThrow(/"soon"/);
    expect(() => parseRetrySchedule("8d")).toThrow(/at most 7d/);
  });

  it("the default schedule is at least 8 attempts over at least 24 hours", () => {
    const schedule = parseRetrySchedule("5s,5m,30m,2h,5h,10h,10h,10h");
    expect(schedule.length + 1).toBeGreaterThanOrEqual(8);
    const minimum = schedule.reduce((sum, delay) => sum + delay * 0.8, 0);
    expect(minimum).toBeGreaterThanOrEqual(24 * 3_600_000);
  });

  it("jitters each delay by at most 20 % and ends after the last", () => {
    const schedule = [10_000, 60_000];
    expect(nextRetryDelay(schedule, 1, 0)).toBe(8_000);
    expect(nextRetryDelay(schedule, 1, 0.999_999)).toBeLessThanOrEqual(12_000);
    expect(nextRetryDelay(schedule, 2, 0.5)).toBe(60_000);
    expect(nextRetryDelay(schedule, 3, 0.5)).toBeUndefined();
  });

  it("2xx is delivered, 410 gone, everything else retried", () => {
    expect(classifyResponse(200)).toBe("delivered");
    expect(classifyResponse(204)).toBe("delivered");
    expect(classifyResponse(410)).toBe("gone");
    for (const status of [undefined, 301, 400, 404, 429, 500, 503])
      expect(classifyResponse(status)).toBe("retry");
  });
});

describe("signatures", () => {
  it("verify with standardwebhooks for each secret, and not with another body", () => {
    const current = secretFromKey(Buffer.alloc(32, 1));
    const previous = secretFromKey(Buffer.alloc(32, 2));
    const body = JSON.stringify(envelope(org, "company.added", { orgId: org }, new Date()));
    const list = signedHeaders([current, previous], org, Math.floor(Date.now() / 1000), body);
    const headers: Record<string, string> = {};
    for (let index = 0; index < list.length; index += 2) headers[list[index]!] = list[index + 1]!;
    expect(headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toMatchObject({ type: "company.added" });
    expect(new Webhook(previous).verify(body, headers)).toMatchObject({ type: "company.added" });
    expect(() => new Webhook(current).verify(body.replace("added", "updated"), headers)).toThrow();
    expect(() => new Webhook(secretFromKey(Buffer.alloc(32, 3))).verify(body, headers)).toThrow();
  });
});

describe("echo", () => {
  it("accepts the echo_data as the body or as JSON, nothing else", () => {
    expect(JSON.parse(echoRequestBody("abc:123"))).toEqual({ type: "echo", echo_data: "abc:123" });
    expect(() => echoRequestBody("no spaces")).toThrow();
    expect(echoFailure("abc", 200, "abc\n")).toBeUndefined();
    expect(echoFailure("abc", 200, '{"echo_data":"abc"}')).toBeUndefined();
    expect(echoFailure("abc", 200, "abd")).toBeDefined();
    expect(echoFailure("abc", 302, "abc")).toMatch(/302/);
    expect(echoFailure("abc", undefined, "")).toBe("no answer");
  });
});

describe("event mapping", () => {
  const base = { id: org, time: "2026-12-01T08:00:00.000Z", orgid: org };
  it("maps simhub events to the product's names with the envelope", () => {
    const event = toWebhookEvent({ ...base, type: "SimAssigned", companyid: company, data: { iccid: "x" } });
    expect(event).toMatchObject({ type: "sim_card.assigned_to_company", orgId: org, companyId: company });
    expect(JSON.parse(event!.body)).toEqual({
      id: org,
      type: "sim_card.assigned_to_company",
      data: { iccid: "x" },
      created_at: {
        unix_timestamp: 1_796_112_000,
        human_time: "2026-12-01 08:00:00",
        human_date: "2026-12-01",
        timezone: "UTC",
      },
    });
  });

  it("skips organization staff, unmapped types and events without an organization", () => {
    expect(toWebhookEvent({ ...base, type: "StaffAdded", data: {} })).toBeUndefined();
    expect(toWebhookEvent({ ...base, type: "StaffAdded", companyid: company, data: {} })?.type).toBe(
      "company.staff.added",
    );
    expect(toWebhookEvent({ ...base, type: "PlanCreated", data: {} })).toBeUndefined();
    expect(toWebhookEvent({ id: org, time: base.time, type: "CompanyCreated", data: {} })).toBeUndefined();
  });

  it.each([
    ["data_used", "rule.sim_card.current_usage.triggered"],
    ["sms_used", "rule.sim_card.current_usage.triggered"],
    ["voice_used", "rule.sim_card.current_usage.triggered"],
    ["data_left", "rule.sim_card.remaining_usage.triggered"],
    ["status_changed", "rule.sim_card.status.changed"],
    ["imei_changed", "rule.sim_card.imei.changed"],
    ["date", "rule.sim_card.date.triggered"],
  ])("delivers a %s rule firing as %s with data {rule, sim_card}", (trigger, type) => {
    const data = {
      ruleId: company,
      ruleName: "Cap",
      orgId: org,
      companyId: company,
      iccid: "8949100000000000017",
      trigger,
      observed: { dataBytes: 5 },
      actions: [{ type: "notify", outcome: "applied" }],
    };
    const event = toWebhookEvent({ ...base, type: "RuleTriggered", companyid: company, data });
    expect(event?.type).toBe(type);
    expect(event?.companyId).toBe(company);
    expect(JSON.parse(event!.body).data).toEqual({
      rule: { id: company, name: "Cap", trigger, observed: { dataBytes: 5 }, actions: data.actions },
      sim_card: { iccid: data.iccid, orgId: org, companyId: company },
    });
  });

  it("skips a rule firing of a trigger it has no name for", () => {
    const data = {
      ruleId: company,
      ruleName: "x",
      orgId: org,
      companyId: null,
      iccid: "x",
      trigger: "nope",
      observed: {},
      actions: [],
    };
    expect(toWebhookEvent({ ...base, type: "RuleTriggered", data })).toBeUndefined();
  });

  it("subscriptions", () => {
    expect(subscribesTo(["*"], "company.added")).toBe(true);
    expect(subscribesTo(["company.added"], "company.added")).toBe(true);
    expect(subscribesTo(["company.updated"], "company.added")).toBe(false);
  });
});

describe("endpoint input", () => {
  it("https only unless http is allowed; no credentials or fragments", () => {
    const check = (url: string, allowHttp = false) => {
      const problems = new Problems();
      checkUrl(problems, "url", url, allowHttp);
      return problems.errors.map((error) => error.message);
    };
    expect(check("https://hooks.example.com/simhub")).toEqual([]);
    expect(check("http://hooks.example.com/")).toEqual(["must be an https URL"]);
    expect(check("http://hooks.example.com/", true)).toEqual([]);
    expect(check("https://user:pw@hooks.example.com/")[0]).toMatch(/user name/);
    expect(check("https://hooks.example.com/#x")[0]).toMatch(/fragment/);
    expect(check("file:///etc/passwd")[0]).toMatch(/https/);
    expect(check("not a url")[0]).toMatch(/absolute/);
    expect(check(`https://x.example.com/${"a".repeat(2_100)}`)[0]).toMatch(/2048/);
  });

  it("event types are known ones or * alone, and every problem is reported", () => {
    expect(
      validateNewEndpoint({ url: "https://a.example.com", events: ["*"], description: "" }, false).events,
    ).toEqual(["*"]);
    try {
      validateNewEndpoint(
        { url: "ftp://a", events: ["*", "sim_card.nope"], description: "x".repeat(600) },
        false,
      );
      expect.unreachable();
    } catch (error) {
      const paths = (error as { errors: { path: string }[] }).errors.map((e) => e.path);
      expect(paths).toEqual(expect.arrayContaining(["url", "events.1", "events", "description"]));
    }
  });

  it("who sees and manages whose endpoints", () => {
    const orgOwner = { orgId: org, companyId: null };
    const companyOwner = { orgId: org, companyId: company };
    const orgAdmin = { userId: "u", role: "org_admin" as const, orgId: org };
    const orgStaff = { userId: "u", role: "org_staff" as const, orgId: org };
    const companyAdmin = { userId: "u", role: "company_admin" as const, orgId: org, companyId: company };
    const endUser = { userId: "u", role: "end_user" as const, orgId: org, companyId: company };
    expect(canManageEndpointsOf(orgAdmin, companyOwner)).toBe(true);
    expect(canManageEndpointsOf(orgStaff, orgOwner)).toBe(false);
    expect(canSeeEndpointsOf(orgStaff, companyOwner)).toBe(true);
    expect(canManageEndpointsOf(companyAdmin, companyOwner)).toBe(true);
    expect(canSeeEndpointsOf(companyAdmin, orgOwner)).toBe(false);
    expect(canSeeEndpointsOf(endUser, companyOwner)).toBe(false);
    expect(canSeeEndpointsOf({ ...orgAdmin, orgId: company }, orgOwner)).toBe(false);
  });
});

describe("address policy", () => {
  const closed = createAddressPolicy("");
  it("refuses loopback, private, link-local, unique-local, multicast, unspecified and mapped addresses", () => {
    for (const address of [
      "127.0.0.1",
      "10.1.2.3",
      "172.16.0.1",
      "192.168.0.1",
      "169.254.169.254",
      "100.64.0.1",
      "0.0.0.0",
      "224.0.0.1",
      "::1",
      "::",
      "fe80::1",
      "fd00::1",
      "ff02::1",
      "::ffff:127.0.0.1",
      "64:ff9b::a00:1",
    ]) {
      expect(closed.refusal(address), address).toBeDefined();
    }
    expect(closed.refusal("93.184.216.34")).toBeUndefined();
    expect(closed.refusal("2606:4700::6810:84e5")).toBeUndefined();
  });

  it("opens chosen ranges, never link-local", () => {
    const open = createAddressPolicy("127.0.0.0/8, 169.254.0.0/16, fe80::/10");
    expect(open.refusal("127.0.0.2")).toBeUndefined();
    expect(open.refusal("169.254.169.254")).toMatch(/link-local/);
    expect(open.refusal("fe80::1")).toMatch(/link-local/);
    expect(() => parseCidrs("10.0.0.0/33")).toThrow(/"10.0.0.0\/33"/);
    expect(() => parseCidrs("example.com/8")).toThrow();
  });
});
