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
    /** SIMs per multi-row INSERT of an import. */
    IMPORT_BATCH_SIZE: z.coerce.number().int().min(1).max(10_000).default(1_000),
    /**
     * Streamed CSV imports running at once in this process. Each holds one
     * database connection for its whole transaction; the limit keeps the rest
     * of the pool for everything else (more imports are answered 429).
     */
    IMPORT_CONCURRENCY: z.coerce.number().int().min(1).default(2),
    /**
     * Group commit (db/sim-writes.ts): at most this many SIM changes that
     * arrive together share one statement; 1 writes each on its own.
     */
    WRITE_BATCH_MAX: z.coerce.number().int().min(1).max(1_000).default(64),
    /** Statements of grouped changes in flight at once. */
    WRITE_BATCH_IN_FLIGHT: z.coerce.number().int().min(1).max(64).default(4),
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
