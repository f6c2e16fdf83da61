import { grpcAddress, port, serviceEnv } from "@simhub/platform";
import { z } from "zod";

export const usageConfigSchema = z.object({
  ...serviceEnv,
  GRPC_PORT: port(50056),
  HTTP_PORT: port(9106),
  /** Which SIMs exist and whose they are (LookupSims, once per batch for ICCIDs not seen yet). */
  SIM_SERVICE_ADDR: grpcAddress("127.0.0.1:50054"),
  /** A company's organization for the company usage query (the chain replica asks on a miss). */
  COMPANY_SERVICE_ADDR: grpcAddress("127.0.0.1:50052"),
  /**
   * Records applied together from an NDJSON stream: one SIM lookup, one
   * insert of the records with their totals and one of their events, in one
   * transaction.
   */
  USAGE_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(10_000),
  /**
   * How long the first SIM event waits for others before their shared
   * transaction: a few milliseconds of lag for far fewer transactions while
   * assignments flow at a steady rate (docs/performance.md).
   */
  USAGE_SIM_EVENTS_WINDOW_MS: z.coerce.number().int().min(0).max(1_000).default(20),
  /** Months of raw records kept (the current one included); older partitions are dropped, older records refused. */
  USAGE_RETENTION_MONTHS: z.coerce.number().int().min(2).max(120).default(13),
  /** How often a replica drops partitions past the retention and creates the coming months'. */
  USAGE_MAINTENANCE_INTERVAL_MS: z.coerce.number().int().positive().default(3_600_000),
  /** Consume usage records published by internal mediation systems (docs/usage.md, "From NATS"). */
  USAGE_NATS_INGEST: z.stringbool().default(true),
  /**
   * Shown to sim-service for the lookups of records that came from NATS
   * (they carry no caller's token): the same value as sim-service's.
   * Unset: the NATS ingestion does not start (a warning says so).
   */
  USAGE_SERVICE_KEY: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.string().min(32, "must be at least 32 characters").optional(),
  ),
  /** A batch of 10,000 records takes longer than an ordinary statement. */
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(30_000),
});
export type UsageConfig = z.infer<typeof usageConfigSchema>;
