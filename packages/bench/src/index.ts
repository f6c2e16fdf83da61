export { type BenchMode, type BenchOptions, parseOptions, usage } from "./options.ts";
export { summarise as summariseProfile } from "./profile-summary.ts";
export { type BenchResults, MAX_ERROR_RATE, report, type ScenarioResult, type Side } from "./results.ts";
export { machineInfo, runBench } from "./run.ts";
