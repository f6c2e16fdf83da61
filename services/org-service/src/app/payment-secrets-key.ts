// The key that seals payment-provider secrets (PAYMENT_SECRETS_KEY).
import { resolveSecretsKey } from "@simhub/platform";

export function resolvePaymentSecretsKey(
  configured: string | undefined,
  nodeEnv: string,
  warn: (message: string) => void,
): Buffer {
  return resolveSecretsKey({
    variable: "PAYMENT_SECRETS_KEY",
    configured,
    nodeEnv,
    developmentSeed: "simhub development payment secrets key",
    warn,
  });
}
