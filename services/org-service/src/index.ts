export { type OrgConfig, orgConfigSchema } from "./config.ts";
export { migrations } from "./db/migrations.ts";
export { startOrgService } from "./service.ts";
