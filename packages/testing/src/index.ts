export * from "./faults.ts";
export * from "./infrastructure.ts";
export * from "./stack.ts";
