// What the use cases need, assembled once in service.ts.
import type { CompanyServiceMethods, IdentityServiceMethods, OrgServiceMethods } from "@simhub/contracts";
import type { ChainReplica, GrpcClient, Knex, Logger, Principal } from "@simhub/platform";
import type { SimWriteBatcher } from "../db/sim-writes.ts";
import type { ActivationCodeHasher } from "./activation-code.ts";
import type { ImportJobs } from "./import-apply.ts";

export interface SimDeps {
  db: Knex;
  events: { namespace: string; source: string };
  org: GrpcClient<OrgServiceMethods>;
  company: GrpcClient<CompanyServiceMethods>;
  identity: GrpcClient<IdentityServiceMethods>;
  /** Company → organization links and liveness, kept locally (app/company-chain.ts). */
  chain: ChainReplica;
  /** Writes SIM changes, grouping those that arrive together (db/sim-writes.ts). */
  writes: SimWriteBatcher;
  logger: Logger;
  /** Keyed hash of activation codes (activation-code.ts). */
  hashActivationCode: ActivationCodeHasher;
  /** Its key, for the CSV import's parser thread (import-parser.ts), which hashes on its own. */
  activationCodeKey: string;
  importBatchSize: number;
  importBatchBytes: number;
  importLeaseSeconds: number;
  /** The per-organization ceiling on wrong activation codes (activation-guard.ts). */
  activationGuard: { maxFailuresPerWindow: number; windowSeconds: number };
  /** Slots for streamed uploads received at once (import-receive.ts). */
  importSlots: { inUse: number; max: number };
  /** rule-service's identity for ChangeSimStatusByRule (RULE_SERVICE_KEY); unset: refused. */
  ruleServiceKey: string | undefined;
  /** Applies staged imports and takes over abandoned ones (import-apply.ts). */
  importJobs: ImportJobs;
}

/** Who did something, as history records it. */
export interface Actor {
  userId: string;
  role: string;
}

export function actorOf(principal: Principal): Actor {
  return { userId: principal.userId, role: principal.role };
}
