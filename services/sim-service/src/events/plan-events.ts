// Reactions to org-service's plan events: the plan replica (db/plan-replica.ts).
import type { CloudEvent, EventData } from "@simhub/contracts";
import type { Knex } from "@simhub/platform";
import { fillPlan, type ReplicaPlan, recordPlan } from "../db/plan-replica.ts";

function replicaPlan(data: EventData<"PlanCreated" | "PlanUpdated">): ReplicaPlan {
  return {
    planId: data.planId,
    orgId: data.orgId,
    companyId: data.companyId,
    archived: data.status === "archived",
  };
}

export async function onPlanCreated(trx: Knex.Transaction, event: CloudEvent): Promise<void> {
  await fillPlan(trx, replicaPlan(event.data as EventData<"PlanCreated">));
}

/** Waits for the assignments holding the plan's row, so none commits after an archival is recorded. */
export async function onPlanUpdated(trx: Knex.Transaction, event: CloudEvent): Promise<void> {
  await recordPlan(trx, replicaPlan(event.data as EventData<"PlanUpdated">));
}
