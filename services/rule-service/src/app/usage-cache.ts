// Each SIM's usage totals as last committed by this process, with the
// version of their row (db/state.ts), kept between batches of usage updates
// so a batch need not read (and lock) the totals it is about to write: it
// writes them over the version it computed them from, and only a SIM whose
// row another transaction wrote meanwhile (another loop or replica) is read
// again, locked. An entry is set only after its transaction committed, and
// never to an older version, so the cache is never ahead of the table. At
// most `capacity` SIMs are kept; the first cached go first.
import type { StoredUsage } from "../db/state.ts";

export class UsageTotalsCache {
  private readonly entries = new Map<string, StoredUsage>();
  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
  }

  get(iccid: string): StoredUsage | undefined {
    return this.entries.get(iccid);
  }

  /** Totals committed at `stored.version`; an entry of a newer version stays. */
  set(iccid: string, stored: StoredUsage) {
    const current = this.entries.get(iccid);
    if (current) {
      if (current.version <= stored.version) this.entries.set(iccid, stored);
      return;
    }
    this.entries.set(iccid, stored);
    if (this.entries.size > this.capacity) {
      this.entries.delete(this.entries.keys().next().value as string);
    }
  }

  get size() {
    return this.entries.size;
  }
}
