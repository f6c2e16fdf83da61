export * from "./infrastructure.ts";
export * from "./nats-auth.ts";
export * from "./nats-cluster.ts";
export * from "./platform.ts";
export * from "./ports.ts";
export * from "./process-output.ts";
export * from "./topology.ts";
