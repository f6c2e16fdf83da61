// The action worker: takes due firings from the log, changes SIM statuses
// through sim-service's lifecycle, and finishes each firing with its
// outcomes — and, for a rule that notifies, the RuleTriggered event in the
// same transaction. Every replica runs one; a firing is claimed with a
// lease (db/firings.ts), so each is worked on by one replica at a time and
// a stopped replica's claims come due again. sim-service answers a repeated
// change of a SIM the rule already moved with "unchanged", so an action
// retried after a lost answer is still applied once.
import { AppError, enqueueEvent, type Logger } from "@simhub/platform";
import {
  claimDueFirings,
  completeFiring,
  type FiringRow,
  type LoggedAction,
  postponeFiring,
} from "../db/firings.ts";
import { findRule } from "../db/rules.ts";
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

/** Works one claimed firing as far as it goes now. */
async function workFiring(deps: RuleDeps, firing: FiringRow, retryDelaysMs: readonly number[]) {
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
  if (retryInMs !== undefined) {
    await postponeFiring(deps.db, firing.id, actions, new Date(Date.now() + retryInMs));
    return;
  }
  // Everything else is decided: the notification says how it went.
  const finished = actions.map((action) =>
    action.type === "notify" && action.outcome === "pending"
      ? { ...action, outcome: "applied" as const, detail: "RuleTriggered published" }
      : action,
  );
  await deps.db.transaction(async (trx) => {
    if (!(await completeFiring(trx, firing.id, finished))) return;
    if (!finished.some((action) => action.type === "notify")) return;
    const rule = await findRule(trx, firing.rule_id);
    if (!rule) return;
    await enqueueEvent(trx, deps.events, {
      type: "RuleTriggered",
      subject: firing.rule_id,
      orgId: firing.org_id,
      companyId: firing.company_id,
      data: {
        ruleId: firing.rule_id,
        ruleName: rule.name,
        orgId: firing.org_id,
        companyId: firing.company_id,
        iccid: firing.iccid,
        trigger: trigger,
        observed: firing.observed,
        actions: finished.map((action) => ({
          type: action.type,
          outcome: action.outcome as "applied" | "skipped" | "failed",
        })),
      },
    });
  });
  for (const action of finished) {
    if (action.type === "notify") deps.metrics.actions.inc({ trigger, action: "notify", outcome: "applied" });
  }
  deps.metrics.triggerToAction.observe((Date.now() - firing.fired_at.getTime()) / 1000);
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
        await Promise.all(
          claimed.map((firing) =>
            workFiring(deps, firing, options.retryDelaysMs).catch((error: unknown) =>
              // The lease runs out and the firing comes due again.
              options.logger.warn(
                { err: error, firingId: firing.id },
                "rule action failed; retried after its lease",
              ),
            ),
          ),
        );
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
