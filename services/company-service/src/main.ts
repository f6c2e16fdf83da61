import { loadConfig, stopOnSignals } from "@simhub/platform";
import { companyConfigSchema } from "./config.ts";
import { startCompanyService } from "./service.ts";

const config = loadConfig(companyConfigSchema);
const runtime = await startCompanyService(config);
stopOnSignals(runtime.logger, () => runtime.stop());
