// Imports as resources (API.md, "Imports"): the streamed CSV upload that
// creates one, its progress, its rejected lines, an organization's imports.
//
// The gateway does not parse the CSV: it writes the body to a
// client-streaming gRPC call chunk by chunk, only when the call has room, so
// a busy sim-service slows the upload down instead of the gateway buffering
// the file. It does enforce the upload's limits (http/upload.ts).
// `Prefer: respond-async` (RFC 7240) is answered 202 with the import and
// `Location` once sim-service has received and staged every row; without
// it, the client waits for the import to complete and gets 201 with the
// summary, as before imports were resources.
import type { SimServiceMethods } from "@simhub/contracts";
import { currentContext, runWithContext } from "@simhub/platform";
import { z } from "zod";
import { gatewayConfigSchema } from "../config.ts";
import { defineRoute, nullIfEmpty, type RouteResult, type RouteSpec } from "../http/route.ts";
import { GuardedUpload, type UploadLimits } from "../http/upload.ts";
import { PageQuery, pageResponse } from "./page.ts";

/** A streamed import may outlive the per-request budget: its length grows with the file. */
const CSV_IMPORT_DEADLINE_MS = 30 * 60_000;

let limits: UploadLimits | undefined;
/** The gateway's upload limits, from the same schema (and environment) as the rest of its configuration. */
function uploadLimits(): UploadLimits {
  limits ??= {
    maxBytes: gatewayConfigSchema.shape.IMPORT_MAX_BYTES.parse(process.env.IMPORT_MAX_BYTES),
    minBytesPerSecond: gatewayConfigSchema.shape.UPLOAD_MIN_BYTES_PER_SECOND.parse(
      process.env.UPLOAD_MIN_BYTES_PER_SECOND,
    ),
    windowMs: gatewayConfigSchema.shape.UPLOAD_MIN_RATE_WINDOW_MS.parse(
      process.env.UPLOAD_MIN_RATE_WINDOW_MS,
    ),
  };
  return limits;
}

const OrgParams = z.object({ orgId: z.uuid() });
const ImportParams = z.object({ importId: z.uuid() });

const ImportResponse = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    format: z.enum(["csv", "json"]),
    status: z.enum(["receiving", "applying", "completed", "failed"]).meta({
      description:
        "receiving: the upload is arriving; applying: every row is received and validated, the valid ones are being added; completed; failed (nothing was added)",
    }),
    rowsReceived: z.number().int().meta({ description: "Data rows read so far" }),
    rowsImported: z.number().int().meta({ description: "SIMs added to the inventory so far" }),
    rowsRejected: z.number().int().meta({ description: "Rows rejected so far (listed under /rejections)" }),
    bytesReceived: z.number().int(),
    createdAt: z.iso.datetime(),
    finishedAt: z.iso.datetime().nullable(),
    failure: z.string().nullable().meta({ description: "Why the import failed; null otherwise" }),
  })
  .meta({ id: "Import" });

const RejectionResponse = z
  .object({
    line: z
      .number()
      .int()
      .nullable()
      .meta({ description: "CSV line (the header is line 1); null for JSON imports" }),
    index: z
      .number()
      .int()
      .nullable()
      .meta({ description: "Position in a JSON import's `sims`; null for CSV" }),
    iccid: z.string().meta({ description: "The ICCID cell as given, cut to 32 characters" }),
    code: z.string().meta({
      description:
        "INVALID_ICCID, INVALID_IMSI, …, DUPLICATE_ICCID, DUPLICATE_IMSI, UNKNOWN_OPERATOR, INVALID_ROW",
    }),
    message: z.string(),
  })
  .meta({ id: "ImportRejection" });

const CsvImportResponse = z
  .object({
    importId: z.uuid(),
    imported: z.number().int(),
    rejectedCount: z.number().int().meta({ description: "All rejected rows" }),
    rejectedTruncated: z
      .boolean()
      .meta({ description: "True when `rejected` lists only the first 10,000 rejections" }),
    rejected: z.array(
      z.object({ line: z.number().int(), iccid: z.string(), code: z.string(), message: z.string() }),
    ),
  })
  .meta({ id: "ImportSimsCsvResponse" });

type ImportMessage = SimServiceMethods["GetImport"]["responseOut"];

function toImportJson(job: ImportMessage) {
  return {
    id: job.id,
    orgId: job.orgId,
    format: job.format,
    status: job.status,
    rowsReceived: job.rowsReceived,
    rowsImported: job.rowsImported,
    rowsRejected: job.rowsRejected,
    bytesReceived: Number(job.bytesReceived),
    createdAt: job.createdAt,
    finishedAt: nullIfEmpty(job.finishedAt),
    failure: nullIfEmpty(job.failure),
  };
}

/** RFC 7240: `Prefer: respond-async` among the header's preferences, whatever else it says. */
function prefersAsync(header: string | undefined): boolean {
  return (header ?? "")
    .split(",")
    .some((preference) => preference.split(";")[0]!.trim().toLowerCase() === "respond-async");
}

export const importsRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/sims/import",
    operationId: "importSimsCsv",
    summary: "Import SIMs from a CSV file of any size (streamed; an import resource)",
    description:
      "Content-Type text/csv. The header row names the columns (iccid, imsi, msisdn, imei, eSim, operatorId, activationCode; only iccid is required). The body is streamed to sim-service, validated and staged batch by batch as it arrives, then added to the inventory: all valid rows or, on a broken upload, none. With `Prefer: respond-async`: 202 with the import and `Location: /v1/imports/{importId}` once the upload is received; poll it for progress. Without: 201 with the summary once the import has completed. Rejected rows are listed with their line (the header is line 1). 413 UPLOAD_TOO_LARGE past IMPORT_MAX_BYTES; 408 UPLOAD_TOO_SLOW for an upload slower than the minimum rate for a minute.",
    tags: ["Imports"],
    params: OrgParams,
    bodyType: "stream",
    streamContentTypes: ["text/csv"],
    responses: { 201: CsvImportResponse, 202: ImportResponse },
    handler: async ({ params, clients, req }): Promise<RouteResult> => {
      const upload = new GuardedUpload(req, uploadLimits());
      const respondAsync = prefersAsync(req.header("prefer"));
      async function* chunks() {
        yield { orgId: params.orgId, data: Buffer.alloc(0), respondAsync };
        for await (const data of upload.chunks()) yield { data };
        // Only a body received in full is marked complete; anything else fails the import.
        if (!req.complete) throw new Error("the upload was cut off");
        yield { last: true };
      }
      const context = currentContext();
      let response: SimServiceMethods["ImportSimsStream"]["responseOut"];
      try {
        response = await runWithContext(
          { requestId: context?.requestId ?? "", ...context, deadline: Date.now() + CSV_IMPORT_DEADLINE_MS },
          () => clients.sim.ImportSimsStream(chunks(), { deadlineMs: CSV_IMPORT_DEADLINE_MS }),
        );
      } catch (error) {
        throw upload.problem ?? error;
      }
      if (respondAsync && response.import) {
        return {
          status: 202,
          headers: { Location: `/v1/imports/${response.importId}`, "Preference-Applied": "respond-async" },
          body: toImportJson(response.import),
        };
      }
      return {
        status: 201,
        headers: { Location: `/v1/imports/${response.importId}` },
        body: {
          importId: response.importId,
          imported: response.imported,
          rejectedCount: response.rejectedCount,
          rejectedTruncated: response.rejectedTruncated,
          rejected: response.rejected.map(({ line, iccid, code, message }) => ({
            line,
            iccid,
            code,
            message,
          })),
        },
      };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/imports/:importId",
    operationId: "getImport",
    summary: "An import and its progress",
    description:
      "Readable while the import runs. 404 IMPORT_NOT_FOUND for an import of another organization.",
    tags: ["Imports"],
    params: ImportParams,
    responses: { 200: ImportResponse },
    handler: async ({ params, clients }) => ({
      status: 200,
      body: toImportJson(await clients.sim.GetImport({ importId: params.importId })),
    }),
  }),
  defineRoute({
    method: "get",
    path: "/v1/imports/:importId/rejections",
    operationId: "listImportRejections",
    summary: "The rows an import rejected, in file order",
    tags: ["Imports"],
    params: ImportParams,
    query: PageQuery,
    responses: { 200: z.object({ items: z.array(RejectionResponse), nextCursor: z.string().nullable() }) },
    handler: async ({ params, query, clients }) => {
      const page = await clients.sim.ListImportRejections({
        importId: params.importId,
        limit: query.limit ?? 50,
        cursor: query.cursor ?? "",
      });
      const items = page.items.map((rejection) => ({
        line: rejection.line > 0 ? rejection.line : null,
        index: rejection.line > 0 ? null : rejection.index,
        iccid: rejection.iccid,
        code: rejection.code,
        message: rejection.message,
      }));
      return { status: 200, body: { items, nextCursor: nullIfEmpty(page.nextCursor) } };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/imports",
    operationId: "listImports",
    summary: "An organization's imports, newest first",
    tags: ["Imports"],
    params: OrgParams,
    query: PageQuery,
    responses: { 200: z.object({ items: z.array(ImportResponse), nextCursor: z.string().nullable() }) },
    handler: async ({ params, query, clients }) => {
      const page = await clients.sim.ListImports({
        orgId: params.orgId,
        limit: query.limit ?? 50,
        cursor: query.cursor ?? "",
      });
      return pageResponse(page, toImportJson);
    },
  }),
];
