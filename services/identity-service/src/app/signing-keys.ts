// The keys that sign access tokens (EdDSA, Ed25519), kept in identity's
// database so every replica signs with the same key and serves the same
// JWKS. A key is generated on first start.
//
// Rotation without failed requests: a new key is published in the JWKS
// `publishLeadSeconds` before it starts signing, longer than the refetch
// cooldown of every verifier's cached key set, so whoever sees a token of
// the new key either has it already or may fetch it at once. The old key
// keeps being served until every token it signed has expired (its serving
// window: token lifetime plus margins for replicas that have not reloaded
// yet). Replicas reload the set periodically and on a token with an
// unknown `kid`; which key signs is decided by activation time, so replicas
// switch together.
import { randomUUID } from "node:crypto";
import type { Knex, Logger, Principal, SecretBox } from "@simhub/platform";
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
import { findActiveKid, insertKey, loadServedKeys, retireNewestKey } from "../db/keys.ts";

const ALG = "EdDSA";
const RELOAD_INTERVAL_MS = 15_000;
const MISS_RELOAD_COOLDOWN_MS = 1_000;

type KeyObject = Awaited<ReturnType<typeof importJWK>>;

interface LoadedKey {
  kid: string;
  publicJwk: JWK;
  publicKey: KeyObject;
  /** Only for keys that sign now or will sign. */
  privateKey: KeyObject | undefined;
  activatesAt: number;
  retiredAt: number | null;
}

export interface SigningKeysOptions {
  db: Knex;
  box: SecretBox;
  logger: Logger;
  issuer: string;
  audience: string;
  accessTokenTtlSeconds: number;
  /** How long a rotated-in key is published before it signs. */
  publishLeadSeconds: number;
}

export class SigningKeys {
  private readonly options: SigningKeysOptions;
  private keys: LoadedKey[] = [];
  /** Database clock minus local clock, so replicas agree on activation instants. */
  private clockOffsetMs = 0;
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
    await this.ensureKey();
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error) => this.options.logger.warn({ err: error }, "signing key reload failed"));
    }, RELOAD_INTERVAL_MS);
    this.timer.unref();
  }

  stop() {
    if (this.timer) clearInterval(this.timer);
  }

  /** The JWKS document: public keys only, including a key about to sign. */
  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => key.publicJwk) };
  }

  /** The key that signs right now. */
  private signingKey(): LoadedKey | undefined {
    const now = Date.now() + this.clockOffsetMs;
    return this.keys
      .filter((key) => key.privateKey && key.activatesAt <= now)
      .sort((a, b) => b.activatesAt - a.activatesAt)[0];
  }

  get activeKid(): string | undefined {
    return this.signingKey()?.kid;
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

  /** Signs an access token for a principal with the key that signs now. */
  async signAccessToken(
    principal: Principal,
    ttlSeconds = this.options.accessTokenTtlSeconds,
  ): Promise<string> {
    const signing = this.signingKey();
    if (!signing?.privateKey) throw new Error("no signing key loaded");
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      role: principal.role,
      ...(principal.orgId ? { org: principal.orgId } : {}),
      ...(principal.companyId ? { cmp: principal.companyId } : {}),
      ...(principal.clientId ? { client_id: principal.clientId } : {}),
    })
      .setProtectedHeader({ alg: ALG, typ: ACCESS_TOKEN_TYPE, kid: signing.kid })
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setSubject(principal.userId)
      .setIssuedAt(now)
      .setNotBefore(now)
      .setExpirationTime(now + ttlSeconds)
      .setJti(randomUUID())
      .sign(signing.privateKey);
  }

  /** Publishes a new key that signs from `activatesAt`; the current one signs until then. */
  async rotate(): Promise<{ kid: string; previousKid: string; activatesAt: Date }> {
    const generated = await this.generate();
    const lead = this.options.publishLeadSeconds;
    const { previousKid, activatesAt } = await this.options.db.transaction(async (trx) => {
      await trx.raw("SELECT pg_advisory_xact_lock(hashtext('simhub-identity-signing-keys'))");
      const retired = await retireNewestKey(trx, lead);
      const at = await insertKey(trx, generated, lead);
      return { previousKid: retired ?? "", activatesAt: at };
    });
    await this.reload();
    this.options.logger.info(
      { kid: generated.kid, previousKid, activatesAt },
      "signing key rotation scheduled",
    );
    return { kid: generated.kid, previousKid, activatesAt };
  }

  private async ensureKey() {
    const { db } = this.options;
    // Replicas starting together: the advisory lock lets one of them create the first key.
    await db.transaction(async (trx) => {
      await trx.raw("SELECT pg_advisory_xact_lock(hashtext('simhub-identity-signing-keys'))");
      if (await findActiveKid(trx)) return;
      const generated = await this.generate();
      await insertKey(trx, generated, 0);
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
    const { keys: rows, now } = await loadServedKeys(this.options.db, this.servingWindowSeconds);
    this.clockOffsetMs = now.getTime() - Date.now();
    const previous = new Map(this.keys.map((key) => [key.kid, key]));
    const loaded: LoadedKey[] = [];
    for (const row of rows) {
      const signs = row.retiredAt === null || row.retiredAt.getTime() > now.getTime();
      const timing = { activatesAt: row.activatesAt.getTime(), retiredAt: row.retiredAt?.getTime() ?? null };
      const known = previous.get(row.kid);
      if (known && (known.privateKey || !signs)) {
        loaded.push({ ...known, ...timing, privateKey: signs ? known.privateKey : undefined });
        continue;
      }
      const publicJwk = row.publicJwk as JWK;
      const privateKey = signs
        ? await importJWK(
            JSON.parse(this.options.box.open(row.privateJwkSealed, `signing-key:${row.kid}`)) as JWK,
            ALG,
          )
        : undefined;
      loaded.push({
        kid: row.kid,
        publicJwk,
        publicKey: await importJWK(publicJwk, ALG),
        privateKey,
        ...timing,
      });
    }
    this.keys = loaded;
  }
}
