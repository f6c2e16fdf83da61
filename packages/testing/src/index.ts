export * from "./infrastructure.ts";
export * from "./stack.ts";
