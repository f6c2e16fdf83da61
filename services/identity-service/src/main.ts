import { loadConfig, stopOnSignals } from "@simhub/platform";
import { identityConfigSchema } from "./config.ts";
import { startIdentityService } from "./service.ts";

const config = loadConfig(identityConfigSchema);
const runtime = await startIdentityService(config);
stopOnSignals(runtime.logger, () => runtime.stop());
