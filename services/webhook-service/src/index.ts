export { type WebhookConfig, webhookConfigSchema } from "./config.ts";
export { migrations } from "./db/migrations.ts";
export { startWebhookService } from "./service.ts";
