// Months of usage (UTC), as `YYYY-MM`, and the days in them. Pure.
import { invalid } from "@simhub/platform/domain";

const PERIOD = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function periodOf(time: Date): string {
  return time.toISOString().slice(0, 7);
}

/** The first instant of the month `period` (UTC). */
export function periodStart(period: string): Date {
  return new Date(`${period}-01T00:00:00.000Z`);
}

/** The month `months` after (or before, when negative) `period`. */
export function addMonths(period: string, months: number): string {
  const start = periodStart(period);
  return periodOf(new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + months, 1)));
}

/** A requested period, or this month when none is given; 400 for anything else. */
export function checkPeriod(value: string, now: Date): string {
  if (value === "") return periodOf(now);
  if (!PERIOD.test(value)) {
    const message = "period is a month as YYYY-MM";
    throw invalid(message, [{ path: "period", message }], "INVALID_PERIOD");
  }
  return value;
}

/** The start of the oldest month kept when `retentionMonths` months (the current one included) are kept. */
export function oldestKept(now: Date, retentionMonths: number): Date {
  return periodStart(addMonths(periodOf(now), -(retentionMonths - 1)));
}
