import { loadConfig, stopOnSignals } from "@simhub/platform";
import { webhookConfigSchema } from "./config.ts";
import { startWebhookService } from "./service.ts";

const config = loadConfig(webhookConfigSchema);
const runtime = await startWebhookService(config);
stopOnSignals(runtime.logger, () => runtime.stop());
