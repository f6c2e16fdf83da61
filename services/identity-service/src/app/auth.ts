// Logging in, the second step, refreshing and logging out. Public use cases:
// the caller has no token yet. Failures say as little as possible: an
// unknown user and a wrong password get the same answer in the same time.
import { type AppError, invalid, unauthenticated } from "@simhub/platform";
import { randomToken, sha256 } from "../crypto/random.ts";
import {
  consumeMfaChallenge,
  findRefreshTokenForUpdate,
  insertMfaChallenge,
  markRefreshTokenUsed,
  revokeFamily,
  takeMfaAttempt,
} from "../db/sessions.ts";
import { findActiveUserByUsername, findUserById, updatePasswordHash } from "../db/users.ts";
import { normalizeUsername } from "../domain/credentials.ts";
import type { IdentityDeps } from "./deps.ts";
import { verifySecondFactor } from "./second-factor.ts";
import { type IssuedTokens, issueTokens } from "./sessions.ts";
import { beginThrottledAttempt, endThrottledAttempt, loginKeys } from "./throttling.ts";

export type LoginResult = ({ mfaRequired: false } & IssuedTokens) | { mfaRequired: true; mfaToken: string };

const invalidCredentials = () => unauthenticated("invalid username or password", "INVALID_CREDENTIALS");

export async function login(
  deps: IdentityDeps,
  input: { username: string; password: string; clientAddress: string },
): Promise<LoginResult> {
  const errors = [
    ...(input.username ? [] : [{ path: "username", message: "required" }]),
    ...(input.password ? [] : [{ path: "password", message: "required" }]),
  ];
  if (errors.length > 0) throw invalid("username and password are required", errors);
  const usernameKey = normalizeUsername(input.username);
  const keys = loginKeys(deps, usernameKey, input.clientAddress);
  await beginThrottledAttempt(deps, keys);

  const user = await findActiveUserByUsername(deps.db, usernameKey);
  if (!user) {
    await deps.hasher.verifyDummy(input.password);
    throw invalidCredentials();
  }
  const { valid, needsRehash } = await deps.hasher.verify(user.passwordHash, input.password);
  if (!valid) throw invalidCredentials();
  if (needsRehash) {
    await updatePasswordHash(deps.db, user.id, await deps.hasher.hash(input.password));
  }

  if (user.mfaEnabled) {
    // The account stays under watch until the second factor is in: a known
    // password alone must not reset its counter.
    await endThrottledAttempt(deps, keys, "giveBack");
    const mfaToken = randomToken("mfa");
    await insertMfaChallenge(deps.db, {
      userId: user.id,
      tokenHash: sha256(mfaToken),
      expiresAt: new Date(Date.now() + deps.settings.mfaTokenTtlSeconds * 1000),
    });
    return { mfaRequired: true, mfaToken };
  }
  await endThrottledAttempt(deps, keys);
  return { mfaRequired: false, ...(await issueTokens(deps, deps.db, user)) };
}

export async function completeMfaLogin(
  deps: IdentityDeps,
  input: { mfaToken: string; code: string; clientAddress: string },
): Promise<IssuedTokens> {
  const errors = [
    ...(input.mfaToken ? [] : [{ path: "mfaToken", message: "required" }]),
    ...(input.code ? [] : [{ path: "code", message: "required" }]),
  ];
  if (errors.length > 0) throw invalid("mfaToken and code are required", errors);
  const invalidChallenge = () => unauthenticated("invalid or expired MFA token", "INVALID_MFA_TOKEN");
  const challenge = await takeMfaAttempt(
    deps.db,
    sha256(input.mfaToken),
    deps.settings.mfaMaxAttemptsPerChallenge,
  );
  if (!challenge) throw invalidChallenge();
  const user = await findUserById(deps.db, challenge.userId);
  if (!user) throw invalidChallenge();
  // Counted before the code is checked, like a password: a burst of
  // parallel guesses gets no more tries than a sequential one.
  const keys = loginKeys(deps, user.usernameKey, input.clientAddress);
  await beginThrottledAttempt(deps, keys);

  if (!(await verifySecondFactor(deps, user.id, input.code))) {
    throw unauthenticated("invalid code", "INVALID_MFA_CODE");
  }
  // Single use: of two parallel completions with two valid codes, one wins.
  if (!(await consumeMfaChallenge(deps.db, challenge.id))) throw invalidChallenge();
  await endThrottledAttempt(deps, keys);
  return issueTokens(deps, deps.db, user);
}

export async function refresh(deps: IdentityDeps, input: { refreshToken: string }): Promise<IssuedTokens> {
  if (!input.refreshToken) {
    throw invalid("refreshToken is required", [{ path: "refreshToken", message: "required" }]);
  }
  const tokenHash = sha256(input.refreshToken);
  // Failures are returned, not thrown, so the revocation of a reused token's family commits.
  const outcome = await deps.db.transaction(
    async (trx): Promise<{ tokens: IssuedTokens } | { error: AppError }> => {
      const stored = await findRefreshTokenForUpdate(trx, tokenHash);
      if (!stored) return { error: unauthenticated("invalid refresh token", "INVALID_REFRESH_TOKEN") };
      if (stored.revokedAt)
        return { error: unauthenticated("refresh token revoked", "REFRESH_TOKEN_REVOKED") };
      if (stored.usedAt) {
        // A spent token came back: it was stolen, or the client is confused.
        // Either way the whole session ends.
        await revokeFamily(trx, stored.familyId);
        deps.logger.warn({ userId: stored.userId }, "refresh token reused: session revoked");
        return { error: unauthenticated("refresh token already used", "REFRESH_TOKEN_REUSED") };
      }
      if (stored.expiresAt.getTime() <= Date.now()) {
        return { error: unauthenticated("refresh token expired", "REFRESH_TOKEN_EXPIRED") };
      }
      const user = await findUserById(trx, stored.userId);
      if (!user) {
        await revokeFamily(trx, stored.familyId);
        return { error: unauthenticated("invalid refresh token", "INVALID_REFRESH_TOKEN") };
      }
      await markRefreshTokenUsed(trx, stored.id);
      return {
        tokens: await issueTokens(deps, trx, user, {
          id: stored.familyId,
          startedAt: stored.familyStartedAt,
        }),
      };
    },
  );
  if ("error" in outcome) throw outcome.error;
  return outcome.tokens;
}

/** Ends the session the refresh token belongs to; succeeds for any token (no oracle). */
export async function logout(deps: IdentityDeps, input: { refreshToken: string }): Promise<void> {
  if (!input.refreshToken) {
    throw invalid("refreshToken is required", [{ path: "refreshToken", message: "required" }]);
  }
  const stored = await deps
    .db("refresh_tokens")
    .where({ token_hash: sha256(input.refreshToken) })
    .first("family_id");
  if (stored) await revokeFamily(deps.db, stored.family_id as string);
}
