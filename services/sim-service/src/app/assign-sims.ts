// Assignment of a SIM to a company, its unassignment, and handing it to an
// end user of that company.
import { AppError, conflict, forbidden, type Principal, requireUuid, ruleBroken } from "@simhub/platform";
import { findSimWithCompany, type ReplicaCompany, type SimRecord } from "../db/sims.ts";
import { canAssignToEndUser, canManageOrganizationSims, canSeeSim } from "../domain/access.ts";
import { decideCompanyChain, decideEndUserChain } from "../domain/chain.ts";
import { planLeavingWithCompany } from "../domain/plans.ts";
import { chainUnresolved, companyChainOf } from "./company-chain.ts";
import { actorOf, type SimDeps } from "./deps.ts";
import { changeWrite, checkIccid, loadVisibleSim, mutateSim, type SimPlan, simNotFound } from "./mutate.ts";
import { endUserUnassigned } from "./sim-events.ts";

function refuseArchived(sim: SimRecord) {
  if (sim.status === "archived") {
    throw ruleBroken("SIM_ARCHIVED", "an archived SIM cannot be assigned");
  }
}

/**
 * An assignment is one statement when the company's organization is known
 * in memory (ChainReplica.organizationOf; the link never changes): the
 * write's guard is the decision's precondition — the SIM free in that
 * organization and not archived, the company live in the replica — so it
 * needs no read of its own. When the guard does not hold, or the link is not
 * known yet, the change is decided on the row read with the company's replica
 * entry, which then reports why it is refused.
 */
export async function assignSimToCompany(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string; companyId: string },
): Promise<SimRecord> {
  const companyId = requireUuid("companyId", input.companyId);
  const iccid = checkIccid(input.iccid);
  const knownOrgId = deps.chain.organizationOf(companyId);
  if (knownOrgId !== undefined && canManageOrganizationSims(principal, knownOrgId)) {
    const change = assignment(principal, { iccid, orgId: knownOrgId }, companyId);
    const outcome = await deps.writes.write(changeWrite(deps, iccid, change, { freeInOrg: knownOrgId }));
    if (outcome.kind === "written") return outcome.sim;
  }
  // What the chain replica knew of the company, read with the SIM.
  let replicaCompany: ReplicaCompany | undefined;
  return mutateSim(
    deps,
    async () => {
      const found = await findSimWithCompany(deps.db, iccid, companyId);
      if (!found || !canSeeSim(principal, found.sim)) throw simNotFound();
      replicaCompany = found.company;
      return found.sim;
    },
    async (sim) => {
      if (!canManageOrganizationSims(principal, sim.orgId)) {
        throw forbidden("only the organization's users assign its SIMs to companies");
      }
      if (sim.companyId === companyId) return { kind: "unchanged" };
      if (sim.companyId !== null) {
        throw conflict("SIM_ALREADY_ASSIGNED", "the SIM is assigned to another company; unassign it first");
      }
      refuseArchived(sim);
      const chain = await companyChainOf(deps.chain, companyId, replicaCompany);
      const decision = decideCompanyChain(sim.orgId, chain);
      if (!decision.ok) throw chainUnresolved(decision.message);
      return assignment(principal, sim, companyId);
    },
  );
}

/** The change that assigns a free SIM of `sim.orgId` to `companyId`, a company of that organization. */
function assignment(
  principal: Principal,
  sim: { iccid: string; orgId: string },
  companyId: string,
): Extract<SimPlan, { kind: "change" }> {
  const actor = actorOf(principal);
  return {
    kind: "change",
    changes: { companyId },
    history: {
      kind: "assigned",
      actorUserId: actor.userId,
      actorRole: actor.role,
      before: { companyId: null },
      after: { companyId },
    },
    events: [
      {
        type: "SimAssigned",
        subject: sim.iccid,
        orgId: sim.orgId,
        companyId,
        data: { iccid: sim.iccid, orgId: sim.orgId, companyId, previousCompanyId: null },
      },
    ],
    liveCompany: {
      companyId,
      orgId: sim.orgId,
      refusal: () => chainUnresolved("the company is archived"),
    },
  };
}

/**
 * Takes the SIM back from its company, from its end user (who belongs to
 * that company) and from a plan offered to that company only: one change,
 * one statement, with SimUnassigned (naming the removed plan) and, when an
 * end user held the SIM, SimEndUserUnassigned.
 */
export async function unassignSim(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string },
): Promise<SimRecord> {
  return mutateSim(
    deps,
    () => loadVisibleSim(deps, principal, input.iccid),
    async (sim) => {
      if (!canManageOrganizationSims(principal, sim.orgId)) {
        throw forbidden("only the organization's users unassign its SIMs");
      }
      const previousCompanyId = sim.companyId;
      if (previousCompanyId === null) return { kind: "unchanged" };
      const actor = actorOf(principal);
      const removedPlanId = planLeavingWithCompany(sim);
      const { iccid, orgId, endUserId } = sim;
      return {
        kind: "change",
        changes: { companyId: null, endUserId: null, ...(removedPlanId ? { removePlan: true } : {}) },
        history: {
          kind: "unassigned",
          actorUserId: actor.userId,
          actorRole: actor.role,
          before: {
            companyId: previousCompanyId,
            endUserId,
            ...(removedPlanId ? { planId: removedPlanId } : {}),
          },
          after: { companyId: null, endUserId: null, ...(removedPlanId ? { planId: null } : {}) },
        },
        events: [
          ...(endUserId
            ? [endUserUnassigned({ iccid, orgId, companyId: previousCompanyId }, endUserId, "unassigned")]
            : []),
          {
            type: "SimUnassigned",
            subject: iccid,
            orgId,
            companyId: previousCompanyId,
            data: { iccid, orgId, previousCompanyId, removedPlanId },
          },
        ],
      };
    },
  );
}

export async function assignSimToEndUser(
  deps: SimDeps,
  principal: Principal,
  input: { iccid: string; endUserId: string },
): Promise<SimRecord> {
  const endUserId = requireUuid("endUserId", input.endUserId);
  // identity-service's answer, asked once even if the update has to be retried.
  let userCompany: { companyId: string | undefined } | undefined;
  return mutateSim(
    deps,
    () => loadVisibleSim(deps, principal, input.iccid),
    async (sim) => {
      if (!canAssignToEndUser(principal, sim)) {
        throw forbidden("only the organization's users or the SIM's company hand it to an end user");
      }
      if (sim.endUserId === endUserId) return { kind: "unchanged" };
      if (sim.companyId === null) {
        throw ruleBroken("SIM_NOT_ASSIGNED", "assign the SIM to a company before handing it to an end user");
      }
      if (sim.endUserId !== null) {
        throw conflict("SIM_ALREADY_ASSIGNED", "the SIM already belongs to another end user");
      }
      refuseArchived(sim);
      if (!userCompany) {
        try {
          const user = await deps.identity.GetEndUser({ id: endUserId });
          userCompany = { companyId: user.companyId };
        } catch (error) {
          if (error instanceof AppError && (error.kind === "not_found" || error.kind === "forbidden")) {
            userCompany = { companyId: undefined };
          } else throw error;
        }
      }
      const decision = decideEndUserChain(sim.companyId, userCompany.companyId);
      if (!decision.ok) throw chainUnresolved(decision.message);
      const companyId = sim.companyId;
      const actor = actorOf(principal);
      return {
        kind: "change",
        changes: { endUserId },
        history: {
          kind: "end_user_assigned",
          actorUserId: actor.userId,
          actorRole: actor.role,
          before: { endUserId: null },
          after: { endUserId },
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
