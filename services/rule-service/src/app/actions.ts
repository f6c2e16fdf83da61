// The action worker: takes due firings from the log, changes SIM statuses
// through sim-service's lifecycle, and finishes the firings of a claim with
// their outcomes together, in one transaction — with, for a rule that
// notifies, the RuleTriggered event. Every replica runs one; a firing is
// claimed with a lease (db/firings.ts), so each is worked on by one replica
// at a time and a stopped replica's claims come due again. sim-service
// answers a repeated change of a SIM the rule already moved with
// "unchanged", so an action retried after a lost answer is still applied once.
import { AppError, enqueueEvents, type Logger } from "@simhub/platform";
import {
  claimDueFirings,
  completeFirings,
  type FiringRow,
  type LoggedAction,
  postponeFiring,
} from "../db/firings.ts";
import { ruleNames } from "../db/rules.ts";
import { appliedDetail, classifyActionFailure } from "../domain/action.ts";
import type { RuleDeps } from "./deps.ts";

export interface ActionWorkerOptions {
  batch: number;
  leaseMs: number;
  pollMs: number;
  retryDelaysMs: readonly number[];
  logger: Logger;
}

async function changeStatus(
  deps: RuleDeps,
  firing: FiringRow,
  action: LoggedAction,
  retryDelaysMs: readonly number[],
): Promise<{ action: LoggedAction; retryInMs?: number }> {
  const status = action.status ?? "";
  try {
    const answer = await deps.sim.ChangeSimStatusByRule({
      iccid: firing.iccid,
      orgId: firing.org_id,
      status,
      ruleId: firing.rule_id,
    });
    return { action: { ...action, outcome: "applied", detail: appliedDetail(status, answer.changed) } };
  } catch (error) {
    const failure = error instanceof AppError ? error : undefined;
    const result = classifyActionFailure(
      { kind: failure?.kind, message: error instanceof Error ? error.message : String(error) },
      firing.attempts,
      retryDelaysMs,
    );
    if (result.outcome === "retry") {
      return { action: { ...action, detail: result.detail }, retryInMs: result.delayMs };
    }
    return { action: { ...action, outcome: result.outcome, detail: result.detail } };
  }
}

/**
 * Applies one claimed firing's pending status action; its actions as they
 * stand now, and when they must be tried again.
 */
async function decideFiring(deps: RuleDeps, firing: FiringRow, retryDelaysMs: readonly number[]) {
  const trigger = firing.trigger_type;
  const actions: LoggedAction[] = [];
  let retryInMs: number | undefined;
  for (const action of firing.actions) {
    if (action.outcome !== "pending" || action.type !== "change_status") {
      actions.push(action);
      continue;
    }
    const result = await changeStatus(deps, firing, action, retryDelaysMs);
    actions.push(result.action);
    if (result.retryInMs !== undefined) {
      retryInMs = result.retryInMs;
      deps.metrics.actions.inc({ trigger, action: action.type, outcome: "retry" });
    } else {
      deps.metrics.actions.inc({ trigger, action: action.type, outcome: result.action.outcome });
    }
  }
  return { firing, actions, retryInMs };
}

/**
 * Works the claimed firings as far as they go now: their status actions in
 * parallel; a firing to be tried again keeps its outcomes so far; the others
 * are finished together in one transaction, with a RuleTriggered for each
 * that notifies (the notification says how the other actions went).
 */
async function workFirings(
  deps: RuleDeps,
  claimed: readonly FiringRow[],
  retryDelaysMs: readonly number[],
  logger: Logger,
) {
  const decided = (
    await Promise.all(
      claimed.map((firing) =>
        decideFiring(deps, firing, retryDelaysMs).catch((error: unknown) => {
          // The lease runs out and the firing comes due again.
          logger.warn({ err: error, firingId: firing.id }, "rule action failed; retried after its lease");
          return undefined;
        }),
      ),
    )
  ).filter((result) => result !== undefined);
  await Promise.all(
    decided.flatMap(({ firing, actions, retryInMs }) =>
      retryInMs === undefined
        ? []
        : [postponeFiring(deps.db, firing.id, actions, new Date(Date.now() + retryInMs))],
    ),
  );
  const finished = decided.flatMap(({ firing, actions, retryInMs }) =>
    retryInMs !== undefined
      ? []
      : [
          {
            firing,
            actions: actions.map((action) =>
              action.type === "notify" && action.outcome === "pending"
                ? { ...action, outcome: "applied" as const, detail: "RuleTriggered published" }
                : action,
            ),
          },
        ],
  );
  if (finished.length === 0) return;
  await deps.db.transaction(async (trx) => {
    const done = await completeFirings(
      trx,
      finished.map(({ firing, actions }) => ({ id: firing.id, actions })),
    );
    const notifying = finished.filter(
      ({ firing, actions }) => done.has(firing.id) && actions.some((action) => action.type === "notify"),
    );
    if (notifying.length === 0) return;
    const names = await ruleNames(trx, [...new Set(notifying.map(({ firing }) => firing.rule_id))]);
    await enqueueEvents(
      trx,
      deps.events,
      notifying.flatMap(({ firing, actions }) => {
        const ruleName = names.get(firing.rule_id);
        if (ruleName === undefined) return [];
        return [
          {
            type: "RuleTriggered" as const,
            subject: firing.rule_id,
            orgId: firing.org_id,
            companyId: firing.company_id,
            data: {
              ruleId: firing.rule_id,
              ruleName,
              orgId: firing.org_id,
              companyId: firing.company_id,
              iccid: firing.iccid,
              trigger: firing.trigger_type,
              observed: firing.observed,
              actions: actions.map((action) => ({
                type: action.type,
                outcome: action.outcome as "applied" | "skipped" | "failed",
              })),
            },
          },
        ];
      }),
    );
  });
  for (const { firing, actions } of finished) {
    for (const action of actions) {
      if (action.type === "notify")
        deps.metrics.actions.inc({ trigger: firing.trigger_type, action: "notify", outcome: "applied" });
    }
    deps.metrics.triggerToAction.observe((Date.now() - firing.fired_at.getTime()) / 1000);
  }
}

export function startActionWorker(deps: RuleDeps, options: ActionWorkerOptions) {
  let stopped = false;
  let woken = false;
  let timer: NodeJS.Timeout | undefined;
  let wakeUp: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wakeUp = resolve;
      timer = setTimeout(resolve, ms);
    });
  const loop = (async () => {
    while (!stopped) {
      woken = false;
      let claimed: FiringRow[] = [];
      try {
        claimed = await claimDueFirings(deps.db, options.batch, options.leaseMs);
        await workFirings(deps, claimed, options.retryDelaysMs, options.logger);
      } catch (error) {
        if (!stopped) options.logger.warn({ err: error }, "claiming rule firings failed; trying again");
      }
      if (stopped) break;
      if (claimed.length === options.batch || woken) continue;
      await sleep(options.pollMs);
      clearTimeout(timer);
    }
  })();
  return {
    wake() {
      woken = true;
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
