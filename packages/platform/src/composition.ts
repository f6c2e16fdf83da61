// Views composed from several calls made side by side (the gateway's company
// and SIM details): each call settles on its own, and what one part's
// failure means for the whole view is decided here, once.
import type { AppError } from "./errors.ts";

/**
 * One part of a composed view. A part the caller may not see (NOT_FOUND,
 * PERMISSION_DENIED) is simply null; a part that failed for another reason
 * (an outage, an open breaker) is null and named in `degraded`.
 */
export function settledPart<T>(result: PromiseSettledResult<T>, name: string, degraded: string[]): T | null {
  if (result.status === "fulfilled") return result.value;
  const kind = (result.reason as AppError | undefined)?.kind;
  if (kind !== "not_found" && kind !== "forbidden") degraded.push(name);
  return null;
}
