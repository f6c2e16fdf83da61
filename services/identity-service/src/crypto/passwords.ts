// argon2id password hashing (OWASP: m ≥ 19 MiB, t ≥ 2, p = 1). A stored hash
// whose parameters are below the current ones is reported as needing a
// rehash, which the login does once it has the plaintext in hand.
import { type Algorithm, hash, parseOptions, verify } from "@node-rs/argon2";

const ARGON2ID = 2 as Algorithm;

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** Checks a password; `needsRehash` when the stored parameters are weaker than the current ones. */
  verify(stored: string, password: string): Promise<{ valid: boolean; needsRehash: boolean }>;
  /** Spends the same time as a real check, for unknown users (no timing oracle). */
  verifyDummy(password: string): Promise<void>;
}

export interface Argon2Parameters {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

export async function createPasswordHasher(parameters: Argon2Parameters): Promise<PasswordHasher> {
  const options = { ...parameters, algorithm: ARGON2ID };
  // Made once per process with the current parameters, so a dummy check costs what a real one does.
  const dummyHash = await hash(`dummy-${Math.random()}-${Date.now()}`, options);
  return {
    hash: (password) => hash(password, options),
    async verify(stored, password) {
      let valid = false;
      try {
        valid = await verify(stored, password);
      } catch {
        valid = false;
      }
      if (!valid) return { valid, needsRehash: false };
      let needsRehash = true;
      try {
        const used = parseOptions(stored);
        needsRehash =
          used.algorithm !== ARGON2ID ||
          used.memoryCost < parameters.memoryCost ||
          used.timeCost < parameters.timeCost ||
          used.parallelism !== parameters.parallelism;
      } catch {
        needsRehash = true;
      }
      return { valid, needsRehash };
    },
    async verifyDummy(password) {
      await verify(dummyHash, password).catch(() => false);
    },
  };
}
