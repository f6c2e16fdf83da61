// The AsyncAPI 3.0 document of simhub's events, generated from the same zod
// schemas the publishers and the tests use (events.ts), so the published
// contract and the code cannot drift. `pnpm --filter @simhub/contracts
// gen:asyncapi` writes docs/asyncapi.yaml; a test fails when it is stale.
import { z } from "zod";
import { type EventType, eventCatalog, type streamContexts, streamName } from "./events.ts";
import { usageIngestMessageSchema, usageIngestStreamName, usageIngestSubject } from "./ingest.ts";

const envelopeSchema = (type: string, data: z.ZodType) =>
  z.toJSONSchema(
    z.object({
      specversion: z.literal("1.0"),
      id: z.uuid().describe("Unique event id; also the Nats-Msg-Id header"),
      source: z.string().describe("simhub/<service>"),
      type: z.literal(type),
      subject: z.string().describe("The aggregate's id (ICCID for SIMs)"),
      time: z.iso.datetime(),
      datacontenttype: z.literal("application/json"),
      orgid: z.uuid().optional().describe("Owning organization"),
      companyid: z.uuid().optional().describe("Company, when there is one"),
      traceparent: z.string().optional().describe("W3C trace context, when known"),
      data,
    }),
    { target: "draft-2020-12" },
  );

export function buildAsyncApiDocument() {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const [type, entry] of Object.entries(eventCatalog) as [
    EventType,
    (typeof eventCatalog)[EventType],
  ][]) {
    messages[type] = {
      name: type,
      title: type,
      contentType: "application/json",
      headers: {
        type: "object",
        properties: {
          "Nats-Msg-Id": { type: "string", description: "= the CloudEvent id; JetStream deduplicates on it" },
          "Ce-Type": { type: "string", const: type },
          "X-Request-Id": { type: "string", description: "the API request that caused the change, when any" },
        },
        required: ["Nats-Msg-Id", "Ce-Type"],
      },
      payload: envelopeSchema(type, entry.data),
    };
    const channel = type;
    const context = entry.subject.split(".")[1] as (typeof streamContexts)[number];
    channels[channel] = {
      address: entry.subject,
      description: `Stream ${streamName("", context)}`,
      messages: { [type]: { $ref: `#/components/messages/${type}` } },
    };
    operations[`receive${type}`] = {
      action: "receive",
      channel: { $ref: `#/channels/${channel}` },
      messages: [{ $ref: `#/channels/${channel}/messages/${type}` }],
    };
  }
  // The one channel simhub receives on: usage records of mediation systems.
  messages.UsageRecords = {
    name: "UsageRecords",
    title: "Usage records from a mediation system",
    contentType: "application/json",
    payload: z.toJSONSchema(usageIngestMessageSchema, { target: "draft-2020-12" }),
  };
  channels.UsageRecordsIngest = {
    address: usageIngestSubject,
    description: `Stream ${usageIngestStreamName("")} (work queue): usage-service consumes it with a durable consumer and acknowledges a message once its records are committed. Only mediation systems may publish here; the orgId of a message is believed because of that. Records are checked and deduplicated as in POST /v1/organizations/{orgId}/usage; rejected records are counted (simhub_usage_records_total{source="nats",outcome="rejected"}) and logged with their codes.`,
    messages: { UsageRecords: { $ref: "#/components/messages/UsageRecords" } },
  };
  operations.sendUsageRecords = {
    action: "send",
    title: "Mediation systems send usage records; usage-service receives them",
    channel: { $ref: "#/channels/UsageRecordsIngest" },
    messages: [{ $ref: "#/channels/UsageRecordsIngest/messages/UsageRecords" }],
  };
  return {
    asyncapi: "3.0.0",
    info: {
      title: "simhub events",
      version: "1.0.0",
      description:
        "Integration events of simhub on NATS JetStream: CloudEvents 1.0 in structured mode, at least once, in commit order per aggregate. Streams keep 7 days with a 2-minute duplicate window. Secrets never appear in an event.",
    },
    defaultContentType: "application/json",
    servers: {
      nats: { host: "localhost:4222", protocol: "nats", description: "NATS with JetStream" },
    },
    channels,
    operations,
    components: { messages },
  };
}
