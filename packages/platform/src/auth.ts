// Access-token verification, done by every service itself (ARCHITECTURE.md):
// the gateway forwards the caller's bearer token in gRPC metadata and each
// service checks signature, algorithm, issuer, audience, lifetime and token
// type against identity-service's JWKS before it trusts a single claim.
import { createRemoteJWKSet, type JWTVerifyGetKey, errors as joseErrors, jwtVerify } from "jose";
import { LRUCache } from "lru-cache";
import { z } from "zod";
import { unauthenticated } from "./errors.ts";
import { type Principal, roles } from "./principal.ts";

export * from "./principal.ts";

/** Algorithms identity-service signs with; anything else (including `none`) is refused. */
export const accessTokenAlgorithms = ["EdDSA", "ES256"];
export const ACCESS_TOKEN_TYPE = "at+jwt";

const claimsSchema = z.object({
  sub: z.string().min(1),
  role: z.enum(roles),
  org: z.uuid().optional(),
  cmp: z.uuid().optional(),
  client_id: z.string().min(1).max(128).optional(),
});

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** A key set: `jwksFromUrl(url)` in services, a local set in identity-service. */
  keys: JWTVerifyGetKey;
  /** How many verified tokens are remembered (until their expiry). */
  cacheSize?: number;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

export function jwksFromUrl(url: string): JWTVerifyGetKey {
  // jose caches the set, refetches on an unknown `kid` (key rotation) and
  // rate-limits refetches, so a forged kid cannot hammer identity-service.
  return createRemoteJWKSet(new URL(url), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000 });
}

export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  // A request's token is verified by every process it passes through, and a
  // client sends the same token many times: remember what verified, until
  // the token's own expiry. Signature checks were ~8 % of every process's CPU.
  // Access tokens are not revocable before they expire, so nothing is lost.
  const verified = new LRUCache<string, { principal: Principal; expiresAtMs: number }>({
    max: options.cacheSize ?? 10_000,
  });
  return async (token) => {
    const cached = verified.get(token);
    if (cached && cached.expiresAtMs > Date.now()) return cached.principal;
    try {
      const { payload } = await jwtVerify(token, options.keys, {
        issuer: options.issuer,
        audience: options.audience,
        algorithms: accessTokenAlgorithms,
        typ: ACCESS_TOKEN_TYPE,
        requiredClaims: ["exp", "iat", "sub"],
        clockTolerance: 5,
        // The one rule for `iat`, in every service including identity-service:
        // jose refuses an `iat` in the future (beyond the 5 s of tolerance)
        // only when a maximum age is set, so one is; a day is far above any
        // access-token lifetime. Checked before a token is cached, so a
        // cache hit needs no second decoding.
        maxTokenAge: "24h",
      });
      const claims = claimsSchema.parse(payload);
      const principal: Principal = {
        userId: claims.sub,
        role: claims.role,
        ...(claims.org ? { orgId: claims.org } : {}),
        ...(claims.cmp ? { companyId: claims.cmp } : {}),
        ...(claims.client_id ? { clientId: claims.client_id } : {}),
      };
      verified.set(token, { principal, expiresAtMs: (payload.exp ?? 0) * 1000 });
      return principal;
    } catch (error) {
      if (error instanceof joseErrors.JWTExpired)
        throw unauthenticated("access token expired", "TOKEN_EXPIRED");
      throw unauthenticated("invalid access token", "INVALID_TOKEN");
    }
  };
}

export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1];
}
