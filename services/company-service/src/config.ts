import { grpcAddress, port, serviceEnv } from "@simhub/platform";
import { z } from "zod";

export const companyConfigSchema = z.object({
  ...serviceEnv,
  GRPC_PORT: port(50052),
  HTTP_PORT: port(9102),
  ORG_SERVICE_ADDR: grpcAddress("127.0.0.1:50051"),
  /** Asked only when the local assignment model says a company still has SIMs (see archiveCompany). */
  SIM_SERVICE_ADDR: grpcAddress("127.0.0.1:50054"),
  /**
   * How long an archive waits for the SIM-assignment consumer to catch up
   * with the SIMHUB_SIM stream before it answers 503 (see app/companies.ts).
   */
  SIM_CATCH_UP_TIMEOUT_MS: z.coerce.number().int().positive().default(3_000),
});
export type CompanyConfig = z.infer<typeof companyConfigSchema>;
