import { loadConfig, stopOnSignals } from "@simhub/platform";
import { orgConfigSchema } from "./config.ts";
import { startOrgService } from "./service.ts";

const config = loadConfig(orgConfigSchema);
const runtime = await startOrgService(config);
stopOnSignals(runtime.logger, () => runtime.stop());
