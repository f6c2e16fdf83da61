export * from "./asyncapi.ts";
export * from "./events.ts";
export type * from "./generated/services.ts";
export * from "./grpc.ts";
export * from "./ingest.ts";
