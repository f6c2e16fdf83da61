// Which simhub events become which webhook event types, under the names of
// the product simhub is modelled on (API.md, "Webhooks"), and to which
// endpoints they go. Pure.
//
// Decisions:
// - `data` is the event's own payload as EVENTS.md documents it (camelCase),
//   so a receiver reads the same fields on NATS and on its webhook.
// - StaffAdded is `company.staff.added` only for company staff; the product
//   has no type for organization staff, so those are not delivered.
// - RuleTriggered is delivered under the product's rule payload name of its
//   trigger (API.md, "Automation rules") with the product's body
//   `data: {rule, sim_card}`: the rule (id, name, trigger, what was
//   observed, the actions and their outcomes) and the SIM (its ICCID and
//   tenant).
// - Types the product names that nothing publishes yet (usage, staff
//   updates and removals) can be subscribed to already; deliveries start
//   when their events exist.
import type { EventData, EventType } from "@simhub/contracts";

export const webhookEventTypes = [
  "company.added",
  "company.updated",
  "company.deleted",
  "company.staff.added",
  "company.staff.updated",
  "company.staff.deleted",
  "end_user.added",
  "end_user.updated",
  "end_user.deleted",
  "sim_card.imported",
  "sim_card.assigned_to_company",
  "sim_card.unassigned",
  "sim_card.assigned_to_end_user",
  "sim_card.status_changed",
  "sim_card.plan_assigned",
  "sim_card.first_usage",
  "sim_card.imei_changed",
  "rule.sim_card.current_usage.triggered",
  "rule.sim_card.remaining_usage.triggered",
  "rule.sim_card.status.changed",
  "rule.sim_card.imei.changed",
  "rule.sim_card.date.triggered",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** Subscribes to every type, present and future. */
export const ALL_EVENTS = "*";

const byEventType: Partial<Record<EventType, WebhookEventType>> = {
  CompanyCreated: "company.added",
  CompanyUpdated: "company.updated",
  CompanyArchived: "company.deleted",
  StaffAdded: "company.staff.added",
  EndUserRegistered: "end_user.added",
  EndUserUpdated: "end_user.updated",
  EndUserRemoved: "end_user.deleted",
  SimsImported: "sim_card.imported",
  SimAssigned: "sim_card.assigned_to_company",
  SimUnassigned: "sim_card.unassigned",
  SimAssignedToEndUser: "sim_card.assigned_to_end_user",
  SimStatusChanged: "sim_card.status_changed",
  SimPlanAssigned: "sim_card.plan_assigned",
  // The type of each delivery depends on the rule's trigger (ruleWebhookType).
  RuleTriggered: "rule.sim_card.current_usage.triggered",
};

/** The simhub event types that have a webhook type, i.e. what the service consumes. */
export const deliveredEventTypes = Object.keys(byEventType) as EventType[];

const byRuleTrigger: Record<string, WebhookEventType> = {
  data_used: "rule.sim_card.current_usage.triggered",
  sms_used: "rule.sim_card.current_usage.triggered",
  voice_used: "rule.sim_card.current_usage.triggered",
  data_left: "rule.sim_card.remaining_usage.triggered",
  status_changed: "rule.sim_card.status.changed",
  imei_changed: "rule.sim_card.imei.changed",
  date: "rule.sim_card.date.triggered",
};

/** The product's payload name of a rule firing, by the rule's trigger type. */
function ruleWebhookType(trigger: string): WebhookEventType | undefined {
  return byRuleTrigger[trigger];
}

/** The product's body of a rule firing: `{rule, sim_card}`. */
function ruleWebhookData(data: EventData<"RuleTriggered">) {
  return {
    rule: {
      id: data.ruleId,
      name: data.ruleName,
      trigger: data.trigger,
      observed: data.observed,
      actions: data.actions,
    },
    sim_card: { iccid: data.iccid, orgId: data.orgId, companyId: data.companyId },
  };
}

export interface SourceEvent {
  id: string;
  type: string;
  time: string;
  orgid?: string | undefined;
  companyid?: string | undefined;
  data: unknown;
}

export interface WebhookEvent {
  eventId: string;
  type: WebhookEventType;
  orgId: string;
  /** The company the event is about, if any: company endpoints get only their own. */
  companyId: string | null;
  occurredAt: Date;
  /** The exact body every endpoint receives, on every attempt and replay. */
  body: string;
}

/** Whom the webhook form of an event is for: what decides which endpoints want it. */
export type WebhookAddress = Pick<WebhookEvent, "type" | "orgId" | "companyId">;

/**
 * The address of an event's webhook form, or undefined when it has none (an
 * unmapped type, organization staff, an event without an organization):
 * without building its body, for the many events no endpoint wants.
 */
export function webhookAddressOf(event: SourceEvent): WebhookAddress | undefined {
  let type = byEventType[event.type as EventType];
  if (!type || !event.orgid) return undefined;
  if (event.type === "StaffAdded" && !event.companyid) return undefined;
  if (event.type === "RuleTriggered") {
    type = ruleWebhookType((event.data as EventData<"RuleTriggered">).trigger);
    if (!type) return undefined;
  }
  return { type, orgId: event.orgid, companyId: event.companyid ?? null };
}

/** The webhook form of an event, or undefined when it has none (webhookAddressOf). */
export function toWebhookEvent(event: SourceEvent): WebhookEvent | undefined {
  const address = webhookAddressOf(event);
  if (!address) return undefined;
  const data =
    event.type === "RuleTriggered" ? ruleWebhookData(event.data as EventData<"RuleTriggered">) : event.data;
  const occurredAt = new Date(event.time);
  return {
    eventId: event.id,
    ...address,
    occurredAt,
    body: JSON.stringify(envelope(event.id, address.type, data, occurredAt)),
  };
}

/** The product's envelope plus the event id. */
export function envelope(id: string, type: string, data: unknown, at: Date) {
  const iso = at.toISOString();
  return {
    id,
    type,
    data,
    created_at: {
      unix_timestamp: Math.floor(at.getTime() / 1000),
      human_time: `${iso.slice(0, 10)} ${iso.slice(11, 19)}`,
      human_date: iso.slice(0, 10),
      timezone: "UTC",
    },
  };
}

/** Whether an endpoint subscribed to `events` wants `type`. */
export function subscribesTo(events: readonly string[], type: string): boolean {
  return events.includes(ALL_EVENTS) || events.includes(type);
}
