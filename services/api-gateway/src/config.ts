import { isIP } from "node:net";
import { grpcAddress, port } from "@simhub/platform";
import { z } from "zod";

/** "10.0.0.0/8, 192.168.1.7, fd00::/8" → a list Express's `trust proxy` accepts; each entry checked. */
const cidrList = z
  .string()
  .default("")
  .transform((value, context) => {
    const entries = value
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    for (const entry of entries) {
      const [address = "", prefix, ...rest] = entry.split("/");
      const family = isIP(address);
      const bits = prefix === undefined ? 0 : Number(prefix);
      const validPrefix =
        prefix === undefined || (/^\d{1,3}$/.test(prefix) && bits <= (family === 6 ? 128 : 32));
      if (family === 0 || !validPrefix || rest.length > 0) {
        context.addIssue({ code: "custom", message: `${entry} is not an IP address or CIDR range` });
      }
    }
    return entries;
  });

export const gatewayConfigSchema = z.object({
  PORT: port(8080),
  HOST: z.string().default("0.0.0.0"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  JWKS_URL: z.url().default("http://127.0.0.1:9103/.well-known/jwks.json"),
  JWT_ISSUER: z.string().default("simhub"),
  JWT_AUDIENCE: z.string().default("simhub-api"),
  ORG_SERVICE_ADDR: grpcAddress("127.0.0.1:50051"),
  COMPANY_SERVICE_ADDR: grpcAddress("127.0.0.1:50052"),
  IDENTITY_SERVICE_ADDR: grpcAddress("127.0.0.1:50053"),
  SIM_SERVICE_ADDR: grpcAddress("127.0.0.1:50054"),
  WEBHOOK_SERVICE_ADDR: grpcAddress("127.0.0.1:50055"),
  USAGE_SERVICE_ADDR: grpcAddress("127.0.0.1:50056"),
  RULE_SERVICE_ADDR: grpcAddress("127.0.0.1:50057"),
  /** Deadline of one gRPC call to a service. */
  GRPC_DEADLINE_MS: z.coerce.number().int().positive().default(2_000),
  /**
   * Proxies whose X-Forwarded-For is believed (CIDR list, default none): the
   * client address is the nearest address not in this list. Rate limits and
   * identity's brute-force counters key on it.
   */
  TRUSTED_PROXIES: cidrList,
  /**
   * The gateway's service identity towards identity-service: only calls that
   * carry it may pass a client address (Login, RegisterWithSim, …). Same
   * value as identity-service's GATEWAY_SERVICE_KEY.
   */
  GATEWAY_SERVICE_KEY: z.string().min(32, "must be at least 32 characters").optional(),
  /** Whole-request budget; outgoing calls never outlive it. */
  REQUEST_TIMEOUT_MS: z.coerce.number().int().positive().default(10_000),
  /** Longest a JSON body may take to arrive once the headers are in (headers themselves: 30 s). */
  BODY_TIMEOUT_MS: z.coerce.number().int().positive().max(30_000).default(30_000),
  /** Longest a request may take to arrive whole: bounds streamed CSV uploads. */
  UPLOAD_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(30 * 60 * 1000),
  /** Largest CSV import accepted (413 UPLOAD_TOO_LARGE past it). */
  IMPORT_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  /**
   * A streamed upload that sends less than this many bytes a second over
   * UPLOAD_MIN_RATE_WINDOW_MS is cut off (408 UPLOAD_TOO_SLOW; the import
   * fails and adds nothing). 1 KiB/s is ~50 rows a second: any working
   * connection does better.
   */
  UPLOAD_MIN_BYTES_PER_SECOND: z.coerce.number().int().min(0).default(1024),
  UPLOAD_MIN_RATE_WINDOW_MS: z.coerce.number().int().positive().default(60_000),
  /** Largest JSON body of usage records (10,000 records need ~2 MiB); 413 UPLOAD_TOO_LARGE past it. */
  USAGE_JSON_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(16 * 1024 ** 2),
  /** Largest NDJSON stream of usage records in one request. */
  USAGE_NDJSON_MAX_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(2 * 1024 ** 3),
  BODY_LIMIT_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(1024 * 1024),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(25_000),
  CORS_ORIGINS: z.string().default(""),
  NATS_URL: z.string().default("nats://127.0.0.1:4222"),
  /** The gateway's NATS user (deploy/nats/simhub-auth.conf): the only one allowed the KV buckets. */
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  EVENT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]*$/)
    .default(""),
  /** Replicas of the org and company streams when the gateway is first to create them. */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /**
   * "memory" for one replica; "nats" shares the counters between replicas
   * (production). While NATS is unreachable the shared store fails open to
   * this replica's own counters and counts `http_rate_limit_store_fallbacks_total`.
   */
  RATE_LIMIT_STORE: z.enum(["memory", "nats"]).default("memory"),
  RATE_LIMIT_WINDOW_MS: z.coerce.number().int().positive().default(10_000),
  /** Requests per window for one authenticated caller; 0 turns the limit off. */
  RATE_LIMIT_PER_CALLER: z.coerce.number().int().min(0).default(1_000),
  /** Requests per window from one source address; 0 turns the limit off. */
  RATE_LIMIT_PER_ADDRESS: z.coerce.number().int().min(0).default(2_000),
  /** Organization, company and plan names kept for composed views (composition/names.ts). */
  NAME_CACHE_MAX_ENTRIES: z.coerce.number().int().positive().default(50_000),
  /** Longest a kept name may be shown after a missed update event. */
  NAME_CACHE_TTL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(5 * 60 * 1000),
  IDEMPOTENCY_TTL_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(24 * 60 * 60 * 1000),
});

export type GatewayConfig = z.infer<typeof gatewayConfigSchema>;
