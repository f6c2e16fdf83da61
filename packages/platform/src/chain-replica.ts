// The company → organization chain, known locally (ARCHITECTURE.md, "Rules
// that cross services"). A company never moves to another organization, so
// the link is a fact to keep for good; only liveness changes: a company's
// archival is one-way, an organization's status may go back and forth.
//
// Every service that checks the chain keeps this replica in its own database,
// fed by company and organization events through its own durable consumers,
// and asks over gRPC only on a miss (the event has not arrived yet), storing
// the answer. The handlers commute, because on NATS 2.9 each subject has its
// own consumer and Created/Archived/Updated may be applied in any order:
// - a company's link is inserted by whichever comes first and never changed;
//   `archived` only goes from false to true;
// - an organization's status is overwritten only by OrganizationUpdated (one
//   subject, so in order); OrganizationCreated and answers fetched on a miss
//   only fill a row that is not there yet.
//
// What it does not promise: the replica lags the events by the relay's and
// the consumer's delay, so a company archived a moment ago may still look
// active here. A write that must never land on an archived company locks the
// replica row it relied on in its own statement (`FOR SHARE`, see
// liveCompanyCte), and the service's CompanyArchived handler calls
// markCompanyArchived — which waits for those locks — before it compensates,
// so every such write either commits before the archival is recorded (and is
// then compensated) or sees it and is refused.
import type { CompanyServiceMethods, EventData } from "@simhub/contracts";
import { LRUCache } from "lru-cache";
import type { EventHandler } from "./consumer.ts";
import type { Knex, Migration } from "./db.ts";
import { AppError } from "./errors.ts";
import type { CallOptions, GrpcClient } from "./grpc-client.ts";
import type { PlatformMetrics } from "./metrics.ts";

export interface CompanyLink {
  companyId: string;
  orgId: string;
  companyArchived: boolean;
  /** False when the organization is not active, or not known yet. */
  orgActive: boolean;
}

/** What a service's system of record answers about a company on a miss. */
export interface ResolvedCompanyLink {
  companyId: string;
  orgId: string;
  companyArchived: boolean;
  orgName: string;
  orgStatus: string;
}

/** An organization as the replica knows it. */
export interface ReplicaOrganization {
  orgId: string;
  name: string;
  status: string;
}

export interface ChainReplicaSources {
  /** Asked when the company is not in the replica; undefined when it does not exist (for the caller). */
  resolveCompany?: (companyId: string, callOptions?: CallOptions) => Promise<ResolvedCompanyLink | undefined>;
  /** Asked when the organization is not in the replica; undefined when it does not exist. */
  resolveOrganization?: (orgId: string) => Promise<ReplicaOrganization | undefined>;
  /** Counts lookups by result (hit, miss, unknown). */
  onLookup?: (what: "company" | "organization", result: "hit" | "miss" | "unknown") => void;
}

export const chainReplicaMigration: Migration = {
  name: "chain_replica",
  async up(knex) {
    await knex.raw(`
      CREATE TABLE chain_organizations (
        org_id     uuid PRIMARY KEY,
        name       text NOT NULL,
        status     text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE chain_companies (
        company_id uuid PRIMARY KEY,
        org_id     uuid NOT NULL,
        archived   boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      );
    `);
  },
};

/**
 * A CTE body that yields the company's row only while company and
 * organization are live and the company belongs to `orgParam`'s
 * organization, locking the company's replica row until the statement's
 * transaction ends. `companyParam` and `orgParam` are SQL expressions
 * (placeholders).
 *
 * The organization's row is read, not locked: nothing waits for the writes
 * that relied on it (OrganizationUpdated only records the new status; no
 * handler compensates after it), so a lock there would protect nothing,
 * while every write of the organization would take it. Shared by many
 * concurrent statements, one row's lock becomes a MultiXact that
 * PostgreSQL writes anew for every locker.
 */
export function liveCompanyCte(companyParam: string, orgParam: string): string {
  return `SELECT c.company_id
            FROM chain_companies c
            JOIN chain_organizations o ON o.org_id = c.org_id
           WHERE c.company_id = ${companyParam} AND c.org_id = ${orgParam}
             AND NOT c.archived AND o.status = 'active'
             FOR SHARE OF c`;
}

/**
 * A replica of companies whose misses are asked of company-service
 * (ResolveCompany, with the caller's token unless the call options give
 * another): what sim-, identity- and org-service use. A company that does
 * not exist, or that the caller may not see, does not resolve.
 */
export function companyChainReplica(
  db: Knex,
  company: Pick<GrpcClient<CompanyServiceMethods>, "ResolveCompany">,
  metrics: Pick<PlatformMetrics, "chainReplicaLookups">,
  more: Pick<ChainReplicaSources, "resolveOrganization"> = {},
): ChainReplica {
  return new ChainReplica(db, {
    ...more,
    onLookup: (what, result) => metrics.chainReplicaLookups.inc({ what, result }),
    async resolveCompany(companyId, callOptions) {
      try {
        const resolved = await company.ResolveCompany({ companyId }, callOptions);
        if (!resolved.company || !resolved.organization) return undefined;
        return {
          companyId,
          orgId: resolved.company.orgId,
          companyArchived: resolved.company.status !== "active",
          orgName: resolved.organization.name,
          orgStatus: resolved.organization.status,
        };
      } catch (error) {
        const answered =
          error instanceof AppError &&
          (error.kind === "not_found" || error.kind === "forbidden" || error.kind === "invalid");
        if (answered) return undefined;
        throw error;
      }
    },
  });
}

/** Companies whose organization a process keeps in memory (about 200 bytes each). */
const KNOWN_LINKS = 50_000;

export class ChainReplica {
  private readonly db: Knex;
  private readonly sources: ChainReplicaSources;
  /** Company → organization, for links this process has met (`organizationOf`). */
  private readonly knownLinks = new LRUCache<string, string>({ max: KNOWN_LINKS });

  constructor(db: Knex, sources: ChainReplicaSources = {}) {
    this.db = db;
    this.sources = sources;
  }

  /** Counts a lookup the caller answered from the replica's tables in a read of its own. */
  noteLocalHit(what: "company" | "organization"): void {
    this.sources.onLookup?.(what, "hit");
  }

  /**
   * The organization of a company this process has met, without a read:
   * the link never changes, so what was once read stays true. Liveness is
   * not in it: a write that relies on the company being live still locks
   * its replica row (liveCompanyCte).
   */
  organizationOf(companyId: string): string | undefined {
    return this.knownLinks.get(companyId);
  }

  /** Keeps a link the caller read from the replica's tables in a read of its own. */
  noteLink(companyId: string, orgId: string): void {
    this.knownLinks.set(companyId, orgId);
  }

  /**
   * The company's link and liveness: local, else asked once and remembered.
   * `companyOnly` is for the organization's own service, which knows
   * organizations itself: then `orgActive` is not looked at.
   */
  async company(
    companyId: string,
    callOptions?: CallOptions,
    options: { companyOnly?: boolean } = {},
  ): Promise<CompanyLink | undefined> {
    const local = await this.localCompany(this.db, companyId);
    if (local && (local.orgKnown || options.companyOnly)) {
      this.sources.onLookup?.("company", "hit");
      return local.link;
    }
    if (!this.sources.resolveCompany) {
      this.sources.onLookup?.("company", "unknown");
      return local?.link;
    }
    const resolved = await this.sources.resolveCompany(companyId, callOptions);
    if (!resolved) {
      this.sources.onLookup?.("company", "unknown");
      return undefined;
    }
    this.sources.onLookup?.("company", "miss");
    await this.rememberCompany(this.db, resolved);
    await this.rememberOrganization(
      this.db,
      { orgId: resolved.orgId, name: resolved.orgName, status: resolved.orgStatus },
      "fill",
    );
    return (await this.localCompany(this.db, companyId))?.link;
  }

  /** The organization's name and status: local, else asked once and remembered. */
  async organization(orgId: string): Promise<ReplicaOrganization | undefined> {
    const local = await this.localOrganization(orgId);
    if (local) {
      this.sources.onLookup?.("organization", "hit");
      return local;
    }
    const resolved = await this.sources.resolveOrganization?.(orgId);
    if (!resolved) {
      this.sources.onLookup?.("organization", "unknown");
      return undefined;
    }
    this.sources.onLookup?.("organization", "miss");
    await this.rememberOrganization(this.db, resolved, "fill");
    return this.localOrganization(orgId);
  }

  private async localOrganization(orgId: string): Promise<ReplicaOrganization | undefined> {
    const row = await this.db("chain_organizations").where({ org_id: orgId }).first("name", "status");
    return row ? { orgId, name: row.name as string, status: row.status as string } : undefined;
  }

  /** Handlers for the company stream's events (consume them in the service's runtime). */
  companyHandlers(): { CompanyCreated: EventHandler; CompanyArchived: EventHandler } {
    return {
      CompanyCreated: async (trx, event) => {
        const data = event.data as EventData<"CompanyCreated">;
        await this.rememberCompany(trx, {
          companyId: data.companyId,
          orgId: data.orgId,
          companyArchived: data.status !== "active",
        });
      },
      CompanyArchived: async (trx, event) => {
        const data = event.data as EventData<"CompanyArchived">;
        await this.markCompanyArchived(trx, data.companyId, data.orgId);
      },
    };
  }

  /** Handlers for the organization stream's events. */
  organizationHandlers(): { OrganizationCreated: EventHandler; OrganizationUpdated: EventHandler } {
    return {
      OrganizationCreated: async (trx, event) => {
        const data = event.data as EventData<"OrganizationCreated">;
        await this.rememberOrganization(trx, data, "fill");
      },
      OrganizationUpdated: async (trx, event) => {
        const data = event.data as EventData<"OrganizationUpdated">;
        await this.rememberOrganization(trx, data, "overwrite");
      },
    };
  }

  /**
   * Records the archival. Runs first in a CompanyArchived handler: the
   * update waits for every statement that holds the row FOR SHARE, so what
   * the handler does next sees every write that relied on the company being
   * live.
   */
  async markCompanyArchived(trx: Knex.Transaction, companyId: string, orgId: string): Promise<void> {
    await trx.raw(
      `INSERT INTO chain_companies (company_id, org_id, archived) VALUES (?, ?, true)
       ON CONFLICT (company_id) DO UPDATE SET archived = true, updated_at = now()`,
      [companyId, orgId],
    );
  }

  private async localCompany(
    db: Knex | Knex.Transaction,
    companyId: string,
  ): Promise<{ link: CompanyLink; orgKnown: boolean } | undefined> {
    const result = await db.raw<{
      rows: { org_id: string; archived: boolean; org_status: string | null }[];
    }>(
      `SELECT c.org_id, c.archived, o.status AS org_status
         FROM chain_companies c LEFT JOIN chain_organizations o ON o.org_id = c.org_id
        WHERE c.company_id = ?`,
      [companyId],
    );
    const row = result.rows[0];
    if (!row) return undefined;
    this.knownLinks.set(companyId, row.org_id);
    return {
      link: {
        companyId,
        orgId: row.org_id,
        companyArchived: row.archived,
        orgActive: row.org_status === "active",
      },
      orgKnown: row.org_status !== null,
    };
  }

  private async rememberCompany(
    db: Knex | Knex.Transaction,
    link: { companyId: string; orgId: string; companyArchived: boolean },
  ): Promise<void> {
    await db.raw(
      `INSERT INTO chain_companies (company_id, org_id, archived) VALUES (?, ?, ?)
       ON CONFLICT (company_id) DO UPDATE
         SET archived = chain_companies.archived OR EXCLUDED.archived, updated_at = now()
         WHERE EXCLUDED.archived AND NOT chain_companies.archived`,
      [link.companyId, link.orgId, link.companyArchived],
    );
  }

  private async rememberOrganization(
    db: Knex | Knex.Transaction,
    org: ReplicaOrganization,
    mode: "fill" | "overwrite",
  ): Promise<void> {
    await db.raw(
      mode === "fill"
        ? `INSERT INTO chain_organizations (org_id, name, status) VALUES (?, ?, ?) ON CONFLICT (org_id) DO NOTHING`
        : `INSERT INTO chain_organizations (org_id, name, status) VALUES (?, ?, ?)
           ON CONFLICT (org_id) DO UPDATE
             SET name = EXCLUDED.name, status = EXCLUDED.status, updated_at = now()`,
      [org.orgId, org.name, org.status],
    );
  }
}
