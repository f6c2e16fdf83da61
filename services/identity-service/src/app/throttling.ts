// Applies the brute-force rules of domain/throttle.ts to the shared counters.
import { AppError } from "@simhub/platform";
import { lockThrottleRows, pruneThrottle, readThrottleRows, saveThrottleState } from "../db/throttle.ts";
import {
  attemptSucceeded,
  beginAttempt,
  emptyThrottleState,
  lockedFor,
  recordFailure,
  type ThrottlePolicy,
} from "../domain/throttle.ts";
import type { IdentityDeps } from "./deps.ts";

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
}

export function rateLimited(retryAfterSeconds: number) {
  return new AppError("rate_limited", "RATE_LIMITED", "too many failed attempts; try again later", {
    retryAfterSeconds,
  });
}

/** The counters of a login: the account (normalized username) and, when known, the client's address. */
export function loginKeys(deps: IdentityDeps, usernameKey: string, sourceAddress: string): ThrottleKey[] {
  const keys: ThrottleKey[] = [{ key: `account:${usernameKey}`, policy: deps.settings.accountThrottle }];
  if (sourceAddress) keys.push({ key: `address:${sourceAddress}`, policy: deps.settings.addressThrottle });
  return keys;
}

/** Counts an attempt before the secret is checked; throws RATE_LIMITED (nothing counted) while locked. */
export async function beginThrottledAttempt(deps: IdentityDeps, keys: ThrottleKey[]): Promise<void> {
  const now = new Date();
  let retryAfter = 0;
  await deps.db.transaction(async (trx) => {
    const states = await lockThrottleRows(
      trx,
      keys.map((k) => k.key),
    );
    const decisions = keys.map((k) => ({
      key: k.key,
      decision: beginAttempt(states.get(k.key) ?? emptyThrottleState, now, k.policy),
    }));
    for (const { decision } of decisions) {
      if (!decision.allowed) retryAfter = Math.max(retryAfter, decision.retryAfterSeconds);
    }
    if (retryAfter > 0) return;
    for (const { key, decision } of decisions) {
      if (decision.allowed) await saveThrottleState(trx, key, decision.next);
    }
  });
  if (retryAfter > 0) throw rateLimited(retryAfter);
  if (Math.random() < 0.01) await pruneThrottle(deps.db, deps.settings.accountThrottle.decaySeconds);
}

/** The attempt succeeded: see attemptSucceeded for the modes. */
export async function endThrottledAttempt(
  deps: IdentityDeps,
  keys: (ThrottleKey & { mode: "reset" | "giveBack" })[],
): Promise<void> {
  await deps.db.transaction(async (trx) => {
    const states = await lockThrottleRows(
      trx,
      keys.map((k) => k.key),
    );
    for (const k of keys) {
      await saveThrottleState(
        trx,
        k.key,
        attemptSucceeded(states.get(k.key) ?? emptyThrottleState, k.mode, k.policy),
      );
    }
  });
}

/** Refuses while any key is locked, without counting (steps that count their failures afterwards). */
export async function assertNotLocked(deps: IdentityDeps, keys: ThrottleKey[]): Promise<void> {
  const states = await readThrottleRows(
    deps.db,
    keys.map((k) => k.key),
  );
  const now = new Date();
  const retryAfter = Math.max(0, ...keys.map((k) => lockedFor(states.get(k.key) ?? emptyThrottleState, now)));
  if (retryAfter > 0) throw rateLimited(retryAfter);
}

/** Counts a failure found after the fact (a wrong second factor). */
export async function recordThrottledFailure(deps: IdentityDeps, keys: ThrottleKey[]): Promise<void> {
  const now = new Date();
  await deps.db.transaction(async (trx) => {
    const states = await lockThrottleRows(
      trx,
      keys.map((k) => k.key),
    );
    for (const k of keys) {
      await saveThrottleState(
        trx,
        k.key,
        recordFailure(states.get(k.key) ?? emptyThrottleState, now, k.policy),
      );
    }
  });
}
