// The event contract (EVENTS.md): every integration event simhub publishes,
// its subject, its stream, and a zod schema for its `data`. Every publisher
// builds its envelopes with the platform's buildOutboxRows (outbox.ts), which
// checks the data against these schemas at write time; consumers parse with
// parseCloudEvent, and tests validate what arrives against them.
import { z } from "zod";
import { planTypes, roles, simStatuses } from "./generated/enums.ts";

const uuid = z.uuid();
const nullableUuid = uuid.nullable();
/** An ICCID as events carry it and usage records name it: 89, then 17 or 18 digits. */
export const ICCID_PATTERN = /^89\d{17,18}$/;
/**
 * An IMEI as usage records report it and SimImeiChanged carries it. Digits
 * only: sim-service writes it into JSON it builds without escaping (docs/sims.md).
 */
export const IMEI_PATTERN = /^\d{14,16}$/;
const iccid = z.string().regex(ICCID_PATTERN);
const imei = z.string().regex(IMEI_PATTERN);

/** An organization as it stands after the change (Created and Updated carry the same fields). */
const organizationData = z.object({ orgId: uuid, name: z.string(), status: z.string() });

/** A plan as it stands after the change (Created and Updated carry the same fields). */
const planData = z.object({
  planId: uuid,
  orgId: uuid,
  companyId: nullableUuid,
  name: z.string(),
  type: z.enum(planTypes),
  currency: z.string().length(3),
  price: z.number().int(),
  status: z.string(),
  // The plan's data allowance per period (null: none, or a paygo plan).
  // Added after the first release: events published before it lack it.
  dataMb: z.number().int().nonnegative().nullable().optional(),
});

/** A company as it stands after the change (Created and Updated carry the same fields). */
const companyData = z.object({
  companyId: uuid,
  orgId: uuid,
  name: z.string(),
  virtual: z.boolean(),
  status: z.string(),
});

/** An end user as they stand after the change (Created and Updated carry the same fields). */
const endUserData = z.object({
  userId: uuid,
  companyId: uuid,
  orgId: uuid,
  username: z.string(),
  email: z.string(),
  via: z.enum(["admin", "self-registration"]),
});

export const eventCatalog = {
  OrganizationCreated: {
    subject: "simhub.org.created",
    data: organizationData,
  },
  OrganizationUpdated: {
    subject: "simhub.org.updated",
    data: organizationData,
  },
  OperatorIntegrationAdded: {
    subject: "simhub.org.operator-added",
    data: z.object({
      orgId: uuid,
      operatorId: uuid,
      operatorName: z.string(),
      mcc: z.string(),
      mnc: z.string(),
      integration: z.enum(["none", "api"]),
    }),
  },
  PlanCreated: {
    subject: "simhub.org.plan-created",
    data: planData,
  },
  PlanUpdated: {
    subject: "simhub.org.plan-updated",
    data: planData,
  },
  CompanyCreated: {
    subject: "simhub.company.created",
    data: companyData,
  },
  CompanyUpdated: {
    subject: "simhub.company.updated",
    data: companyData,
  },
  CompanyArchived: {
    subject: "simhub.company.archived",
    data: z.object({ companyId: uuid, orgId: uuid }),
  },
  StaffAdded: {
    subject: "simhub.identity.staff-added",
    data: z.object({
      userId: uuid,
      role: z.enum(roles),
      orgId: nullableUuid,
      companyId: nullableUuid,
      username: z.string(),
    }),
  },
  EndUserRegistered: {
    subject: "simhub.identity.end-user-registered",
    data: endUserData,
  },
  EndUserUpdated: {
    subject: "simhub.identity.end-user-updated",
    data: endUserData,
  },
  EndUserRemoved: {
    subject: "simhub.identity.end-user-removed",
    data: z.object({ userId: uuid, companyId: uuid, orgId: uuid }),
  },
  SimsImported: {
    subject: "simhub.sim.imported",
    data: z.object({ importId: uuid, orgId: uuid, count: z.number().int(), rejected: z.number().int() }),
  },
  SimAssigned: {
    subject: "simhub.sim.assigned",
    data: z.object({ iccid, orgId: uuid, companyId: uuid, previousCompanyId: nullableUuid }),
  },
  SimUnassigned: {
    subject: "simhub.sim.unassigned",
    data: z.object({
      iccid,
      orgId: uuid,
      previousCompanyId: uuid,
      // The plan offered to the previous company only, which the SIM lost
      // with it (null: the SIM kept its plan, or had none). Absent in events
      // published before the field existed.
      removedPlanId: nullableUuid.optional(),
    }),
  },
  SimAssignedToEndUser: {
    subject: "simhub.sim.end-user-assigned",
    data: z.object({ iccid, orgId: uuid, companyId: uuid, endUserId: uuid }),
  },
  SimEndUserUnassigned: {
    subject: "simhub.sim.end-user-unassigned",
    data: z.object({
      iccid,
      orgId: uuid,
      companyId: uuid,
      previousEndUserId: uuid,
      reason: z.enum(["end_user_removed", "unassigned"]),
    }),
  },
  SimPlanAssigned: {
    subject: "simhub.sim.plan-assigned",
    data: z.object({
      iccid,
      orgId: uuid,
      companyId: nullableUuid,
      planId: uuid,
      planType: z.enum(planTypes),
      previousPlanId: nullableUuid,
    }),
  },
  SimStatusChanged: {
    subject: "simhub.sim.status-changed",
    data: z.object({
      iccid,
      orgId: uuid,
      companyId: nullableUuid,
      from: z.enum(simStatuses),
      to: z.enum(simStatuses),
      reason: z.string().nullable(),
      actor: z.string(),
    }),
  },
  SimUsageUpdated: {
    subject: "simhub.usage.sim-updated",
    data: z.object({
      iccid,
      orgId: uuid,
      companyId: nullableUuid,
      period: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/),
      dataBytes: z.number().int().nonnegative(),
      smsCount: z.number().int().nonnegative(),
      voiceSeconds: z.number().int().nonnegative(),
    }),
  },
  SimFirstUsage: {
    subject: "simhub.usage.first-usage",
    data: z.object({ iccid, orgId: uuid, companyId: nullableUuid, at: z.iso.datetime() }),
  },
  SimImeiChanged: {
    subject: "simhub.usage.imei-changed",
    data: z.object({
      iccid,
      orgId: uuid,
      companyId: nullableUuid,
      previousImei: imei.nullable(),
      imei,
    }),
  },
  RuleTriggered: {
    subject: "simhub.rule.triggered",
    data: z.object({
      ruleId: uuid,
      ruleName: z.string(),
      orgId: uuid,
      companyId: nullableUuid,
      iccid,
      trigger: z.string(),
      observed: z.unknown(),
      actions: z.array(
        z.object({
          type: z.enum(["change_status", "notify"]),
          outcome: z.enum(["applied", "skipped", "failed"]),
        }),
      ),
    }),
  },
  WebhookEndpointDisabled: {
    subject: "simhub.webhook.endpoint-disabled",
    data: z.object({
      webhookId: uuid,
      orgId: uuid,
      companyId: nullableUuid,
      reason: z.string(),
    }),
  },
  WebhookDeliveryDead: {
    subject: "simhub.webhook.delivery-dead",
    data: z.object({
      webhookId: uuid,
      orgId: uuid,
      deliveryId: uuid,
      eventId: uuid,
      attempts: z.number().int(),
    }),
  },
} as const;

export type EventType = keyof typeof eventCatalog;
export type EventData<T extends EventType> = z.infer<(typeof eventCatalog)[T]["data"]>;

/** The bounded contexts that own a stream each. */
export const streamContexts = ["org", "company", "identity", "sim", "usage", "rule", "webhook"] as const;
export type StreamContext = (typeof streamContexts)[number];

/**
 * Tests run many stacks side by side on one NATS server; a namespace keeps
 * their streams and subjects apart. Production uses the empty namespace, so
 * the names are exactly those of EVENTS.md.
 */
export function streamName(namespace: string, context: StreamContext): string {
  const base = `SIMHUB_${context.toUpperCase()}`;
  return namespace ? `${namespace.toUpperCase()}_${base}` : base;
}

export function namespacedSubject(namespace: string, subject: string): string {
  return namespace ? `${namespace}.${subject}` : subject;
}

export function streamSubjects(namespace: string, context: StreamContext): string {
  return namespacedSubject(namespace, `simhub.${context}.>`);
}

export function deadLetterSubject(namespace: string, consumer: string, type: string): string {
  return namespacedSubject(namespace, `simhub.dlq.${consumer}.${type}`);
}

export function deadLetterStreamName(namespace: string): string {
  return namespace ? `${namespace.toUpperCase()}_SIMHUB_DLQ` : "SIMHUB_DLQ";
}

/**
 * Whether a JetStream stream belongs to a namespace: its event and
 * dead-letter streams, and the KV buckets (stored as streams named
 * `KV_<bucket>`) of the gateway's idempotency keys and rate limits.
 * Used to clean up after tests and benchmarks.
 */
export function streamBelongsToNamespace(namespace: string, stream: string): boolean {
  if (!namespace) return false;
  return stream.startsWith(`${namespace.toUpperCase()}_`) || stream.startsWith(`KV_${namespace}_`);
}

export function contextOfEvent(type: EventType): StreamContext {
  return eventCatalog[type].subject.split(".")[1] as StreamContext;
}

/** CloudEvents 1.0, structured mode, with simhub's extensions. */
export const cloudEventSchema = z.object({
  specversion: z.literal("1.0"),
  id: uuid,
  source: z.string().min(1),
  type: z.string().min(1),
  subject: z.string().min(1),
  time: z.iso.datetime(),
  datacontenttype: z.literal("application/json"),
  orgid: uuid.optional(),
  companyid: uuid.optional(),
  traceparent: z.string().optional(),
  data: z.unknown(),
});
export type CloudEvent<T = unknown> = z.infer<typeof cloudEventSchema> & { data: T };

/** Validates an envelope and its data against the catalogue. */
export function parseCloudEvent(raw: unknown): CloudEvent {
  const envelope = cloudEventSchema.parse(raw);
  const entry = eventCatalog[envelope.type as EventType];
  if (!entry) throw new Error(`unknown event type ${envelope.type}`);
  return { ...envelope, data: entry.data.parse(envelope.data) };
}
