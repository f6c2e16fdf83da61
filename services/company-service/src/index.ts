export { type CompanyConfig, companyConfigSchema } from "./config.ts";
export { migrations } from "./db/migrations.ts";
export { startCompanyService } from "./service.ts";
