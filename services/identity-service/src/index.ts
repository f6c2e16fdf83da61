export { type IdentityConfig, identityConfigSchema } from "./config.ts";
export { migrations } from "./db/migrations.ts";
export { type IdentityService, startIdentityService } from "./service.ts";
