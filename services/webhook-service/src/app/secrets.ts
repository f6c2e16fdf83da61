// Endpoint secrets: 32 random bytes shown once as "whsec_…", sealed with the
// platform's secret box bound to the endpoint's id, opened only to sign.
// A rotation keeps the previous secret signing beside the new one for 24 h,
// so a receiver can switch secrets without dropping a delivery.
import { randomBytes } from "node:crypto";
import type { SecretBox } from "@simhub/platform";
import { secretFromKey } from "../domain/signing.ts";

export const ROTATION_OVERLAP_MS = 24 * 60 * 60 * 1000;

export function newSecret(): string {
  return secretFromKey(randomBytes(32));
}

const associatedData = (endpointId: string) => `webhook-endpoint:${endpointId}`;

export function sealSecret(box: SecretBox, endpointId: string, secret: string): string {
  return box.seal(secret, associatedData(endpointId));
}

/**
 * The secrets that sign a delivery now: the current one, and the previous
 * one while its overlap lasts. Opened secrets are remembered by their sealed
 * form (each seal has its own nonce, so a rotated secret is a new entry).
 */
export function signingSecrets(
  box: SecretBox,
  cache: Map<string, string>,
  endpoint: {
    id: string;
    secretSealed: string;
    previousSecretSealed: string | null;
    previousSecretExpiresAt: Date | null;
  },
  now: Date,
): string[] {
  const open = (sealed: string) => {
    let secret = cache.get(sealed);
    if (secret === undefined) {
      secret = box.open(sealed, associatedData(endpoint.id));
      if (cache.size > 10_000) cache.clear();
      cache.set(sealed, secret);
    }
    return secret;
  };
  const secrets = [open(endpoint.secretSealed)];
  if (
    endpoint.previousSecretSealed &&
    endpoint.previousSecretExpiresAt &&
    endpoint.previousSecretExpiresAt.getTime() > now.getTime()
  ) {
    secrets.push(open(endpoint.previousSecretSealed));
  }
  return secrets;
}
