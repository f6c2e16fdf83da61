// What pure domain modules may use from the platform: typed errors, the
// principal, pagination cursors. Nothing here does I/O.
export * from "./cursor.ts";
export * from "./errors.ts";
export * from "./principal.ts";
