// API keys (machine credentials) and the OAuth 2.0 client-credentials grant
// (RFC 6749 §4.4). A key is a client id and secret acting with one role in
// one organization or company; the secret is shown once and stored as its
// SHA-256. A fast hash is right here and a slow one (argon2id, as for
// passwords) would be wrong: the secret is 256 random bits, so no
// dictionary or brute force can reach it from its hash, and a slow hash
// would only spend CPU on every token request (and hand a flood of bad
// secrets a cheap way to exhaust it).
//
// Tokens: access tokens like a person's (same issuer, keys, audience and
// verifier in every service), of at most API_KEY_TOKEN_TTL_SECONDS (≤ 300),
// with `sub` = the key's id and `client_id` marking the machine principal.
// No refresh token: a client asks again with its credentials. A revoked key
// gets no new token; a token issued before stays valid until it expires (at
// most five minutes), as access tokens are not revocable (platform auth.ts).
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import {
  type CompanyLink,
  checkCursor,
  checkLimit,
  checkName,
  checkUuid,
  cursorAfter,
  invalid,
  notFound,
  type Principal,
  Problems,
  ruleBroken,
  unauthenticated,
} from "@simhub/platform";
import { sha256 } from "../crypto/random.ts";
import {
  type ApiKeyRecord,
  findApiKeyById,
  findCredentialByClientId,
  insertApiKey,
  listLiveApiKeys,
  revokeApiKey as revokeApiKeyRow,
  touchApiKey,
} from "../db/api-keys.ts";
import {
  type ApiKeyRole,
  CLIENT_ID_PREFIX,
  CLIENT_SECRET_PREFIX,
  checkApiKeyRole,
  decideApiKey,
  decideCompanyApiKeys,
  decideCompanyApiKeysEarly,
  decideOrgApiKeys,
  isClientIdFormat,
  isClientSecretFormat,
} from "../domain/api-keys.ts";
import { assertChainActive, enforce, resolveCompany } from "./chain.ts";
import type { IdentityDeps } from "./deps.ts";
import { checkUnderThrottle, clientSecretKeys } from "./throttling.ts";

const invalidClient = () => unauthenticated("client authentication failed", "INVALID_CLIENT");
const keyNotFound = () => notFound("API_KEY_NOT_FOUND", "API key not found");

/** Where a key is created or listed: exactly one of the two. */
export interface ApiKeyOwner {
  orgId: string;
  companyId: string;
}

/** The tenant of the keys asked about, once the caller is known to manage its keys. */
async function authorizeOwner(
  deps: IdentityDeps,
  principal: Principal,
  owner: ApiKeyOwner,
  problems: Problems,
): Promise<{
  level: "org" | "company";
  orgId: string;
  companyId: string | null;
  orgActive?: boolean;
  link?: CompanyLink;
}> {
  if (Boolean(owner.orgId) === Boolean(owner.companyId)) {
    problems.add("orgId", "give exactly one of orgId and companyId");
    problems.throwIfAny("invalid API key owner");
  }
  if (owner.orgId) {
    const orgId = checkUuid(problems, "orgId", owner.orgId);
    problems.throwIfAny("invalid API key");
    enforce(decideOrgApiKeys(principal, orgId), "ORGANIZATION_NOT_FOUND", "organization");
    // From the chain replica; org-service is asked only about an organization it has not heard of.
    const organization = await deps.chain.organization(orgId);
    if (!organization) throw notFound("ORGANIZATION_NOT_FOUND", "organization not found");
    return { level: "org", orgId, companyId: null, orgActive: organization.status === "active" };
  }
  const companyId = checkUuid(problems, "companyId", owner.companyId);
  problems.throwIfAny("invalid API key");
  const early = decideCompanyApiKeysEarly(principal, companyId);
  if (early && early !== "allow") enforce(early, "COMPANY_NOT_FOUND", "company");
  const link = await resolveCompany(deps, companyId);
  enforce(decideCompanyApiKeys(principal, { orgId: link.orgId, companyId }), "COMPANY_NOT_FOUND", "company");
  return { level: "company", orgId: link.orgId, companyId, link };
}

export async function createApiKey(
  deps: IdentityDeps,
  principal: Principal,
  input: ApiKeyOwner & { name: string; role: string },
): Promise<{ key: ApiKeyRecord; clientSecret: string }> {
  const problems = new Problems();
  const name = checkName(problems, "name", input.name);
  for (const error of checkApiKeyRole(input.orgId ? "org" : "company", input.role)) {
    problems.add(error.path, error.message);
  }
  const owner = await authorizeOwner(deps, principal, input, problems);
  if (owner.level === "org" && !owner.orgActive) {
    throw ruleBroken("ORGANIZATION_NOT_ACTIVE", "the organization is archived");
  }
  if (owner.link) {
    assertChainActive(owner.link);
  }
  const clientSecret = `${CLIENT_SECRET_PREFIX}${randomBytes(32).toString("base64url")}`;
  const key = await insertApiKey(deps.db, {
    id: randomUUID(),
    name,
    role: input.role as ApiKeyRole,
    orgId: owner.orgId,
    companyId: owner.companyId,
    clientId: `${CLIENT_ID_PREFIX}${randomBytes(16).toString("base64url")}`,
    secretHash: sha256(clientSecret),
    createdBy: principal.userId,
  });
  deps.logger.info(
    { apiKeyId: key.id, clientId: key.clientId, orgId: key.orgId, companyId: key.companyId, role: key.role },
    "API key created",
  );
  return { key, clientSecret };
}

export async function listApiKeys(
  deps: IdentityDeps,
  principal: Principal,
  input: ApiKeyOwner & { limit: number; cursor: string },
): Promise<{ items: ApiKeyRecord[]; nextCursor: string }> {
  const problems = new Problems();
  const limit = checkLimit(problems, input.limit);
  const afterSeq = checkCursor(problems, input.cursor);
  const owner = await authorizeOwner(deps, principal, input, problems);
  problems.throwIfAny("invalid list of API keys");
  const rows = await listLiveApiKeys(
    deps.db,
    owner.companyId ? { companyId: owner.companyId } : { orgId: owner.orgId },
    limit + 1,
    afterSeq,
  );
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? cursorAfter(last.seq) : "" };
}

export async function revokeApiKey(deps: IdentityDeps, principal: Principal, id: string): Promise<void> {
  const problems = new Problems();
  checkUuid(problems, "id", id);
  problems.throwIfAny("invalid API key id");
  const key = await findApiKeyById(deps.db, id.toLowerCase());
  if (!key) throw keyNotFound();
  enforce(decideApiKey(principal, key), "API_KEY_NOT_FOUND", "API key");
  // Of two concurrent revocations one wins; the other finds nothing left to revoke.
  if (!(await revokeApiKeyRow(deps.db, key.id, principal.userId))) throw keyNotFound();
  deps.logger.info({ apiKeyId: key.id, clientId: key.clientId }, "API key revoked");
}

/**
 * The client-credentials grant. Every way to fail is the same
 * INVALID_CLIENT (unknown, malformed or revoked client, wrong secret), and
 * each failure with a well-formed client id counts on the same kind of
 * counters as a login, checked under their row locks (checkUnderThrottle).
 */
export async function issueClientCredentialsToken(
  deps: IdentityDeps,
  input: { clientId: string; clientSecret: string; clientAddress: string },
): Promise<{ accessToken: string; expiresIn: number }> {
  if (!input.clientId || !input.clientSecret) {
    throw invalid("client_id and client_secret are required", [
      ...(input.clientId ? [] : [{ path: "client_id", message: "required" }]),
      ...(input.clientSecret ? [] : [{ path: "client_secret", message: "required" }]),
    ]);
  }
  // A client id that cannot exist names no counter worth keeping: it gets the
  // same answer without a row being written for it.
  if (!isClientIdFormat(input.clientId)) throw invalidClient();
  // Hashed whatever is found, so a wrong secret and an unknown client take the same work.
  const presented = sha256(input.clientSecret);
  const wellFormed = isClientSecretFormat(input.clientSecret);
  const credential = await checkUnderThrottle(
    deps,
    clientSecretKeys(deps, input.clientId, input.clientAddress),
    async (trx) => {
      const found = await findCredentialByClientId(trx, input.clientId);
      const matches = found !== undefined && wellFormed && timingSafeEqual(presented, found.secretHash);
      return matches && !found.revokedAt ? found : undefined;
    },
  );
  if (!credential) throw invalidClient();
  const ttl = deps.settings.apiKeyTokenTtlSeconds;
  const accessToken = await deps.keys.signAccessToken(
    {
      userId: credential.id,
      role: credential.role,
      orgId: credential.orgId,
      ...(credential.companyId ? { companyId: credential.companyId } : {}),
      clientId: credential.clientId,
    },
    ttl,
  );
  await touchApiKey(deps.db, credential.id);
  return { accessToken, expiresIn: ttl };
}
