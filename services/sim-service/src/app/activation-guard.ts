// The per-organization ceiling on wrong activation codes. identity-service
// counts guesses per ICCID and per client address; only this service knows
// which organization an ICCID belongs to, so it counts them per
// organization: once an organization's SIMs have met
// `maxFailuresPerWindow` wrong codes in a window (an hour by default),
// every further attempt on them is refused with 429 until the window ends,
// whatever the address. Attempts are counted before the code is compared
// and given back when it is right, so a parallel burst gets no more tries.
// A known ICCID of a locked organization answers 429 where an unknown one
// answers "not found": the price of the ceiling, paid only during an attack.
import { AppError } from "@simhub/platform";
import { countActivationAttempt, giveBackActivationAttempt } from "../db/activation-failures.ts";
import type { SimDeps } from "./deps.ts";

/** Whether the code matches, counted against the organization's ceiling (429 past it). */
export async function guardedActivationMatch(
  deps: SimDeps,
  orgId: string,
  matches: () => boolean,
): Promise<boolean> {
  const { maxFailuresPerWindow, windowSeconds } = deps.activationGuard;
  const { attempts, windowEndsAt } = await countActivationAttempt(deps.db, orgId, windowSeconds);
  if (attempts > maxFailuresPerWindow) {
    throw new AppError("rate_limited", "RATE_LIMITED", "too many wrong activation codes; try again later", {
      retryAfterSeconds: Math.max(1, Math.ceil((windowEndsAt.getTime() - Date.now()) / 1000)),
    });
  }
  if (!matches()) return false;
  await giveBackActivationAttempt(deps.db, orgId);
  return true;
}
