import { grpcAddress, port, serviceEnv } from "@simhub/platform";
import { z } from "zod";

const developmentActivationCodeKey = "simhub-development-activation-code-key";

export const simConfigSchema = z
  .object({
    ...serviceEnv,
    GRPC_PORT: port(50054),
    HTTP_PORT: port(9104),
    ORG_SERVICE_ADDR: grpcAddress("127.0.0.1:50051"),
    COMPANY_SERVICE_ADDR: grpcAddress("127.0.0.1:50052"),
    IDENTITY_SERVICE_ADDR: grpcAddress("127.0.0.1:50053"),
    /**
     * Key of the HMAC that stores activation codes. Codes have 40 bits at
     * least, few enough that a plain hash in a leaked table would be
     * brute-forced offline; keyed, the table alone reveals nothing. Set it in production
     * (and keep it: changing it invalidates every stored code).
     */
    NODE_ENV: z.string().default("development"),
    ACTIVATION_CODE_KEY: z.string().min(16).default(developmentActivationCodeKey),
    /** Wrong activation codes on one organization's SIMs per window before every attempt there is refused (429). */
    ACTIVATION_ORG_MAX_FAILURES: z.coerce.number().int().min(1).default(100),
    ACTIVATION_ORG_WINDOW_SECONDS: z.coerce.number().int().min(1).default(3600),
    /**
     * Rows per batch of an import: validated together, staged by one COPY and
     * applied by one INSERT … SELECT, each in a transaction of its own.
     */
    IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(20_000).default(5_000),
    /** A batch ends early once its cells hold this many characters (files with huge cells). */
    IMPORT_BATCH_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(4 * 1024 * 1024),
    /**
     * Streamed CSV uploads received at once by this process (more are
     * answered 429). No transaction waits for an uploader, so the limit is
     * about CPU and memory (two batches each), not database connections.
     */
    IMPORT_CONCURRENCY: z.coerce.number().int().min(1).default(4),
    /**
     * Batches of one import applied at once, each by its own connection and
     * transaction: PostgreSQL maintains the indexes of concurrent inserts on
     * as many cores. 1 applies them one after the other.
     */
    IMPORT_APPLY_WORKERS: z.coerce.number().int().min(1).max(8).default(2),
    /**
     * How long an import stays this process's without a sign of life. The
     * process renews it every third of this; once it has run out, any
     * replica takes the import over (fails an interrupted upload, resumes an
     * interrupted apply).
     */
    IMPORT_LEASE_SECONDS: z.coerce.number().int().min(1).max(3_600).default(30),
    /**
     * Group commit (db/sim-writes.ts): at most this many SIM changes that
     * arrive together share one statement; 1 writes each on its own. 64 by
     * default: with assignments written without a read, grouping cut CPU
     * per assignment by about a tenth and raised throughput (docs/performance.md,
     * "Group commit").
     */
    WRITE_BATCH_MAX: z.coerce.number().int().min(1).max(1_000).default(64),
    /**
     * rule-service's identity (the same value there): only a call that
     * carries it may change a status on a rule's behalf. Unset: no rule
     * action is accepted.
     */
    RULE_SERVICE_KEY: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.string().min(32, "must be at least 32 characters").optional(),
    ),
    /** Statements of grouped changes in flight at once. */
    WRITE_BATCH_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(4),
    /**
     * The key usage-service shows for LookupSims of records that came from
     * NATS (no caller's token there): the same value as usage-service's.
     * Unset: only callers with a token may look SIMs up.
     */
    USAGE_SERVICE_KEY: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z.string().min(32, "must be at least 32 characters").optional(),
    ),
  })
  .refine(
    (config) =>
      config.NODE_ENV !== "production" || config.ACTIVATION_CODE_KEY !== developmentActivationCodeKey,
    {
      path: ["ACTIVATION_CODE_KEY"],
      message: "must be set (not the development default) when NODE_ENV is production",
    },
  );

export type SimConfig = z.infer<typeof simConfigSchema>;
