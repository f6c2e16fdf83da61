// sim-service's events keep usage_sims current: assignment to a company and
// to an end user, status. A SIM this service has not met yet is left alone:
// it is looked up, as it is then, when it is first met.
import type { CloudEvent, EventData, EventType } from "@simhub/contracts";
import type { EventHandler, Knex } from "@simhub/platform";
import { updateKnownSim } from "../db/sims.ts";

function dataOf<T extends EventType>(event: CloudEvent): EventData<T> {
  return event.data as EventData<T>;
}

export const simEventHandlers: Partial<Record<EventType, EventHandler>> = {
  SimAssigned: async (trx: Knex.Transaction, event) => {
    const data = dataOf<"SimAssigned">(event);
    await updateKnownSim(trx, data.iccid, event.time, { company_id: data.companyId, end_user_id: null });
  },
  SimUnassigned: async (trx, event) => {
    const data = dataOf<"SimUnassigned">(event);
    await updateKnownSim(trx, data.iccid, event.time, { company_id: null, end_user_id: null });
  },
  SimAssignedToEndUser: async (trx, event) => {
    const data = dataOf<"SimAssignedToEndUser">(event);
    await updateKnownSim(trx, data.iccid, event.time, { end_user_id: data.endUserId });
  },
  SimEndUserUnassigned: async (trx, event) => {
    const data = dataOf<"SimEndUserUnassigned">(event);
    await updateKnownSim(trx, data.iccid, event.time, { end_user_id: null });
  },
  SimStatusChanged: async (trx, event) => {
    const data = dataOf<"SimStatusChanged">(event);
    await updateKnownSim(trx, data.iccid, event.time, { status: data.to, company_id: data.companyId });
  },
};
