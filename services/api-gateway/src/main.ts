import { loadConfig, stopOnSignals } from "@simhub/platform";
import { gatewayConfigSchema } from "./config.ts";
import { startGateway } from "./gateway.ts";

const config = loadConfig(gatewayConfigSchema);
const gateway = await startGateway(config);
stopOnSignals(gateway.logger, () => gateway.stop());
