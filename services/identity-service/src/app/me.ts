// The caller's own account: profile, TOTP enrolment, password.
import { conflict, invalid, notFound, type Principal, ruleBroken } from "@simhub/platform";
import { normalizeRecoveryCode, randomRecoveryCode, sha256 } from "../crypto/random.ts";
import { matchTotp, newTotpSecret, totpUri } from "../crypto/totp.ts";
import { activatePendingEnrolment, disableMfa, findMfa, savePendingEnrolment } from "../db/mfa.ts";
import { revokeAllForUser } from "../db/sessions.ts";
import { findUserById, type UserRecord, updatePasswordHash } from "../db/users.ts";
import { checkPassword } from "../domain/credentials.ts";
import type { IdentityDeps } from "./deps.ts";
import { totpAssociatedData, verifySecondFactor } from "./second-factor.ts";
import {
  beginThrottledAttempt,
  endThrottledAttempt,
  passwordChangeKeys,
  secondFactorKeys,
} from "./throttling.ts";

const RECOVERY_CODE_COUNT = 10;

/** The person calling; a process (`service`) or an integration (an API key's token) has no account. */
async function currentUser(deps: IdentityDeps, principal: Principal): Promise<UserRecord> {
  const isPerson = principal.role !== "service" && principal.clientId === undefined;
  const user = isPerson ? await findUserById(deps.db, principal.userId) : undefined;
  if (!user) throw notFound("USER_NOT_FOUND", "user not found");
  return user;
}

export function getMe(deps: IdentityDeps, principal: Principal): Promise<UserRecord> {
  return currentUser(deps, principal);
}

export interface TotpEnrolment {
  secret: string;
  otpauthUri: string;
  recoveryCodes: string[];
}

/** Starts (or restarts) an enrolment; TOTP is on only once a first code confirms it. */
export async function startTotpEnrolment(deps: IdentityDeps, principal: Principal): Promise<TotpEnrolment> {
  const user = await currentUser(deps, principal);
  if (user.mfaEnabled) throw conflict("MFA_ALREADY_ENABLED", "two-factor authentication is already on");
  const secret = newTotpSecret();
  const recoveryCodes = Array.from({ length: RECOVERY_CODE_COUNT }, randomRecoveryCode);
  await deps.db.transaction(async (trx) => {
    await savePendingEnrolment(
      trx,
      user.id,
      deps.box.seal(secret, totpAssociatedData(user.id)),
      recoveryCodes.map((code) => sha256(normalizeRecoveryCode(code))),
    );
  });
  return { secret, otpauthUri: totpUri(deps.settings.issuerName, user.username, secret), recoveryCodes };
}

export async function confirmTotp(deps: IdentityDeps, principal: Principal, code: string): Promise<void> {
  const user = await currentUser(deps, principal);
  if (!code) throw invalid("code is required", [{ path: "code", message: "required" }]);
  const badCode = () =>
    invalid("the code does not match", [{ path: "code", message: "does not match" }], "INVALID_MFA_CODE");
  // A stolen access token must not buy unlimited guesses: counted before the check.
  const keys = secondFactorKeys(deps, user.id);
  await beginThrottledAttempt(deps, keys);
  await deps.db.transaction(async (trx) => {
    await trx("user_mfa").where({ user_id: user.id }).forUpdate().first();
    const mfa = await findMfa(trx, user.id);
    if (mfa?.enabled) throw conflict("MFA_ALREADY_ENABLED", "two-factor authentication is already on");
    if (!mfa?.pendingSecretSealed) {
      throw ruleBroken("MFA_ENROLMENT_NOT_STARTED", "start a TOTP enrolment first");
    }
    const secret = deps.box.open(mfa.pendingSecretSealed, totpAssociatedData(user.id));
    const step = await matchTotp(secret, code.trim());
    if (step === null) throw badCode();
    await activatePendingEnrolment(trx, user.id, mfa.pendingSecretSealed);
    // The confirming code is spent like any other.
    await trx("user_mfa").where({ user_id: user.id }).update({ last_used_step: step });
  });
  await endThrottledAttempt(deps, keys);
}

export async function disableTotp(deps: IdentityDeps, principal: Principal, code: string): Promise<void> {
  const user = await currentUser(deps, principal);
  if (!code) throw invalid("code is required", [{ path: "code", message: "required" }]);
  if (!user.mfaEnabled) throw ruleBroken("MFA_NOT_ENABLED", "two-factor authentication is off");
  const keys = secondFactorKeys(deps, user.id);
  await beginThrottledAttempt(deps, keys);
  if (!(await verifySecondFactor(deps, user.id, code))) {
    throw invalid(
      "the code does not match",
      [{ path: "code", message: "does not match" }],
      "INVALID_MFA_CODE",
    );
  }
  await deps.db.transaction((trx) => disableMfa(trx, user.id));
  await endThrottledAttempt(deps, keys);
}

/** Changes the password and ends every session (refresh tokens) of the user. */
export async function changePassword(
  deps: IdentityDeps,
  principal: Principal,
  input: { currentPassword: string; newPassword: string },
): Promise<void> {
  const user = await currentUser(deps, principal);
  const errors = [
    ...(input.currentPassword ? [] : [{ path: "currentPassword", message: "required" }]),
    ...checkPassword(input.newPassword, user.username, "newPassword"),
  ];
  if (errors.length > 0) throw invalid("invalid password change", errors);
  // Guessing the current password with a stolen access token is a login attempt like any other.
  const keys = passwordChangeKeys(deps, user.id);
  await beginThrottledAttempt(deps, keys);
  const { valid } = await deps.hasher.verify(user.passwordHash, input.currentPassword);
  if (!valid) {
    throw invalid(
      "the current password is wrong",
      [{ path: "currentPassword", message: "wrong password" }],
      "INVALID_CURRENT_PASSWORD",
    );
  }
  await endThrottledAttempt(deps, keys);
  const passwordHash = await deps.hasher.hash(input.newPassword);
  await deps.db.transaction(async (trx) => {
    await updatePasswordHash(trx, user.id, passwordHash);
    await revokeAllForUser(trx, user.id);
  });
}
