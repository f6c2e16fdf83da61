// The pure rules of rule-service: the evaluator (table-driven), the usage
// bookkeeping, trigger and action input, the imei rule, access, and what
// becomes of a failed action.
import { Problems } from "@simhub/platform/domain";
import { describe, expect, it } from "vitest";
import { appliedDetail, classifyActionFailure, MAX_ACTION_ATTEMPTS } from "../src/domain/action.ts";
import {
  applyUsageUpdate,
  currentUsage,
  evaluate,
  type Observation,
  type UsageTotals,
} from "../src/domain/evaluate.ts";
import {
  canManageRulesOf,
  canSeeRulesOf,
  checkActions,
  checkTrigger,
  checkTriggerAllowsActions,
  type Trigger,
} from "../src/domain/rule.ts";

const org = "2f0c1f3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const otherOrg = "3f0c1f3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const company = "4f0c1f3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";
const otherCompany = "5f0c1f3e-5a6b-4c7d-8e9f-0a1b2c3d4e5f";

function usage(overrides: Partial<UsageTotals> = {}): UsageTotals {
  return {
    period: "2026-12",
    dataBytes: 0,
    smsCount: 0,
    voiceSeconds: 0,
    day: "2026-12-01",
    dayDataBytes: 0,
    daySmsCount: 0,
    dayVoiceSeconds: 0,
    ...overrides,
  };
}

const used = (u: Partial<UsageTotals>, allowanceMb: number | null = null): Observation => ({
  kind: "usage",
  usage: usage(u),
  allowanceMb,
});

describe("evaluate", () => {
  const cases: [string, Trigger, Observation, string | undefined][] = [
    [
      "data_used month below",
      { type: "data_used", thresholdBytes: 100, period: "month" },
      used({ dataBytes: 99 }),
      undefined,
    ],
    [
      "data_used month at",
      { type: "data_used", thresholdBytes: 100, period: "month" },
      used({ dataBytes: 100 }),
      "2026-12",
    ],
    [
      "data_used month above",
      { type: "data_used", thresholdBytes: 100, period: "month" },
      used({ dataBytes: 500 }),
      "2026-12",
    ],
    [
      "data_used day uses the day",
      { type: "data_used", thresholdBytes: 100, period: "day" },
      used({ dataBytes: 500, dayDataBytes: 50 }),
      undefined,
    ],
    [
      "data_used day at",
      { type: "data_used", thresholdBytes: 100, period: "day" },
      used({ dataBytes: 500, dayDataBytes: 100 }),
      "2026-12-01",
    ],
    [
      "sms_used month",
      { type: "sms_used", thresholdCount: 10, period: "month" },
      used({ smsCount: 10 }),
      "2026-12",
    ],
    [
      "sms_used day below",
      { type: "sms_used", thresholdCount: 10, period: "day" },
      used({ smsCount: 10, daySmsCount: 9 }),
      undefined,
    ],
    [
      "voice_used month",
      { type: "voice_used", thresholdSeconds: 60, period: "month" },
      used({ voiceSeconds: 61 }),
      "2026-12",
    ],
    [
      "voice_used day",
      { type: "voice_used", thresholdSeconds: 60, period: "day" },
      used({ voiceSeconds: 61, dayVoiceSeconds: 60 }),
      "2026-12-01",
    ],
    [
      "data_left without allowance",
      { type: "data_left", thresholdBytes: 1_000_000 },
      used({ dataBytes: 10 ** 9 }),
      undefined,
    ],
    [
      "data_left plenty left",
      { type: "data_left", thresholdBytes: 1_000_000 },
      used({ dataBytes: 8_000_000 }, 10),
      undefined,
    ],
    [
      "data_left at the threshold",
      { type: "data_left", thresholdBytes: 1_000_000 },
      used({ dataBytes: 9_000_000 }, 10),
      "2026-12",
    ],
    [
      "data_left over the allowance",
      { type: "data_left", thresholdBytes: 0 },
      used({ dataBytes: 20_000_000 }, 10),
      "2026-12",
    ],
    [
      "usage trigger on a status change",
      { type: "data_used", thresholdBytes: 0, period: "month" },
      { kind: "status_changed", eventId: "e", from: "active", to: "suspended" },
      undefined,
    ],
    [
      "status_changed to",
      { type: "status_changed", to: "suspended" },
      { kind: "status_changed", eventId: "e1", from: "active", to: "suspended" },
      "change:e1",
    ],
    [
      "status_changed other to",
      { type: "status_changed", to: "archived" },
      { kind: "status_changed", eventId: "e1", from: "active", to: "suspended" },
      undefined,
    ],
    [
      "status_changed from matches",
      { type: "status_changed", to: "active", from: "suspended" },
      { kind: "status_changed", eventId: "e2", from: "suspended", to: "active" },
      "change:e2",
    ],
    [
      "status_changed from differs",
      { type: "status_changed", to: "active", from: "suspended" },
      { kind: "status_changed", eventId: "e2", from: "blank", to: "active" },
      undefined,
    ],
    [
      "imei_changed",
      { type: "imei_changed" },
      { kind: "imei_changed", eventId: "e3", previousImei: "1", imei: "2" },
      "change:e3",
    ],
    [
      "imei first device",
      { type: "imei_changed" },
      { kind: "imei_changed", eventId: "e3", previousImei: null, imei: "2" },
      undefined,
    ],
    [
      "imei same device",
      { type: "imei_changed" },
      { kind: "imei_changed", eventId: "e3", previousImei: "2", imei: "2" },
      undefined,
    ],
    [
      "date not yet",
      { type: "date", at: "2027-01-01T00:00:00.000Z" },
      { kind: "date", now: new Date("2026-12-31T23:59:59Z") },
      undefined,
    ],
    [
      "date come",
      { type: "date", at: "2027-01-01T00:00:00.000Z" },
      { kind: "date", now: new Date("2027-01-01T00:00:00Z") },
      "once",
    ],
    ["date on usage", { type: "date", at: "2020-01-01T00:00:00.000Z" }, used({}), undefined],
  ];
  it.each(cases)("%s", (_name, trigger, observation, periodKey) => {
    expect(evaluate(trigger, observation)?.periodKey).toBe(periodKey);
  });

  it("says what it observed", () => {
    expect(
      evaluate({ type: "data_left", thresholdBytes: 0 }, used({ dataBytes: 20_000_000 }, 10))?.observed,
    ).toEqual({
      dataLeftBytes: 0,
      allowanceBytes: 10_000_000,
      dataBytes: 20_000_000,
      period: "2026-12",
    });
  });
});

describe("usage bookkeeping", () => {
  const at = (iso: string) => new Date(iso);
  const update = (period: string, dataBytes: number, smsCount = 0, voiceSeconds = 0) => ({
    period,
    dataBytes,
    smsCount,
    voiceSeconds,
  });

  it("starts a SIM's month and day from its first update", () => {
    expect(applyUsageUpdate(undefined, update("2026-12", 100, 2, 30), at("2026-12-05T10:00:00Z"))).toEqual(
      usage({
        dataBytes: 100,
        smsCount: 2,
        voiceSeconds: 30,
        day: "2026-12-05",
        dayDataBytes: 100,
        daySmsCount: 2,
        dayVoiceSeconds: 30,
      }),
    );
  });

  it("counts a new day from the totals before it", () => {
    const first = applyUsageUpdate(undefined, update("2026-12", 100), at("2026-12-05T10:00:00Z"));
    const sameDay = applyUsageUpdate(first, update("2026-12", 150), at("2026-12-05T23:00:00Z"));
    expect(sameDay).toMatchObject({ dataBytes: 150, dayDataBytes: 150 });
    const nextDay = applyUsageUpdate(sameDay, update("2026-12", 180), at("2026-12-06T01:00:00Z"));
    expect(nextDay).toMatchObject({ dataBytes: 180, day: "2026-12-06", dayDataBytes: 30 });
  });

  it("never takes totals back (a redelivered or late update)", () => {
    const stored = applyUsageUpdate(undefined, update("2026-12", 500), at("2026-12-05T10:00:00Z"));
    expect(applyUsageUpdate(stored, update("2026-12", 300), at("2026-12-05T11:00:00Z"))).toMatchObject({
      dataBytes: 500,
      dayDataBytes: 500,
    });
  });

  it("starts a new month from zero and ignores a month that is over", () => {
    const december = applyUsageUpdate(undefined, update("2026-12", 500), at("2026-12-31T10:00:00Z"));
    const january = applyUsageUpdate(december, update("2027-01", 7), at("2027-01-01T00:10:00Z"));
    expect(january).toMatchObject({ period: "2027-01", dataBytes: 7, dayDataBytes: 7 });
    expect(applyUsageUpdate(january, update("2026-12", 900), at("2027-01-01T00:11:00Z"))).toBeUndefined();
  });

  it("a SIM coming under a rule is checked on this month's and today's figures only", () => {
    const stored = usage({ dataBytes: 100, dayDataBytes: 40 });
    expect(currentUsage(stored, at("2026-12-01T12:00:00Z"))).toBe(stored);
    expect(currentUsage(stored, at("2026-12-02T12:00:00Z"))).toMatchObject({
      dataBytes: 100,
      dayDataBytes: 0,
    });
    expect(currentUsage(stored, at("2027-01-01T00:00:00Z"))).toMatchObject({
      period: "2027-01",
      dataBytes: 0,
    });
    expect(currentUsage(undefined, at("2027-01-01T00:00:00Z")).dataBytes).toBe(0);
  });
});

describe("trigger and action input", () => {
  const problemsOf = (check: (problems: Problems) => unknown) => {
    const problems = new Problems();
    const value = check(problems);
    return { value, paths: problems.errors.map((error) => error.path) };
  };

  it("accepts every trigger of the contract", () => {
    for (const trigger of [
      { type: "data_used", thresholdBytes: 1, period: "day" },
      { type: "sms_used", thresholdCount: 1, period: "month" },
      { type: "voice_used", thresholdSeconds: 1, period: "month" },
      { type: "data_left", thresholdBytes: 0 },
      { type: "status_changed", to: "suspended", from: "active" },
      { type: "imei_changed" },
      { type: "date", at: "2027-01-01T00:00:00+01:00" },
    ]) {
      expect(problemsOf((p) => checkTrigger(p, "trigger", trigger)).paths).toEqual([]);
    }
    expect(
      problemsOf((p) => checkTrigger(p, "trigger", { type: "date", at: "2027-01-01T00:00:00+01:00" })).value,
    ).toEqual({
      type: "date",
      at: "2026-12-31T23:00:00.000Z",
    });
  });

  it("names what is wrong", () => {
    expect(
      problemsOf((p) => checkTrigger(p, "trigger", { type: "data_used", thresholdBytes: -1, period: "week" }))
        .paths,
    ).toEqual(["trigger.thresholdBytes", "trigger.period"]);
    expect(problemsOf((p) => checkTrigger(p, "trigger", { type: "nope" })).paths).toEqual(["trigger.type"]);
    expect(problemsOf((p) => checkTrigger(p, "trigger", { type: "imei_changed", extra: 1 })).paths).toEqual([
      "trigger.extra",
    ]);
    expect(problemsOf((p) => checkTrigger(p, "trigger", { type: "date", at: "tomorrow" })).paths).toEqual([
      "trigger.at",
    ]);
    expect(
      problemsOf((p) => checkTrigger(p, "trigger", { type: "status_changed", to: "active", from: "active" }))
        .paths,
    ).toEqual(["trigger.from"]);
    expect(problemsOf((p) => checkTrigger(p, "trigger", [])).paths).toEqual(["trigger"]);
    expect(problemsOf((p) => checkActions(p, "actions", [])).paths).toEqual(["actions"]);
    expect(
      problemsOf((p) => checkActions(p, "actions", [{ type: "notify" }, { type: "notify" }])).paths,
    ).toEqual(["actions"]);
    expect(
      problemsOf((p) => checkActions(p, "actions", [{ type: "change_status", status: "blank" }])).paths,
    ).toEqual(["actions.0.status"]);
  });

  it("an imei_changed rule may only suspend", () => {
    expect(() =>
      checkTriggerAllowsActions({ type: "imei_changed" }, [{ type: "change_status", status: "active" }]),
    ).toThrow(expect.objectContaining({ code: "RULE_ACTION_NOT_ALLOWED", kind: "rule" }));
    expect(() =>
      checkTriggerAllowsActions({ type: "imei_changed" }, [
        { type: "change_status", status: "suspended" },
        { type: "notify" },
      ]),
    ).not.toThrow();
    expect(() =>
      checkTriggerAllowsActions({ type: "data_used", thresholdBytes: 1, period: "day" }, [
        { type: "change_status", status: "active" },
      ]),
    ).not.toThrow();
  });
});

describe("access", () => {
  const orgRule = { orgId: org, companyId: company, level: "organization" as const };
  const companyRule = { orgId: org, companyId: company, level: "company" as const };
  const cases: [string, object, boolean, boolean, boolean, boolean][] = [
    // principal, sees org rule, manages org rule, sees company rule, manages company rule
    ["platform_admin", { role: "platform_admin" }, true, true, true, true],
    ["org_admin", { role: "org_admin", orgId: org }, true, true, true, true],
    ["org_staff", { role: "org_staff", orgId: org }, true, false, true, false],
    ["other org_admin", { role: "org_admin", orgId: otherOrg }, false, false, false, false],
    ["company_admin", { role: "company_admin", orgId: org, companyId: company }, false, false, true, true],
    ["company_staff", { role: "company_staff", orgId: org, companyId: company }, false, false, true, false],
    [
      "other company_admin",
      { role: "company_admin", orgId: org, companyId: otherCompany },
      false,
      false,
      false,
      false,
    ],
    ["end_user", { role: "end_user", orgId: org, companyId: company }, false, false, false, false],
  ];
  it.each(cases)("%s", (_name, principal, seesOrg, managesOrg, seesCompany, managesCompany) => {
    const who = { userId: "u", ...principal } as Parameters<typeof canSeeRulesOf>[0];
    expect([
      canSeeRulesOf(who, orgRule),
      canManageRulesOf(who, orgRule),
      canSeeRulesOf(who, companyRule),
      canManageRulesOf(who, companyRule),
    ]).toEqual([seesOrg, managesOrg, seesCompany, managesCompany]);
  });
});

describe("a failed action", () => {
  it("is skipped when the lifecycle refuses, never tried again", () => {
    expect(
      classifyActionFailure({ kind: "rule", message: "a SIM cannot go from blank to suspended" }, 1),
    ).toEqual({
      outcome: "skipped",
      detail: "a SIM cannot go from blank to suspended",
    });
    expect(classifyActionFailure({ kind: "not_found", message: "SIM not found" }, 3).outcome).toBe("skipped");
  });

  it("is tried again on an outage, then failed after the last attempt", () => {
    expect(classifyActionFailure({ kind: "unavailable", message: "down" }, 1)).toEqual({
      outcome: "retry",
      detail: "down",
      delayMs: 1_000,
    });
    expect(classifyActionFailure({ message: "boom" }, MAX_ACTION_ATTEMPTS - 1).outcome).toBe("retry");
    expect(classifyActionFailure({ kind: "deadline", message: "slow" }, MAX_ACTION_ATTEMPTS)).toEqual({
      outcome: "failed",
      detail: `slow (after ${MAX_ACTION_ATTEMPTS} attempts)`,
    });
  });

  it("an action retried after a lost answer is still applied", () => {
    expect(appliedDetail("suspended", true)).toBe("status changed to suspended");
    expect(appliedDetail("suspended", false)).toBe("already suspended by a rule");
  });
});
