export { type StartedNats, startNatsServer } from "@simhub/launcher";
export * from "./faults.ts";
export * from "./infrastructure.ts";
export * from "./migrations.ts";
export * from "./otlp-receiver.ts";
export * from "./service-kit.ts";
export * from "./stack.ts";
export * from "./usage-feed.ts";
export * from "./webhook-receiver.ts";
