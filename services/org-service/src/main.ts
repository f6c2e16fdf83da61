import { loadConfig, runServiceMain } from "@simhub/platform";
import { orgConfigSchema } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { startOrgService } from "./service.ts";

const config = loadConfig(orgConfigSchema);
await runServiceMain({ name: "org-service", config, migrations, start: () => startOrgService(config) });
