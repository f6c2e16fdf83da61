// The platform admin exists from the first start. Idempotent across
// replicas starting together: the insert does nothing when the username is
// already there, and an existing admin's password is never overwritten.
import { randomUUID } from "node:crypto";
import { insertUser } from "../db/users.ts";
import { normalizeUsername } from "../domain/credentials.ts";
import type { IdentityDeps } from "./deps.ts";

export async function ensurePlatformAdmin(
  deps: IdentityDeps,
  username: string,
  password: string,
): Promise<void> {
  const usernameKey = normalizeUsername(username);
  const existing = await deps
    .db("users")
    .where({ username_key: usernameKey })
    .whereNot({ status: "removed" })
    .first("id");
  if (existing) return;
  const created = await insertUser(deps.db, {
    id: randomUUID(),
    username,
    usernameKey,
    email: `${usernameKey.replace(/[^a-z0-9._-]/g, "")}@localhost.invalid`,
    role: "platform_admin",
    orgId: null,
    companyId: null,
    passwordHash: await deps.hasher.hash(password),
    status: "active",
    via: "bootstrap",
    createdBy: null,
  });
  if (created) deps.logger.info({ username }, "platform admin created");
}
