// The sweeper checks every SIM a rule covers, a page at a time: a rule just
// created (or changed, or enabled again) is checked against the SIMs it
// covers at once, and a `date` rule when its time comes. Its state is in
// the rules table (sweep_pending, sweep_after), so a sweep interrupted by a
// restart resumes where it stopped; each page takes the rule's row with
// FOR UPDATE SKIP LOCKED, so with several replicas each page is swept by
// one of them, and the firing log's unique key makes a page swept twice
// fire nothing twice.
import type { Knex, Logger } from "@simhub/platform";
import { pruneFirings } from "../db/firings.ts";
import { type RuleRow, ruleColumns, toRule } from "../db/rules.ts";
import { allowancesOf, coveredSimsPage, usageOf } from "../db/state.ts";
import { currentUsage } from "../domain/evaluate.ts";
import type { RuleDeps } from "./deps.ts";
import { comingUnderObservation, firingsOf, recordFirings } from "./evaluation.ts";

const SWEEP_PAGE = 500;

/** Sweeps one page of one due rule; false when no rule is due. */
async function sweepOnePage(deps: RuleDeps, pageSize = SWEEP_PAGE): Promise<boolean> {
  return deps.db.transaction(async (trx: Knex.Transaction) => {
    const found = await trx.raw<{ rows: (RuleRow & { sweep_after: string })[] }>(
      `SELECT ${ruleColumns.join(", ")}, sweep_after FROM rules
        WHERE sweep_pending AND enabled AND (due_at IS NULL OR due_at <= now())
        ORDER BY seq LIMIT 1 FOR UPDATE SKIP LOCKED`,
    );
    const row = found.rows[0];
    if (!row) return false;
    const rule = toRule(row);
    const now = new Date();
    const sims = await coveredSimsPage(trx, rule, row.sweep_after, pageSize);
    if (sims.length > 0) {
      const usage = await usageOf(
        trx,
        sims.map((sim) => sim.iccid),
      );
      const planIds = [...new Set(sims.flatMap((sim) => (sim.planId ? [sim.planId] : [])))];
      const allowances = await allowancesOf(trx, planIds);
      const firings = sims.flatMap((sim) =>
        firingsOf(deps, [rule], sim, (covering) =>
          comingUnderObservation(
            covering,
            currentUsage(usage.get(sim.iccid), now),
            sim.planId ? (allowances.get(sim.planId) ?? null) : null,
            now,
          ),
        ),
      );
      await recordFirings(deps, trx, firings);
    }
    const done = sims.length < pageSize;
    await trx("rules")
      .where({ id: rule.id })
      .update(done ? { sweep_pending: false, sweep_after: "" } : { sweep_after: sims.at(-1)!.iccid });
    return true;
  });
}

export interface SweeperOptions {
  pollMs: number;
  retentionDays: number;
  pruneEveryMs: number;
  logger: Logger;
}

export function startSweeper(deps: RuleDeps, options: SweeperOptions) {
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  let lastPrune = 0;
  const loop = (async () => {
    while (!stopped) {
      try {
        while (!stopped && (await sweepOnePage(deps))) {
          // The next page, or the next due rule.
        }
        if (Date.now() - lastPrune >= options.pruneEveryMs) {
          lastPrune = Date.now();
          const pruned = await pruneFirings(
            deps.db,
            new Date(Date.now() - options.retentionDays * 86_400_000),
          );
          if (pruned > 0) options.logger.info({ pruned }, "rule log pruned");
        }
      } catch (error) {
        if (!stopped) options.logger.warn({ err: error }, "rule sweep failed; trying again");
      }
      if (stopped) break;
      await new Promise<void>((resolve) => {
        wakeUp = resolve;
        timer = setTimeout(resolve, options.pollMs);
      });
      clearTimeout(timer);
    }
  })();
  return {
    wake() {
      wakeUp?.();
    },
    async stop() {
      stopped = true;
      wakeUp?.();
      clearTimeout(timer);
      await loop;
    },
  };
}
