// SIM routes (API.md, "SIMs"): the JSON import, listing, the composed SIM
// view, assignment, status changes and history (the streamed CSV import is
// in imports.ts). sim-service decides everything; the gateway validates
// shapes and composes the detail view.
import { planTypes, type SimServiceMethods, simStatuses } from "@simhub/contracts";
import { settledPart } from "@simhub/platform";
import { z } from "zod";
import { defineRoute, nullIfEmpty, type RouteSpec } from "../http/route.ts";
import { jsonPageResponse, PageQuery, pageQuery } from "./page.ts";
import { totalsJson } from "./usage.ts";

const iccidParam = z
  .string()
  .regex(/^[0-9]{19,20}$/, "an ICCID is 19 or 20 digits")
  .meta({
    description: "ICCID (19–20 digits, starts with 89, Luhn check digit)",
    example: "8944500102030405067",
  });

const IccidParams = z.object({ iccid: iccidParam });

// The SIM view is the hottest read: this month's usage lives in another
// service, so it is composed in only when asked for (as GET …/usage answers it).
const SimDetailQuery = z.strictObject({
  include: z
    .enum(["usage"])
    .optional()
    .meta({ description: "`usage` adds this month's usage totals (asked of usage-service)" }),
});
const OrgParams = z.object({ orgId: z.uuid() });

export const SimResponse = z
  .object({
    iccid: z.string(),
    orgId: z.uuid(),
    companyId: z.uuid().nullable(),
    endUserId: z.uuid().nullable(),
    planId: z.uuid().nullable(),
    status: z.enum(simStatuses),
    statusId: z.number().int().meta({ description: "Status Model id: 1 pending … 8 archived" }),
    statusReason: z.enum(["user", "rule", "system"]).nullable(),
    imsi: z.string().nullable(),
    msisdn: z.string().nullable(),
    imei: z.string().nullable(),
    eSim: z.boolean(),
    operatorId: z.uuid().nullable(),
    importId: z.uuid(),
    version: z.number().int(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "Sim" });

const NamedRef = z.object({ id: z.uuid(), name: z.string() });

const SimDetailResponse = SimResponse.extend({
  organization: NamedRef.nullable(),
  company: NamedRef.nullable(),
  endUser: z.object({ id: z.uuid(), username: z.string() }).nullable(),
  plan: z
    .object({ id: z.uuid(), name: z.string(), type: z.enum(planTypes) })
    .nullable()
    .meta({ description: "null without a plan, and for end users (plans are not shown to them)" }),
  usage: z
    .object({
      period: z.string(),
      dataBytes: z.number().int(),
      smsCount: z.number().int(),
      voiceSeconds: z.number().int(),
    })
    .nullable()
    .optional()
    .meta({
      description:
        "This month's usage totals (UTC), with `include=usage` only; null when usage-service could not answer",
    }),
  degraded: z
    .array(z.enum(["organization", "company", "endUser", "plan", "usage"]))
    .meta({ description: "Parts that could not be loaded (a dependency failed); they are null" }),
}).meta({ id: "SimDetail" });

const optionalText = z.string().nullish();

const SimInputBody = z.strictObject({
  iccid: z.string().max(64),
  imsi: optionalText,
  msisdn: optionalText,
  imei: optionalText,
  eSim: z.boolean().nullish(),
  operatorId: optionalText,
  activationCode: optionalText,
});

const ImportSimsBody = z
  .strictObject({ sims: z.array(SimInputBody).min(1).max(1_000) })
  .meta({ id: "ImportSimsRequest" });

const rejectionFields = {
  iccid: z.string(),
  code: z.string().meta({
    description: "INVALID_ICCID, INVALID_IMSI, …, DUPLICATE_ICCID, DUPLICATE_IMSI, UNKNOWN_OPERATOR",
  }),
  message: z.string(),
};

const importSummary = {
  importId: z.uuid(),
  imported: z.number().int(),
  rejectedCount: z.number().int().meta({ description: "All rejected rows" }),
  rejectedTruncated: z
    .boolean()
    .meta({ description: "True when `rejected` lists only the first 10,000 rejections" }),
};

const JsonImportResponse = z
  .object({ ...importSummary, rejected: z.array(z.object({ index: z.number().int(), ...rejectionFields })) })
  .meta({ id: "ImportSimsResponse" });

const ListSimsQuery = z.object({
  orgId: z.uuid().optional(),
  companyId: z.uuid().optional(),
  endUserId: z.uuid().optional(),
  status: z.enum(simStatuses).optional(),
  planId: z.uuid().optional().meta({ description: "Only SIMs with this plan" }),
  q: z
    .string()
    .regex(/^\+?[0-9]{1,20}$/, "digits, optionally after a +")
    .optional()
    .meta({ description: "Prefix of the ICCID or the MSISDN" }),
  ...pageQuery,
});

const SimListResponse = z.object({ items: z.array(SimResponse), nextCursor: z.string().nullable() });

const HistoryEntryResponse = z
  .object({
    id: z.string(),
    kind: z.enum([
      "imported",
      "assigned",
      "unassigned",
      "end_user_assigned",
      "end_user_unassigned",
      "status_changed",
      "plan_assigned",
    ]),
    actor: z.object({ userId: z.string(), role: z.string() }),
    before: z.record(z.string(), z.unknown()),
    after: z.record(z.string(), z.unknown()),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "SimHistoryEntry" });

const HistoryResponse = z.object({ items: z.array(HistoryEntryResponse), nextCursor: z.string().nullable() });

type SimMessage = SimServiceMethods["GetSim"]["responseOut"];

export function toSimJson(sim: SimMessage) {
  return {
    iccid: sim.iccid,
    orgId: sim.orgId,
    companyId: nullIfEmpty(sim.companyId),
    endUserId: nullIfEmpty(sim.endUserId),
    planId: nullIfEmpty(sim.planId),
    status: sim.status,
    statusId: sim.statusId,
    statusReason: nullIfEmpty(sim.statusReason),
    imsi: nullIfEmpty(sim.imsi),
    msisdn: nullIfEmpty(sim.msisdn),
    imei: nullIfEmpty(sim.imei),
    eSim: sim.eSim,
    operatorId: nullIfEmpty(sim.operatorId),
    importId: sim.importId,
    version: sim.version,
    createdAt: sim.createdAt,
    updatedAt: sim.updatedAt,
  };
}

type ImportSummaryMessage = SimServiceMethods["ImportSims"]["responseOut"];

function importSummaryJson(response: ImportSummaryMessage) {
  return {
    importId: response.importId,
    imported: response.imported,
    rejectedCount: response.rejectedCount,
    rejectedTruncated: response.rejectedTruncated,
  };
}

function parseJsonObject(text: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text || "{}");
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

export const simsRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/sims",
    operationId: "importSims",
    summary: "Import up to 1,000 SIMs (JSON)",
    description:
      "Each SIM is validated on its own: bad or duplicate rows are listed in `rejected` with their index and reason while the others are imported. One SimsImported event per import.",
    tags: ["SIMs"],
    params: OrgParams,
    body: ImportSimsBody,
    responses: { 201: JsonImportResponse },
    handler: async ({ params, body, clients }) => {
      const response = await clients.sim.ImportSims({
        orgId: params.orgId,
        sims: body.sims.map((sim) => ({
          iccid: sim.iccid,
          imsi: sim.imsi ?? "",
          msisdn: sim.msisdn ?? "",
          imei: sim.imei ?? "",
          eSim: sim.eSim ?? false,
          operatorId: sim.operatorId ?? "",
          activationCode: sim.activationCode ?? "",
        })),
      });
      return {
        status: 201,
        body: {
          ...importSummaryJson(response),
          rejected: response.rejected.map(({ index, iccid, code, message }) => ({
            index,
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
    path: "/v1/sims",
    operationId: "listSims",
    summary: "List the SIMs the caller may see",
    description: "Filters combine; results are in ICCID order, cursor-paginated.",
    tags: ["SIMs"],
    query: ListSimsQuery,
    responses: { 200: SimListResponse },
    handler: async ({ query, clients }) => {
      // sim-service answers with the items as JSON already (PostgreSQL built
      // them in the shape of SimResponse): the page is passed through, never parsed.
      const page = await clients.sim.ListSimsJson({
        orgId: query.orgId ?? "",
        companyId: query.companyId ?? "",
        endUserId: query.endUserId ?? "",
        status: query.status ?? "",
        planId: query.planId ?? "",
        q: query.q ?? "",
        limit: query.limit ?? 50,
        cursor: query.cursor ?? "",
      });
      return jsonPageResponse(page);
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/sims/:iccid",
    operationId: "getSim",
    summary: "A SIM with its organization, company, end user and plan",
    tags: ["SIMs"],
    params: IccidParams,
    query: SimDetailQuery,
    responses: { 200: SimDetailResponse },
    handler: async ({ params, query, clients, names, principal }) => {
      // Usage, when asked for, is asked alongside the SIM: usage-service
      // checks the caller's access to the SIM itself.
      const simUsage =
        query.include === "usage"
          ? clients.usage.GetSimUsage({ iccid: params.iccid, period: "", days: false })
          : undefined;
      simUsage?.catch(() => {});
      const sim = await clients.sim.GetSim({ iccid: params.iccid });
      // Names come from the gateway's cache of each service's own answers
      // (composition/names.ts): a warm read is the one GetSim call. End users
      // are never shown plans, so theirs is not looked up.
      const [organization, company, endUser, simPlan, usageTotals] = await Promise.allSettled([
        names.get("organization", sim.orgId, principal, () => clients.org.GetOrganization({ id: sim.orgId })),
        sim.companyId
          ? names.get("company", sim.companyId, principal, () =>
              clients.company.GetCompany({ id: sim.companyId }),
            )
          : Promise.resolve(null),
        sim.endUserId ? clients.identity.GetEndUser({ id: sim.endUserId }) : Promise.resolve(null),
        sim.planId && principal.role !== "end_user"
          ? names.get("plan", sim.planId, principal, () => clients.org.GetPlan({ id: sim.planId }))
          : Promise.resolve(null),
        simUsage ?? Promise.resolve(undefined),
      ]);
      const degraded: string[] = [];
      const org = settledPart(organization, "organization", degraded);
      const comp = settledPart(company, "company", degraded);
      const user = settledPart(endUser, "endUser", degraded);
      const plan = settledPart(simPlan, "plan", degraded);
      const usage = settledPart(usageTotals, "usage", degraded);
      return {
        status: 200,
        body: {
          ...toSimJson(sim),
          organization: org ? { id: org.id, name: org.name } : null,
          company: comp ? { id: comp.id, name: comp.name } : null,
          endUser: user ? { id: user.id, username: user.username } : null,
          plan: plan ? { id: plan.id, name: plan.name, type: plan.type } : null,
          ...(simUsage && { usage: usage ? { period: usage.period, ...totalsJson(usage.totals) } : null }),
          degraded,
        },
      };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/sims/:iccid/assign",
    operationId: "assignSimToCompany",
    summary: "Assign a SIM to a company of its organization",
    description:
      "422 SIM_CHAIN_UNRESOLVED when the company does not exist, is archived, belongs to another organization or its organization is not active; 409 SIM_ALREADY_ASSIGNED when assigned to another company; assigning to the same company again changes nothing.",
    tags: ["SIMs"],
    params: IccidParams,
    body: z.strictObject({ companyId: z.uuid() }),
    responses: { 200: SimResponse },
    handler: async ({ params, body, clients }) => {
      const sim = await clients.sim.AssignSimToCompany({ iccid: params.iccid, companyId: body.companyId });
      return { status: 200, body: toSimJson(sim) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/sims/:iccid/unassign",
    operationId: "unassignSim",
    summary: "Take a SIM back from its company (and its end user)",
    tags: ["SIMs"],
    params: IccidParams,
    responses: { 200: SimResponse },
    handler: async ({ params, clients }) => {
      const sim = await clients.sim.UnassignSim({ iccid: params.iccid });
      return { status: 200, body: toSimJson(sim) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/sims/:iccid/end-user",
    operationId: "assignSimToEndUser",
    summary: "Hand a SIM to an end user of its company",
    description:
      "422 SIM_CHAIN_UNRESOLVED when the user is not in the SIM's company, SIM_NOT_ASSIGNED when the SIM has no company; 409 SIM_ALREADY_ASSIGNED when another end user has it.",
    tags: ["SIMs"],
    params: IccidParams,
    body: z.strictObject({ endUserId: z.uuid() }),
    responses: { 200: SimResponse },
    handler: async ({ params, body, clients }) => {
      const sim = await clients.sim.AssignSimToEndUser({ iccid: params.iccid, endUserId: body.endUserId });
      return { status: 200, body: toSimJson(sim) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/sims/:iccid/status",
    operationId: "changeSimStatus",
    summary: "Change a SIM's status",
    description:
      "Allowed transitions and who may make them are in API.md (SIM status). `reason` is required for `suspended` (user, rule or system) and refused otherwise. 422 INVALID_STATUS_TRANSITION; 403 STATUS_CHANGE_FORBIDDEN.",
    tags: ["SIMs"],
    params: IccidParams,
    body: z.strictObject({
      status: z.enum(simStatuses),
      reason: z.enum(["user", "rule", "system"]).nullish(),
    }),
    responses: { 200: SimResponse },
    handler: async ({ params, body, clients }) => {
      const sim = await clients.sim.ChangeSimStatus({
        iccid: params.iccid,
        status: body.status,
        reason: body.reason ?? "",
      });
      return { status: 200, body: toSimJson(sim) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/sims/:iccid/history",
    operationId: "listSimHistory",
    summary: "Everything that happened to a SIM, oldest first",
    description:
      "Organization users see the whole history. A company sees only its own time with the SIM; an end user only its own, without staff identities (actor blank unless it is the end user) and without plan ids.",
    tags: ["SIMs"],
    params: IccidParams,
    query: PageQuery,
    responses: { 200: HistoryResponse },
    handler: async ({ params, query, clients }) => {
      const page = await clients.sim.ListSimHistory({
        iccid: params.iccid,
        limit: query.limit ?? 50,
        cursor: query.cursor ?? "",
      });
      return {
        status: 200,
        body: {
          items: page.items.map((entry) => ({
            id: entry.id,
            kind: entry.kind,
            actor: { userId: entry.actorUserId, role: entry.actorRole },
            before: parseJsonObject(entry.beforeJson),
            after: parseJsonObject(entry.afterJson),
            createdAt: entry.createdAt,
          })),
          nextCursor: nullIfEmpty(page.nextCursor),
        },
      };
    },
  }),
];
