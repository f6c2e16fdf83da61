import { loadConfig, runServiceMain } from "@simhub/platform";
import { simConfigSchema } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { startSimService } from "./service.ts";

const config = loadConfig(simConfigSchema);
await runServiceMain({ name: "sim-service", config, migrations, start: () => startSimService(config) });
