// Writing a batch of accepted records: the records (duplicates skipped by
// the primary key), the per-day and per-month totals of the new ones and
// each SIM's first and last use and device, in one statement; it returns
// the new totals and what each SIM's new records said.
import type { Knex } from "@simhub/platform";
import type { UsageRecord } from "../domain/records.ts";

interface PeriodTotals {
  iccid: string;
  period: string;
  dataBytes: number;
  smsCount: number;
  voiceSeconds: number;
}

/** What the new records of one SIM said. */
interface SimBatchFacts {
  iccid: string;
  /** The first new record's start, RFC 3339 in UTC with milliseconds. */
  firstAt: string;
  /** The device of the latest new record that named one, and when (µs since the epoch). */
  imei: string | null;
  imeiAtUs: number | null;
}

export interface AppliedRecords {
  inserted: number;
  totals: PeriodTotals[];
  sims: SimBatchFacts[];
}

const sum = (type: string, alias: string) =>
  `coalesce(sum(quantity) FILTER (WHERE type = '${type}'), 0)::bigint AS ${alias}`;

const applySql = `
WITH input AS (
  SELECT e->>0 AS record_id, e->>1 AS iccid, e->>2 AS type, (e->>3)::bigint AS quantity,
         (e->>4)::timestamptz AS started_at, e->>5 AS imei
    FROM jsonb_array_elements(?::jsonb) AS e
),
inserted AS (
  INSERT INTO usage_records (org_id, record_id, period, iccid, type, quantity, started_at, imei)
  SELECT ?::uuid, record_id, date_trunc('month', started_at AT TIME ZONE 'UTC')::date,
         iccid, type, quantity, started_at, imei
    FROM input
  ON CONFLICT (org_id, record_id, period) DO NOTHING
  RETURNING iccid, type, quantity, started_at, imei, period
),
daily AS (
  INSERT INTO usage_daily AS d (iccid, day, data_bytes, sms_count, voice_seconds)
  SELECT iccid, (started_at AT TIME ZONE 'UTC')::date,
         ${sum("data", "data_bytes")}, ${sum("sms", "sms_count")}, ${sum("voice", "voice_seconds")}
    FROM inserted GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (iccid, day) DO UPDATE
     SET data_bytes = d.data_bytes + EXCLUDED.data_bytes,
         sms_count = d.sms_count + EXCLUDED.sms_count,
         voice_seconds = d.voice_seconds + EXCLUDED.voice_seconds
),
monthly AS (
  INSERT INTO usage_monthly AS m (iccid, period, data_bytes, sms_count, voice_seconds)
  SELECT iccid, period, ${sum("data", "data_bytes")}, ${sum("sms", "sms_count")}, ${sum("voice", "voice_seconds")}
    FROM inserted GROUP BY 1, 2 ORDER BY 1, 2
  ON CONFLICT (iccid, period) DO UPDATE
     SET data_bytes = m.data_bytes + EXCLUDED.data_bytes,
         sms_count = m.sms_count + EXCLUDED.sms_count,
         voice_seconds = m.voice_seconds + EXCLUDED.voice_seconds
  RETURNING iccid, to_char(period, 'YYYY-MM') AS period, data_bytes, sms_count, voice_seconds
),
per_sim AS (
  SELECT iccid, min(started_at) AS first_at, max(started_at) AS last_at,
         (array_agg(imei ORDER BY started_at DESC) FILTER (WHERE imei IS NOT NULL))[1] AS imei,
         max(started_at) FILTER (WHERE imei IS NOT NULL) AS imei_at
    FROM inserted GROUP BY iccid
),
sims AS (
  UPDATE usage_sims s
     SET first_used_at = LEAST(coalesce(s.first_used_at, p.first_at), p.first_at),
         last_used_at = GREATEST(coalesce(s.last_used_at, p.last_at), p.last_at),
         imei = CASE WHEN p.imei IS NOT NULL AND (s.imei_seen_at IS NULL OR p.imei_at >= s.imei_seen_at)
                     THEN p.imei ELSE s.imei END,
         imei_seen_at = CASE WHEN p.imei IS NOT NULL AND (s.imei_seen_at IS NULL OR p.imei_at >= s.imei_seen_at)
                     THEN p.imei_at ELSE s.imei_seen_at END
    FROM per_sim p
   WHERE s.iccid = p.iccid
  RETURNING s.iccid
)
SELECT (SELECT count(*) FROM inserted)::int AS inserted,
       (SELECT count(*) FROM sims)::int AS sims_updated,
       (SELECT coalesce(json_agg(json_build_array(iccid, period, data_bytes, sms_count, voice_seconds)), '[]') FROM monthly) AS totals,
       (SELECT coalesce(json_agg(json_build_array(
                 iccid, to_char(first_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'), imei,
                 (extract(epoch FROM imei_at) * 1000000)::float8)), '[]') FROM per_sim) AS per_sim`;

type TotalsRow = [string, string, number, number, number];
type PerSimRow = [string, string, string | null, number | null];

export async function applyRecords(
  trx: Knex.Transaction,
  orgId: string,
  records: readonly UsageRecord[],
): Promise<AppliedRecords> {
  const result = await trx.raw<{ rows: { inserted: number; totals: TotalsRow[]; per_sim: PerSimRow[] }[] }>(
    applySql,
    // One JSON text for the batch: JSON.stringify is native, where six
    // arrays of 10,000 values each were escaped value by value by pg.
    [
      JSON.stringify(
        records.map((record) => [
          record.recordId,
          record.iccid,
          record.type,
          record.quantity,
          record.startedAtText,
          record.imei,
        ]),
      ),
      orgId,
    ],
  );
  const row = result.rows[0]!;
  return {
    inserted: row.inserted,
    totals: row.totals.map(([iccid, period, dataBytes, smsCount, voiceSeconds]) => ({
      iccid,
      period,
      dataBytes: Number(dataBytes),
      smsCount: Number(smsCount),
      voiceSeconds: Number(voiceSeconds),
    })),
    sims: row.per_sim.map(([iccid, firstAt, imei, imeiAtUs]) => ({ iccid, firstAt, imei, imeiAtUs })),
  };
}
