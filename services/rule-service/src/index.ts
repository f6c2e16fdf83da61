export { type RuleConfig, ruleConfigSchema } from "./config.ts";
export { migrations } from "./db/migrations.ts";
export { startRuleService } from "./service.ts";
