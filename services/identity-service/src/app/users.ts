// Creating and managing users: staff of organizations and companies, and end
// users. Every company user's chain is checked with company-service; every
// change and its event commit in one transaction.
import { randomUUID } from "node:crypto";
import {
  type CompanyRole,
  checkLimit,
  checkUuid,
  companyRoles,
  conflict,
  decodeCursor,
  encodeCursor,
  enqueueEvent,
  invalid,
  isCompanyRole,
  isOrgRole,
  isUniqueViolation,
  isUuid,
  notFound,
  type OrgRole,
  orgRoles,
  type Principal,
  Problems,
  ruleBroken,
  uuidErrors,
} from "@simhub/platform";
import { revokeAllForUser } from "../db/sessions.ts";
import {
  countEndUsers as countEndUsersRows,
  findUserById,
  insertUser,
  listEndUsers as listEndUserRows,
  type UserRecord,
} from "../db/users.ts";
import { decideCreateOrgStaff, decideEndUser, type EndUserAction } from "../domain/access.ts";
import { checkEmail, checkNewAccount, checkUsername, normalizeUsername } from "../domain/credentials.ts";
import { assertChainActive, authorizeCompany, enforce } from "./chain.ts";
import type { IdentityDeps } from "./deps.ts";

export interface NewAccountInput {
  username: string;
  email: string;
  password: string;
}

const usernameTaken = () => conflict("USERNAME_TAKEN", "the username is taken");

export async function createOrgStaff(
  deps: IdentityDeps,
  principal: Principal,
  input: NewAccountInput & { orgId: string; role: string },
): Promise<UserRecord> {
  const errors = [
    ...uuidErrors("orgId", input.orgId),
    ...checkNewAccount(input),
    ...(isOrgRole(input.role) ? [] : [{ path: "role", message: `one of ${orgRoles.join(", ")}` }]),
  ];
  if (errors.length > 0) throw invalid("invalid staff member", errors);
  enforce(decideCreateOrgStaff(principal, input.orgId), "ORGANIZATION_NOT_FOUND", "organization");
  // From the chain replica; org-service is asked only about an organization it has not heard of.
  const organization = await deps.chain.organization(input.orgId);
  if (!organization) throw notFound("ORGANIZATION_NOT_FOUND", "organization not found");
  if (organization.status !== "active") {
    throw ruleBroken("ORGANIZATION_NOT_ACTIVE", "the organization is archived");
  }
  return createUser(deps, principal, {
    ...input,
    role: input.role as OrgRole,
    orgId: input.orgId,
    companyId: null,
  });
}

export async function createCompanyStaff(
  deps: IdentityDeps,
  principal: Principal,
  input: NewAccountInput & { companyId: string; role: string },
): Promise<UserRecord> {
  const errors = [
    ...uuidErrors("companyId", input.companyId),
    ...checkNewAccount(input),
    ...(isCompanyRole(input.role) ? [] : [{ path: "role", message: `one of ${companyRoles.join(", ")}` }]),
  ];
  if (errors.length > 0) throw invalid("invalid staff member", errors);
  const resolved = await authorizeCompany(deps, principal, input.companyId, "manageStaff", true);
  const chain = assertChainActive(resolved!);
  return createUser(deps, principal, {
    ...input,
    role: input.role as CompanyRole,
    orgId: chain.orgId,
    companyId: chain.companyId,
  });
}

export async function createEndUser(
  deps: IdentityDeps,
  principal: Principal,
  input: NewAccountInput & { companyId: string },
): Promise<UserRecord> {
  const errors = [...uuidErrors("companyId", input.companyId), ...checkNewAccount(input)];
  if (errors.length > 0) throw invalid("invalid end user", errors);
  const resolved = await authorizeCompany(deps, principal, input.companyId, "manageEndUsers", true);
  const chain = assertChainActive(resolved!);
  return createUser(deps, principal, {
    ...input,
    role: "end_user",
    orgId: chain.orgId,
    companyId: chain.companyId,
  });
}

async function createUser(
  deps: IdentityDeps,
  principal: Principal,
  input: NewAccountInput & {
    role: UserRecord["role"];
    orgId: string;
    companyId: string | null;
  },
): Promise<UserRecord> {
  const usernameKey = normalizeUsername(input.username);
  // Cheap early answer for the common duplicate; the unique index decides races.
  if (
    await deps.db("users").where({ username_key: usernameKey }).whereNot({ status: "removed" }).first("id")
  ) {
    throw usernameTaken();
  }
  const passwordHash = await deps.hasher.hash(input.password);
  const id = randomUUID();
  await deps.db.transaction(async (trx) => {
    const inserted = await insertUser(trx, {
      id,
      username: input.username,
      usernameKey,
      email: input.email,
      role: input.role,
      orgId: input.orgId,
      companyId: input.companyId,
      passwordHash,
      status: "active",
      via: input.role === "end_user" ? "admin" : null,
      createdBy: principal.userId,
    });
    if (!inserted) throw usernameTaken();
    if (input.role === "end_user") {
      await enqueueEvent(trx, deps.events, {
        type: "EndUserRegistered",
        subject: id,
        orgId: input.orgId,
        companyId: input.companyId,
        data: {
          userId: id,
          companyId: input.companyId!,
          orgId: input.orgId,
          username: input.username,
          email: input.email,
          via: "admin",
        },
      });
    } else {
      await enqueueEvent(trx, deps.events, {
        type: "StaffAdded",
        subject: id,
        orgId: input.orgId,
        companyId: input.companyId,
        data: {
          userId: id,
          role: input.role,
          orgId: input.orgId,
          companyId: input.companyId,
          username: input.username,
        },
      });
    }
  });
  const created = await findUserById(deps.db, id);
  if (!created) throw new Error("created user vanished");
  return created;
}

export interface EndUserPage {
  items: UserRecord[];
  nextCursor: string;
}

export async function listEndUsers(
  deps: IdentityDeps,
  principal: Principal,
  input: { companyId: string; limit: number; cursor: string },
): Promise<EndUserPage> {
  const problems = new Problems();
  checkUuid(problems, "companyId", input.companyId);
  const limit = checkLimit(problems, input.limit);
  problems.throwIfAny("invalid list of end users");
  let after: { createdAt: string; id: string } | undefined;
  if (input.cursor) {
    const decoded = decodeCursor(input.cursor);
    if (!decoded || typeof decoded.c !== "string" || typeof decoded.i !== "string" || !isUuid(decoded.i)) {
      throw invalid("invalid cursor", [{ path: "cursor", message: "not a cursor of this list" }]);
    }
    after = { createdAt: decoded.c, id: decoded.i };
  }
  await authorizeCompany(deps, principal, input.companyId, "readEndUsers", false);
  const rows = await listEndUserRows(deps.db, input.companyId, limit + 1, after);
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return {
    items,
    nextCursor:
      rows.length > limit && last ? encodeCursor({ c: last.createdAt.toISOString(), i: last.id }) : "",
  };
}

export async function countEndUsers(
  deps: IdentityDeps,
  principal: Principal,
  companyId: string,
): Promise<number> {
  const errors = uuidErrors("companyId", companyId);
  if (errors.length > 0) throw invalid("invalid company id", errors);
  await authorizeCompany(deps, principal, companyId, "readEndUsers", false);
  return countEndUsersRows(deps.db, companyId);
}

async function loadEndUser(
  deps: IdentityDeps,
  principal: Principal,
  id: string,
  action: EndUserAction,
): Promise<UserRecord> {
  const errors = uuidErrors("id", id);
  if (errors.length > 0) throw invalid("invalid end user id", errors);
  const user = await findUserById(deps.db, id, { includePending: principal.role === "service" });
  if (user?.role !== "end_user" || !user.companyId || !user.orgId) {
    throw notFound("END_USER_NOT_FOUND", "end user not found");
  }
  enforce(
    decideEndUser(principal, { id: user.id, companyId: user.companyId, orgId: user.orgId }, action),
    "END_USER_NOT_FOUND",
    "end user",
  );
  return user;
}

export function getEndUser(deps: IdentityDeps, principal: Principal, id: string): Promise<UserRecord> {
  return loadEndUser(deps, principal, id, "read");
}

export async function updateEndUser(
  deps: IdentityDeps,
  principal: Principal,
  input: { id: string; email: string; username: string; companyId: string },
): Promise<UserRecord> {
  const user = await loadEndUser(deps, principal, input.id, "update");
  if (input.companyId && input.companyId !== user.companyId) {
    throw invalid(
      "an end user never moves to another company",
      [{ path: "companyId", message: "cannot change" }],
      "IMMUTABLE_FIELD",
    );
  }
  const errors = [
    ...(input.email ? checkEmail(input.email) : []),
    ...(input.username ? checkUsername(input.username) : []),
  ];
  if (errors.length > 0) throw invalid("invalid end user", errors);
  const changes: Record<string, unknown> = {};
  if (input.email && input.email !== user.email) changes.email = input.email;
  if (input.username && input.username !== user.username) {
    changes.username = input.username;
    changes.username_key = normalizeUsername(input.username);
  }
  if (Object.keys(changes).length === 0) return user;
  try {
    await deps.db.transaction(async (trx) => {
      const updated = await trx("users")
        .where({ id: user.id, status: "active" })
        .update({ ...changes, updated_at: trx.fn.now() });
      if (updated !== 1) throw notFound("END_USER_NOT_FOUND", "end user not found");
      await enqueueEvent(trx, deps.events, {
        type: "EndUserUpdated",
        subject: user.id,
        orgId: user.orgId,
        companyId: user.companyId,
        data: {
          userId: user.id,
          companyId: user.companyId!,
          orgId: user.orgId!,
          username: (changes.username as string | undefined) ?? user.username,
          email: (changes.email as string | undefined) ?? user.email,
          via: user.via === "self-registration" ? "self-registration" : "admin",
        },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw usernameTaken();
    throw error;
  }
  const updated = await findUserById(deps.db, user.id);
  if (!updated) throw notFound("END_USER_NOT_FOUND", "end user not found");
  return updated;
}

/** Removes an end user (kept as a tombstone row), ends its sessions and turns off its 2FA. */
export async function removeEndUser(deps: IdentityDeps, principal: Principal, id: string): Promise<void> {
  const user = await loadEndUser(deps, principal, id, "remove");
  await deps.db.transaction(async (trx) => {
    const removed = await trx("users").where({ id: user.id, status: "active" }).update({
      status: "removed",
      removed_at: trx.fn.now(),
      updated_at: trx.fn.now(),
      password_hash: "!",
    });
    if (removed !== 1) throw notFound("END_USER_NOT_FOUND", "end user not found");
    await revokeAllForUser(trx, user.id);
    await trx("user_mfa").where({ user_id: user.id }).delete();
    await trx("recovery_codes").where({ user_id: user.id }).delete();
    await enqueueEvent(trx, deps.events, {
      type: "EndUserRemoved",
      subject: user.id,
      orgId: user.orgId,
      companyId: user.companyId,
      data: { userId: user.id, companyId: user.companyId!, orgId: user.orgId! },
    });
  });
}
