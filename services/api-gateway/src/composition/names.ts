// Names the gateway's composed views show beside a SIM (its organization,
// company and plan), kept in memory so a warm detail read is one gRPC call.
//
// What is kept is each service's own answer for a *tenant scope* (role,
// organization and company of the caller — never the user), including "you
// may not see it" (NOT_FOUND/PERMISSION_DENIED, shown as null): the gateway
// never decides visibility itself, and callers of another scope ask the
// service once for their own answer. Failures (outages, open breakers) are
// not kept: the part is degraded and asked again next time.
//
// Entries go stale only through OrganizationUpdated, CompanyUpdated and
// PlanUpdated (renames, a company turning virtual, plan changes): an ordered
// JetStream consumer per subject drops the entity's entries as the events
// arrive. A fetch that raced an update does not store its answer (a
// generation per entity), and every entry also expires after
// NAME_CACHE_TTL_MS, the bound on staleness should an event be missed.
import { type EventType, eventCatalog, namespacedSubject, streamName } from "@simhub/contracts";
import { AppError, type Logger, type NatsConnection, type Principal } from "@simhub/platform";
import { LRUCache } from "lru-cache";
import { DeliverPolicy } from "nats";

export type NamedKind = "organization" | "company" | "plan";

const invalidatedBy: Record<NamedKind, EventType> = {
  organization: "OrganizationUpdated",
  company: "CompanyUpdated",
  plan: "PlanUpdated",
};

/** An answer kept for a scope: the value, or null for "not visible". */
type Kept<T> = { value: T | null };

export interface NameCacheOptions {
  maxEntries: number;
  ttlMs: number;
}

export class ComposedNames {
  private readonly entries: LRUCache<string, Kept<unknown>>;
  /** Bumped when an entity changes; a fetch stores its answer only if it is unchanged. */
  private readonly generations = new Map<string, number>();
  private readonly stops: (() => Promise<void>)[] = [];

  constructor(options: NameCacheOptions) {
    this.entries = new LRUCache({ max: options.maxEntries, ttl: options.ttlMs });
  }

  /**
   * The entity as `fetch` answers it for the caller's scope, from memory
   * when known; null when the caller may not see it. Other failures throw
   * and are not kept.
   */
  async get<T>(
    kind: NamedKind,
    id: string,
    principal: Principal,
    fetch: () => Promise<T>,
  ): Promise<T | null> {
    const key = `${kind}:${id}|${principal.role}|${principal.orgId ?? ""}|${principal.companyId ?? ""}`;
    const kept = this.entries.get(key) as Kept<T> | undefined;
    if (kept) return kept.value;
    const entity = `${kind}:${id}`;
    const generation = this.generations.get(entity) ?? 0;
    let value: T | null;
    try {
      value = await fetch();
    } catch (error) {
      const kindOf = error instanceof AppError ? error.kind : undefined;
      if (kindOf !== "not_found" && kindOf !== "forbidden") throw error;
      value = null;
    }
    if ((this.generations.get(entity) ?? 0) === generation) this.entries.set(key, { value });
    return value;
  }

  /** Drops every scope's answer about the entity. */
  invalidate(kind: NamedKind, id: string): void {
    const entity = `${kind}:${id}`;
    this.generations.set(entity, (this.generations.get(entity) ?? 0) + 1);
    const prefix = `${entity}|`;
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  /** Follows the Updated events from now on (one ordered consumer per subject). */
  async follow(nc: NatsConnection, namespace: string, logger: Logger): Promise<void> {
    const js = nc.jetstream();
    for (const kind of Object.keys(invalidatedBy) as NamedKind[]) {
      const { subject } = eventCatalog[invalidatedBy[kind]];
      const context = subject.split(".")[1] as "org" | "company";
      const consumer = await js.consumers.get(streamName(namespace, context), {
        filterSubjects: namespacedSubject(namespace, subject),
        deliver_policy: DeliverPolicy.New,
      });
      const messages = await consumer.consume();
      (async () => {
        for await (const message of messages) {
          try {
            const { subject: id } = message.json<{ subject: string }>();
            if (typeof id === "string") this.invalidate(kind, id);
          } catch (error) {
            logger.warn({ err: error, kind }, "unreadable update event; the name cache relies on its TTL");
          }
        }
      })().catch((error) => logger.warn({ err: error, kind }, "name cache stopped following updates"));
      this.stops.push(async () => {
        await messages.close();
      });
    }
  }

  async stop(): Promise<void> {
    await Promise.all(this.stops.splice(0).map((stop) => stop().catch(() => {})));
  }
}
