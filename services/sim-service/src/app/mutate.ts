// The shape every change of one SIM takes: load what the caller may see,
// decide, then write the change, its history row and its events in one
// transaction, guarded by the row's version. When another writer got there
// first, the decision is taken again on the fresh row, so concurrent
// commands never overwrite each other (no lost updates) and each sees the
// state it acts on.
import type { EventType } from "@simhub/contracts";
import {
  AppError,
  type EventToPublish,
  enqueueEvents,
  invalid,
  notFound,
  type Principal,
} from "@simhub/platform";
import { insertHistory, type NewHistoryEntry } from "../db/history.ts";
import { findSim, type SimChanges, type SimRecord, updateSimIfVersion } from "../db/sims.ts";
import { canSeeSim } from "../domain/access.ts";
import { validateIccid } from "../domain/identifiers.ts";
import type { SimDeps } from "./deps.ts";

export function checkIccid(iccid: string): string {
  const result = validateIccid(iccid);
  if (!result.ok) throw invalid(result.message, [{ path: "iccid", message: result.message }], result.code);
  return result.value;
}

export const simNotFound = () => notFound("SIM_NOT_FOUND", "SIM not found");

/** The SIM if it exists and the caller may see it; 404 alike for both failures. */
export async function loadVisibleSim(deps: SimDeps, principal: Principal, iccid: string): Promise<SimRecord> {
  const sim = await findSim(deps.db, checkIccid(iccid));
  if (!sim || !canSeeSim(principal, sim)) throw simNotFound();
  return sim;
}

export type SimPlan =
  | { kind: "unchanged" }
  | {
      kind: "change";
      changes: SimChanges;
      history: (updated: SimRecord) => Omit<NewHistoryEntry, "iccid">;
      events: (updated: SimRecord) => EventToPublish<EventType>[];
    };

const MAX_ATTEMPTS = 5;

/**
 * Runs `plan` against the current SIM and applies its change if the SIM is
 * still at the version the plan saw. `load` re-reads (and re-checks access)
 * on every attempt.
 */
export async function mutateSim(
  deps: SimDeps,
  load: () => Promise<SimRecord>,
  plan: (sim: SimRecord) => Promise<SimPlan>,
): Promise<SimRecord> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const sim = await load();
    const decided = await plan(sim);
    if (decided.kind === "unchanged") return sim;
    const updated = await deps.db.transaction(async (trx) => {
      const row = await updateSimIfVersion(trx, sim.iccid, sim.version, decided.changes);
      if (!row) return undefined;
      await insertHistory(trx, [{ iccid: row.iccid, ...decided.history(row) }]);
      await enqueueEvents(trx, deps.events, decided.events(row));
      return row;
    });
    if (updated) return updated;
  }
  throw new AppError("aborted", "CONCURRENT_MODIFICATION", "the SIM kept changing concurrently; try again");
}
