import { grpcAddress, port, serviceEnv } from "@simhub/platform";
import { z } from "zod";

const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

export const identityConfigSchema = z
  .object({
    ...serviceEnv,
    GRPC_PORT: port(50053),
    HTTP_PORT: port(9103),
    NODE_ENV: z.string().default("development"),
    COMPANY_SERVICE_ADDR: grpcAddress("127.0.0.1:50052"),
    ORG_SERVICE_ADDR: grpcAddress("127.0.0.1:50051"),
    SIM_SERVICE_ADDR: grpcAddress("127.0.0.1:50054"),
    /** The platform admin, created on first start (idempotent across replicas). */
    SIMHUB_ADMIN_USERNAME: z.string().min(3).default("admin"),
    SIMHUB_ADMIN_PASSWORD: z.string().min(12, "must be at least 12 characters").max(256),
    /**
     * The gateway's service identity: a caller presenting it may pass the
     * client address of Login, CompleteMfaLogin and RegisterWithSim
     * (platform trusted-caller.ts). Same value as the gateway's.
     */
    GATEWAY_SERVICE_KEY: optional(z.string().min(32, "must be at least 32 characters")),
    /** base64 of 32 random bytes: the AES-256-GCM key of TOTP secrets and private signing keys. */
    IDENTITY_SECRETS_KEY: optional(
      z.string().refine((value) => Buffer.from(value, "base64").length === 32, "must be base64 of 32 bytes"),
    ),
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(3600).default(900),
    /** An API key's access token (client-credentials grant): five minutes at most (API.md). */
    API_KEY_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(300).default(300),
    REFRESH_TOKEN_TTL_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .default(14 * 24 * 3600),
    /** A session (refresh-token family) ends this long after its login, however often it is refreshed. */
    SESSION_MAX_SECONDS: z.coerce
      .number()
      .int()
      .min(60)
      .default(30 * 24 * 3600),
    /**
     * A rotated-in signing key is in the JWKS this long before it signs: longer
     * than any verifier's refetch cooldown (5 s in the platform kit).
     */
    SIGNING_KEY_PUBLISH_LEAD_SECONDS: z.coerce.number().int().min(0).max(3600).default(10),
    /** A self-registration still pending after this long is settled by the housekeeping. */
    PENDING_REGISTRATION_SETTLE_SECONDS: z.coerce.number().int().min(1).default(120),
    MFA_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(1800).default(300),
    /** argon2id cost; raising them rehashes each password at its next login. Floors are OWASP's. */
    ARGON2_MEMORY_KIB: z.coerce.number().int().min(19456).default(19456),
    ARGON2_TIME_COST: z.coerce.number().int().min(2).default(2),
    /** Brute-force protection (docs in src/domain/throttle.ts). */
    LOGIN_ACCOUNT_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(5),
    LOGIN_ADDRESS_FREE_ATTEMPTS: z.coerce.number().int().min(1).default(30),
    /** Failures on one account from all addresses after which each address gets a single free attempt. */
    LOGIN_ACCOUNT_CEILING: z.coerce.number().int().min(1).default(100),
    LOGIN_LOCK_BASE_SECONDS: z.coerce.number().int().min(1).default(30),
    LOGIN_LOCK_MAX_SECONDS: z.coerce.number().int().min(1).default(900),
    LOGIN_FAILURE_DECAY_SECONDS: z.coerce.number().int().min(60).default(3600),
  })
  .refine((config) => config.NODE_ENV !== "production" || config.IDENTITY_SECRETS_KEY !== undefined, {
    path: ["IDENTITY_SECRETS_KEY"],
    message: "is required when NODE_ENV is production",
  })
  .refine((config) => config.NODE_ENV !== "production" || config.GATEWAY_SERVICE_KEY !== undefined, {
    path: ["GATEWAY_SERVICE_KEY"],
    message:
      "is required when NODE_ENV is production (without it every login counts at the gateway's address)",
  });

export type IdentityConfig = z.infer<typeof identityConfigSchema>;
