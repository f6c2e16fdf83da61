// A session is a refresh-token family: created at login, one live token at a
// time, rotated on every refresh. Access tokens are short-lived JWTs.
import { randomUUID } from "node:crypto";
import type { Knex, Principal } from "@simhub/platform";
import { randomToken, sha256 } from "../crypto/random.ts";
import { insertRefreshToken } from "../db/sessions.ts";
import type { UserRecord } from "../db/users.ts";
import type { IdentityDeps } from "./deps.ts";

export interface IssuedTokens {
  accessToken: string;
  refreshToken: string;
  expiresIn: number;
}

function principalOf(user: UserRecord): Principal {
  return {
    userId: user.id,
    role: user.role,
    ...(user.orgId ? { orgId: user.orgId } : {}),
    ...(user.companyId ? { companyId: user.companyId } : {}),
  };
}

export async function issueTokens(
  deps: IdentityDeps,
  db: Knex | Knex.Transaction,
  user: UserRecord,
  family?: { id: string; startedAt: Date },
): Promise<IssuedTokens> {
  const now = Date.now();
  const familyId = family?.id ?? randomUUID();
  const familyStartedAt = family?.startedAt ?? new Date(now);
  const refreshToken = randomToken("rt");
  const expiresAt = new Date(
    Math.min(
      now + deps.settings.refreshTokenTtlSeconds * 1000,
      familyStartedAt.getTime() + deps.settings.sessionMaxSeconds * 1000,
    ),
  );
  await insertRefreshToken(db, {
    familyId,
    userId: user.id,
    tokenHash: sha256(refreshToken),
    familyStartedAt,
    expiresAt,
  });
  const accessToken = await deps.keys.signAccessToken(principalOf(user));
  return { accessToken, refreshToken, expiresIn: deps.settings.accessTokenTtlSeconds };
}
