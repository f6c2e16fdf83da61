// Applies the brute-force rules of domain/throttle.ts to the shared counters
// (PostgreSQL, so every replica sees the same ones). Every secret a caller
// may guess is counted before it is checked and given back on success, so a
// parallel burst gets no more guesses than a sequential one: passwords
// (login, password change), second factors (MFA login, TOTP confirm and
// disable) and activation codes (self-registration). API-key client secrets
// (the client-credentials grant), quick to check, are checked under the
// counters' row locks instead, with the same guarantee (checkUnderThrottle).
import { AppError, type Knex } from "@simhub/platform";
import { lockThrottleRows, pruneThrottle, saveThrottleState } from "../db/throttle.ts";
import {
  attemptSucceeded,
  beginAttempt,
  countingOnly,
  effectivePolicy,
  emptyThrottleState,
  type ThrottlePolicy,
} from "../domain/throttle.ts";
import type { IdentityDeps } from "./deps.ts";

export interface ThrottleKey {
  key: string;
  policy: ThrottlePolicy;
  /** What a success does to this key (see attemptSucceeded). */
  onSuccess: "reset" | "giveBack";
  /** Another key whose counter, past `ceiling`, leaves this key a single free attempt. */
  tightenedBy?: { key: string; ceiling: number };
}

function rateLimited(retryAfterSeconds: number) {
  return new AppError("rate_limited", "RATE_LIMITED", "too many failed attempts; try again later", {
    retryAfterSeconds,
  });
}

/**
 * The counters of a password or second-factor attempt for an account from a
 * client address: the pair (locks), the address (locks), the account across
 * addresses (counts; past the ceiling it tightens every pair).
 */
export function loginKeys(deps: IdentityDeps, usernameKey: string, clientAddress: string): ThrottleKey[] {
  return accountAtAddressKeys(
    deps,
    { pair: "account-address", account: "account" },
    usernameKey,
    clientAddress,
  );
}

/**
 * The counters of a client-secret attempt (the client-credentials grant):
 * the same three as a login, on the client id instead of a username. The
 * address counter is the login's own, so an address guessing at secrets and
 * passwords is counted once for both.
 */
export function clientSecretKeys(deps: IdentityDeps, clientId: string, clientAddress: string): ThrottleKey[] {
  return accountAtAddressKeys(deps, { pair: "client-address", account: "client" }, clientId, clientAddress);
}

function accountAtAddressKeys(
  deps: IdentityDeps,
  prefixes: { pair: string; account: string },
  account: string,
  clientAddress: string,
): ThrottleKey[] {
  const { accountThrottle, addressThrottle, accountCeiling } = deps.settings;
  const accountKey = `${prefixes.account}:${account}`;
  return [
    {
      key: `${prefixes.pair}:${account}@${clientAddress}`,
      policy: accountThrottle,
      onSuccess: "reset",
      tightenedBy: { key: accountKey, ceiling: accountCeiling },
    },
    { key: `address:${clientAddress}`, policy: addressThrottle, onSuccess: "giveBack" },
    { key: accountKey, policy: countingOnly(accountThrottle), onSuccess: "giveBack" },
  ];
}

/** Codes guessed with a session's access token (TOTP confirm and disable): one counter per user. */
export function secondFactorKeys(deps: IdentityDeps, userId: string): ThrottleKey[] {
  return [{ key: `second-factor:${userId}`, policy: deps.settings.accountThrottle, onSuccess: "reset" }];
}

/** The current password guessed with a session's access token (password change). */
export function passwordChangeKeys(deps: IdentityDeps, userId: string): ThrottleKey[] {
  return [{ key: `password-change:${userId}`, policy: deps.settings.accountThrottle, onSuccess: "reset" }];
}

/** Each key's decision for one more attempt, from the locked rows; the longest lock wins. */
async function decideAttempt(trx: Knex.Transaction, keys: ThrottleKey[]) {
  const now = new Date();
  const related = keys.flatMap((k) => (k.tightenedBy ? [k.tightenedBy.key] : []));
  const states = await lockThrottleRows(trx, [...keys.map((k) => k.key), ...related]);
  let retryAfter = 0;
  const decisions = keys.map((k) => {
    const tightening = k.tightenedBy && {
      ceiling: k.tightenedBy.ceiling,
      state: states.get(k.tightenedBy.key) ?? emptyThrottleState,
    };
    const policy = effectivePolicy(k.policy, tightening, now);
    const state = states.get(k.key) ?? emptyThrottleState;
    const decision = beginAttempt(state, now, policy);
    if (!decision.allowed) retryAfter = Math.max(retryAfter, decision.retryAfterSeconds);
    return { key: k, state, decision };
  });
  return { decisions, retryAfter };
}

function maybePrune(deps: IdentityDeps) {
  if (Math.random() < 0.01) return pruneThrottle(deps.db, deps.settings.accountThrottle.decaySeconds);
}

/** Counts an attempt before the secret is checked; throws RATE_LIMITED (nothing counted) while locked. */
export async function beginThrottledAttempt(deps: IdentityDeps, keys: ThrottleKey[]): Promise<void> {
  const retryAfter = await deps.db.transaction(async (trx) => {
    const { decisions, retryAfter } = await decideAttempt(trx, keys);
    if (retryAfter > 0) return retryAfter;
    for (const { key, decision } of decisions) {
      if (decision.allowed) await saveThrottleState(trx, key.key, decision.next);
    }
    return 0;
  });
  if (retryAfter > 0) throw rateLimited(retryAfter);
  await maybePrune(deps);
}

/**
 * For a secret that is checked in a moment (a client secret: one indexed
 * read and a SHA-256), the check runs inside the transaction that holds the
 * counters' rows, and only a failure is counted. Attempts on the same keys
 * are serialised by those row locks, so a parallel burst of guesses gets
 * exactly what a sequential one gets, while parallel *right* attempts (an
 * integration's replicas asking for tokens at once) never lock each other
 * out, as counting every attempt in advance would. Logins cannot do this:
 * an argon2id check would hold the locks for tens of milliseconds.
 * Returns the check's result; undefined (counted as a failure) when it failed.
 */
export async function checkUnderThrottle<T>(
  deps: IdentityDeps,
  keys: ThrottleKey[],
  check: (trx: Knex.Transaction) => Promise<T | undefined>,
): Promise<T | undefined> {
  const outcome = await deps.db.transaction(async (trx) => {
    const { decisions, retryAfter } = await decideAttempt(trx, keys);
    if (retryAfter > 0) return { locked: true as const, retryAfter };
    const result = await check(trx);
    for (const { key, state, decision } of decisions) {
      if (result === undefined) {
        if (decision.allowed) await saveThrottleState(trx, key.key, decision.next);
      } else if (key.onSuccess === "reset" && state.failures > 0) {
        // A success on `giveBack` keys leaves them as they were: nothing was counted in advance.
        await saveThrottleState(trx, key.key, emptyThrottleState);
      }
    }
    return { locked: false as const, result };
  });
  if (outcome.locked) throw rateLimited(outcome.retryAfter);
  if (outcome.result === undefined) await maybePrune(deps);
  return outcome.result;
}

/**
 * The attempt succeeded: each key as its `onSuccess` says, or `giveBack` for
 * all (a password right but a second factor still to come).
 */
export async function endThrottledAttempt(
  deps: IdentityDeps,
  keys: ThrottleKey[],
  override?: "giveBack",
): Promise<void> {
  await deps.db.transaction(async (trx) => {
    const states = await lockThrottleRows(
      trx,
      keys.map((k) => k.key),
    );
    for (const k of keys) {
      const state = states.get(k.key) ?? emptyThrottleState;
      await saveThrottleState(trx, k.key, attemptSucceeded(state, override ?? k.onSuccess, k.policy));
    }
  });
}
