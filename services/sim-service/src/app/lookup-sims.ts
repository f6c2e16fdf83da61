// LookupSims: which of a batch of ICCIDs exist and whose they are, for
// usage-service's one lookup per ingested batch. Only SIMs the caller may
// see are answered (and only of `orgId` when one is given), so a caller
// learns nothing of another tenant's SIMs: they are left out like ICCIDs
// that do not exist. usage-service itself (role `service`, for records that
// came from NATS with their organization) is answered the SIMs of `orgId`.
import { type Principal, requireUuid, ruleBroken } from "@simhub/platform";
import { findSimsByIccid, type SimRecord } from "../db/sims.ts";
import { canSeeSim } from "../domain/access.ts";
import type { SimDeps } from "./deps.ts";

const MAX_LOOKUP_ICCIDS = 10_000;

export async function lookupSims(
  deps: Pick<SimDeps, "db">,
  principal: Principal,
  input: { orgId: string; iccids: string[] },
): Promise<SimRecord[]> {
  const orgId = input.orgId === "" ? undefined : requireUuid("orgId", input.orgId);
  if (input.iccids.length > MAX_LOOKUP_ICCIDS) {
    throw ruleBroken("TOO_MANY_ICCIDS", `at most ${MAX_LOOKUP_ICCIDS} ICCIDs per lookup`);
  }
  const sims = await findSimsByIccid(deps.db, input.iccids);
  if (principal.role === "service")
    return orgId === undefined ? [] : sims.filter((sim) => sim.orgId === orgId);
  return sims.filter((sim) => (orgId === undefined || sim.orgId === orgId) && canSeeSim(principal, sim));
}
