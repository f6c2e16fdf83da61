// The keys that sign access tokens (EdDSA, Ed25519), kept in identity's
// database so every replica signs with the same active key and serves the
// same JWKS. A key is generated on first start; rotation makes a new key
// active while the old one is still served until every token it signed has
// expired (its serving window: token lifetime plus a margin for replicas
// that have not yet reloaded). Replicas reload the set periodically and on a
// token with an unknown `kid`.

import { randomUUID } from "node:crypto";
import type { Knex, Logger, Principal } from "@simhub/platform";
import { ACCESS_TOKEN_TYPE } from "@simhub/platform";
import {
  calculateJwkThumbprint,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JWK,
  type JWTVerifyGetKey,
  errors as joseErrors,
  SignJWT,
} from "jose";
import type { SecretBox } from "../crypto/secret-box.ts";
import { findActiveKid, insertActiveKey, loadServedKeys, retireActiveKey } from "../db/keys.ts";

const ALG = "EdDSA";
const RELOAD_INTERVAL_MS = 15_000;
const MISS_RELOAD_COOLDOWN_MS = 1_000;

type KeyObject = Awaited<ReturnType<typeof importJWK>>;

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  publicKey: KeyObject;
  privateKey: KeyObject | undefined;
  active: boolean;
}

export interface SigningKeysOptions {
  db: Knex;
  box: SecretBox;
  logger: Logger;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
}

export class SigningKeys {
  private readonly options: SigningKeysOptions;
  private keys: LoadedKey[] = [];
  private timer: NodeJS.Timeout | undefined;
  private lastMissReload = 0;
  private reloading: Promise<void> | undefined;

  constructor(options: SigningKeysOptions) {
    this.options = options;
  }

  /** Serving window of a retired key: its last token's lifetime plus margins for clocks and reloads. */
  get servingWindowSeconds(): number {
    return this.options.accessTokenTtlSeconds + 2 * (RELOAD_INTERVAL_MS / 1000) + 60;
  }

  async start(): Promise<void> {
    await this.ensureActiveKey();
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error) => this.options.logger.warn({ err: error }, "signing key reload failed"));
    }, RELOAD_INTERVAL_MS);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  /** The JWKS document: public keys only. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  get activeKid(): string | undefined {
    return this.keys.find((key) => key.active)?.kid;
  }

  /** Key lookup for jose's jwtVerify: by `kid`, reloading once on a miss (another replica rotated). */
  readonly getKey: JWTVerifyGetKey = async (header) => {
    let key = this.keys.find((candidate) => candidate.kid === header.kid);
    if (!key && Date.now() - this.lastMissReload > MISS_RELOAD_COOLDOWN_MS) {
      this.lastMissReload = Date.now();
      await this.reload();
      key = this.keys.find((candidate) => candidate.kid === header.kid);
    }
    if (!key || header.alg !== ALG) throw new joseErrors.JWKSNoMatchingKey();
    return key.publicKey;
  };

  /** Signs an access token for a principal with the active key. */
  async signAccessToken(
    principal: Principal,
    ttlSeconds = this.options.accessTokenTtlSeconds,
  ): Promise<string> {
    const active = this.keys.find((key) => key.active && key.privateKey);
    if (!active?.privateKey) throw new Error("no active signing key loaded");
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      role: principal.role,
      ...(principal.orgId ? { org: principal.orgId } : {}),
      ...(principal.companyId ? { cmp: principal.companyId } : {}),
    })
      .setProtectedHeader({ alg: ALG, typ: ACCESS_TOKEN_TYPE, kid: active.kid })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(principal.userId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomUUID())
      .sign(active.privateKey);
  }

  /** Makes a new key active and retires the current one; returns both kids. */
  async rotate(): Promise<{ kid: string; previousKid: string }> {
    const generated = await this.generate();
    const previousKid = await this.options.db.transaction(async (trx) => {
      await trx.raw("SELECT pg_advisory_xact_lock(hashtext('simhub-identity-signing-keys'))");
      const retired = await retireActiveKey(trx);
      await insertActiveKey(trx, generated);
      return retired ?? "";
    });
    await this.reload();
    this.options.logger.info({ kid: generated.kid, previousKid }, "signing key rotated");
    return { kid: generated.kid, previousKid };
  }

  private async ensureActiveKey() {
    const { db } = this.options;
    // Replicas starting together: the advisory lock lets one of them create the first key.
    await db.transaction(async (trx) => {
      await trx.raw("SELECT pg_advisory_xact_lock(hashtext('simhub-identity-signing-keys'))");
      if (await findActiveKid(trx)) return;
      const generated = await this.generate();
      await insertActiveKey(trx, generated);
      this.options.logger.info({ kid: generated.kid }, "signing key created");
    });
  }

  private async generate() {
    const { publicKey, privateKey } = await generateKeyPair(ALG, { crv: "Ed25519", extractable: true });
    const publicJwk = await exportJWK(publicKey);
    const kid = await calculateJwkThumbprint(publicJwk);
    const privateJwk = await exportJWK(privateKey);
    return {
      kid,
      alg: ALG,
      publicJwk: { ...publicJwk, kid, alg: ALG, use: "sig" },
      privateJwkSealed: this.options.box.seal(JSON.stringify(privateJwk), `signing-key:${kid}`),
    };
  }

  reload(): Promise<void> {
    this.reloading ??= this.load().finally(() => {
      this.reloading = undefined;
    });
    return this.reloading;
  }

  private async load() {
    const rows = await loadServedKeys(this.options.db, this.servingWindowSeconds);
    const previous = new Map(this.keys.map((key) => [key.kid, key]));
    const loaded: LoadedKey[] = [];
    for (const row of rows) {
      const active = row.retiredAt === null;
      const known = previous.get(row.kid);
      if (known && (known.privateKey || !active)) {
        loaded.push({ ...known, active });
        continue;
      }
      const publicJwk = row.publicJwk as JWK;
      const publicKey = await importJWK(publicJwk, ALG);
      const privateKey = active
        ? await importJWK(
            JSON.parse(this.options.box.open(row.privateJwkSealed, `signing-key:${row.kid}`)) as JWK,
            ALG,
          )
        : undefined;
      loaded.push({ kid: row.kid, publicJwk, publicKey, privateKey, active });
    }
    this.keys = loaded;
  }
}
