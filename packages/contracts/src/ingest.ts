// Usage records published on NATS by internal mediation systems, for
// usage-service (docs/usage.md, "From NATS"). Not an event: a work queue
// that simhub receives on. The organization is named in the message and
// believed because only mediation systems may publish on the subject
// (deploy/nats/simhub-auth.conf); the records are checked like those of
// the REST API.
import { z } from "zod";
import { namespacedSubject } from "./events.ts";

export const usageIngestSubject = "simhub.ingest.usage.records";

export function usageIngestStreamName(namespace: string): string {
  return namespace ? `${namespace.toUpperCase()}_SIMHUB_USAGE_INGEST` : "SIMHUB_USAGE_INGEST";
}

export function usageIngestSubjectIn(namespace: string): string {
  return namespacedSubject(namespace, usageIngestSubject);
}

/** Records of one message; NATS's default payload limit (1 MiB) holds about 5,000. */
export const MAX_INGEST_MESSAGE_RECORDS = 10_000;

export const usageIngestMessageSchema = z.object({
  orgId: z.uuid().describe("The organization whose SIMs the records are about"),
  records: z
    .array(
      z.object({
        recordId: z.string().min(1).max(128).describe("Unique per organization: a repeat is a duplicate"),
        iccid: z.string(),
        type: z.enum(["data", "sms", "voice"]),
        quantity: z.number().int().nonnegative().describe("bytes, messages or seconds"),
        startedAt: z.iso.datetime({ offset: true }),
        imei: z.string().nullish(),
      }),
    )
    .max(MAX_INGEST_MESSAGE_RECORDS),
});
export type UsageIngestMessage = z.infer<typeof usageIngestMessageSchema>;
