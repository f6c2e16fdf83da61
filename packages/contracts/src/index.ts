export * from "./asyncapi.ts";
export * from "./events.ts";
export * from "./generated/enums.ts";
export type * from "./generated/services.ts";
export * from "./grpc.ts";
export * from "./ingest.ts";
