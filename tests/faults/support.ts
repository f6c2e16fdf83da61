// What the fault tests share: their own infrastructure and stack, seed data
// through the API, SIM identifiers, and the comparison of committed changes
// (the service databases) with published events (the streams).
import { type StreamContext, streamName } from "../../packages/contracts/src/index.ts";
import {
  type DedicatedInfrastructure,
  type HttpClient,
  httpClient,
  type RequestOptions,
  readStream,
  type Stack,
  type StackOptions,
  type StoredEvent,
  startDedicatedInfrastructure,
  startStack,
  waitFor,
} from "../../packages/testing/src/index.ts";

export interface FaultStack {
  infra: DedicatedInfrastructure;
  stack: Stack;
  token: string;
  /** Gateway client without the OpenAPI response check (load, faults). */
  api: HttpClient;
  stop(): Promise<void>;
}

/** A stack of its own on PostgreSQL and NATS of its own, rate limits off (load tests). */
export async function startFaultStack(
  options: Omit<StackOptions, "infrastructure"> = {},
): Promise<FaultStack> {
  const infra = await startDedicatedInfrastructure();
  let stack: Stack;
  try {
    stack = await startStack({
      ...options,
      infrastructure: infra,
      env: { RATE_LIMIT_PER_CALLER: "0", RATE_LIMIT_PER_ADDRESS: "0", ...options.env },
    });
  } catch (error) {
    await infra.stop();
    throw error;
  }
  const token = await stack.login(stack.admin.username, stack.admin.password);
  return {
    infra,
    stack,
    token,
    api: patient(httpClient(stack.gatewayUrl, token)),
    async stop() {
      try {
        // The OpenAPI check is the integration tests' business; faults produce statuses on purpose.
        stack.responseViolations.length = 0;
        await stack.stop();
      } finally {
        await infra.stop();
      }
    },
  };
}

/** The gateway's own budget is 10 s; a request still open after 15 s hangs, and is counted so. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** A client whose requests give up after REQUEST_TIMEOUT_MS (status 0, error "TimeoutError"). */
export function patient(client: HttpClient): HttpClient {
  const withTimeout = (options?: RequestOptions): RequestOptions => ({
    timeoutMs: REQUEST_TIMEOUT_MS,
    ...options,
  });
  return {
    get: (path, options) => client.get(path, withTimeout(options)),
    post: (path, body, options) => client.post(path, body, withTimeout(options)),
    patch: (path, body, options) => client.patch(path, body, withTimeout(options)),
    put: (path, body, options) => client.put(path, body, withTimeout(options)),
    delete: (path, options) => client.delete(path, withTimeout(options)),
  };
}

/** A valid ICCID: 19 digits, "89" first, Luhn check digit last. */
export function iccid(n: number, prefix = "894450"): string {
  const body = `${prefix}${String(n).padStart(18 - prefix.length, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function expectStatus(response: { status: number; body: unknown }, status: number, what: string) {
  if (response.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${response.status} ${JSON.stringify(response.body)}`);
  }
}

export interface Seed {
  orgId: string;
  companyIds: string[];
  iccids: string[];
}

/** One organization with `companies` companies and `sims` SIMs, through the API. */
export async function seed(
  api: HttpClient,
  options: { companies: number; sims: number; prefix?: string; name?: string },
): Promise<Seed> {
  const org = await api.post("/v1/organizations", {
    name: options.name ?? `Fault Org ${Math.random().toString(36).slice(2)}`,
  });
  expectStatus(org, 201, "create organization");
  const orgId = org.body.id as string;
  const companyIds: string[] = [];
  for (let i = 0; i < options.companies; i++) {
    const company = await api.post(`/v1/organizations/${orgId}/companies`, { name: `Company ${i}` });
    expectStatus(company, 201, "create company");
    companyIds.push(company.body.id);
  }
  const iccids = Array.from({ length: options.sims }, (_, i) => iccid(i, options.prefix));
  for (let i = 0; i < iccids.length; i += 1_000) {
    const batch = iccids.slice(i, i + 1_000);
    const imported = await api.post(`/v1/organizations/${orgId}/sims`, {
      sims: batch.map((value) => ({ iccid: value })),
    });
    expectStatus(imported, 201, "import SIMs");
    if (imported.body.imported !== batch.length) {
      throw new Error(`import: ${JSON.stringify(imported.body)}`);
    }
  }
  return { orgId, companyIds, iccids };
}

export function stream(stack: Stack, context: StreamContext): Promise<StoredEvent[]> {
  return readStream(stack.nc, streamName(stack.namespace, context));
}

/** Waits until every service's outbox is empty: everything committed has been published. */
export async function waitForEmptyOutboxes(stack: Stack, timeoutMs = 60_000): Promise<void> {
  const services = ["org-service", "company-service", "identity-service", "sim-service"] as const;
  await waitFor(
    async () => {
      for (const service of services) {
        const [row] = await stack.query<{ n: string }>(service, "SELECT count(*) AS n FROM outbox");
        if (Number(row!.n) > 0) return false;
      }
      return true;
    },
    { timeoutMs, intervalMs: 250, what: "every outbox to be published" },
  );
}

export interface Comparison {
  committed: number;
  events: number;
  lost: number;
  phantom: number;
  duplicates: number;
  outOfOrder: number;
}

function multisetMinus(a: string[], b: string[]): number {
  const counts = new Map<string, number>();
  for (const key of b) counts.set(key, (counts.get(key) ?? 0) + 1);
  let missing = 0;
  for (const key of a) {
    const left = counts.get(key) ?? 0;
    if (left > 0) counts.set(key, left - 1);
    else missing++;
  }
  return missing;
}

/**
 * Compares two change logs keyed by aggregate: `committed` (from the
 * database, in commit order per aggregate) and `published` (from the
 * stream, in stream order). Lost: committed without an event; phantom: an
 * event without a committed change; out of order: same changes, other order.
 */
export function compareLogs(committed: Map<string, string[]>, published: Map<string, string[]>): Comparison {
  const result: Comparison = { committed: 0, events: 0, lost: 0, phantom: 0, duplicates: 0, outOfOrder: 0 };
  const keys = new Set([...committed.keys(), ...published.keys()]);
  for (const key of keys) {
    const a = committed.get(key) ?? [];
    const b = published.get(key) ?? [];
    result.committed += a.length;
    result.events += b.length;
    const lost = multisetMinus(a, b);
    const phantom = multisetMinus(b, a);
    result.lost += lost;
    result.phantom += phantom;
    if (lost === 0 && phantom === 0 && a.join(",") !== b.join(",")) result.outOfOrder++;
  }
  return result;
}

/** Events of a stream grouped by subject (aggregate) after removing duplicate ids; counts the duplicates. */
export function eventsBySubject(
  events: StoredEvent[],
  types: string[],
  key: (event: StoredEvent["event"]) => string,
): { bySubject: Map<string, string[]>; duplicates: number } {
  const seen = new Set<string>();
  let duplicates = 0;
  const bySubject = new Map<string, string[]>();
  for (const { event } of events) {
    if (!types.includes(event.type)) continue;
    if (seen.has(event.id)) {
      duplicates++;
      continue;
    }
    seen.add(event.id);
    const list = bySubject.get(event.subject!) ?? [];
    list.push(key(event));
    bySubject.set(event.subject!, list);
  }
  return { bySubject, duplicates };
}

/** SIM assignment changes committed in sim-service, per ICCID in commit order, as "assigned:<company>" / "unassigned:<company>". */
export async function committedSimAssignments(stack: Stack): Promise<Map<string, string[]>> {
  const rows = await stack.query<{
    iccid: string;
    kind: string;
    before: { companyId?: string };
    after: { companyId?: string };
  }>(
    "sim-service",
    "SELECT iccid, kind, before, after FROM sim_history WHERE kind IN ('assigned', 'unassigned') ORDER BY iccid, id",
  );
  const byIccid = new Map<string, string[]>();
  for (const row of rows) {
    const list = byIccid.get(row.iccid) ?? [];
    list.push(
      row.kind === "assigned" ? `assigned:${row.after.companyId}` : `unassigned:${row.before.companyId}`,
    );
    byIccid.set(row.iccid, list);
  }
  return byIccid;
}

/** The same changes as published: SimAssigned / SimUnassigned per ICCID in stream order. */
export function publishedSimAssignments(events: StoredEvent[]) {
  return eventsBySubject(events, ["SimAssigned", "SimUnassigned"], (event) => {
    const data = event.data as { companyId?: string; previousCompanyId?: string };
    return event.type === "SimAssigned"
      ? `assigned:${data.companyId}`
      : `unassigned:${data.previousCompanyId}`;
  });
}

/** SIMs whose row disagrees with the last change in their history (a half-applied change). */
export async function simsDisagreeingWithHistory(stack: Stack): Promise<number> {
  const rows = await stack.query<{ n: string }>(
    "sim-service",
    `SELECT count(*) AS n
       FROM sims s
       LEFT JOIN LATERAL (
         SELECT kind, after FROM sim_history h
          WHERE h.iccid = s.iccid AND h.kind IN ('assigned', 'unassigned')
          ORDER BY id DESC LIMIT 1
       ) last ON true
      WHERE s.company_id IS DISTINCT FROM (CASE WHEN last.kind = 'assigned' THEN (last.after->>'companyId')::uuid END)`,
  );
  return Number(rows[0]!.n);
}

export type Outcome = { status: number; code?: string; ms: number; error?: string };

/** One request; a transport failure is status 0 with its message. */
export async function attempt(
  send: () => Promise<{ status: number; body: unknown; headers: Headers }>,
): Promise<Outcome & { headers?: Headers; body?: unknown }> {
  const started = performance.now();
  try {
    const response = await send();
    const code = (response.body as { code?: string } | undefined)?.code;
    return {
      status: response.status,
      ...(code ? { code } : {}),
      ms: performance.now() - started,
      headers: response.headers,
      body: response.body,
    };
  } catch (error) {
    if ((error as Error).name === "TimeoutError")
      return { status: 0, ms: performance.now() - started, error: "timeout" };
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      status: 0,
      ms: performance.now() - started,
      error: cause?.code ?? cause?.message ?? String(error),
    };
  }
}

export function countBy<T>(items: T[], key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return counts;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The last lines each process printed (warnings and errors at the tests' log level), for a failure report. */
export function recentOutput(stack: Stack, lines = 15): string {
  const processes = [...Object.values(stack.platform.processes), ...stack.replicas];
  return processes
    .map(
      (process) => `--- ${process.name} ${process.httpUrl}\n${process.recentOutput.slice(-lines).join("\n")}`,
    )
    .join("\n");
}

/**
 * Assignments and unassignments of the seeded SIMs, each worker on SIMs of
 * its own (no two requests race on one SIM). Remembers the last answer per
 * SIM, so that afterwards every acknowledged change can be checked against
 * the database.
 */
export class AssignmentLoad {
  readonly outcomes: (Outcome & { op: string; at: number; gateway: number; headers?: Headers })[] = [];
  /** Per SIM: the company it was last acknowledged at (null: unassigned), or "unknown" after a failed request. */
  private readonly belief = new Map<string, string | null>();
  acknowledged = 0;
  private readonly data: Seed;
  private readonly apis: HttpClient[];
  private readonly workers: number;

  constructor(data: Seed, apis: HttpClient[], workers: number) {
    this.data = data;
    this.apis = apis;
    this.workers = workers;
    for (const sim of data.iccids) this.belief.set(sim, null);
  }

  /** One assignment or unassignment of one of `worker`'s SIMs, through gateway `worker % apis`. */
  async step(worker: number): Promise<void> {
    const own = this.data.iccids.filter((_, i) => i % this.workers === worker);
    const sim = own[Math.floor(Math.random() * own.length)]!;
    const gateway = worker % this.apis.length;
    const api = this.apis[gateway]!;
    const current = this.belief.get(sim);
    const at = Date.now();
    if (current === null) {
      const companyId = this.data.companyIds[Math.floor(Math.random() * this.data.companyIds.length)]!;
      const outcome = await attempt(() => api.post(`/v1/sims/${sim}/assign`, { companyId }));
      this.outcomes.push({ ...outcome, op: "assign", at, gateway });
      if (outcome.status === 200) {
        this.belief.set(sim, companyId);
        this.acknowledged++;
      } else if (outcome.status === 0 || outcome.status >= 500 || outcome.status === 409) {
        this.belief.set(sim, "unknown");
      }
    } else {
      const outcome = await attempt(() => api.post(`/v1/sims/${sim}/unassign`));
      this.outcomes.push({ ...outcome, op: "unassign", at, gateway });
      if (outcome.status === 200) {
        this.belief.set(sim, null);
        this.acknowledged++;
      } else {
        this.belief.set(sim, "unknown");
      }
    }
  }

  /** SIMs whose last answer was an acknowledgement and whose row says otherwise: acknowledged changes lost. */
  async lostAcknowledged(stack: Stack): Promise<number> {
    const rows = await stack.query<{ iccid: string; company_id: string | null }>(
      "sim-service",
      "SELECT iccid, company_id FROM sims WHERE iccid = ANY($1)",
      [this.data.iccids],
    );
    let lost = 0;
    for (const row of rows) {
      const belief = this.belief.get(row.iccid);
      if (belief !== "unknown" && belief !== row.company_id) lost++;
    }
    return lost;
  }

  failed(from = 0, to = Number.POSITIVE_INFINITY) {
    return this.outcomes.filter((o) => o.at >= from && o.at < to && (o.status === 0 || o.status >= 500));
  }

  statuses(): Record<string, number> {
    return countBy(this.outcomes, (o) => (o.status === 0 ? `net:${o.error}` : String(o.status)));
  }
}

/**
 * Waits until every chain replica (ARCHITECTURE.md) agrees with its source:
 * chain_companies in sim-, identity- and org-service with company-service's
 * companies, chain_organizations in sim-, identity- and company-service with
 * org-service's organizations. Returns the rows that still disagree (0 when
 * every event reached every consumer).
 */
export async function waitForChainReplicas(stack: Stack, timeoutMs = 60_000) {
  let mismatches = -1;
  const count = async (): Promise<number> => {
    const companies = await stack.query<{ id: string; org_id: string; status: string }>(
      "company-service",
      "SELECT id, org_id, status FROM companies",
    );
    const organizations = await stack.query<{ id: string; name: string; status: string }>(
      "org-service",
      "SELECT id, name, status FROM organizations",
    );
    const companyTruth = new Map(companies.map((c) => [c.id, `${c.org_id}:${c.status === "archived"}`]));
    const orgTruth = new Map(organizations.map((o) => [o.id, `${o.name}:${o.status}`]));
    let wrong = 0;
    for (const service of ["sim-service", "identity-service", "org-service"] as const) {
      const rows = await stack.query<{ company_id: string; org_id: string; archived: boolean }>(
        service,
        "SELECT company_id, org_id, archived FROM chain_companies",
      );
      const replica = new Map(rows.map((r) => [r.company_id, `${r.org_id}:${r.archived}`]));
      for (const [id, truth] of companyTruth) if (replica.get(id) !== truth) wrong++;
    }
    for (const service of ["sim-service", "identity-service", "company-service"] as const) {
      const rows = await stack.query<{ org_id: string; name: string; status: string }>(
        service,
        "SELECT org_id, name, status FROM chain_organizations",
      );
      const replica = new Map(rows.map((r) => [r.org_id, `${r.name}:${r.status}`]));
      for (const [id, truth] of orgTruth) if (replica.get(id) !== truth) wrong++;
    }
    return wrong;
  };
  try {
    await waitFor(
      async () => {
        mismatches = await count();
        return mismatches === 0;
      },
      { timeoutMs, intervalMs: 250, what: "every chain replica to catch up" },
    );
  } catch {
    // reported through the return value
  }
  return mismatches;
}
