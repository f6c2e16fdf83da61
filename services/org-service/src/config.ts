import { grpcAddress, port, serviceEnv } from "@simhub/platform";
import { z } from "zod";

export const orgConfigSchema = z
  .object({
    ...serviceEnv,
    GRPC_PORT: port(50051),
    HTTP_PORT: port(9101),
    /** company-service, asked to resolve the company a plan is offered to. */
    COMPANY_SERVICE_ADDR: grpcAddress("127.0.0.1:50052"),
    NODE_ENV: z.string().default("development"),
    /** base64 of 32 random bytes (`openssl rand -base64 32`): the AES-256-GCM key of payment secrets. */
    PAYMENT_SECRETS_KEY: z.preprocess(
      (value) => (value === "" ? undefined : value),
      z
        .string()
        .refine((value) => Buffer.from(value, "base64").length === 32, "must be base64 of exactly 32 bytes")
        .optional(),
    ),
  })
  .refine((config) => config.NODE_ENV !== "production" || config.PAYMENT_SECRETS_KEY !== undefined, {
    path: ["PAYMENT_SECRETS_KEY"],
    message: "is required when NODE_ENV is production",
  });
export type OrgConfig = z.infer<typeof orgConfigSchema>;
