// Usage routes (API.md, "Usage"): records sent by integrations, and the
// usage of a SIM and of a company.
//
// The gateway does not parse the records: it writes the body to a
// client-streaming gRPC call chunk by chunk, only when the call has room,
// so a busy usage-service slows the sender down instead of the gateway
// buffering the body (100,000 NDJSON lines never sit in memory at once).
// usage-service parses, checks and applies them in batches.
import { currentContext, runWithContext } from "@simhub/platform";
import { z } from "zod";
import { gatewayConfigSchema } from "../config.ts";
import { defineRoute, nullIfEmpty, type RouteResult, type RouteSpec } from "../http/route.ts";
import { GuardedUpload, type UploadLimits } from "../http/upload.ts";

/** A long NDJSON stream may outlive the per-request budget. */
const USAGE_STREAM_DEADLINE_MS = 30 * 60_000;

let limits: { json: UploadLimits; ndjson: UploadLimits } | undefined;
/** The upload limits, from the same schema (and environment) as the rest of the gateway's configuration. */
function uploadLimits() {
  if (!limits) {
    const shape = gatewayConfigSchema.shape;
    const rate = {
      minBytesPerSecond: shape.UPLOAD_MIN_BYTES_PER_SECOND.parse(process.env.UPLOAD_MIN_BYTES_PER_SECOND),
      windowMs: shape.UPLOAD_MIN_RATE_WINDOW_MS.parse(process.env.UPLOAD_MIN_RATE_WINDOW_MS),
    };
    limits = {
      json: { ...rate, maxBytes: shape.USAGE_JSON_MAX_BYTES.parse(process.env.USAGE_JSON_MAX_BYTES) },
      ndjson: { ...rate, maxBytes: shape.USAGE_NDJSON_MAX_BYTES.parse(process.env.USAGE_NDJSON_MAX_BYTES) },
    };
  }
  return limits;
}

const UsageRecord = z
  .object({
    recordId: z.string().min(1).max(128).meta({
      description:
        "The sender's id of the record; a recordId the organization has sent before is a duplicate",
    }),
    iccid: z.string().meta({ example: "8944500102030405067" }),
    type: z.enum(["data", "sms", "voice"]),
    quantity: z
      .number()
      .int()
      .nonnegative()
      .meta({ description: "bytes (data), messages (sms), seconds (voice)" }),
    startedAt: z.iso.datetime({ offset: true }),
    imei: z.string().nullish().meta({ description: "The device the SIM was in (14–16 digits)" }),
  })
  .meta({ id: "UsageRecord" });

const IngestBody = z.object({ records: z.array(UsageRecord).max(10_000) }).meta({ id: "UsageRecords" });

const IngestResponse = z
  .object({
    accepted: z.number().int().meta({ description: "Records counted" }),
    duplicates: z.number().int().meta({ description: "Records sent before, not counted again" }),
    rejected: z
      .array(
        z.object({
          index: z
            .number()
            .int()
            .meta({ description: "Position in `records`, or NDJSON line − 1 (0-based)" }),
          recordId: z.string(),
          code: z.string().meta({
            description:
              "SIM_NOT_FOUND (unknown, or not the organization's, or not the company's), INVALID_RECORD, INVALID_RECORD_ID, INVALID_ICCID, INVALID_TYPE, INVALID_QUANTITY, INVALID_STARTED_AT, INVALID_IMEI, INVALID_JSON",
          }),
          message: z.string(),
        }),
      )
      .meta({ description: "The first 10,000 rejections" }),
    rejectedCount: z.number().int().meta({ description: "All rejected records" }),
  })
  .meta({ id: "UsageIngestResult" });

const Totals = {
  dataBytes: z.number().int(),
  smsCount: z.number().int(),
  voiceSeconds: z.number().int(),
};

const SimUsageResponse = z
  .object({
    iccid: z.string(),
    period: z.string().meta({ example: "2026-12" }),
    ...Totals,
    imei: z.string().nullable(),
    firstUsedAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    days: z
      .array(z.object({ date: z.iso.date(), ...Totals }))
      .optional()
      .meta({ description: "With granularity=day: the days of the period with usage" }),
  })
  .meta({ id: "SimUsage" });

const CompanyUsageResponse = z
  .object({
    companyId: z.uuid(),
    orgId: z.uuid(),
    period: z.string(),
    ...Totals,
    simCount: z.number().int().meta({ description: "SIMs of the company with usage in the period" }),
  })
  .meta({ id: "CompanyUsage" });

const PeriodQuery = z.object({
  period: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "a month as YYYY-MM")
    .optional()
    .meta({ description: "YYYY-MM (UTC); default: this month" }),
});

interface TotalsMessage {
  dataBytes: string;
  smsCount: string;
  voiceSeconds: string;
}

export function totalsJson(totals: TotalsMessage | null | undefined) {
  return {
    dataBytes: Number(totals?.dataBytes ?? 0),
    smsCount: Number(totals?.smsCount ?? 0),
    voiceSeconds: Number(totals?.voiceSeconds ?? 0),
  };
}

function contentTypeOf(header: string | undefined): string {
  return (header ?? "").split(";")[0]!.trim().toLowerCase();
}

export const usageRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/usage",
    operationId: "ingestUsage",
    summary: "Send usage records (a JSON batch, or NDJSON streamed)",
    description:
      "`application/json`: `{records:[…]}` with at most 10,000 records (422 TOO_MANY_RECORDS past it). `application/x-ndjson`: one record a line, any number of lines, streamed and applied in batches as they arrive. A record whose recordId the organization has sent before is a duplicate and is not counted again, so a batch can be sent again after an error. Records of SIMs that do not exist, belong to another organization or (for a company's caller) to another company are rejected alike with SIM_NOT_FOUND. 202 with the counts and the rejected records; 413 UPLOAD_TOO_LARGE past the size limit.",
    tags: ["Usage"],
    params: z.object({ orgId: z.uuid() }),
    bodyType: "stream",
    streamContentTypes: ["application/json", "application/x-ndjson"],
    streamSchemas: { "application/json": IngestBody, "application/x-ndjson": UsageRecord },
    responses: { 202: IngestResponse },
    handler: async ({ params, clients, req }): Promise<RouteResult> => {
      const format = contentTypeOf(req.header("content-type")) === "application/x-ndjson" ? "ndjson" : "json";
      const upload = new GuardedUpload(req, uploadLimits()[format]);
      async function* chunks() {
        yield { orgId: params.orgId, format, data: Buffer.alloc(0) };
        for await (const data of upload.chunks()) yield { data };
        // Only a body received in full is marked complete.
        if (!req.complete) throw new Error("the upload was cut off");
        yield { last: true };
      }
      const context = currentContext();
      let response: Awaited<ReturnType<typeof clients.usage.IngestUsage>>;
      try {
        response = await runWithContext(
          {
            requestId: context?.requestId ?? "",
            ...context,
            deadline: Date.now() + USAGE_STREAM_DEADLINE_MS,
          },
          () => clients.usage.IngestUsage(chunks(), { deadlineMs: USAGE_STREAM_DEADLINE_MS }),
        );
      } catch (error) {
        throw upload.problem ?? error;
      }
      return {
        status: 202,
        body: {
          accepted: response.accepted,
          duplicates: response.duplicates,
          rejected: response.rejected.map(({ index, recordId, code, message }) => ({
            index,
            recordId,
            code,
            message,
          })),
          rejectedCount: response.rejectedCount,
        },
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/sims/:iccid/usage",
    operationId: "getSimUsage",
    summary: "A SIM's usage in a month",
    description:
      "Whoever may read the SIM may read its usage (end users their own SIMs). 404 SIM_NOT_FOUND for a SIM the caller may not see.",
    tags: ["Usage"],
    params: z.object({ iccid: z.string().regex(/^[0-9]{19,20}$/, "an ICCID is 19 or 20 digits") }),
    query: PeriodQuery.extend({
      granularity: z.enum(["month", "day"]).optional().meta({ description: "day: add the period's days" }),
    }),
    responses: { 200: SimUsageResponse },
    handler: async ({ params, query, clients }) => {
      const usage = await clients.usage.GetSimUsage({
        iccid: params.iccid,
        period: query.period ?? "",
        days: query.granularity === "day",
      });
      return {
        status: 200,
        body: {
          iccid: usage.iccid,
          period: usage.period,
          ...totalsJson(usage.totals),
          imei: nullIfEmpty(usage.imei),
          firstUsedAt: nullIfEmpty(usage.firstUsedAt),
          lastUsedAt: nullIfEmpty(usage.lastUsedAt),
          ...(query.granularity === "day"
            ? { days: usage.days.map((day) => ({ date: day.date, ...totalsJson(day.totals) })) }
            : {}),
        },
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/companies/:companyId/usage",
    operationId: "getCompanyUsage",
    summary: "A company's usage in a month: the totals of its SIMs",
    description:
      "The totals of the SIMs assigned to the company now. The platform admin, the organization's users and the company's staff; 404 COMPANY_NOT_FOUND for a company the caller may not see, 403 for its end users.",
    tags: ["Usage"],
    params: z.object({ companyId: z.uuid() }),
    query: PeriodQuery,
    responses: { 200: CompanyUsageResponse },
    handler: async ({ params, query, clients }) => {
      const usage = await clients.usage.GetCompanyUsage({
        companyId: params.companyId,
        period: query.period ?? "",
      });
      return {
        status: 200,
        body: {
          companyId: usage.companyId,
          orgId: usage.orgId,
          period: usage.period,
          ...totalsJson(usage.totals),
          simCount: usage.simCount,
        },
      };
    },
  }),
];
