// The shape every change of one SIM takes: load what the caller may see,
// decide on that row, then write the change, its history row and its events
// in one statement guarded by the row's version (db/sim-writes.ts; changes
// arriving together share a statement and a commit).
// When another writer got there first, the decision is taken again on the
// fresh row, so concurrent commands never overwrite each other (no lost
// updates) and each sees the state it acts on.
import type { EventType } from "@simhub/contracts";
import {
  AppError,
  buildOutboxRows,
  type EventToPublish,
  invalid,
  notFound,
  type Principal,
} from "@simhub/platform";
import type { NewHistoryEntry } from "../db/history.ts";
import type { SimChangeGuard, SimChangeWrite } from "../db/sim-writes.ts";
import { findSim, type SimChanges, type SimRecord } from "../db/sims.ts";
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
      history: Omit<NewHistoryEntry, "iccid">;
      events: EventToPublish<EventType>[];
      /** Refuse (with `refusal`) unless this company is live in the chain replica at commit. */
      liveCompany?: { companyId: string; orgId: string; refusal: () => AppError };
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
    const outcome = await deps.writes.write(changeWrite(deps, sim.iccid, decided, { version: sim.version }));
    if (outcome.kind === "written") return outcome.sim;
    if (outcome.kind === "company_not_live") throw decided.liveCompany!.refusal();
  }
  throw new AppError("aborted", "CONCURRENT_MODIFICATION", "the SIM kept changing concurrently; try again");
}

/** The write of a decided change: its row update under `guard`, its history row and its events. */
export function changeWrite(
  deps: SimDeps,
  iccid: string,
  change: Extract<SimPlan, { kind: "change" }>,
  guard: SimChangeGuard,
): SimChangeWrite {
  return {
    iccid,
    guard,
    changes: change.changes,
    history: { iccid, ...change.history },
    outbox: buildOutboxRows(deps.events, change.events),
    ...(change.liveCompany ? { liveCompany: change.liveCompany } : {}),
  };
}
