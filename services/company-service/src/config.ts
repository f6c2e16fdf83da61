import { grpcAddress, port, serviceEnv } from "@simhub/platform";
import { z } from "zod";

export const companyConfigSchema = z.object({
  ...serviceEnv,
  GRPC_PORT: port(50052),
  HTTP_PORT: port(9102),
  ORG_SERVICE_ADDR: grpcAddress("127.0.0.1:50051"),
  /** Asked whether SIMs are assigned when a company is archived (see archiveCompany). */
  SIM_SERVICE_ADDR: grpcAddress("127.0.0.1:50054"),
});
export type CompanyConfig = z.infer<typeof companyConfigSchema>;
