// gRPC handlers: request → use case → response. Errors are AppErrors and are
// mapped to statuses once, by the platform's server kit.
import type { SimServiceMethods } from "@simhub/contracts";
import {
  bearerToken,
  type CallContext,
  forbidden,
  isServiceKeyCall,
  type Principal,
  presentsServiceKey,
  ruleServiceKeyHeader,
  type ServiceImplementation,
  type TokenVerifier,
  unauthenticated,
} from "@simhub/platform";
import { assignSimToCompany, assignSimToEndUser, unassignSim } from "../app/assign-sims.ts";
import { changeSimStatus, changeSimStatusByRule } from "../app/change-status.ts";
import type { SimDeps } from "../app/deps.ts";
import { getImport, listImportRejections, listImports } from "../app/import-queries.ts";
import { importSimsCsv } from "../app/import-receive.ts";
import { importSims } from "../app/import-sims.ts";
import { lookupSims } from "../app/lookup-sims.ts";
import { assignPlan, assignPlanBulk, countCompanySimsByPlanType } from "../app/plans.ts";
import {
  countCompanySims,
  getSim,
  listSimHistory,
  listVisibleSims,
  listVisibleSimsJson,
} from "../app/query-sims.ts";
import { assignSimToEndUserBySystem, verifyActivation } from "../app/registration.ts";
import type { HistoryEntry } from "../db/history.ts";
import type { SimRecord } from "../db/sims.ts";
import { simStatusId } from "../domain/status.ts";

type Sim = SimServiceMethods["GetSim"]["response"];
type SimHistoryEntry = NonNullable<SimServiceMethods["ListSimHistory"]["response"]["items"]>[number];

/** A SIM as `principal` sees it: end users are never shown plan ids (domain/history-view.ts). */
function toSimMessage(sim: SimRecord, principal?: Principal): Sim {
  return {
    iccid: sim.iccid,
    orgId: sim.orgId,
    companyId: sim.companyId ?? "",
    endUserId: sim.endUserId ?? "",
    planId: principal?.role === "end_user" ? "" : (sim.planId ?? ""),
    status: sim.status,
    statusId: simStatusId(sim.status),
    statusReason: sim.statusReason ?? "",
    imsi: sim.imsi ?? "",
    msisdn: sim.msisdn ?? "",
    imei: sim.imei ?? "",
    eSim: sim.eSim,
    operatorId: sim.operatorId ?? "",
    importId: sim.importId,
    version: sim.version,
    createdAt: sim.createdAt,
    updatedAt: sim.updatedAt,
  };
}

function toHistoryMessage(entry: HistoryEntry): SimHistoryEntry {
  return {
    id: entry.id,
    iccid: entry.iccid,
    kind: entry.kind,
    actorUserId: entry.actorUserId,
    actorRole: entry.actorRole,
    beforeJson: JSON.stringify(entry.before),
    afterJson: JSON.stringify(entry.after),
    createdAt: entry.createdAt.toISOString(),
  };
}

/** Who may call LookupSims: a caller with a token, or usage-service with its key. */
export interface LookupCallers {
  verifyToken: TokenVerifier;
  usageServiceKey: string | undefined;
}

/** LookupSims is registered public: the key stands for `service`; anyone else needs a valid token. */
async function lookupPrincipal(call: CallContext, callers: LookupCallers): Promise<Principal> {
  if (isServiceKeyCall(call, callers.usageServiceKey)) return { userId: "usage-service", role: "service" };
  const token = bearerToken(String(call.metadata.get("authorization")[0] ?? ""));
  if (!token) throw unauthenticated("missing bearer token", "MISSING_TOKEN");
  return callers.verifyToken(token);
}

export function simHandlers(deps: SimDeps, callers: LookupCallers): ServiceImplementation<SimServiceMethods> {
  return {
    ImportSims: (request, { principal }) => importSims(deps, principal, request),
    ImportSimsStream: (requests, { principal }) => importSimsCsv(deps, principal, requests),
    GetImport: (request, { principal }) => getImport(deps, principal, request.importId),
    ListImportRejections: (request, { principal }) => listImportRejections(deps, principal, request),
    ListImports: (request, { principal }) => listImports(deps, principal, request),
    GetSim: async (request, { principal }) =>
      toSimMessage(await getSim(deps, principal, request.iccid), principal),
    ListSims: async (request, { principal }) => {
      const page = await listVisibleSims(deps, principal, request);
      return { items: page.items.map((sim) => toSimMessage(sim, principal)), nextCursor: page.nextCursor };
    },
    ListSimsJson: async (request, { principal }) => {
      const page = await listVisibleSimsJson(deps, principal, request);
      return { itemsJson: Buffer.from(page.itemsJson), nextCursor: page.nextCursor };
    },
    AssignSimToCompany: async (request, { principal }) =>
      toSimMessage(await assignSimToCompany(deps, principal, request)),
    UnassignSim: async (request, { principal }) => toSimMessage(await unassignSim(deps, principal, request)),
    AssignSimToEndUser: async (request, { principal }) =>
      toSimMessage(await assignSimToEndUser(deps, principal, request), principal),
    ChangeSimStatus: async (request, { principal }) =>
      toSimMessage(await changeSimStatus(deps, principal, request)),
    // Public as far as tokens go (no user stands behind a rule): the rule-service key is the credential.
    ChangeSimStatusByRule: async (request, call) => {
      if (!presentsServiceKey(call, ruleServiceKeyHeader, deps.ruleServiceKey)) {
        throw forbidden("only rule-service changes a status on a rule's behalf", "RULE_CALLER_REQUIRED");
      }
      const { sim, changed } = await changeSimStatusByRule(deps, request);
      return { status: sim.status, changed };
    },
    ListSimHistory: async (request, { principal }) => {
      const page = await listSimHistory(deps, principal, request);
      return { items: page.items.map(toHistoryMessage), nextCursor: page.nextCursor };
    },
    LookupSims: async (request, call) => ({
      sims: (
        await lookupSims(deps, await lookupPrincipal(call, callers), {
          orgId: request.orgId,
          iccids: request.iccids,
        })
      ).map((sim) => ({
        iccid: sim.iccid,
        orgId: sim.orgId,
        companyId: sim.companyId ?? "",
        endUserId: sim.endUserId ?? "",
        status: sim.status,
        imei: sim.imei ?? "",
      })),
    }),
    CountSimsByStatus: async (request, { principal }) => ({
      counts: await countCompanySims(deps, principal, request),
    }),
    VerifyActivation: async (request, { principal }) => {
      const sim = await verifyActivation(deps, principal, request);
      return {
        iccid: sim.iccid,
        orgId: sim.orgId,
        companyId: sim.companyId ?? "",
        endUserId: sim.endUserId ?? "",
      };
    },
    AssignSimToEndUserBySystem: async (request, { principal }) =>
      toSimMessage(await assignSimToEndUserBySystem(deps, principal, request)),
    AssignPlan: async (request, { principal }) => toSimMessage(await assignPlan(deps, principal, request)),
    AssignPlanBulk: (request, { principal }) => assignPlanBulk(deps, principal, request),
    CountSimsByPlanType: (request, { principal }) => countCompanySimsByPlanType(deps, principal, request),
  };
}
