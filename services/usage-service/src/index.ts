export { type UsageConfig, usageConfigSchema } from "./config.ts";
export { migrations } from "./db/migrations.ts";
export { startUsageService } from "./service.ts";
