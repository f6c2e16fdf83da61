// Sizes and durations of a bench run: three presets (full, quick, ci), each
// value overridable by a flag (--import-rows=50000) or an environment
// variable (BENCH_IMPORT_ROWS=50000).

export type BenchMode = "full" | "quick" | "ci";

const scenarioGroups = [
  "assign",
  "read",
  "import",
  "relay",
  "cold-start",
  "webhooks",
  "usage",
  "rules",
] as const;
export type ScenarioGroup = (typeof scenarioGroups)[number];

export interface BenchOptions {
  mode: BenchMode;
  /** Companies created through the API (the read path's large dataset spreads SIMs over all of them). */
  companies: number;
  /** SIMs imported first: the assignment pool and the read path's small dataset. */
  poolSims: number;
  /** Rows of the bulk CSV import (scenario 2); the read path's large dataset is pool + these. */
  importRows: number;
  /** Companies the assignment load cycles through. */
  assignCompanies: number;
  /** SIMs per company in the small read dataset (the large one has (pool + import) / companies). */
  simsPerCompanySmall: number;
  connections: number;
  assignDurationSec: number;
  readDurationSec: number;
  warmupSec: number;
  /** Length of each open-loop run (assign, list, detail; both sides), after the saturated runs. */
  openLoopSec: number;
  /** The open-loop runs' offered rate, as a percentage of the baseline's saturated throughput in the same run. */
  openLoopRatePercent: number;
  /** Keep-alive sockets the open-loop generator may open (it never waits for one below this). */
  openLoopSockets: number;
  /** Outbox rows inserted at once for the relay's sustained rate (scenario 4). */
  backlog: number;
  /** Restarts measured for the cold start (scenario 5). */
  restarts: number;
  /** Events fanned out to every webhook endpoint (scenario 6, webhooks.ts). */
  webhookEvents: number;
  /** Automation rules over the pool SIMs (scenario 7, rules.ts). */
  rules: number;
  /** Pool SIMs that pass the rule's threshold and are suspended (scenario 7). */
  ruleFiringSims: number;
  /** Their usage updates per second, after the throughput run (below what the machine evaluates: latency, not queueing). */
  ruleFiringRate: number;
  /** Local receivers, one webhook endpoint each. */
  webhookEndpoints: number;
  /** Events committed per second while the fan-out is measured (deliveries/s = rate × endpoints). */
  webhookRate: number;
  /** Usage records sent through the gateway (scenario 7, usage.ts), over this many SIMs. */
  usageRecords: number;
  usageSims: number;
  /** Records per JSON batch, and batches in flight. */
  usageBatch: number;
  usageLanes: number;
  /** Where bench-results.json is written. */
  output: string;
  /** Extra environment per platform process (--set=sim-service.IMPORT_BATCH_SIZE=5000,…), to compare settings. */
  processEnv: Record<string, Record<string, string>>;
  /** With --profile: every process of the platform writes a CPU profile here. */
  profileDir: string | undefined;
  /** Only these scenario groups (--only=assign,read); all when undefined. The large read needs the import. */
  only: ScenarioGroup[] | undefined;
  /** Seeding concurrency (company creation). */
  seedConcurrency: number;
  logLevel: string;
}

const presets: Record<
  BenchMode,
  Omit<BenchOptions, "mode" | "output" | "profileDir" | "logLevel" | "only" | "processEnv">
> = {
  full: {
    companies: 10_000,
    poolSims: 100_000,
    importRows: 1_000_000,
    assignCompanies: 1_000,
    simsPerCompanySmall: 100,
    connections: 32,
    assignDurationSec: 20,
    readDurationSec: 10,
    warmupSec: 3,
    openLoopSec: 10,
    openLoopRatePercent: 40,
    openLoopSockets: 256,
    backlog: 100_000,
    restarts: 3,
    webhookEvents: 10_000,
    webhookEndpoints: 10,
    webhookRate: 250,
    usageRecords: 10_000_000,
    usageSims: 10_000,
    usageBatch: 10_000,
    usageLanes: 2,
    rules: 1_000,
    ruleFiringSims: 1_000,
    ruleFiringRate: 200,
    seedConcurrency: 32,
  },
  quick: {
    companies: 200,
    poolSims: 10_000,
    importRows: 100_000,
    assignCompanies: 100,
    simsPerCompanySmall: 100,
    connections: 32,
    assignDurationSec: 5,
    readDurationSec: 2,
    warmupSec: 1,
    openLoopSec: 3,
    openLoopRatePercent: 40,
    openLoopSockets: 256,
    backlog: 10_000,
    restarts: 1,
    webhookEvents: 2_000,
    webhookEndpoints: 10,
    webhookRate: 200,
    usageRecords: 300_000,
    usageSims: 2_000,
    usageBatch: 10_000,
    usageLanes: 2,
    rules: 100,
    ruleFiringSims: 200,
    ruleFiringRate: 50,
    seedConcurrency: 32,
  },
  ci: {
    companies: 40,
    poolSims: 2_000,
    importRows: 5_000,
    assignCompanies: 10,
    simsPerCompanySmall: 50,
    connections: 8,
    assignDurationSec: 2,
    readDurationSec: 2,
    warmupSec: 0.5,
    openLoopSec: 1,
    openLoopRatePercent: 40,
    openLoopSockets: 64,
    backlog: 1_000,
    restarts: 1,
    webhookEvents: 500,
    webhookEndpoints: 10,
    webhookRate: 100,
    usageRecords: 20_000,
    usageSims: 200,
    usageBatch: 10_000,
    usageLanes: 2,
    rules: 20,
    ruleFiringSims: 50,
    ruleFiringRate: 20,
    seedConcurrency: 8,
  },
};

const numericKeys = [
  "companies",
  "poolSims",
  "importRows",
  "assignCompanies",
  "simsPerCompanySmall",
  "connections",
  "assignDurationSec",
  "readDurationSec",
  "warmupSec",
  "openLoopSec",
  "openLoopRatePercent",
  "openLoopSockets",
  "backlog",
  "restarts",
  "webhookEvents",
  "webhookEndpoints",
  "webhookRate",
  "usageRecords",
  "usageSims",
  "usageBatch",
  "usageLanes",
  "rules",
  "ruleFiringSims",
  "ruleFiringRate",
  "seedConcurrency",
] as const;

function kebab(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

function envName(key: string): string {
  return `BENCH_${kebab(key).replaceAll("-", "_").toUpperCase()}`;
}

export const usage = `pnpm bench [--quick | --ci] [--profile[=dir]] [--output=file] [--<size>=n …]

  --quick        smaller datasets and short runs (about 2–3 minutes)
  --ci           the smallest datasets (the CI smoke test)
  --profile      CPU profiles of every platform process (node --cpu-prof) into bench-profiles/
  --output=file  where to write the results (default bench-results.json)
  --set=p.V=x,…  extra environment for platform processes, e.g. --set=sim-service.IMPORT_BATCH_SIZE=5000
  --only=a,b     only these scenarios: ${scenarioGroups.join(", ")} (the large read table needs import)
  sizes and durations (also as BENCH_<NAME> environment variables, e.g. BENCH_IMPORT_ROWS;
  the open-loop runs: --open-loop-sec=0 skips them, --open-loop-rate-percent is of the baseline's saturated req/s):
${numericKeys.map((key) => `    --${kebab(key)}=n`).join("\n")}
`;

export function parseOptions(
  argv: readonly string[],
  env: Record<string, string | undefined> = process.env,
): BenchOptions {
  const flags = new Map<string, string>();
  for (const arg of argv) {
    if (arg === "--") continue;
    if (!arg.startsWith("--")) throw new Error(`unexpected argument ${arg}\n\n${usage}`);
    const body = arg.slice(2);
    const equals = body.indexOf("=");
    if (equals < 0) flags.set(body, "");
    else flags.set(body.slice(0, equals), body.slice(equals + 1));
  }
  const modeFromEnv = env.BENCH_MODE as BenchMode | undefined;
  const mode: BenchMode = flags.has("ci") ? "ci" : flags.has("quick") ? "quick" : (modeFromEnv ?? "full");
  if (!(mode in presets)) throw new Error(`unknown BENCH_MODE ${mode}`);
  const options: BenchOptions = {
    mode,
    ...presets[mode],
    output: flags.get("output") || env.BENCH_OUTPUT || "bench-results.json",
    profileDir: flags.has("profile") ? flags.get("profile") || "bench-profiles" : env.BENCH_PROFILE_DIR,
    logLevel: env.BENCH_LOG_LEVEL ?? "warn",
    only: undefined,
    processEnv: {},
  };
  const settings = flags.get("set") ?? env.BENCH_SET;
  for (const setting of settings ? settings.split(",") : []) {
    const match = /^([a-z-]+)\.([A-Z][A-Z0-9_]*)=(.*)$/.exec(setting.trim());
    if (!match) throw new Error(`--set wants process.VARIABLE=value, got ${setting}`);
    const [, process, variable, value] = match as unknown as [string, string, string, string];
    options.processEnv[process] = { ...options.processEnv[process], [variable]: value };
  }
  const only = flags.get("only") ?? env.BENCH_ONLY;
  if (only) {
    const groups = only.split(",").map((name) => name.trim());
    for (const group of groups) {
      if (!(scenarioGroups as readonly string[]).includes(group)) {
        throw new Error(`unknown scenario ${group} in --only (known: ${scenarioGroups.join(", ")})`);
      }
    }
    options.only = groups as ScenarioGroup[];
  }
  for (const key of numericKeys) {
    const raw = flags.get(kebab(key)) ?? env[envName(key)];
    if (raw === undefined || raw === "") continue;
    const value = Number(raw);
    if (!Number.isFinite(value) || value < 0) throw new Error(`--${kebab(key)} must be a number ≥ 0`);
    options[key] = value;
  }
  const known = new Set([
    "quick",
    "ci",
    "profile",
    "output",
    "help",
    "only",
    "set",
    ...numericKeys.map(kebab),
  ]);
  for (const name of flags.keys()) {
    if (!known.has(name)) throw new Error(`unknown option --${name}\n\n${usage}`);
  }
  if (options.assignCompanies > options.companies) options.assignCompanies = options.companies;
  if (options.openLoopSockets < 1) throw new Error("--open-loop-sockets must be at least 1");
  if (options.openLoopRatePercent <= 0 && options.openLoopSec > 0)
    throw new Error("--open-loop-rate-percent must be > 0 (or --open-loop-sec=0 to skip the open-loop runs)");
  return options;
}
