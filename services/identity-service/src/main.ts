import { loadConfig, runServiceMain } from "@simhub/platform";
import { identityConfigSchema } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { startIdentityService } from "./service.ts";

const config = loadConfig(identityConfigSchema);
await runServiceMain({
  name: "identity-service",
  config,
  migrations,
  start: () => startIdentityService(config),
});
