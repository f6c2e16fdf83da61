// UsageService over gRPC: request → use case → response.
import type { UsageServiceMethods } from "@simhub/contracts";
import type { ServiceImplementation } from "@simhub/platform";
import type { UsageDeps } from "../app/deps.ts";
import { ingestStream } from "../app/ingest.ts";
import { getCompanyUsage, getSimUsage } from "../app/queries.ts";
import type { Totals } from "../db/totals.ts";

const totalsMessage = (totals: Totals) => ({
  dataBytes: String(totals.dataBytes),
  smsCount: String(totals.smsCount),
  voiceSeconds: String(totals.voiceSeconds),
});

export function usageHandlers(deps: UsageDeps): ServiceImplementation<UsageServiceMethods> {
  return {
    async IngestUsage(requests, { principal }) {
      const outcome = await ingestStream(deps, principal, requests);
      return outcome;
    },
    async GetSimUsage(request, { principal }) {
      const usage = await getSimUsage(deps, principal, {
        iccid: request.iccid,
        period: request.period,
        days: request.days,
      });
      return {
        iccid: usage.iccid,
        period: usage.period,
        totals: totalsMessage(usage.totals),
        imei: usage.imei ?? "",
        firstUsedAt: usage.firstUsedAt?.toISOString() ?? "",
        lastUsedAt: usage.lastUsedAt?.toISOString() ?? "",
        days: usage.days.map((day) => ({ date: day.date, totals: totalsMessage(day.totals) })),
      };
    },
    async GetCompanyUsage(request, { principal }) {
      const usage = await getCompanyUsage(deps, principal, {
        companyId: request.companyId,
        period: request.period,
      });
      return {
        companyId: usage.companyId,
        orgId: usage.orgId,
        period: usage.period,
        totals: totalsMessage(usage.totals),
        simCount: usage.simCount,
      };
    },
  };
}
