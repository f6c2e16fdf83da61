// company-service learns which SIMs are assigned to which company from
// sim-service's SimAssigned / SimUnassigned events (SIMHUB_SIM stream), not by
// asking sim-service on every archive: the count it needs is its own read
// model, archive keeps working while sim-service is down, and no new RPC is
// needed on a service whose contract another team owns.
//
// The price is lag: an assignment committed in sim-service reaches this table
// a few milliseconds later (outbox relay → JetStream → this consumer). Two
// things keep that from letting a company with SIMs be archived:
// 1. Before it decides, an archive waits until this consumer has applied every
//    SIM event already on the stream (waitUntilCaughtUp below: no pending and
//    no unacknowledged messages; acks follow the handler's commit), and refuses
//    with 503 if it cannot catch up in time rather than guess.
// 2. sim-service resolves the company → organization chain (ResolveCompany)
//    before every assignment and refuses an archived company
//    (SIM_CHAIN_UNRESOLVED). Once the archive has committed, no new
//    assignment to the company can start.
// What is left is an assignment whose chain check ran just before the archive
// committed and whose own commit landed just after: a window of one gRPC round
// trip inside sim-service. sim-service closes it from its side: on
// CompanyArchived it unassigns any SIM still assigned to the company, and
// that SimUnassigned comes back here like any other. The handler below takes
// a share lock on the company row, so within this service the archive and the
// recording of an assignment are ordered, and an assignment that lands on an
// archived company is logged as a warning so the window stays visible.
import type { CloudEvent, EventData } from "@simhub/contracts";
import type { EventHandler, Knex, Logger, NatsConnection } from "@simhub/platform";
import { findCompany } from "../db/companies.ts";
import { recordAssignment, recordUnassignment } from "../db/company-sims.ts";
import type { SimAssignmentsFeed } from "./deps.ts";

export const SIM_ASSIGNMENTS_DURABLE = "company-service-sim-assignments";

export function simAssignmentHandlers(logger: Logger): {
  SimAssigned: EventHandler;
  SimUnassigned: EventHandler;
} {
  return {
    async SimAssigned(trx: Knex.Transaction, event: CloudEvent) {
      const data = event.data as EventData<"SimAssigned">;
      const company = await findCompany(trx, data.companyId, "share");
      if (company?.status === "archived") {
        logger.warn(
          { companyId: data.companyId, eventId: event.id },
          "a SIM was assigned to a company that is archived; the organization should unassign it",
        );
      }
      await recordAssignment(trx, { iccid: data.iccid, companyId: data.companyId, orgId: data.orgId });
    },
    async SimUnassigned(trx: Knex.Transaction, event: CloudEvent) {
      const data = event.data as EventData<"SimUnassigned">;
      await recordUnassignment(trx, { iccid: data.iccid, previousCompanyId: data.previousCompanyId });
    },
  };
}

export function simAssignmentsFeed(options: {
  nc: NatsConnection;
  stream: string;
  durable: string;
  timeoutMs: number;
  pollMs?: number;
}): SimAssignmentsFeed {
  const pollMs = options.pollMs ?? 25;
  return {
    async waitUntilCaughtUp() {
      const jsm = await options.nc.jetstreamManager();
      const deadline = Date.now() + options.timeoutMs;
      for (;;) {
        const info = await jsm.consumers.info(options.stream, options.durable);
        if (info.num_pending === 0 && info.num_ack_pending === 0) return true;
        if (Date.now() >= deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
    },
  };
}
