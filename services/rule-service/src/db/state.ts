// The local state rules are evaluated on, fed by events: SIMs (which rules
// cover them), plan allowances and usage totals.
import type { Knex } from "@simhub/platform";
import type { UsageTotals } from "../domain/evaluate.ts";

export interface SimFacts {
  iccid: string;
  orgId: string;
  companyId: string | null;
  planId: string | null;
  status: string | null;
}

interface SimRow {
  iccid: string;
  org_id: string;
  company_id: string | null;
  plan_id: string | null;
  status: string | null;
}

const toFacts = (row: SimRow): SimFacts => ({
  iccid: row.iccid,
  orgId: row.org_id,
  companyId: row.company_id,
  planId: row.plan_id,
  status: row.status,
});

export type SimFact = "company" | "plan" | "status";
const factColumns: Record<SimFact, { value: string; at: string }> = {
  company: { value: "company_id", at: "company_at" },
  plan: { value: "plan_id", at: "plan_at" },
  status: { value: "status", at: "status_at" },
};

/** ICCID order: the order every statement here takes SIM rows in. */
const byIccid = (a: { iccid: string }, b: { iccid: string }) =>
  a.iccid < b.iccid ? -1 : a.iccid > b.iccid ? 1 : 0;

/**
 * Sets one fact of a SIM as of `at` (the event's time), unless a newer
 * event set it already. Returns the SIM when this event set it (even to
 * the value a usage or status event had already made known), so the
 * caller checks the rules it may now come under.
 */
export async function setSimFact(
  trx: Knex.Transaction,
  sim: { iccid: string; orgId: string },
  fact: SimFact,
  value: string | null,
  at: Date,
): Promise<SimFacts | undefined> {
  const { value: column, at: atColumn } = factColumns[fact];
  // Column names come from the fixed table above, never from input.
  const result = await trx.raw<{ rows: SimRow[] }>(
    `INSERT INTO rule_sims (iccid, org_id, ${column}, ${atColumn}) VALUES (?, ?, ?, ?)
     ON CONFLICT (iccid) DO UPDATE SET ${column} = EXCLUDED.${column}, ${atColumn} = EXCLUDED.${atColumn}
       WHERE rule_sims.${atColumn} < EXCLUDED.${atColumn}
     RETURNING iccid, org_id, company_id, plan_id, status`,
    [sim.iccid, sim.orgId, value, at],
  );
  const row = result.rows[0];
  return row ? toFacts(row) : undefined;
}

const factTypes: Record<SimFact, string> = { company: "uuid", plan: "uuid", status: "text" };

/**
 * setSimFact for SIMs that are each named once, in one statement: the SIMs
 * whose fact this set (as setSimFact returns them).
 */
export async function setSimFacts(
  trx: Knex.Transaction,
  fact: SimFact,
  changes: readonly { iccid: string; orgId: string; value: string | null; at: Date }[],
): Promise<SimFacts[]> {
  if (changes.length === 0) return [];
  // In ICCID order, as noteSims locks them: two batches never wait for each other crosswise.
  const sorted = [...changes].sort(byIccid);
  const { value: column, at: atColumn } = factColumns[fact];
  // Column names and types come from the fixed tables above, never from input.
  const result = await trx.raw<{ rows: SimRow[] }>(
    `INSERT INTO rule_sims (iccid, org_id, ${column}, ${atColumn})
     SELECT * FROM unnest(?::text[], ?::uuid[], ?::${factTypes[fact]}[], ?::timestamptz[])
     ON CONFLICT (iccid) DO UPDATE SET ${column} = EXCLUDED.${column}, ${atColumn} = EXCLUDED.${atColumn}
       WHERE rule_sims.${atColumn} < EXCLUDED.${atColumn}
     RETURNING iccid, org_id, company_id, plan_id, status`,
    [
      sorted.map((change) => change.iccid),
      sorted.map((change) => change.orgId),
      sorted.map((change) => change.value),
      sorted.map((change) => change.at),
    ] as Knex.RawBinding[],
  );
  return result.rows.map(toFacts);
}

/**
 * Makes a SIM known from an event that only mentions it (usage): a row with
 * the event's company as the oldest possible fact, so any assignment event
 * overrides it.
 */
export async function noteSim(
  trx: Knex.Transaction,
  sim: { iccid: string; orgId: string; companyId: string | null },
): Promise<SimFacts> {
  const facts = await noteSims(trx, [sim]);
  return facts.get(sim.iccid)!;
}

/**
 * noteSim for many SIMs: the ones not known yet are made known from the
 * first mention of each, and every SIM's facts are returned, their rows
 * locked in ICCID order until the transaction ends.
 *
 * The lock keeps a SIM's facts and its usage from being applied by two
 * transactions that each miss the other's change: the usage consumer reads
 * the facts here, and the SIM-event consumer writes them (setSimFacts, in
 * the same order, one pass) before it reads the usage, so one of the two
 * waits for the other and then sees what it wrote. The insert takes every
 * row in one pass — a new one inserted, a known one locked by `DO UPDATE …
 * WHERE false`, which changes nothing — so two batches never wait for each
 * other crosswise. The facts are read by a statement of their own: an
 * insert that waited for another transaction's insert of the same SIM does
 * not see that row, the read after it does.
 */
export async function noteSims(
  trx: Knex.Transaction,
  sims: readonly { iccid: string; orgId: string; companyId: string | null }[],
): Promise<Map<string, SimFacts>> {
  const first = new Map<string, (typeof sims)[number]>();
  for (const sim of sims) if (!first.has(sim.iccid)) first.set(sim.iccid, sim);
  const mentioned = [...first.values()].sort(byIccid);
  const iccids = mentioned.map((sim) => sim.iccid);
  await trx.raw(
    `INSERT INTO rule_sims (iccid, org_id, company_id)
     SELECT * FROM unnest(?::text[], ?::uuid[], ?::uuid[])
     ON CONFLICT (iccid) DO UPDATE SET org_id = rule_sims.org_id WHERE false`,
    [iccids, mentioned.map((sim) => sim.orgId), mentioned.map((sim) => sim.companyId)] as Knex.RawBinding[],
  );
  const result = await trx.raw<{ rows: SimRow[] }>(
    "SELECT iccid, org_id, company_id, plan_id, status FROM rule_sims WHERE iccid = ANY(?::text[])",
    [iccids],
  );
  return new Map(result.rows.map((row) => [row.iccid, toFacts(row)]));
}

/** Covered SIMs of an organization (narrowed), in ICCID order after `after`: a sweep's next page. */
export async function coveredSimsPage(
  db: Knex | Knex.Transaction,
  scope: { orgId: string; companyId: string | null; planId: string | null },
  after: string,
  limit: number,
): Promise<SimFacts[]> {
  const query = db("rule_sims")
    .select("iccid", "org_id", "company_id", "plan_id", "status")
    .where("org_id", scope.orgId)
    .andWhere("iccid", ">", after)
    .orderBy("iccid")
    .limit(limit);
  if (scope.companyId) query.andWhere("company_id", scope.companyId);
  if (scope.planId) query.andWhere("plan_id", scope.planId);
  return ((await query) as SimRow[]).map(toFacts);
}

/** A plan's data allowance as of `at`; older events change nothing. */
export async function setPlanAllowance(
  trx: Knex.Transaction,
  plan: { planId: string; orgId: string; dataMb: number | null },
  at: Date,
): Promise<void> {
  await trx.raw(
    `INSERT INTO rule_plans (plan_id, org_id, data_mb, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (plan_id) DO UPDATE SET data_mb = EXCLUDED.data_mb, updated_at = EXCLUDED.updated_at
       WHERE rule_plans.updated_at < EXCLUDED.updated_at`,
    [plan.planId, plan.orgId, plan.dataMb, at],
  );
}

export async function planAllowanceMb(db: Knex | Knex.Transaction, planId: string | null) {
  if (!planId) return null;
  const row = (await db("rule_plans").where({ plan_id: planId }).first("data_mb")) as
    | { data_mb: string | null }
    | undefined;
  return row?.data_mb == null ? null : Number(row.data_mb);
}

interface UsageRow {
  iccid: string;
  period: string;
  data_bytes: string;
  sms_count: string;
  voice_seconds: string;
  day: string;
  day_data_bytes: string;
  day_sms_count: string;
  day_voice_seconds: string;
}

const toTotals = (row: UsageRow): UsageTotals => ({
  period: row.period,
  dataBytes: Number(row.data_bytes),
  smsCount: Number(row.sms_count),
  voiceSeconds: Number(row.voice_seconds),
  day: row.day,
  dayDataBytes: Number(row.day_data_bytes),
  daySmsCount: Number(row.day_sms_count),
  dayVoiceSeconds: Number(row.day_voice_seconds),
});

/** A SIM's stored totals and the version of its row (0: no row yet). */
export interface StoredUsage {
  totals: UsageTotals | undefined;
  version: number;
}

const toStored = (row: UsageRow & { version: string }): StoredUsage => ({
  totals: row.period !== "" ? toTotals(row) : undefined,
  version: Number(row.version),
});

/** The SIMs' stored totals, unlocked (a SIM without a row: version 0). */
export async function readUsages(
  trx: Knex.Transaction,
  iccids: readonly string[],
): Promise<Map<string, StoredUsage>> {
  const { rows } = await trx.raw<{ rows: (UsageRow & { version: string })[] }>(
    "SELECT * FROM rule_usage WHERE iccid = ANY(?::text[])",
    [[...iccids]],
  );
  const stored = new Map(rows.map((row) => [row.iccid, toStored(row)]));
  for (const iccid of iccids) if (!stored.has(iccid)) stored.set(iccid, { totals: undefined, version: 0 });
  return stored;
}

/**
 * The SIMs' stored totals, locked until the transaction ends, in ICCID order
 * (concurrent updates of a SIM queue, and two batches do not deadlock). Empty
 * rows first, so two first updates of one SIM queue on its lock instead of
 * both inserting (period '' stands for "nothing yet").
 */
export async function lockUsages(
  trx: Knex.Transaction,
  iccids: readonly string[],
): Promise<Map<string, StoredUsage>> {
  const sorted = [...new Set(iccids)].sort();
  await trx.raw(
    `INSERT INTO rule_usage (iccid, period, data_bytes, sms_count, voice_seconds, day,
                             day_data_bytes, day_sms_count, day_voice_seconds)
     SELECT iccid, '', 0, 0, 0, '', 0, 0, 0 FROM unnest(?::text[]) AS iccid ORDER BY iccid
     ON CONFLICT (iccid) DO NOTHING`,
    [sorted],
  );
  const { rows } = await trx.raw<{ rows: (UsageRow & { version: string })[] }>(
    "SELECT * FROM rule_usage WHERE iccid = ANY(?::text[]) ORDER BY iccid FOR UPDATE",
    [sorted],
  );
  return new Map(rows.map((row) => [row.iccid, toStored(row)]));
}

export async function findUsage(db: Knex | Knex.Transaction, iccid: string) {
  const row = (await db("rule_usage").where({ iccid }).first()) as UsageRow | undefined;
  return row && row.period !== "" ? toTotals(row) : undefined;
}

export async function usageOf(db: Knex | Knex.Transaction, iccids: string[]) {
  const rows = (await db("rule_usage").whereIn("iccid", iccids).whereNot("period", "")) as UsageRow[];
  return new Map(rows.map((row) => [row.iccid, toTotals(row)]));
}

export async function allowancesOf(db: Knex | Knex.Transaction, planIds: string[]) {
  if (planIds.length === 0) return new Map<string, number | null>();
  const rows = (await db("rule_plans").whereIn("plan_id", planIds).select("plan_id", "data_mb")) as {
    plan_id: string;
    data_mb: string | null;
  }[];
  return new Map(rows.map((row) => [row.plan_id, row.data_mb == null ? null : Number(row.data_mb)]));
}

/**
 * The SIMs' new totals in one statement, each written only over the version
 * it was computed from (`expected`; 0: there was no row): the row's version
 * goes up by one (a new row starts at 1). Returns the SIMs written; the
 * others were written by another transaction meanwhile (their totals must be
 * read again, locked, and the updates applied anew).
 */
export async function writeUsages(
  trx: Knex.Transaction,
  changes: readonly { iccid: string; expected: number; totals: UsageTotals }[],
): Promise<Set<string>> {
  if (changes.length === 0) return new Set();
  const sorted = [...changes].sort((a, b) => (a.iccid < b.iccid ? -1 : a.iccid > b.iccid ? 1 : 0));
  const column = <K extends keyof UsageTotals>(key: K) => sorted.map((change) => change.totals[key]);
  const { rows } = await trx.raw<{ rows: { iccid: string }[] }>(
    `WITH t AS (
       SELECT * FROM unnest(?::text[], ?::bigint[], ?::text[], ?::bigint[], ?::bigint[], ?::bigint[],
                            ?::text[], ?::bigint[], ?::bigint[], ?::bigint[])
         AS t(iccid, expected, period, data_bytes, sms_count, voice_seconds, day,
              day_data_bytes, day_sms_count, day_voice_seconds)),
     updated AS (
       UPDATE rule_usage AS u SET
         period = t.period, data_bytes = t.data_bytes, sms_count = t.sms_count,
         voice_seconds = t.voice_seconds, day = t.day, day_data_bytes = t.day_data_bytes,
         day_sms_count = t.day_sms_count, day_voice_seconds = t.day_voice_seconds,
         version = u.version + 1
       FROM t WHERE t.expected > 0 AND u.iccid = t.iccid AND u.version = t.expected
       RETURNING u.iccid),
     inserted AS (
       INSERT INTO rule_usage (iccid, period, data_bytes, sms_count, voice_seconds, day,
                               day_data_bytes, day_sms_count, day_voice_seconds, version)
       SELECT iccid, period, data_bytes, sms_count, voice_seconds, day,
              day_data_bytes, day_sms_count, day_voice_seconds, 1
         FROM t WHERE t.expected = 0 ORDER BY iccid
       ON CONFLICT (iccid) DO NOTHING
       RETURNING iccid)
     SELECT iccid FROM updated UNION ALL SELECT iccid FROM inserted`,
    [
      sorted.map((change) => change.iccid),
      sorted.map((change) => change.expected),
      column("period"),
      column("dataBytes"),
      column("smsCount"),
      column("voiceSeconds"),
      column("day"),
      column("dayDataBytes"),
      column("daySmsCount"),
      column("dayVoiceSeconds"),
    ] as Knex.RawBinding[],
  );
  return new Set(rows.map((row) => row.iccid));
}
