// Encryption at rest (payment-provider secrets, TOTP seeds, private signing
// keys): AES-256-GCM with a random 96-bit nonce per write and the row's
// identity as additional authenticated data, so a ciphertext copied onto
// another row does not decrypt. The stored form is
// "v1:" + base64(nonce ‖ tag ‖ ciphertext); the version prefix leaves room
// for key rotation.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  seal(plaintext: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("a secrets key must be 32 bytes");
  return {
    seal(plaintext, associatedData) {
      const nonce = randomBytes(NONCE_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, nonce, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(associatedData, "utf8"));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return `${VERSION}:${Buffer.concat([nonce, cipher.getAuthTag(), body]).toString("base64")}`;
    },
    open(sealed, associatedData) {
      const [version, encoded] = sealed.split(":");
      if (version !== VERSION || !encoded) throw new Error("unknown sealed secret format");
      const raw = Buffer.from(encoded, "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, NONCE_BYTES), {
        authTagLength: TAG_BYTES,
      });
      decipher.setAAD(Buffer.from(associatedData, "utf8"));
      decipher.setAuthTag(raw.subarray(NONCE_BYTES, NONCE_BYTES + TAG_BYTES));
      return Buffer.concat([
        decipher.update(raw.subarray(NONCE_BYTES + TAG_BYTES)),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}

/**
 * The key from `variable` (base64 of 32 bytes). Outside production a missing
 * key falls back to a fixed development key derived from `developmentSeed`,
 * with a warning: data sealed with it is protected by nothing, which is
 * acceptable only for throw-away local and test databases. Production refuses
 * to start without a real key (each service's config.ts).
 */
export function resolveSecretsKey(options: {
  variable: string;
  configured: string | undefined;
  nodeEnv: string;
  developmentSeed: string;
  warn: (message: string) => void;
}): Buffer {
  const { variable, configured } = options;
  if (configured) {
    const key = Buffer.from(configured, "base64");
    if (key.length !== 32) throw new Error(`${variable} must be base64 of exactly 32 bytes`);
    return key;
  }
  if (options.nodeEnv === "production") throw new Error(`${variable} is required in production`);
  options.warn(`${variable} is not set: using the fixed development key (never do this in production)`);
  return createHash("sha256").update(options.developmentSeed).digest();
}
