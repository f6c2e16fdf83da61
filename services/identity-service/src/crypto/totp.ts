// TOTP per RFC 6238 (otplib): SHA-1, 6 digits, 30-second steps, a code
// accepted within ±1 step of the server's clock. Which step matched is
// returned so the caller can accept each step at most once.
import { generate, generateSecret, generateURI, verify } from "otplib";

const TOTP_PERIOD_SECONDS = 30;
const TOLERANCE_SECONDS = TOTP_PERIOD_SECONDS; // exactly one step either side

export function newTotpSecret(): string {
  return generateSecret({ length: 20 });
}

export function totpUri(issuer: string, account: string, secret: string): string {
  return generateURI({ issuer, label: account, secret, period: TOTP_PERIOD_SECONDS, digits: 6 });
}

export function looksLikeTotpCode(code: string): boolean {
  return /^\d{6}$/.test(code);
}

/** The matching time step, or null when the code does not match within ±1 step. */
export async function matchTotp(secret: string, code: string, nowMs = Date.now()): Promise<number | null> {
  if (!looksLikeTotpCode(code)) return null;
  const result = await verify({
    secret,
    token: code,
    epoch: Math.floor(nowMs / 1000),
    epochTolerance: TOLERANCE_SECONDS,
    period: TOTP_PERIOD_SECONDS,
  });
  if (!result.valid) return null;
  return "timeStep" in result && typeof result.timeStep === "number"
    ? result.timeStep
    : Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS) + (("delta" in result ? result.delta : 0) ?? 0);
}

/** The code for a given time (tests, and nothing else). */
export function totpCodeAt(secret: string, epochSeconds: number): Promise<string> {
  return generate({ secret, epoch: epochSeconds, period: TOTP_PERIOD_SECONDS });
}
