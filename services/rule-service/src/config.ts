import { grpcAddress, port, serviceEnv } from "@simhub/platform";
import { z } from "zod";

export const ruleConfigSchema = z
  .object({
    ...serviceEnv,
    GRPC_PORT: port(50057),
    HTTP_PORT: port(9107),
    NODE_ENV: z.string().default("development"),
    /** Company rules: company-service resolves the company and its organization with the caller's token. */
    COMPANY_SERVICE_ADDR: grpcAddress("127.0.0.1:50052"),
    /** A rule narrowed to a plan rule-service has not heard of yet: org-service says whose it is. */
    ORG_SERVICE_ADDR: grpcAddress("127.0.0.1:50051"),
    /** Status actions go through sim-service's lifecycle (ChangeSimStatusByRule). */
    SIM_SERVICE_ADDR: grpcAddress("127.0.0.1:50054"),
    /** rule-service's identity towards sim-service (the same value there), at least 32 characters. */
    RULE_SERVICE_KEY: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.string().min(32, "must be at least 32 characters").optional(),
    ),
    /** Firings older than this are pruned from the log (a date rule's stay as long as the rule). */
    RULE_LOG_RETENTION_DAYS: z.coerce.number().positive().default(90),
    /** How often a replica looks for rules to sweep (date rules come due; it is also woken by changes). */
    RULE_SWEEP_POLL_MS: z.coerce.number().int().positive().default(1_000),
    /** How often an idle action worker looks for due firings (it is also woken by new ones). */
    RULE_ACTION_POLL_MS: z.coerce.number().int().positive().default(500),
    /** Firings one action worker claims at once (their actions run in parallel). */
    RULE_ACTION_BATCH: z.coerce.number().int().min(1).max(1_000).default(64),
    /** How long a claimed firing stays this replica's before another may take it. */
    RULE_ACTION_LEASE_MS: z.coerce.number().int().positive().default(30_000),
    /**
     * How long the first SIM event waits for others before their shared
     * transaction: a few milliseconds of lag for far fewer transactions while
     * assignments flow at a steady rate (rule-service's CPU per assignment
     * 0.12–0.13 → 0.07 ms, its database's 0.07 → 0.03: docs/performance.md).
     * It was off until the race it made likelier was found and fixed: a
     * usage run that met a SIM whose facts this consumer was inserting lost
     * that SIM's updates (db/state.ts, noteSims).
     */
    RULE_SIM_EVENTS_WINDOW_MS: z.coerce.number().int().min(0).max(1_000).default(20),
    /** Loops pulling the usage consumer at once (usage updates of different SIMs are independent). */
    RULE_USAGE_PARALLELISM: z.coerce.number().int().min(1).max(32).default(2),
    /** Usage updates handled in one transaction at most (and pulled at once by each loop). */
    RULE_USAGE_BATCH: z.coerce.number().int().min(1).max(2_000).default(256),
    /** SIMs whose usage totals are kept in memory between batches (the first cached go first). */
    RULE_USAGE_CACHED_SIMS: z.coerce.number().int().min(0).default(200_000),
  })
  .refine((config) => config.NODE_ENV !== "production" || config.RULE_SERVICE_KEY !== undefined, {
    path: ["RULE_SERVICE_KEY"],
    message: "is required when NODE_ENV is production",
  });
export type RuleConfig = z.infer<typeof ruleConfigSchema>;
