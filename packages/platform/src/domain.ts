// What pure domain modules may use from the platform: typed errors, the
// principal, pagination cursors, input checks. Nothing here does I/O.
export * from "./cursor.ts";
export * from "./errors.ts";
export * from "./principal.ts";
export * from "./validation.ts";
