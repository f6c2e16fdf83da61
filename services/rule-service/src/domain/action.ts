// What becomes of a rule's action after an attempt, and when a failed one
// is tried again. Pure.
//
// Decisions:
// - A refusal by the SIM's lifecycle (an illegal transition, a SIM that is
//   no longer the organization's, a request sim-service finds invalid) is
//   an answer, not a failure: the action is `skipped` with sim-service's
//   message, never tried again — a rule whose action can never apply does
//   not loop.
// - Anything else (sim-service unavailable, a deadline, a refused key) is
//   tried again after 1 s, 5 s, 30 s, 2 min and 10 min; after the sixth
//   failed attempt the action is `failed` and the firing is done (the
//   alert RuleActionsFailing watches the rate of those).
import type { ErrorKind } from "@simhub/platform/domain";

export const ACTION_RETRY_DELAYS_MS: readonly number[] = [1_000, 5_000, 30_000, 120_000, 600_000];

/** Attempts in all: the first and one per delay. */
export const MAX_ACTION_ATTEMPTS = ACTION_RETRY_DELAYS_MS.length + 1;

const answers: readonly ErrorKind[] = ["rule", "not_found", "invalid"];

export type AttemptResult =
  | { outcome: "applied"; detail: string }
  | { outcome: "skipped"; detail: string }
  | { outcome: "failed"; detail: string }
  | { outcome: "retry"; detail: string; delayMs: number };

/** The result of a status change attempt that threw `error` (kind from the gRPC status), as attempt `attempt` (1-based). */
export function classifyActionFailure(
  error: { kind?: ErrorKind | undefined; message: string },
  attempt: number,
  delays: readonly number[] = ACTION_RETRY_DELAYS_MS,
): AttemptResult {
  if (error.kind && answers.includes(error.kind)) return { outcome: "skipped", detail: error.message };
  if (attempt > delays.length) {
    return { outcome: "failed", detail: `${error.message} (after ${attempt} attempts)` };
  }
  return { outcome: "retry", detail: error.message, delayMs: delays[attempt - 1]! };
}

/** The log's detail of an applied status change. */
export function appliedDetail(status: string, changed: boolean): string {
  return changed ? `status changed to ${status}` : `already ${status} by a rule`;
}
