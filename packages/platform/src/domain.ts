// What pure domain modules may use from the platform: typed errors, the
// principal, pagination cursors, input checks, and the contracts' enum
// values (SIM statuses, plan types). Nothing here does I/O.
export { type PlanType, planTypes, type SimStatus, simStatuses } from "@simhub/contracts/enums";
export * from "./cursor.ts";
export * from "./errors.ts";
export * from "./principal.ts";
export * from "./validation.ts";
