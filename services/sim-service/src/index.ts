export { type SimConfig, simConfigSchema } from "./config.ts";
export { startSimService } from "./service.ts";
