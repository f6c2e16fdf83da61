// The delivery log of an endpoint and its replay.
//
// Decisions:
// - The log lists newest first (what someone recovering from an outage
//   looks at), keyset-paged by the delivery's sequence.
// - A replay takes the endpoint's deliveries of events that occurred in
//   [since, until) — delivered, failed or dead — and makes them due again
//   from a first attempt, with the same webhook-id and body. `until`
//   defaults to now; the window is at most 31 days (older deliveries are
//   pruned after WEBHOOK_RETENTION_DAYS anyway).
import type { Principal } from "@simhub/platform";
import { checkCursor, checkLimit, cursorAfter, Problems } from "@simhub/platform/domain";
import {
  type DeliveryRow,
  type DeliveryStatus,
  deliveryStatuses,
  listDeliveryRows,
  scheduleReplay,
} from "../db/deliveries.ts";
import type { WebhookDeps } from "./deps.ts";
import { manageableEndpoint, visibleEndpointOf } from "./endpoints.ts";

const MAX_REPLAY_WINDOW_MS = 31 * 24 * 60 * 60 * 1000;

export async function listDeliveries(
  deps: WebhookDeps,
  principal: Principal,
  input: { endpointId: string; limit: number; cursor: string; status: string },
): Promise<{ items: DeliveryRow[]; nextCursor: string }> {
  const problems = new Problems();
  const limit = checkLimit(problems, input.limit);
  const beforeSeq = checkCursor(problems, input.cursor);
  let status: DeliveryStatus | undefined;
  if (input.status) {
    if ((deliveryStatuses as readonly string[]).includes(input.status))
      status = input.status as DeliveryStatus;
    else problems.add("status", `must be one of ${deliveryStatuses.join(", ")}`);
  }
  problems.throwIfAny();
  const endpoint = await visibleEndpointOf(deps, principal, input.endpointId);
  const rows = await listDeliveryRows(deps.db, {
    endpointId: endpoint.id,
    afterSeq: beforeSeq,
    limit: limit + 1,
    status,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorAfter(items[items.length - 1]!.seq) : "" };
}

function checkTime(problems: Problems, path: string, value: string): Date | undefined {
  if (!value) return undefined;
  // RFC 3339 with a zone; Date.parse alone accepts far more.
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/i.test(value)) {
    problems.add(path, "must be an RFC 3339 date-time such as 2026-12-01T08:00:00Z");
    return undefined;
  }
  const time = new Date(value);
  if (Number.isNaN(time.getTime())) problems.add(path, "is not a valid date-time");
  return time;
}

export async function replay(
  deps: WebhookDeps,
  principal: Principal,
  input: { endpointId: string; since: string; until: string },
): Promise<number> {
  const problems = new Problems();
  const since = checkTime(problems, "since", input.since);
  if (!input.since) problems.add("since", "is required");
  const until = checkTime(problems, "until", input.until) ?? new Date();
  if (since && until && since.getTime() >= until.getTime()) problems.add("until", "must be after since");
  if (since && until && until.getTime() - since.getTime() > MAX_REPLAY_WINDOW_MS) {
    problems.add("since", "the window is at most 31 days");
  }
  problems.throwIfAny();
  const endpoint = await manageableEndpoint(deps, principal, input.endpointId);
  const scheduled = await scheduleReplay(deps.db, { endpointId: endpoint.id, since: since!, until });
  return scheduled;
}
