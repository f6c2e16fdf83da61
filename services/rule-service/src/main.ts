import { loadConfig, runServiceMain } from "@simhub/platform";
import { ruleConfigSchema } from "./config.ts";
import { migrations } from "./db/migrations.ts";
import { startRuleService } from "./service.ts";

const config = loadConfig(ruleConfigSchema);
await runServiceMain({ name: "rule-service", config, migrations, start: () => startRuleService(config) });
