// One zod schema per process, validated once at start. A bad or missing
// variable stops the process with a message that names it.
import { z } from "zod";

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function loadConfig<Schema extends z.ZodType>(
  schema: Schema,
  env: Record<string, string | undefined> = process.env,
): z.infer<Schema> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => {
    const variable = issue.path.join(".") || "(environment)";
    return `  ${variable}: ${issue.message}`;
  });
  throw new ConfigError(`invalid configuration:\n${problems.join("\n")}`);
}

/** Variables every backend service reads. Defaults suit `pnpm start` on one machine. */
export const serviceEnv = {
  DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
  NATS_URL: z.string().default("nats://127.0.0.1:4222"),
  /** This service's NATS user and password (deploy/nats/simhub-auth.conf); unset: no authentication. */
  NATS_USER: z.string().optional(),
  NATS_PASSWORD: z.string().optional(),
  /** Keeps streams and subjects of parallel test stacks apart; empty in production. */
  EVENT_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]*$/, "lowercase letters and digits only")
    .default(""),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  JWKS_URL: z.url().default("http://127.0.0.1:9103/.well-known/jwks.json"),
  JWT_ISSUER: z.string().default("simhub"),
  JWT_AUDIENCE: z.string().default("simhub-api"),
  SHUTDOWN_GRACE_MS: z.coerce.number().int().positive().default(25_000),
  /** After SIGTERM, calls are still answered until none has started for 300 ms, at most this long. */
  SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(3_000),
  DB_POOL_MAX: z.coerce.number().int().positive().default(10),
  DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().positive().default(5_000),
  GRPC_DEADLINE_MS: z.coerce.number().int().positive().default(2_000),
  /** JetStream replicas of the streams a service creates (3 on a NATS cluster). */
  NATS_STREAM_REPLICAS: z.coerce.number().int().min(1).max(5).default(1),
  /** Apply the database migrations and exit: what `pnpm migrate` runs each service with. */
  MIGRATE_ONLY: z.stringbool().default(false),
  /** How long a consumer has to acknowledge a message before JetStream delivers it again (default 30 s). */
  CONSUMER_ACK_WAIT_MS: z.coerce.number().int().positive().optional(),
  /** Deliveries of a failing message before it goes to the dead-letter subject (default 5). */
  CONSUMER_MAX_DELIVER: z.coerce.number().int().positive().optional(),
};

export const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);
/**
 * A gRPC target: `host:port` (behind a headless Service the name resolves to
 * every replica), or a fixed list of replicas `ipv4:1.2.3.4:5,1.2.3.5:5`
 * (gRPC's own name syntax); the client spreads calls over all of them.
 */
export const grpcAddress = (fallback: string) =>
  z
    .string()
    .regex(
      /^(?:[\w.-]+:\d+|ipv4:\d{1,3}(?:\.\d{1,3}){3}:\d+(?:,\d{1,3}(?:\.\d{1,3}){3}:\d+)*)$/,
      "must be host:port or ipv4:ip:port,ip:port,…",
    )
    .default(fallback);
