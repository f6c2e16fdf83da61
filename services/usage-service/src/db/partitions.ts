// The monthly partitions of usage_records: created ahead of use (at start,
// by the maintenance timer, and before a batch whose records fall in a
// month not met yet), dropped once past the retention. A partition's name
// is made from a checked YYYY-MM, never from input as given.
import type { Knex } from "@simhub/platform";
import { addMonths, periodStart } from "../domain/period.ts";

const PERIOD = /^\d{4}-(0[1-9]|1[0-2])$/;

function partitionName(period: string): string {
  if (!PERIOD.test(period)) throw new Error(`not a period: ${period}`);
  return `usage_records_${period.replace("-", "_")}`;
}

export class RecordPartitions {
  private readonly known = new Set<string>();
  private readonly db: Knex;

  constructor(db: Knex) {
    this.db = db;
  }

  /** Creates the partitions of `periods` that do not exist yet. */
  async ensure(periods: Iterable<string>): Promise<void> {
    for (const period of periods) {
      if (this.known.has(period)) continue;
      const from = periodStart(period).toISOString().slice(0, 10);
      const to = periodStart(addMonths(period, 1)).toISOString().slice(0, 10);
      try {
        await this.db.raw(
          `CREATE TABLE IF NOT EXISTS ${partitionName(period)} PARTITION OF usage_records FOR VALUES FROM ('${from}') TO ('${to}')`,
        );
      } catch (error) {
        // Another replica created it at the same moment.
        const code = (error as { code?: string }).code;
        if (code !== "42P07" && code !== "23505") throw error;
      }
      this.known.add(period);
    }
  }

  /** Drops the partitions of months before `oldestPeriod`; returns the months dropped. */
  async dropBefore(oldestPeriod: string): Promise<string[]> {
    const result = await this.db.raw<{ rows: { name: string }[] }>(
      `SELECT c.relname AS name
         FROM pg_inherits i
         JOIN pg_class c ON c.oid = i.inhrelid
         JOIN pg_class p ON p.oid = i.inhparent
        WHERE p.relname = 'usage_records'`,
    );
    const dropped: string[] = [];
    for (const { name } of result.rows) {
      const match = /^usage_records_(\d{4})_(\d{2})$/.exec(name);
      if (!match) continue;
      const period = `${match[1]}-${match[2]}`;
      if (period >= oldestPeriod) continue;
      await this.db.raw(`DROP TABLE IF EXISTS ${partitionName(period)}`);
      this.known.delete(period);
      dropped.push(period);
    }
    return dropped;
  }
}
