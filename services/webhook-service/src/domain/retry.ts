// When a failed delivery is tried again. The schedule is a list of delays
// (WEBHOOK_RETRY_SCHEDULE); attempt n+1 waits the n-th delay, stretched or
// shrunk by up to ±20 % of jitter so endpoints that failed together are not
// hit together again. After the last delay's attempt fails the delivery is
// dead. The default, 5s,5m,30m,2h,5h,10h,10h,10h, is nine attempts over
// about 37.6 hours (Standard Webhooks recommends retries over at least a day).
const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration such as 5s, 30m, 2h`);
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  if (ms <= 0 || ms > 7 * UNIT_MS.d) throw new Error(`"${text}" must be more than 0 and at most 7d`);
  return ms;
}

/** Delays in ms between attempts, e.g. "5s,5m,30m" → [5000, 300000, 1800000]. */
export function parseRetrySchedule(text: string): number[] {
  const parts = text.split(",").filter((part) => part.trim() !== "");
  if (parts.length === 0) throw new Error("give at least one delay, e.g. 5s,5m,30m");
  if (parts.length > 50) throw new Error("at most 50 retries");
  return parts.map(parseDuration);
}

const JITTER = 0.2;

/**
 * The delay before the next attempt after `attempts` attempts have failed,
 * or undefined when none is left (the delivery is dead). `random` is in [0, 1).
 */
export function nextRetryDelay(schedule: number[], attempts: number, random: number): number | undefined {
  const base = schedule[attempts - 1];
  if (base === undefined) return undefined;
  return Math.round(base * (1 - JITTER + 2 * JITTER * random));
}

export type AttemptOutcome = "delivered" | "retry" | "gone";

/** 2xx is delivered; 410 Gone disables the endpoint; anything else (and no answer) is retried. */
export function classifyResponse(status: number | undefined): AttemptOutcome {
  if (status !== undefined && status >= 200 && status < 300) return "delivered";
  if (status === 410) return "gone";
  return "retry";
}
