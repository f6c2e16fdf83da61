// Reading totals: a SIM's month (and its days), a company's month.
import type { Knex } from "@simhub/platform";

export interface Totals {
  dataBytes: number;
  smsCount: number;
  voiceSeconds: number;
}

const noUsage: Totals = { dataBytes: 0, smsCount: 0, voiceSeconds: 0 };

interface TotalsRow {
  data_bytes: string;
  sms_count: string;
  voice_seconds: string;
}

const toTotals = (row: TotalsRow | undefined): Totals =>
  row
    ? {
        dataBytes: Number(row.data_bytes),
        smsCount: Number(row.sms_count),
        voiceSeconds: Number(row.voice_seconds),
      }
    : noUsage;

/** `periodStart` is the month's first day (YYYY-MM-01). */
export async function monthTotals(db: Knex, iccid: string, periodStart: string): Promise<Totals> {
  const result = await db.raw<{ rows: TotalsRow[] }>(
    "SELECT data_bytes, sms_count, voice_seconds FROM usage_monthly WHERE iccid = ? AND period = ?::date",
    [iccid, periodStart],
  );
  return toTotals(result.rows[0]);
}

export async function dayTotals(
  db: Knex,
  iccid: string,
  periodStart: string,
): Promise<{ date: string; totals: Totals }[]> {
  const result = await db.raw<{ rows: (TotalsRow & { date: string })[] }>(
    `SELECT to_char(day, 'YYYY-MM-DD') AS date, data_bytes, sms_count, voice_seconds
       FROM usage_daily
      WHERE iccid = ? AND day >= ?::date AND day < (?::date + interval '1 month')
      ORDER BY day`,
    [iccid, periodStart, periodStart],
  );
  return result.rows.map((row) => ({ date: row.date, totals: toTotals(row) }));
}

/** The month's totals of the SIMs assigned to the company now, and how many of them were used. */
export async function companyMonthTotals(
  db: Knex,
  companyId: string,
  periodStart: string,
): Promise<{ totals: Totals; simCount: number }> {
  const result = await db.raw<{ rows: (TotalsRow & { sim_count: number })[] }>(
    `SELECT coalesce(sum(m.data_bytes), 0) AS data_bytes, coalesce(sum(m.sms_count), 0) AS sms_count,
            coalesce(sum(m.voice_seconds), 0) AS voice_seconds, count(*)::int AS sim_count
       FROM usage_sims s
       JOIN usage_monthly m ON m.iccid = s.iccid AND m.period = ?::date
      WHERE s.company_id = ?`,
    [periodStart, companyId],
  );
  const row = result.rows[0];
  return { totals: toTotals(row), simCount: row?.sim_count ?? 0 };
}
