// 3. A service down. company-service, then sim-service, then
// identity-service is killed with SIGKILL in the middle of a load, stays down
// for a while and is started again. Requests that need it get 503 with
// Retry-After — quickly once the breakers are open — never a 500 and never
// a wait past the deadline; requests that do not need it keep working; and
// the gateway recovers by itself within 5 s of the restart.
import { afterAll, beforeAll, expect, it } from "vitest";
import {
  killProcess,
  percentile,
  reportFigures,
  runLoad,
  scrapeMetric,
  startProcess,
} from "../../packages/testing/src/index.ts";
import {
  AssignmentLoad,
  attempt,
  type FaultStack,
  type Outcome,
  type Seed,
  seed,
  sleep,
  startFaultStack,
} from "./support.ts";

const WORKERS = 6;
const DOWN_MS = 7_000;
/** The gateway's whole-request budget (REQUEST_TIMEOUT_MS default). */
const REQUEST_BUDGET_MS = 10_000;

let f: FaultStack;
let data: Seed;

beforeAll(async () => {
  f = await startFaultStack();
  data = await seed(f.api, { companies: 6, sims: 120 });
});

afterAll(async () => {
  await f?.stop();
});

type Op = "assign" | "unassign" | "getSim" | "getCompany" | "login" | "getMe";
type Victim = "company-service" | "sim-service" | "identity-service";

/**
 * Which requests cannot be answered without the victim. Assignments do not
 * need company-service: sim-service checks the chain in its own replica.
 */
const dependsOn: Record<Victim, Op[]> = {
  "company-service": ["getCompany"],
  "sim-service": ["assign", "unassign", "getSim"],
  "identity-service": ["login", "getMe"],
};

async function outage(victim: Victim) {
  const { stack, api } = f;
  const load = new AssignmentLoad(data, [api], WORKERS);
  const outcomes: (Outcome & { op: Op; at: number; retryAfter: string | null })[] = [];
  const record = (op: Op, at: number, outcome: Awaited<ReturnType<typeof attempt>>) =>
    outcomes.push({ ...outcome, op, at, retryAfter: outcome.headers?.get("retry-after") ?? null });

  let stop = false;
  const task = async (index: number, worker: number) => {
    const at = Date.now();
    switch (index % 4) {
      case 0: {
        const before = load.outcomes.length;
        await load.step(worker);
        const last = load.outcomes[before];
        if (last) record(last.op as Op, at, last);
        break;
      }
      case 1: {
        const sim = data.iccids[index % data.iccids.length]!;
        record("getSim", at, await attempt(() => api.get(`/v1/sims/${sim}`)));
        break;
      }
      case 2: {
        const company = data.companyIds[index % data.companyIds.length]!;
        record("getCompany", at, await attempt(() => api.get(`/v1/companies/${company}`)));
        break;
      }
      default: {
        if (worker === 0) {
          const { username, password } = stack.admin;
          record("login", at, await attempt(() => api.post("/v1/auth/login", { username, password })));
        } else {
          record("getMe", at, await attempt(() => api.get("/v1/me")));
        }
      }
    }
  };
  const running = runLoad({ workers: WORKERS, until: () => stop, task });

  const victimProcess = stack.services[victim].process;
  const opensBefore = await scrapeMetric(stack.gatewayUrl, "simhub_breaker_transitions_total", {
    to: "open",
  });
  await sleep(3_000);
  await killProcess(victimProcess, "SIGKILL");
  const killedAt = Date.now();
  await sleep(DOWN_MS);
  const restartAt = Date.now();
  const startMs = await startProcess(victimProcess);
  const readyAt = Date.now();
  // Load goes on until every kind of request that needs the victim has succeeded again, or 15 s.
  const dependent = dependsOn[victim];
  // Recovered: the first request started after the restart that was answered without an outage.
  const recoveredAt = (op: Op) => {
    const starts = outcomes.filter((o) => o.op === op && o.at >= readyAt && o.status < 500).map((o) => o.at);
    return starts.length > 0 ? Math.min(...starts) : undefined;
  };
  while (Date.now() - readyAt < 15_000 && dependent.some((op) => recoveredAt(op) === undefined))
    await sleep(100);
  await sleep(1_000);
  stop = true;
  const requests = await running;
  const opensAfter = await scrapeMetric(stack.gatewayUrl, "simhub_breaker_transitions_total", { to: "open" });

  const down = outcomes.filter((o) => o.at >= killedAt && o.at < restartAt && dependent.includes(o.op));
  const openPhase = down.filter((o) => o.at >= killedAt + 2_000);
  const unavailable = down.filter((o) => o.status === 503);
  const fast = openPhase.filter((o) => o.status === 503).map((o) => o.ms);
  const independentFailures = outcomes.filter(
    (o) => !dependent.includes(o.op) && (o.status === 0 || o.status >= 500),
  );
  const recovery = Math.max(
    ...dependent.map((op) => (recoveredAt(op) ?? Number.POSITIVE_INFINITY) - readyAt),
  );
  const figures = {
    requests,
    whileDown: down.length,
    unavailable503: unavailable.length,
    status500: outcomes.filter((o) => o.status === 500).length,
    other5xx: outcomes.filter((o) => o.status > 500 && o.status !== 503).length,
    networkErrors: outcomes.filter((o) => o.status === 0).length,
    missingRetryAfter: outcomes.filter((o) => o.status === 503 && !o.retryAfter).length,
    open503p50Ms: Math.round(percentile(fast, 50)),
    open503p99Ms: Math.round(percentile(fast, 99)),
    maxMs: Math.round(Math.max(...outcomes.map((o) => o.ms))),
    independentFailures: independentFailures.length,
    breakerOpened: opensAfter - opensBefore,
    restartSeconds: Math.round(startMs / 100) / 10,
    recoveryMs: Number.isFinite(recovery) ? Math.max(0, recovery) : -1,
  };
  reportFigures(`service-outage ${victim}`, figures);
  if (process.env.FAULTS_DEBUG) {
    for (const p of [stack.gateway, ...Object.values(stack.services).map((s) => s.process)]) {
      for (const line of p.recentOutput.filter((l) => l.includes("breaker"))) {
        const entry = JSON.parse(line) as { time: string; downstream: string; state: string };
        console.log(`${p.name} ${Date.parse(entry.time) - killedAt} ${entry.downstream} ${entry.state}`);
      }
    }
    console.log(`restart ${restartAt - killedAt} ready ${readyAt - killedAt}`);
  }
  console.log(
    `[faults] service-outage ${victim}: recovery per request ${JSON.stringify(
      Object.fromEntries(dependent.map((op) => [op, (recoveredAt(op) ?? Number.NaN) - readyAt])),
    )} ready ${readyAt - killedAt} ms after the kill`,
  );
  return { figures, down, independentFailures };
}

it.each<Victim>(["company-service", "sim-service", "identity-service"])(
  "kill -9 %s: 503 with Retry-After, fast once the breaker is open, never 500, recovery within 5 s",
  async (victim) => {
    const { figures, down, independentFailures } = await outage(victim);
    expect(down.length).toBeGreaterThan(0);
    expect(down.filter((o) => o.status >= 500 && o.status !== 503)).toEqual([]);
    expect(figures.status500).toBe(0);
    expect(figures.other5xx).toBe(0);
    expect(figures.networkErrors).toBe(0);
    expect(figures.missingRetryAfter).toBe(0);
    expect(figures.breakerOpened).toBeGreaterThan(0);
    expect(figures.open503p99Ms).toBeLessThan(500);
    expect(figures.maxMs).toBeLessThan(REQUEST_BUDGET_MS);
    expect(independentFailures.map((o) => `${o.op} ${o.status} ${o.code ?? o.error ?? ""}`)).toEqual([]);
    expect(figures.recoveryMs).toBeGreaterThanOrEqual(0);
    expect(figures.recoveryMs).toBeLessThanOrEqual(5_000);
  },
);
