// The evaluator: does a rule's trigger fire for one SIM, given what was
// observed, and for which period? Pure — the caller gathers the facts (from
// the local tables and the event at hand) and records the firing; the
// firing log's unique (rule, SIM, period) key makes "once per SIM and
// period" hold however often the same facts are evaluated.
//
// Decisions:
// - Usage periods: a month is the usage period of the SimUsageUpdated event
//   (`YYYY-MM`, UTC); a day is the UTC date of the event that brought the
//   totals. The day's usage is the month's totals minus the totals the SIM
//   had before that day's first update (kept by the caller).
// - `data_left`: the plan's allowance (`dataMb`, 1 MB = 1,000,000 bytes)
//   minus this month's data is at or below the threshold; a SIM without a
//   plan, or with a plan without a data allowance, never fires it.
// - `status_changed` and `imei_changed` are edges: each change is its own
//   period (the event's id), so a SIM that is suspended twice fires twice,
//   while the same event delivered twice fires once.
// - `date` fires once per SIM (period `once`) when its time has come.
import type { Trigger } from "./rule.ts";

const BYTES_PER_MB = 1_000_000;

export interface UsageTotals {
  /** `YYYY-MM`. */
  period: string;
  dataBytes: number;
  smsCount: number;
  voiceSeconds: number;
  /** `YYYY-MM-DD`: the day the `day*` figures are of. */
  day: string;
  dayDataBytes: number;
  daySmsCount: number;
  dayVoiceSeconds: number;
}

export type Observation =
  | { kind: "usage"; usage: UsageTotals; allowanceMb: number | null }
  | { kind: "status_changed"; eventId: string; from: string; to: string }
  | { kind: "imei_changed"; eventId: string; previousImei: string | null; imei: string }
  | { kind: "date"; now: Date };

export interface Firing {
  /** With the rule and the SIM, the firing's unique key. */
  periodKey: string;
  /** What the log and the RuleTriggered event show of the facts. */
  observed: Record<string, unknown>;
}

function usageFiring(
  period: "day" | "month",
  usage: UsageTotals,
  monthValue: number,
  dayValue: number,
  threshold: number,
  field: string,
): Firing | undefined {
  const value = period === "day" ? dayValue : monthValue;
  if (value < threshold) return undefined;
  const periodKey = period === "day" ? usage.day : usage.period;
  return { periodKey, observed: { [field]: value, thresholdReached: threshold, period: periodKey } };
}

/** The firing of `trigger` on `observation`, or undefined when it does not fire. */
export function evaluate(trigger: Trigger, observation: Observation): Firing | undefined {
  switch (trigger.type) {
    case "data_used":
      if (observation.kind !== "usage") return undefined;
      return usageFiring(
        trigger.period,
        observation.usage,
        observation.usage.dataBytes,
        observation.usage.dayDataBytes,
        trigger.thresholdBytes,
        "dataBytes",
      );
    case "sms_used":
      if (observation.kind !== "usage") return undefined;
      return usageFiring(
        trigger.period,
        observation.usage,
        observation.usage.smsCount,
        observation.usage.daySmsCount,
        trigger.thresholdCount,
        "smsCount",
      );
    case "voice_used":
      if (observation.kind !== "usage") return undefined;
      return usageFiring(
        trigger.period,
        observation.usage,
        observation.usage.voiceSeconds,
        observation.usage.dayVoiceSeconds,
        trigger.thresholdSeconds,
        "voiceSeconds",
      );
    case "data_left": {
      if (observation.kind !== "usage" || observation.allowanceMb === null) return undefined;
      const allowanceBytes = observation.allowanceMb * BYTES_PER_MB;
      const leftBytes = Math.max(0, allowanceBytes - observation.usage.dataBytes);
      if (leftBytes > trigger.thresholdBytes) return undefined;
      return {
        periodKey: observation.usage.period,
        observed: {
          dataLeftBytes: leftBytes,
          allowanceBytes,
          dataBytes: observation.usage.dataBytes,
          period: observation.usage.period,
        },
      };
    }
    case "status_changed":
      if (observation.kind !== "status_changed" || observation.to !== trigger.to) return undefined;
      if (trigger.from !== undefined && observation.from !== trigger.from) return undefined;
      return {
        periodKey: `change:${observation.eventId}`,
        observed: { from: observation.from, to: observation.to },
      };
    case "imei_changed":
      if (observation.kind !== "imei_changed") return undefined;
      // The first device a SIM reports with is no change.
      if (observation.previousImei === null || observation.previousImei === observation.imei)
        return undefined;
      return {
        periodKey: `change:${observation.eventId}`,
        observed: { previousImei: observation.previousImei, imei: observation.imei },
      };
    case "date":
      if (observation.kind !== "date" || observation.now.getTime() < Date.parse(trigger.at)) return undefined;
      return { periodKey: "once", observed: { at: trigger.at } };
  }
}

/** `YYYY-MM` and `YYYY-MM-DD` of a moment, in UTC. */
function monthOf(time: Date): string {
  return time.toISOString().slice(0, 7);
}

function dayOf(time: Date): string {
  return time.toISOString().slice(0, 10);
}

/**
 * The totals as they stand at `now`, for a SIM that comes under a rule: a
 * month other than the current one, or a day other than today, counts as
 * nothing used yet (its period is over, or has not begun).
 */
export function currentUsage(stored: UsageTotals | undefined, now: Date): UsageTotals {
  const month = monthOf(now);
  const day = dayOf(now);
  if (!stored || stored.period !== month) {
    return {
      period: month,
      dataBytes: 0,
      smsCount: 0,
      voiceSeconds: 0,
      day,
      dayDataBytes: 0,
      daySmsCount: 0,
      dayVoiceSeconds: 0,
    };
  }
  if (stored.day === day) return stored;
  return { ...stored, day, dayDataBytes: 0, daySmsCount: 0, dayVoiceSeconds: 0 };
}

/**
 * The new stored totals after a SimUsageUpdated of `period` with the
 * period's totals, arriving at `time`. Totals only grow (a redelivered or
 * late event never takes them back); a new day starts from the totals seen
 * before it, a new month from zero; an event of an older month changes
 * nothing (its period is over).
 */
export function applyUsageUpdate(
  stored: UsageTotals | undefined,
  update: { period: string; dataBytes: number; smsCount: number; voiceSeconds: number },
  time: Date,
): UsageTotals | undefined {
  const day = dayOf(time);
  if (stored && update.period < stored.period) return undefined;
  const sameMonth = stored !== undefined && stored.period === update.period;
  const base = sameMonth ? stored : undefined;
  const dataBytes = Math.max(base?.dataBytes ?? 0, update.dataBytes);
  const smsCount = Math.max(base?.smsCount ?? 0, update.smsCount);
  const voiceSeconds = Math.max(base?.voiceSeconds ?? 0, update.voiceSeconds);
  // Totals at the start of the event's day: those before it when the day is new.
  let dayStart: { data: number; sms: number; voice: number };
  if (base && base.day === day) {
    dayStart = {
      data: base.dataBytes - base.dayDataBytes,
      sms: base.smsCount - base.daySmsCount,
      voice: base.voiceSeconds - base.dayVoiceSeconds,
    };
  } else if (base && base.day < day) {
    dayStart = { data: base.dataBytes, sms: base.smsCount, voice: base.voiceSeconds };
  } else if (base) {
    // A late event of an earlier day than the one kept: today's figures stay.
    return { ...base, dataBytes, smsCount, voiceSeconds };
  } else {
    dayStart = { data: 0, sms: 0, voice: 0 };
  }
  return {
    period: update.period,
    dataBytes,
    smsCount,
    voiceSeconds,
    day,
    dayDataBytes: dataBytes - dayStart.data,
    daySmsCount: smsCount - dayStart.sms,
    dayVoiceSeconds: voiceSeconds - dayStart.voice,
  };
}
