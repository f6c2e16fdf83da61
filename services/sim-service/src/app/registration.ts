// Self-registration of a consumer who bought a SIM (POST /v1/register), in two
// steps called by identity-service (role `service` only): VerifyActivation
// before it creates the end user, AssignSimToEndUserBySystem after. The
// second step checks everything again and claims the SIM with a
// version-guarded update, so of two consumers racing for one SIM exactly one
// wins and the other gets SIM_ALREADY_REGISTERED.
import {
  checkUuid,
  conflict,
  forbidden,
  notFound,
  type Principal,
  Problems,
  ruleBroken,
} from "@simhub/platform";
import { findSim, type SimRecord } from "../db/sims.ts";
import { activationCodeMatches } from "./activation-code.ts";
import { guardedActivationMatch } from "./activation-guard.ts";
import { chainUnresolved } from "./company-chain.ts";
import { actorOf, type SimDeps } from "./deps.ts";
import { mutateSim } from "./mutate.ts";

function requireService(principal: Principal) {
  if (principal.role !== "service") throw forbidden("only internal services may call this");
}

// One answer for an unknown ICCID, a SIM without a code and a wrong code, so
// codes cannot be probed ICCID by ICCID.
const activationNotFound = () => notFound("ACTIVATION_NOT_FOUND", "unknown ICCID or wrong activation code");

async function loadByActivation(
  deps: SimDeps,
  iccid: string,
  activationCode: string,
  { guarded }: { guarded: boolean },
): Promise<SimRecord> {
  const normalisedIccid = iccid.trim();
  if (!/^[0-9]{19,20}$/.test(normalisedIccid)) throw activationNotFound();
  const sim = await findSim(deps.db, normalisedIccid);
  if (!sim) throw activationNotFound();
  const matches = () =>
    activationCodeMatches(deps.hashActivationCode, sim.iccid, activationCode.trim(), sim.activationCodeHash);
  // Guessing goes through VerifyActivation; the claim that follows it repeats a proven code.
  if (!(guarded ? await guardedActivationMatch(deps, sim.orgId, matches) : matches())) {
    throw activationNotFound();
  }
  return sim;
}

function assertClaimable(sim: SimRecord) {
  if (sim.status === "archived") throw ruleBroken("SIM_ARCHIVED", "this SIM is archived");
  if (sim.companyId === null) {
    throw ruleBroken("SIM_NOT_ASSIGNED", "this SIM is not assigned to a company yet");
  }
}

export async function verifyActivation(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string; activationCode: string },
): Promise<SimRecord> {
  requireService(principal);
  const sim = await loadByActivation(deps, input.iccid, input.activationCode, { guarded: true });
  assertClaimable(sim);
  if (sim.endUserId !== null) {
    throw conflict("SIM_ALREADY_REGISTERED", "this SIM is already registered to a user");
  }
  return sim;
}

export async function assignSimToEndUserBySystem(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string; endUserId: string; activationCode: string; companyId: string },
): Promise<SimRecord> {
  requireService(principal);
  const problems = new Problems();
  const endUserId = checkUuid(problems, "endUserId", input.endUserId);
  const expectedCompanyId = input.companyId ? checkUuid(problems, "companyId", input.companyId) : undefined;
  problems.throwIfAny("invalid registration");
  return mutateSim(
    deps,
    () => loadByActivation(deps, input.iccid, input.activationCode, { guarded: false }),
    async (sim) => {
      if (sim.endUserId === endUserId) return { kind: "unchanged" };
      assertClaimable(sim);
      if (sim.endUserId !== null) {
        throw conflict("SIM_ALREADY_REGISTERED", "this SIM is already registered to a user");
      }
      const companyId = sim.companyId!;
      if (expectedCompanyId && expectedCompanyId !== companyId) {
        throw chainUnresolved("the SIM is no longer assigned to the end user's company");
      }
      const actor = actorOf(principal);
      return {
        kind: "change",
        changes: { endUserId },
        history: {
          kind: "end_user_assigned",
          actorUserId: actor.userId,
          actorRole: actor.role,
          before: { endUserId: null },
          after: { endUserId, via: "self-registration" },
        },
        events: [
          {
            type: "SimAssignedToEndUser",
            subject: sim.iccid,
            orgId: sim.orgId,
            companyId,
            data: { iccid: sim.iccid, orgId: sim.orgId, companyId, endUserId },
          },
        ],
      };
    },
  );
}
