// sim-service's events keep usage_sims current: assignment to a company and
// to an end user, status. A SIM this service has not met yet is left alone:
// it is looked up, as it is then, when it is first met. Every SIM event
// reaches this consumer, so a run of events of one type is one statement.
import type { CloudEvent, EventData, EventType } from "@simhub/contracts";
import type { EventBatchHandler, EventHandlers } from "@simhub/platform";
import { type KnownSimColumn, updateKnownSims } from "../db/sims.ts";

/** A handler of one event type: the columns it sets, and their values from an event. */
function changesOf<T extends EventType>(
  columns: readonly KnownSimColumn[],
  valuesOf: (data: EventData<T>) => (string | null)[],
): EventBatchHandler {
  return {
    batch: (trx, events: CloudEvent[]) =>
      updateKnownSims(
        trx,
        columns,
        events.map((event) => {
          const data = event.data as EventData<T>;
          return { iccid: (data as { iccid: string }).iccid, at: event.time, values: valuesOf(data) };
        }),
      ),
  };
}

export const simEventHandlers: EventHandlers = {
  SimAssigned: changesOf<"SimAssigned">(["company_id", "end_user_id"], (data) => [data.companyId, null]),
  SimUnassigned: changesOf<"SimUnassigned">(["company_id", "end_user_id"], () => [null, null]),
  SimAssignedToEndUser: changesOf<"SimAssignedToEndUser">(["end_user_id"], (data) => [data.endUserId]),
  SimEndUserUnassigned: changesOf<"SimEndUserUnassigned">(["end_user_id"], () => [null]),
  SimStatusChanged: changesOf<"SimStatusChanged">(["status", "company_id"], (data) => [
    data.to,
    data.companyId,
  ]),
};
