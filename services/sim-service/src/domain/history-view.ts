// Which part of a SIM's history a caller sees (OWASP API3: no more than the
// caller's own business). A SIM passes through hands: organization users
// and the platform admin see all of it; a company sees only its own time
// with the SIM (from the entry that assigned it to the company up to and
// including the one that took it away), never the companies and end users
// before or after; an end user sees only its own time (from being handed the
// SIM up to being unassigned) and no staff identities: the actor of an
// entry is blanked unless it is the end user itself. End users are never
// shown plan ids, in the history as in the SIM itself.
import type { Principal } from "@simhub/platform/domain";
import { isCompanyRole } from "./access.ts";

/** An entry that opens or closes someone's time with the SIM. */
export interface TenureBoundary {
  id: string;
  kind: string;
  after: Record<string, unknown>;
}

/** Entries with ids from `fromId` through `toId` (open-ended when null). */
interface TenureWindow {
  fromId: string;
  toId: string | null;
}

export type HistoryAudience =
  | { kind: "everything" }
  | { kind: "tenure"; windows: TenureWindow[]; endUser: boolean };

/** The boundary kinds a tenure is computed from (the rest are what happens inside one). */
export const tenureBoundaryKinds = ["assigned", "unassigned", "end_user_assigned", "end_user_unassigned"];

function windowsOf(
  boundaries: readonly TenureBoundary[],
  opens: (entry: TenureBoundary) => boolean,
  closes: (entry: TenureBoundary) => boolean,
): TenureWindow[] {
  const windows: TenureWindow[] = [];
  let open: string | null = null;
  for (const entry of boundaries) {
    if (open === null && opens(entry)) open = entry.id;
    else if (open !== null && closes(entry)) {
      windows.push({ fromId: open, toId: entry.id });
      open = null;
    }
  }
  if (open !== null) windows.push({ fromId: open, toId: null });
  return windows;
}

/** `boundaries`: the SIM's entries of tenureBoundaryKinds, oldest first. */
export function historyAudience(
  principal: Principal,
  boundaries: readonly TenureBoundary[],
): HistoryAudience {
  if (isCompanyRole(principal.role)) {
    return {
      kind: "tenure",
      endUser: false,
      windows: windowsOf(
        boundaries,
        (e) => e.kind === "assigned" && e.after.companyId === principal.companyId,
        (e) => e.kind === "unassigned" || e.kind === "assigned",
      ),
    };
  }
  if (principal.role === "end_user") {
    return {
      kind: "tenure",
      endUser: true,
      windows: windowsOf(
        boundaries,
        (e) => e.kind === "end_user_assigned" && e.after.endUserId === principal.userId,
        (e) => e.kind === "end_user_unassigned" || e.kind === "unassigned" || e.kind === "end_user_assigned",
      ),
    };
  }
  return { kind: "everything" };
}

interface Entry {
  actorUserId: string;
  actorRole: string;
  before: Record<string, unknown>;
  after: Record<string, unknown>;
}

const planFields = ["planId", "planType"];

function withoutPlan(fields: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(fields).filter(([key]) => !planFields.includes(key)));
}

/** An entry as an end user sees it: no staff identity, no plan ids. */
export function redactForEndUser<T extends Entry>(entry: T, endUserId: string): T {
  const own = entry.actorUserId === endUserId;
  return {
    ...entry,
    actorUserId: own ? entry.actorUserId : "",
    actorRole: own ? entry.actorRole : "",
    before: withoutPlan(entry.before),
    after: withoutPlan(entry.after),
  };
}
