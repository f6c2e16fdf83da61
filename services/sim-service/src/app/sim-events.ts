// The events sim-service publishes about one SIM, each built in one place:
// the envelope's subject (the ICCID) and tenant come from the SIM, and so do
// the data's iccid, orgId and companyId.
import type { EventData } from "@simhub/contracts";
import type { EventToPublish } from "@simhub/platform";
import type { SimStatus, SuspensionReason } from "../domain/status.ts";

interface SimTenancy {
  iccid: string;
  orgId: string;
  companyId: string | null;
}

type WithSim = "SimStatusChanged" | "SimPlanAssigned" | "SimEndUserUnassigned" | "SimAssignedToEndUser";

function simEvent<T extends WithSim>(
  type: T,
  sim: SimTenancy,
  data: Omit<EventData<T>, "iccid" | "orgId" | "companyId">,
): EventToPublish<T> {
  const { iccid, orgId, companyId } = sim;
  return {
    type,
    subject: iccid,
    orgId,
    companyId,
    data: { iccid, orgId, companyId, ...data } as EventData<T>,
  };
}

export function statusChanged(
  sim: SimTenancy,
  change: { from: SimStatus; to: SimStatus; reason: SuspensionReason | null; actor: string },
): EventToPublish<"SimStatusChanged"> {
  return simEvent("SimStatusChanged", sim, change);
}

export function planAssigned(
  sim: SimTenancy,
  change: {
    planId: string;
    planType: EventData<"SimPlanAssigned">["planType"];
    previousPlanId: string | null;
  },
): EventToPublish<"SimPlanAssigned"> {
  return simEvent("SimPlanAssigned", sim, change);
}

/** The SIM (still in its company, `sim.companyId`) lost its end user. */
export function endUserUnassigned(
  sim: SimTenancy & { companyId: string },
  previousEndUserId: string,
  reason: EventData<"SimEndUserUnassigned">["reason"],
): EventToPublish<"SimEndUserUnassigned"> {
  return simEvent("SimEndUserUnassigned", sim, { previousEndUserId, reason });
}
