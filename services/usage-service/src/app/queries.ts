// The usage queries of API.md: a SIM's month (and its days), a company's month.
import { ICCID_PATTERN } from "@simhub/contracts";
import { canSeeSim, forbidden, notFound, type Principal, requireUuid } from "@simhub/platform";
import { findSimState } from "../db/sims.ts";
import { companyMonthTotals, dayTotals, monthTotals, type Totals } from "../db/totals.ts";
import { companyUsageAccess } from "../domain/access.ts";
import { checkPeriod, periodStart } from "../domain/period.ts";
import type { UsageDeps } from "./deps.ts";
import { resolveSims } from "./sim-directory.ts";

const simNotFound = () => notFound("SIM_NOT_FOUND", "SIM not found");

export interface SimUsageView {
  iccid: string;
  period: string;
  totals: Totals;
  imei: string | null;
  firstUsedAt: Date | null;
  lastUsedAt: Date | null;
  days: { date: string; totals: Totals }[];
}

export async function getSimUsage(
  deps: UsageDeps,
  principal: Principal,
  input: { iccid: string; period: string; days: boolean },
): Promise<SimUsageView> {
  const period = checkPeriod(input.period, deps.now?.() ?? new Date());
  if (!ICCID_PATTERN.test(input.iccid)) throw simNotFound();
  // A SIM without usage yet is still a SIM: met now, through the same lookup as a batch's.
  await resolveSims(deps, "", [input.iccid]);
  const sim = await findSimState(deps.db, input.iccid);
  if (!sim || !canSeeSim(principal, sim)) throw simNotFound();
  const start = periodStart(period).toISOString().slice(0, 10);
  const [totals, days] = await Promise.all([
    monthTotals(deps.db, sim.iccid, start),
    input.days ? dayTotals(deps.db, sim.iccid, start) : Promise.resolve([]),
  ]);
  return {
    iccid: sim.iccid,
    period,
    totals,
    imei: sim.imei,
    firstUsedAt: sim.firstUsedAt,
    lastUsedAt: sim.lastUsedAt,
    days,
  };
}

export async function getCompanyUsage(
  deps: UsageDeps,
  principal: Principal,
  input: { companyId: string; period: string },
) {
  const companyId = requireUuid("companyId", input.companyId);
  const period = checkPeriod(input.period, deps.now?.() ?? new Date());
  const link = await deps.chain.company(companyId);
  const companyNotFound = () => notFound("COMPANY_NOT_FOUND", "company not found");
  if (!link) throw companyNotFound();
  const access = companyUsageAccess(principal, link);
  if (access === "not_visible") throw companyNotFound();
  if (access === "forbidden") throw forbidden("end users cannot read a company's usage", "USAGE_FORBIDDEN");
  const usage = await companyMonthTotals(deps.db, companyId, periodStart(period).toISOString().slice(0, 10));
  return { companyId, orgId: link.orgId, period, ...usage };
}
