// company-service keeps a read model of which SIMs are assigned to which
// company, fed by sim-service's SimAssigned / SimUnassigned events (SIMHUB_SIM
// stream). An archive asks sim-service, the system of record, first
// (CountSimsByStatus); this model decides only when sim-service cannot be
// reached, so archiving keeps working while sim-service is down.
//
// The model lags: an assignment committed in sim-service reaches this table
// a few milliseconds later (outbox relay → JetStream → this consumer). When
// it has to decide, three things keep that from letting a company with SIMs
// be archived:
// 1. It first waits until this consumer has applied every SIM event already
//    on the stream (waitUntilCaughtUp below), and answers 503 rather than
//    guess when it cannot catch up in time.
// 2. sim-service resolves the company → organization chain (ResolveCompany)
//    before every assignment and refuses an archived company
//    (SIM_CHAIN_UNRESOLVED): once the archive has committed, no new
//    assignment to the company can start.
// 3. An assignment whose chain check ran just before the archive committed
//    and whose own commit landed just after is undone by sim-service: on
//    CompanyArchived it unassigns any SIM still assigned to the company, and
//    that SimUnassigned comes back here like any other. The handler below
//    takes a share lock on the company row, so the archive and the recording
//    of an assignment are ordered here, and an assignment that lands on an
//    archived company is logged as a warning so the window stays visible.
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
