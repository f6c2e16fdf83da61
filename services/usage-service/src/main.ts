import { loadConfig, runServiceMain } from "@simhub/platform";
import { usageConfigSchema } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { startUsageService } from "./service.ts";

const config = loadConfig(usageConfigSchema);
await runServiceMain({ name: "usage-service", config, migrations, start: () => startUsageService(config) });
