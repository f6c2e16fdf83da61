// Self-registration of a consumer who bought a SIM: the ICCID and activation
// code prove the purchase; the user lands in the company the SIM is
// assigned to, and the SIM is assigned to the user.
//
// Two systems of record take part, so the user is written first as
// `pending` (no event, cannot log in), the SIM is claimed in sim-service,
// and only then does the user become active with its EndUserRegistered
// event. A refused claim deletes the pending row: nothing changed. A crash
// or an outage between the claim and the activation is repaired by
// reconcilePendingRegistrations, which repeats the claim (idempotent in
// sim-service for the same user) with the activation code kept sealed on the
// pending row until it is settled.
import { randomUUID } from "node:crypto";
import { AppError, conflict, enqueueEvent, invalid, ruleBroken } from "@simhub/platform";
import { findUserById, insertUser, type UserRecord } from "../db/users.ts";
import { checkNewAccount, normalizeUsername } from "../domain/credentials.ts";
import { assertChainActive, resolveCompany } from "./chain.ts";
import { type IdentityDeps, serviceToken } from "./deps.ts";
import { beginThrottledAttempt, endThrottledAttempt, type ThrottleKey } from "./throttling.ts";

const iccidPattern = /^89\d{17,18}$/;
const registrationCodeData = (userId: string) => `registration-code:${userId}`;

const activationInvalid = () =>
  ruleBroken(
    "SIM_ACTIVATION_INVALID",
    "the ICCID and activation code do not match a SIM that can be registered",
  );
const simNotAssigned = () =>
  ruleBroken("SIM_NOT_ASSIGNED", "the SIM is not assigned to a company yet; ask its seller");
const simTaken = () => conflict("SIM_ALREADY_REGISTERED", "the SIM already belongs to a user");

/** Maps sim-service's refusals to this use case's answers; outages pass through. */
function mapSimRefusal(error: unknown): unknown {
  if (!(error instanceof AppError)) return error;
  if (error.kind === "conflict") return simTaken();
  if (error.code === "SIM_NOT_ASSIGNED") return simNotAssigned();
  if (["not_found", "rule", "invalid", "forbidden", "aborted"].includes(error.kind))
    return activationInvalid();
  return error;
}

export async function registerWithSim(
  deps: IdentityDeps,
  input: {
    iccid: string;
    activationCode: string;
    username: string;
    email: string;
    password: string;
    clientAddress: string;
  },
): Promise<{ user: UserRecord; iccid: string }> {
  const errors = [
    ...(input.iccid
      ? iccidPattern.test(input.iccid)
        ? []
        : [{ path: "iccid", message: "19 or 20 digits starting with 89" }]
      : [{ path: "iccid", message: "required" }]),
    ...(input.activationCode ? [] : [{ path: "activationCode", message: "required" }]),
    ...checkNewAccount(input),
  ];
  if (errors.length > 0) throw invalid("invalid registration", errors);

  // Guessing activation codes is throttled like guessing passwords: per SIM
  // and per client address here, per organization in sim-service (which
  // alone knows a SIM's organization). Counted before the code is checked.
  const keys: ThrottleKey[] = [
    { key: `registration:${input.iccid}`, policy: deps.settings.accountThrottle, onSuccess: "reset" },
    { key: `address:${input.clientAddress}`, policy: deps.settings.addressThrottle, onSuccess: "giveBack" },
  ];
  await beginThrottledAttempt(deps, keys);

  // The code is proven before anything is said about the username: a taken
  // one and a free one answer alike until then, so usernames cannot be
  // probed without a SIM's code.
  const token = await serviceToken(deps);
  let activation: { orgId: string; companyId: string; endUserId: string };
  try {
    activation = await deps.clients.sim.VerifyActivation(
      { iccid: input.iccid, activationCode: input.activationCode },
      { token },
    );
  } catch (error) {
    throw mapSimRefusal(error);
  }
  await endThrottledAttempt(deps, keys);
  const usernameKey = normalizeUsername(input.username);
  if (
    await deps.db("users").where({ username_key: usernameKey }).whereNot({ status: "removed" }).first("id")
  ) {
    throw conflict("USERNAME_TAKEN", "the username is taken");
  }
  if (activation.endUserId) throw simTaken();
  if (!activation.companyId) throw simNotAssigned();
  const chain = assertChainActive(await resolveCompany(deps, activation.companyId, { token }));
  if (chain.orgId !== activation.orgId) throw activationInvalid();

  const passwordHash = await deps.hasher.hash(input.password);
  const id = randomUUID();
  const inserted = await insertUser(deps.db, {
    id,
    username: input.username,
    usernameKey,
    email: input.email,
    role: "end_user",
    orgId: chain.orgId,
    companyId: chain.companyId,
    passwordHash,
    status: "pending",
    via: "self-registration",
    registrationIccid: input.iccid,
    registrationCodeSealed: deps.box.seal(input.activationCode, registrationCodeData(id)),
    createdBy: null,
  });
  if (!inserted) throw conflict("USERNAME_TAKEN", "the username is taken");

  try {
    await deps.clients.sim.AssignSimToEndUserBySystem(
      {
        iccid: input.iccid,
        endUserId: id,
        activationCode: input.activationCode,
        companyId: chain.companyId,
      },
      { token: await serviceToken(deps) },
    );
  } catch (error) {
    const mapped = mapSimRefusal(error);
    // Refused for certain: undo. An outage leaves the outcome unknown, so the
    // pending row stays for the reconciliation to settle.
    if (!(mapped instanceof AppError) || mapped.kind !== "unavailable") {
      await deps.db("users").where({ id, status: "pending" }).delete();
    }
    throw mapped;
  }
  await activateRegistration(deps, id);
  const user = await findUserById(deps.db, id);
  if (!user) throw new Error("registered user vanished");
  return { user, iccid: input.iccid };
}

async function activateRegistration(deps: IdentityDeps, id: string): Promise<void> {
  await deps.db.transaction(async (trx) => {
    const [row] = await trx("users")
      .where({ id, status: "pending" })
      .update({ status: "active", registration_code_sealed: null, updated_at: trx.fn.now() })
      .returning(["id", "username", "email", "org_id", "company_id"]);
    if (!row) return;
    await enqueueEvent(trx, deps.events, {
      type: "EndUserRegistered",
      subject: id,
      orgId: row.org_id,
      companyId: row.company_id,
      data: {
        userId: id,
        companyId: row.company_id,
        orgId: row.org_id,
        username: row.username,
        email: row.email,
        via: "self-registration",
      },
    });
  });
}

/**
 * Settles registrations left pending by a crash or an outage: the SIM claim
 * is repeated (sim-service answers it again for the same user); the user
 * becomes active when it succeeds and is deleted when it is refused. Only
 * rows older than `olderThanSeconds` are looked at, so a registration in
 * progress is left alone; an outage leaves the row for the next round.
 */
export async function reconcilePendingRegistrations(
  deps: IdentityDeps,
  olderThanSeconds = 120,
): Promise<void> {
  const pending = (await deps
    .db("users")
    .where({ status: "pending" })
    .where("created_at", "<", deps.db.raw("now() - make_interval(secs => ?)", [olderThanSeconds]))
    .limit(100)
    .select("id", "company_id", "registration_iccid", "registration_code_sealed")) as {
    id: string;
    company_id: string;
    registration_iccid: string | null;
    registration_code_sealed: string | null;
  }[];
  for (const row of pending) {
    const discard = () => deps.db("users").where({ id: row.id, status: "pending" }).delete();
    if (!row.registration_iccid || !row.registration_code_sealed) {
      await discard();
      continue;
    }
    try {
      await deps.clients.sim.AssignSimToEndUserBySystem(
        {
          iccid: row.registration_iccid,
          endUserId: row.id,
          activationCode: deps.box.open(row.registration_code_sealed, registrationCodeData(row.id)),
          companyId: row.company_id,
        },
        { token: await serviceToken(deps) },
      );
      await activateRegistration(deps, row.id);
    } catch (error) {
      if (error instanceof AppError && error.kind !== "unavailable" && error.kind !== "deadline") {
        await discard();
      } else {
        deps.logger.warn({ err: error, userId: row.id }, "pending registration not settled yet");
      }
    }
  }
}
