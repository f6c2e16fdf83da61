// Encryption at rest for TOTP secrets and private signing keys: AES-256-GCM
// with a random 96-bit nonce per write and the row's identity as additional
// authenticated data, so a ciphertext copied onto another row does not
// decrypt. Stored form: "v1:" + base64(nonce ‖ tag ‖ ciphertext).
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const VERSION = "v1";
const NONCE_BYTES = 12;
const TAG_BYTES = 16;

export interface SecretBox {
  seal(plaintext: string, associatedData: string): string;
  open(sealed: string, associatedData: string): string;
}

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw new Error("the identity secrets key must be 32 bytes");
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
 * The key from IDENTITY_SECRETS_KEY (base64 of 32 bytes). Outside production
 * a missing key falls back to a fixed development key, with a warning; the
 * configuration refuses to start production without a real key.
 */
export function resolveSecretsKey(
  configured: string | undefined,
  nodeEnv: string,
  warn: (message: string) => void,
): Buffer {
  if (configured) {
    const key = Buffer.from(configured, "base64");
    if (key.length !== 32) throw new Error("IDENTITY_SECRETS_KEY must be base64 of exactly 32 bytes");
    return key;
  }
  if (nodeEnv === "production") throw new Error("IDENTITY_SECRETS_KEY is required in production");
  warn("IDENTITY_SECRETS_KEY is not set: using the fixed development key (never do this in production)");
  return createHash("sha256").update("simhub development identity secrets key").digest();
}
