// Users: rows ↔ the app's view of a user. Every query parameterised.
import type { Knex, Role } from "@simhub/platform";

export interface UserRecord {
  id: string;
  username: string;
  usernameKey: string;
  email: string;
  role: Exclude<Role, "service">;
  orgId: string | null;
  companyId: string | null;
  passwordHash: string;
  status: "active" | "pending" | "removed";
  via: "admin" | "self-registration" | "bootstrap" | null;
  registrationIccid: string | null;
  mfaEnabled: boolean;
  createdAt: Date;
  updatedAt: Date;
}

interface UserRow {
  id: string;
  username: string;
  username_key: string;
  email: string;
  role: UserRecord["role"];
  org_id: string | null;
  company_id: string | null;
  password_hash: string;
  status: UserRecord["status"];
  via: UserRecord["via"];
  registration_iccid: string | null;
  mfa_enabled: boolean | null;
  created_at: Date;
  updated_at: Date;
}

const columns = [
  "u.id",
  "u.username",
  "u.username_key",
  "u.email",
  "u.role",
  "u.org_id",
  "u.company_id",
  "u.password_hash",
  "u.status",
  "u.via",
  "u.registration_iccid",
  "u.created_at",
  "u.updated_at",
  "m.enabled as mfa_enabled",
];

function toRecord(row: UserRow): UserRecord {
  return {
    id: row.id,
    username: row.username,
    usernameKey: row.username_key,
    email: row.email,
    role: row.role,
    orgId: row.org_id,
    companyId: row.company_id,
    passwordHash: row.password_hash,
    status: row.status,
    via: row.via,
    registrationIccid: row.registration_iccid,
    mfaEnabled: row.mfa_enabled === true,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function selectUsers(db: Knex | Knex.Transaction) {
  return db({ u: "users" }).leftJoin({ m: "user_mfa" }, "m.user_id", "u.id").select(columns);
}

export async function findUserById(
  db: Knex | Knex.Transaction,
  id: string,
  options: { includePending?: boolean; forUpdate?: boolean } = {},
): Promise<UserRecord | undefined> {
  const statuses = options.includePending ? ["active", "pending"] : ["active"];
  let query = selectUsers(db).where("u.id", id).whereIn("u.status", statuses).first();
  if (options.forUpdate) query = query.forUpdate("u");
  const row = (await query) as UserRow | undefined;
  return row ? toRecord(row) : undefined;
}

export async function findActiveUserByUsername(
  db: Knex | Knex.Transaction,
  usernameKey: string,
): Promise<UserRecord | undefined> {
  const row = (await selectUsers(db)
    .where("u.username_key", usernameKey)
    .where("u.status", "active")
    .first()) as UserRow | undefined;
  return row ? toRecord(row) : undefined;
}

export interface NewUser {
  id: string;
  username: string;
  usernameKey: string;
  email: string;
  role: UserRecord["role"];
  orgId: string | null;
  companyId: string | null;
  passwordHash: string;
  status: "active" | "pending";
  via: UserRecord["via"];
  registrationIccid?: string | null;
  registrationCodeSealed?: string | null;
  createdBy: string | null;
}

/** Inserts a user; false when the username is taken (nothing written). */
export async function insertUser(db: Knex | Knex.Transaction, user: NewUser): Promise<boolean> {
  const inserted = await db.raw(
    `INSERT INTO users (id, username, username_key, email, role, org_id, company_id, password_hash,
                        status, via, registration_iccid, registration_code_sealed, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (username_key) WHERE status <> 'removed' DO NOTHING
     RETURNING id`,
    [
      user.id,
      user.username,
      user.usernameKey,
      user.email,
      user.role,
      user.orgId,
      user.companyId,
      user.passwordHash,
      user.status,
      user.via,
      user.registrationIccid ?? null,
      user.registrationCodeSealed ?? null,
      user.createdBy,
    ],
  );
  return inserted.rows.length === 1;
}

export async function updatePasswordHash(db: Knex | Knex.Transaction, id: string, passwordHash: string) {
  await db("users").where({ id }).update({ password_hash: passwordHash, updated_at: db.fn.now() });
}

export async function listEndUsers(
  db: Knex | Knex.Transaction,
  companyId: string,
  limit: number,
  after: { createdAt: string; id: string } | undefined,
): Promise<UserRecord[]> {
  let query = selectUsers(db)
    .where("u.company_id", companyId)
    .where("u.role", "end_user")
    .where("u.status", "active");
  if (after) {
    query = query.whereRaw("(u.created_at, u.id) > (?::timestamptz, ?::uuid)", [after.createdAt, after.id]);
  }
  const rows = (await query
    .orderBy([
      { column: "u.created_at", order: "asc" },
      { column: "u.id", order: "asc" },
    ])
    .limit(limit)) as UserRow[];
  return rows.map(toRecord);
}

export async function countEndUsers(db: Knex | Knex.Transaction, companyId: string): Promise<number> {
  const [row] = (await db("users")
    .where({ company_id: companyId, role: "end_user", status: "active" })
    .count({ count: "*" })) as [{ count: string | number }];
  return Number(row.count);
}
