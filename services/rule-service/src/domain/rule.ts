// An automation rule: its trigger, its actions, and who may see or manage
// it (API.md, "Automation rules"). Pure.
//
// Decisions:
// - Managing (create, change, delete) is for the platform admin, the
//   organization's org_admin and — for a company rule — the company's
//   company_admin. Staff of the same tenant read rules and their logs.
//   Company users see only their company's own rules, not the
//   organization's rules narrowed to their company. End users see nothing
//   (404 for a rule, 403 at a company or organization they belong to).
// - An `imei_changed` rule may only suspend (refused at creation and on a
//   change, 422 RULE_ACTION_NOT_ALLOWED): theft protection, never activation.
// - A rule has one to two actions, at most one of each type.
// - A `date` rule fires once for every SIM it covers once its time has come,
//   including a SIM that comes under it later.
import { type Principal, type Problems, ruleBroken, simStatuses } from "@simhub/platform/domain";

const usagePeriods = ["day", "month"] as const;
type UsagePeriod = (typeof usagePeriods)[number];

/** The statuses a rule may move a SIM to (the target of a lifecycle transition). */
const ruleTargetStatuses = ["active", "suspended", "archived", "pending", "invalid"] as const;
type RuleTargetStatus = (typeof ruleTargetStatuses)[number];

/** Generous bounds that fit PostgreSQL's bigint and JavaScript's safe integers. */
const MAX_THRESHOLD = Number.MAX_SAFE_INTEGER;

export type Trigger =
  | { type: "data_used"; thresholdBytes: number; period: UsagePeriod }
  | { type: "sms_used"; thresholdCount: number; period: UsagePeriod }
  | { type: "voice_used"; thresholdSeconds: number; period: UsagePeriod }
  | { type: "data_left"; thresholdBytes: number }
  | { type: "status_changed"; to: string; from?: string }
  | { type: "imei_changed" }
  | { type: "date"; at: string };

export type TriggerType = Trigger["type"];
const triggerTypes: readonly TriggerType[] = [
  "data_used",
  "sms_used",
  "voice_used",
  "data_left",
  "status_changed",
  "imei_changed",
  "date",
];

/** Triggers evaluated on a SIM's usage totals. */
export const usageTriggerTypes: readonly TriggerType[] = ["data_used", "sms_used", "voice_used", "data_left"];

export type Action = { type: "change_status"; status: RuleTargetStatus } | { type: "notify" };
export type ActionType = Action["type"];
export type ActionOutcome = "pending" | "applied" | "skipped" | "failed";

export interface Rule {
  id: string;
  orgId: string;
  /** The company of a company rule, or the company an organization rule is narrowed to. */
  companyId: string | null;
  planId: string | null;
  level: "organization" | "company";
  name: string;
  trigger: Trigger;
  actions: Action[];
  enabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i;

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** JSON text from the contract; a problem at `path` when it is not JSON. */
export function parseJson(problems: Problems, path: string, text: string): unknown {
  if (!text) {
    problems.add(path, "is required");
    return undefined;
  }
  if (text.length > 10_000) {
    problems.add(path, "is too large");
    return undefined;
  }
  try {
    return JSON.parse(text);
  } catch {
    problems.add(path, "is not JSON");
    return undefined;
  }
}

function checkThreshold(problems: Problems, path: string, value: unknown): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0 || value > MAX_THRESHOLD) {
    problems.add(path, "must be a whole number, 0 or more");
    return 0;
  }
  return value;
}

function checkPeriod(problems: Problems, path: string, value: unknown): UsagePeriod {
  if (!(usagePeriods as readonly unknown[]).includes(value)) {
    problems.add(path, `must be one of ${usagePeriods.join(", ")}`);
    return "month";
  }
  return value as UsagePeriod;
}

function checkStatus(problems: Problems, path: string, value: unknown): string {
  if (!(simStatuses as readonly unknown[]).includes(value)) {
    problems.add(path, `must be one of ${simStatuses.join(", ")}`);
    return "";
  }
  return value as string;
}

/** Only the fields of the trigger's type: an unknown one is a mistake worth naming. */
function checkKeys(problems: Problems, path: string, value: Record<string, unknown>, allowed: string[]) {
  for (const key of Object.keys(value)) {
    if (key !== "type" && !allowed.includes(key))
      problems.add(`${path}.${key}`, "is not a field of this trigger");
  }
}

export function checkTrigger(problems: Problems, path: string, raw: unknown): Trigger | undefined {
  const value = record(raw);
  if (!value) {
    problems.add(path, "must be an object");
    return undefined;
  }
  const type = value.type;
  switch (type) {
    case "data_used":
      checkKeys(problems, path, value, ["thresholdBytes", "period"]);
      return {
        type,
        thresholdBytes: checkThreshold(problems, `${path}.thresholdBytes`, value.thresholdBytes),
        period: checkPeriod(problems, `${path}.period`, value.period),
      };
    case "sms_used":
      checkKeys(problems, path, value, ["thresholdCount", "period"]);
      return {
        type,
        thresholdCount: checkThreshold(problems, `${path}.thresholdCount`, value.thresholdCount),
        period: checkPeriod(problems, `${path}.period`, value.period),
      };
    case "voice_used":
      checkKeys(problems, path, value, ["thresholdSeconds", "period"]);
      return {
        type,
        thresholdSeconds: checkThreshold(problems, `${path}.thresholdSeconds`, value.thresholdSeconds),
        period: checkPeriod(problems, `${path}.period`, value.period),
      };
    case "data_left":
      checkKeys(problems, path, value, ["thresholdBytes"]);
      return {
        type,
        thresholdBytes: checkThreshold(problems, `${path}.thresholdBytes`, value.thresholdBytes),
      };
    case "status_changed": {
      checkKeys(problems, path, value, ["to", "from"]);
      const to = checkStatus(problems, `${path}.to`, value.to);
      if (value.from === undefined || value.from === null) return { type, to };
      const from = checkStatus(problems, `${path}.from`, value.from);
      if (from && from === to) problems.add(`${path}.from`, "must differ from to");
      return { type, to, from };
    }
    case "imei_changed":
      checkKeys(problems, path, value, []);
      return { type };
    case "date": {
      checkKeys(problems, path, value, ["at"]);
      const at = value.at;
      if (typeof at !== "string" || !RFC3339.test(at) || Number.isNaN(Date.parse(at))) {
        problems.add(`${path}.at`, "must be an RFC 3339 date-time, e.g. 2027-01-01T00:00:00Z");
        return undefined;
      }
      return { type, at: new Date(at).toISOString() };
    }
    default:
      problems.add(`${path}.type`, `must be one of ${triggerTypes.join(", ")}`);
      return undefined;
  }
}

export function checkActions(problems: Problems, path: string, raw: unknown): Action[] {
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 2) {
    problems.add(path, "must list one or two actions");
    return [];
  }
  const actions: Action[] = [];
  raw.forEach((entry, index) => {
    const value = record(entry);
    const at = `${path}.${index}`;
    if (!value) {
      problems.add(at, "must be an object");
      return;
    }
    if (value.type === "notify") {
      if (Object.keys(value).some((key) => key !== "type")) problems.add(at, "notify takes no other field");
      actions.push({ type: "notify" });
    } else if (value.type === "change_status") {
      if (!(ruleTargetStatuses as readonly unknown[]).includes(value.status)) {
        problems.add(`${at}.status`, `must be one of ${ruleTargetStatuses.join(", ")}`);
        return;
      }
      if (Object.keys(value).some((key) => key !== "type" && key !== "status")) {
        problems.add(at, "change_status takes only status");
      }
      actions.push({ type: "change_status", status: value.status as RuleTargetStatus });
    } else {
      problems.add(`${at}.type`, "must be change_status or notify");
    }
  });
  if (new Set(actions.map((action) => action.type)).size !== actions.length) {
    problems.add(path, "at most one action of each type");
  }
  return actions;
}

/** The rule between trigger and actions: an IMEI change only ever suspends. */
export function checkTriggerAllowsActions(trigger: Trigger, actions: readonly Action[]): void {
  if (trigger.type !== "imei_changed") return;
  const other = actions.find((action) => action.type === "change_status" && action.status !== "suspended");
  if (other) {
    throw ruleBroken(
      "RULE_ACTION_NOT_ALLOWED",
      "an imei_changed rule may only suspend the SIM (change_status to suspended)",
    );
  }
}

/** The moment a `date` rule comes due; null for the other triggers. */
export function dueAt(trigger: Trigger): Date | null {
  return trigger.type === "date" ? new Date(trigger.at) : null;
}

export interface RuleOwner {
  orgId: string;
  /** Set for a company rule. */
  companyId: string | null;
  level: "organization" | "company";
}

const isOrgUser = (principal: Principal, orgId: string) =>
  (principal.role === "org_admin" || principal.role === "org_staff") && principal.orgId === orgId;

export function canSeeRulesOf(principal: Principal, owner: RuleOwner): boolean {
  if (principal.role === "platform_admin") return true;
  if (isOrgUser(principal, owner.orgId)) return true;
  return (
    owner.level === "company" &&
    (principal.role === "company_admin" || principal.role === "company_staff") &&
    principal.companyId === owner.companyId
  );
}

export function canManageRulesOf(principal: Principal, owner: RuleOwner): boolean {
  if (principal.role === "platform_admin") return true;
  if (principal.role === "org_admin") return principal.orgId === owner.orgId;
  return (
    owner.level === "company" && principal.role === "company_admin" && principal.companyId === owner.companyId
  );
}
