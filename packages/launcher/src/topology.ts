// The processes that make up simhub, their default ports and databases.
// Shared by `pnpm start`, the test harness and the benchmarks so all three
// run exactly the same processes.
export const backendServices = [
  { name: "org-service", context: "org", grpcPort: 50051, httpPort: 9101, database: "simhub_org" },
  {
    name: "company-service",
    context: "company",
    grpcPort: 50052,
    httpPort: 9102,
    database: "simhub_company",
  },
  {
    name: "identity-service",
    context: "identity",
    grpcPort: 50053,
    httpPort: 9103,
    database: "simhub_identity",
  },
  { name: "sim-service", context: "sim", grpcPort: 50054, httpPort: 9104, database: "simhub_sim" },
  {
    name: "webhook-service",
    context: "webhook",
    grpcPort: 50055,
    httpPort: 9105,
    database: "simhub_webhook",
  },
  { name: "usage-service", context: "usage", grpcPort: 50056, httpPort: 9106, database: "simhub_usage" },
  { name: "rule-service", context: "rule", grpcPort: 50057, httpPort: 9107, database: "simhub_rule" },
] as const;

export type BackendServiceName = (typeof backendServices)[number]["name"];
export type ProcessName = BackendServiceName | "api-gateway";

export const gatewayDefaultPort = 8080;

export const addressVariables: Record<BackendServiceName, string> = {
  "org-service": "ORG_SERVICE_ADDR",
  "company-service": "COMPANY_SERVICE_ADDR",
  "identity-service": "IDENTITY_SERVICE_ADDR",
  "sim-service": "SIM_SERVICE_ADDR",
  "webhook-service": "WEBHOOK_SERVICE_ADDR",
  "usage-service": "USAGE_SERVICE_ADDR",
  "rule-service": "RULE_SERVICE_ADDR",
};

/** Start order matters only for readiness: identity first, since everyone fetches its JWKS. */
export const startOrder: ProcessName[] = [
  "identity-service",
  "org-service",
  "company-service",
  "sim-service",
  "webhook-service",
  "usage-service",
  "rule-service",
  "api-gateway",
];

/**
 * Runtime settings every simhub process starts with (the Dockerfile sets the
 * same): glibc's malloc keeps at most two arenas instead of one per thread
 * and core, and V8's young generation grows to 4 MiB semi-spaces instead of
 * 16. A NODE_OPTIONS of the caller's comes after these flags (and after
 * `heapCapFor`'s), so its own choice wins.
 */
export const processRuntimeDefaults = {
  MALLOC_ARENA_MAX: "2",
  NODE_OPTIONS: "--max-semi-space-size=4",
} as const;

/**
 * The two batch consumers, which keep V8's own heap growth (see heapCapFor).
 * deploy/Dockerfile names the same two.
 */
const uncappedHeapProcesses: readonly ProcessName[] = ["usage-service", "rule-service"];

/**
 * The old-generation cap of a process, as a V8 flag, or "" for none.
 *
 * The cap is less about the limit than about how V8 grows the heap under
 * it: with a limit of 2 GB or more (Node's default on a large machine:
 * about 4 GB here) V8 lets the heap grow to up to four times what the last
 * full collection kept; below 2 GB the factor falls linearly to 1.3 at
 * 256 MB (1.35 at 384). A process that keeps 40 MB live then holds ~60 MB
 * of heap instead of ~150: the gateway after seeding 10,000 companies held
 * 238–275 MiB of RSS without the cap and 162 with it, its CPU per request no
 * higher (docs/performance.md, "Memory"). 384 MB leaves room under the
 * 512 MiB containers of deploy/k8s for the young generation, code and
 * native memory, and is far above what any of these processes keeps live.
 *
 * usage- and rule-service go without: their work is batches of thousands of
 * records or updates that live until their transaction commits, so they
 * are promoted, and under the cap the full collections come so often that
 * they cost 20–35 % more CPU per record (measured: usage-service 60–64
 * against 46–52 µs, rule-service 51–53 against 39–44).
 */
export function heapCapFor(name: ProcessName): string {
  return uncappedHeapProcesses.includes(name) ? "" : "--max-old-space-size=384";
}

/**
 * Node's compile cache (`NODE_COMPILE_CACHE`): the code V8 compiled and the
 * TypeScript with its types stripped, kept on disk between starts. A process
 * started from it never loads the type stripper (a WebAssembly module whose
 * memory stays allocated): 15–28 MiB less RSS per process, measured, and a
 * faster start (docs/performance.md, "Memory"). The folder is the checkout's own, under
 * node_modules, never a shared temporary one: code is loaded from it.
 */
export function compileCacheDir(root: string): string {
  return `${root}node_modules/.cache/node-compile`;
}

/**
 * V8 flags a process starts with on the command line (Node refuses them in
 * NODE_OPTIONS; deploy/Dockerfile passes the same). sim-service grows its
 * heap by 1.6× what is live instead of the cap's 1.35×: under the lower
 * growth its full collections cost about a fifth of its CPU per list page
 * (quick read runs, two pairs: 0.60 and 0.69 against 0.79 and 0.84 ms a
 * page, peak RSS 157–170 against 145 MiB; why the 40 KB pages make it
 * collect that often is not verified: docs/performance.md, 6 December
 * 2026). The cap stays, so the heap stays bounded under the container's
 * limit. The gateway gains as much but has no room left under 200 MiB.
 */
export function v8FlagsFor(name: ProcessName): string[] {
  return name === "sim-service" ? ["--heap-growing-percent=60"] : [];
}
