import { grpcAddress, port, serviceEnv } from "@simhub/platform";
import { z } from "zod";
import { parseRetrySchedule } from "./domain/retry.ts";

/** "true"/"false" and friends, as the other boolean variables are read. */
const flag = (fallback: boolean) => z.stringbool().default(fallback);

export const webhookConfigSchema = z
  .object({
    ...serviceEnv,
    GRPC_PORT: port(50055),
    HTTP_PORT: port(9105),
    /** Company endpoints: company-service resolves the company and its organization with the caller's token. */
    COMPANY_SERVICE_ADDR: grpcAddress("127.0.0.1:50052"),
    /** Organization endpoints created by the platform admin: org-service says whether the organization exists. */
    ORG_SERVICE_ADDR: grpcAddress("127.0.0.1:50051"),
    NODE_ENV: z.string().default("development"),
    /** base64 of 32 random bytes: the AES-256-GCM key that seals endpoint secrets. */
    WEBHOOK_SECRETS_KEY: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .refine((value) => Buffer.from(value, "base64").length === 32, "must be base64 of exactly 32 bytes")
        .optional(),
    ),
    /** Development only: allow http:// targets (https is the rule). */
    WEBHOOK_ALLOW_HTTP: flag(false),
    /** Development only: comma-separated CIDR ranges opened despite the private-address rule (never link-local). */
    WEBHOOK_ALLOWED_CIDRS: z.string().default(""),
    /** Delay before each retry after a failed attempt (first attempt is immediate). */
    WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .default("5s,5m,30m,2h,5h,10h,10h,10h")
      .superRefine((value, ctx) => {
        try {
          parseRetrySchedule(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    /** One attempt may take this long, connection included. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
    /** The echo check at creation and on a URL change answers within the caller's request. */
    WEBHOOK_VALIDATION_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
    WEBHOOK_REVALIDATE_HOURS: z.coerce.number().positive().default(24),
    /** How often a replica looks for endpoints to revalidate and log rows to prune. */
    WEBHOOK_MAINTENANCE_INTERVAL_MS: z.coerce.number().int().positive().default(60_000),
    /** Attempts in flight per endpoint (per replica): a slow endpoint holds at most this many. */
    WEBHOOK_ENDPOINT_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(8),
    /** Attempts in flight per replica across all endpoints. */
    WEBHOOK_MAX_IN_FLIGHT: z.coerce.number().int().min(1).max(10_000).default(512),
    /**
     * Loops pulling each stream's durable consumer at once. One gathers what
     * arrives into shared transactions; more split it into smaller ones.
     */
    WEBHOOK_CONSUMER_PARALLELISM: z.coerce.number().int().min(1).max(32).default(1),
    /** How long a fan-out batch waits for more events before its transaction (0: starts at once). */
    WEBHOOK_FAN_OUT_WINDOW_MS: z.coerce.number().int().min(0).max(1_000).default(10),
    /** How often an idle dispatcher looks for due deliveries (it is also woken by new ones). */
    WEBHOOK_POLL_MS: z.coerce.number().int().positive().default(250),
    /** Attempts older than this are pruned from the delivery log. */
    WEBHOOK_RETENTION_DAYS: z.coerce.number().positive().default(30),
  })
  .refine((config) => config.NODE_ENV !== "production" || config.WEBHOOK_SECRETS_KEY !== undefined, {
    path: ["WEBHOOK_SECRETS_KEY"],
    message: "is required when NODE_ENV is production",
  })
  .refine((config) => config.NODE_ENV !== "production" || !config.WEBHOOK_ALLOW_HTTP, {
    path: ["WEBHOOK_ALLOW_HTTP"],
    message: "must not be set when NODE_ENV is production",
  });
export type WebhookConfig = z.infer<typeof webhookConfigSchema>;
