// Which SIMs of a batch exist and whose they are: the ones met before from
// usage_sims, the others in one lookup of sim-service per batch, remembered.
import type { CallOptions } from "@simhub/platform";
import { findKnownSims, type KnownSim, type LookedUpSim, rememberSims } from "../db/sims.ts";
import type { UsageDeps } from "./deps.ts";

const orNull = (value: string) => (value === "" ? null : value);

/**
 * `orgId` "" asks across organizations (a query by ICCID). sim-service
 * answers only the SIMs the caller may see: a SIM the caller may not see is
 * not remembered from this lookup, and stays unknown to this caller.
 */
export async function resolveSims(
  deps: Pick<UsageDeps, "db" | "sim" | "metrics">,
  orgId: string,
  iccids: readonly string[],
  callOptions?: CallOptions,
): Promise<Map<string, KnownSim>> {
  const known = await findKnownSims(deps.db, iccids);
  const missing = iccids.filter((iccid) => !known.has(iccid));
  if (missing.length === 0) return known;
  deps.metrics.simLookups.inc();
  const answer = await deps.sim.LookupSims({ orgId, iccids: missing }, callOptions);
  const found: LookedUpSim[] = answer.sims.map((sim) => ({
    iccid: sim.iccid,
    orgId: sim.orgId,
    companyId: orNull(sim.companyId),
    endUserId: orNull(sim.endUserId),
    status: sim.status,
    imei: orNull(sim.imei),
  }));
  await rememberSims(deps.db, found);
  for (const [iccid, sim] of await findKnownSims(
    deps.db,
    found.map((sim) => sim.iccid),
  )) {
    known.set(iccid, sim);
  }
  return known;
}
