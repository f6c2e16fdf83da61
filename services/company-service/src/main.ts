import { loadConfig, runServiceMain } from "@simhub/platform";
import { companyConfigSchema } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { startCompanyService } from "./service.ts";

const config = loadConfig(companyConfigSchema);
await runServiceMain({
  name: "company-service",
  config,
  migrations,
  start: () => startCompanyService(config),
});
