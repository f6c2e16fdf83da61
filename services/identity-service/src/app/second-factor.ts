// Checking a second factor: a TOTP code (each time step accepted once) or a
// recovery code (each accepted once).
import { normalizeRecoveryCode, sha256 } from "../crypto/random.ts";
import { looksLikeTotpCode, matchTotp } from "../crypto/totp.ts";
import { claimTotpStep, findMfa, useRecoveryCode } from "../db/mfa.ts";
import type { IdentityDeps } from "./deps.ts";

export const totpAssociatedData = (userId: string) => `totp:${userId}`;

export async function verifySecondFactor(deps: IdentityDeps, userId: string, code: string): Promise<boolean> {
  const mfa = await findMfa(deps.db, userId);
  if (!mfa?.enabled || !mfa.secretSealed) return false;
  const trimmed = code.trim();
  if (looksLikeTotpCode(trimmed)) {
    const secret = deps.box.open(mfa.secretSealed, totpAssociatedData(userId));
    const step = await matchTotp(secret, trimmed);
    if (step === null) return false;
    return claimTotpStep(deps.db, userId, step);
  }
  const normalized = normalizeRecoveryCode(trimmed);
  if (normalized.length !== 16) return false;
  return useRecoveryCode(deps.db, userId, sha256(normalized));
}
