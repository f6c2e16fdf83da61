// Brute-force protection for logins, as pure state transitions.
//
// Failed logins are counted on three keys (app/throttling.ts builds them):
// the account *at one client address* (the normalized username, whether or
// not it exists, so an unknown user behaves like a known one), the address
// alone, and the account across all addresses. The failure that brings a
// locking counter to `freeAttempts`, and every later one, locks the key for
// a growing time: `baseLockSeconds`, doubling per failure up to
// `maxLockSeconds` (defaults: the 5th failure on an account from one
// address, or the 30th from an address, locks for 30 s, the next for 60 s,
// then 2 min, … capped at 15 min).
//
// An account is never locked for everyone (OWASP: lockout is a denial of
// service anyone can trigger): an attacker hammering it from one address
// locks only that address's pair, and its owner logs in from another. The
// account-wide counter only counts; past `ceiling` failures (credential
// spraying from many addresses) each pair gets a single free attempt
// instead of `freeAttempts` (see effectivePolicy), which slows the spray to
// one guess per address per lock while the owner's first attempt still goes
// through.
// While locked, every attempt (even with the right password, or the lock
// would be an oracle) is refused with 429 and Retry-After, and is not
// counted, so a lock never extends itself: a real user is never locked out
// for longer than `maxLockSeconds` after the last counted failure, and a
// counter forgets everything after `decaySeconds` without a failure.
//
// An attempt is counted *before* the password is checked and given back on
// success, so a burst of parallel guesses cannot slip past the limit.

export interface ThrottleState {
  failures: number;
  lastFailureAt: Date | null;
  lockedUntil: Date | null;
}

export interface ThrottlePolicy {
  freeAttempts: number;
  baseLockSeconds: number;
  maxLockSeconds: number;
  decaySeconds: number;
}

export const emptyThrottleState: ThrottleState = { failures: 0, lastFailureAt: null, lockedUntil: null };

export type AttemptDecision =
  | { allowed: true; next: ThrottleState }
  | { allowed: false; retryAfterSeconds: number };

export function lockSecondsAfter(failures: number, policy: ThrottlePolicy): number {
  if (failures < policy.freeAttempts) return 0;
  const doublings = Math.min(failures - policy.freeAttempts, 30);
  return Math.min(policy.baseLockSeconds * 2 ** doublings, policy.maxLockSeconds);
}

/** Called before the credentials are checked: refuses while locked, else counts the attempt as a failure. */
export function beginAttempt(state: ThrottleState, now: Date, policy: ThrottlePolicy): AttemptDecision {
  if (state.lockedUntil && state.lockedUntil.getTime() > now.getTime()) {
    return {
      allowed: false,
      retryAfterSeconds: Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000)),
    };
  }
  const decayed =
    state.lastFailureAt === null ||
    now.getTime() - state.lastFailureAt.getTime() > policy.decaySeconds * 1000;
  const failures = decayed ? 1 : state.failures + 1;
  const lockSeconds = lockSecondsAfter(failures, policy);
  return {
    allowed: true,
    next: {
      failures,
      lastFailureAt: now,
      lockedUntil: lockSeconds > 0 ? new Date(now.getTime() + lockSeconds * 1000) : null,
    },
  };
}

/**
 * The attempt succeeded. "reset" starts the counter afresh (an account after
 * a complete login); "giveBack" only returns the attempt counted in advance
 * (an address: one valid account must not clear an address that is guessing
 * at many others; an account whose second factor is still to come).
 */
export function attemptSucceeded(
  state: ThrottleState,
  mode: "reset" | "giveBack",
  policy: ThrottlePolicy,
): ThrottleState {
  if (mode === "reset") return emptyThrottleState;
  const failures = Math.max(0, state.failures - 1);
  return {
    failures,
    lastFailureAt: state.lastFailureAt,
    lockedUntil: failures >= policy.freeAttempts ? state.lockedUntil : null,
  };
}

/** Whether the key is locked right now, without counting anything (the MFA step checks this). */
export function lockedFor(state: ThrottleState, now: Date): number {
  if (!state.lockedUntil || state.lockedUntil.getTime() <= now.getTime()) return 0;
  return Math.max(1, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000));
}

/** A key's policy, tightened to a single free attempt while a related counter is past its ceiling. */
export function effectivePolicy(
  policy: ThrottlePolicy,
  tightening: { ceiling: number; state: ThrottleState } | undefined,
  now: Date,
): ThrottlePolicy {
  if (!tightening) return policy;
  const { state, ceiling } = tightening;
  const current =
    state.lastFailureAt !== null &&
    now.getTime() - state.lastFailureAt.getTime() <= policy.decaySeconds * 1000;
  return current && state.failures >= ceiling ? { ...policy, freeAttempts: 1 } : policy;
}

/** A policy that counts and never locks (the account-wide counter). */
export function countingOnly(policy: ThrottlePolicy): ThrottlePolicy {
  return { ...policy, freeAttempts: Number.MAX_SAFE_INTEGER };
}
