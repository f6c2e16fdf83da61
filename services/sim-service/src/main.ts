import { loadConfig, stopOnSignals } from "@simhub/platform";
import { simConfigSchema } from "./config.ts";
import { startSimService } from "./service.ts";

const config = loadConfig(simConfigSchema);
const runtime = await startSimService(config);
stopOnSignals(runtime.logger, () => runtime.stop());
