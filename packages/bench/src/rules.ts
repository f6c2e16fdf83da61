// Scenario 7: automation rules. Rules are created through the gateway (in
// the full mode 1,000: one per company for 990 companies, and ten over the
// whole organization; the quick mode scales both down), over the seeded
// SIMs (100,000 in the full mode). Usage comes as SimUsageUpdated events,
// valid against the catalogue, published on the run's SIMHUB_USAGE stream
// the way usage-service's relay publishes them: a first round of small
// totals for every SIM (nothing fires), then a second round in which a
// share of the SIMs — active, in the rule's scope — passes 1 MB and is
// suspended by the organization rule. Measured: usage updates evaluated
// per second (from the first publication until rule-service has taken in
// the last: its usage consumer has acknowledged every update, which it does
// once the update's transaction committed) with every SIM's two rounds but
// the crossing ones' second, and then, once that backlog is drained, the
// crossing updates at a steady rate (`ruleFiringRate`): the time from each
// one's publication to the committed status change in sim-service
// (trigger → status change, not queueing behind the throughput run's
// backlog).
import { randomUUID } from "node:crypto";
import { eventCatalog, namespacedSubject, streamName } from "@simhub/contracts";
import { JetStreamBatchPublisher } from "@simhub/platform";
import { type NatsConnection, headers as natsHeaders } from "nats";
import { latencySummary } from "./load-spec.ts";
import { round } from "./proc.ts";
import type { Side } from "./results.ts";
import { withClient } from "./seed.ts";

type Measured = Omit<
  Side,
  "processes" | "postgresCpuSeconds" | "machineCpuBusyCores" | "windowSec" | "cpuPerOp"
> & {
  operations?: { count: number; unit: "request" | "row" | "event"; includeLoad?: boolean };
};

export interface RulesInput {
  orgId: string;
  namespace: string;
  nc: NatsConnection;
  simDatabaseUrl: string;
  ruleDatabaseUrl: string;
  /**
   * The SIMs the scenario works on (the pool): other scenarios of the same
   * run add SIMs to the organization (the import's million, usage's own),
   * which must not join this dataset.
   */
  iccids: string[];
  companyIds: string[];
  rules: number;
  /** SIMs that pass the threshold in the second round. */
  firingSims: number;
  /** Their updates per second, after the throughput run. */
  firingRate: number;
  createRule(body: Record<string, unknown>): Promise<void>;
  log(message: string): void;
  measure(side: "simhub", work: () => Promise<Measured>): Promise<Side>;
}

export interface RulesResult {
  simhub: Side;
  details: Record<string, unknown>;
}

const THRESHOLD = 1_000_000;

/** One SimUsageUpdated envelope, as the relay publishes it. */
function usageEnvelope(namespace: string, data: Record<string, unknown>) {
  const checked = eventCatalog.SimUsageUpdated.data.parse(data);
  const id = randomUUID();
  const payload = {
    specversion: "1.0",
    id,
    source: "simhub/usage-service",
    type: "SimUsageUpdated",
    subject: checked.iccid,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    orgid: checked.orgId,
    ...(checked.companyId ? { companyid: checked.companyId } : {}),
    data: checked,
  };
  return {
    id,
    subject: namespacedSubject(namespace, eventCatalog.SimUsageUpdated.subject),
    payload: JSON.stringify(payload),
  };
}

async function publishAll(
  nc: NatsConnection,
  envelopes: { id: string; subject: string; payload: string }[],
  onPublished: (id: string, at: number) => void,
) {
  // The relay's own publisher (every message of a window in flight on one
  // reply inbox): `js.publish` costs about four times its client CPU a
  // message, and at ~8,600 messages a second it, not rule-service, set the
  // rate this scenario measured.
  const publisher = new JetStreamBatchPublisher(nc);
  const window = 512;
  try {
    for (let start = 0; start < envelopes.length; start += window) {
      const slice = envelopes.slice(start, start + window);
      const at = Date.now();
      for (const envelope of slice) onPublished(envelope.id, at);
      const outcomes = await publisher.publish(
        slice.map((envelope) => {
          const headers = natsHeaders();
          headers.set("Ce-Type", "SimUsageUpdated");
          return { subject: envelope.subject, payload: envelope.payload, msgId: envelope.id, headers };
        }),
        30_000,
      );
      const failed = outcomes.find((outcome) => !outcome.ok);
      if (failed && !failed.ok) throw new Error(`publishing a usage update failed: ${failed.reason}`);
    }
  } finally {
    publisher.close();
  }
}

function crossingIds(round: { id: string }[], count: number): [number, string][] {
  return round.slice(0, count).map((envelope, index) => [index, envelope.id]);
}

export async function ruleEvaluation(input: RulesInput): Promise<RulesResult> {
  const { log } = input;
  // The SIMs and their companies as sim-service has them (the run's seeding assigned them).
  const sims = await withClient(input.simDatabaseUrl, async (client) => {
    const rows = await client.query<{ iccid: string; company_id: string | null }>(
      "SELECT iccid, company_id FROM sims WHERE org_id = $1 AND iccid = ANY($2) ORDER BY iccid",
      [input.orgId, input.iccids],
    );
    return rows.rows;
  });
  const firing = sims.slice(0, input.firingSims);
  await withClient(input.simDatabaseUrl, (client) =>
    client.query(
      "UPDATE sims SET status = 'active', status_reason = NULL, has_been_active = true WHERE iccid = ANY($1)",
      [firing.map((sim) => sim.iccid)],
    ),
  );

  const orgRules = Math.max(1, Math.round(input.rules / 100));
  const companyRules = input.rules - orgRules;
  log(`rules: ${companyRules} company-narrowed and ${orgRules} organization rules over ${sims.length} SIMs`);
  const created = Date.now();
  // The one that acts: suspend past 1 MB this month, for the whole organization.
  await input.createRule({
    name: "Bench cap",
    trigger: { type: "data_used", thresholdBytes: THRESHOLD, period: "month" },
    actions: [{ type: "change_status", status: "suspended" }],
  });
  for (let i = 1; i < orgRules; i++) {
    await input.createRule({
      name: `Bench org rule ${i}`,
      trigger: { type: "sms_used", thresholdCount: 1_000_000 + i, period: "day" },
      actions: [{ type: "notify" }],
    });
  }
  const companies = input.companyIds;
  const queue = Array.from({ length: companyRules }, (_, i) => i);
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
        await input.createRule({
          name: `Bench company rule ${i}`,
          companyId: companies[i % companies.length],
          trigger: { type: "data_used", thresholdBytes: 10_000_000_000 + i, period: "month" },
          actions: [{ type: "notify" }],
        });
      }
    }),
  );
  const ruleSeconds = (Date.now() - created) / 1000;

  const period = new Date().toISOString().slice(0, 7);
  const build = (dataBytes: (index: number) => number) =>
    sims.map((sim, index) =>
      usageEnvelope(input.namespace, {
        iccid: sim.iccid,
        orgId: input.orgId,
        companyId: sim.company_id,
        period,
        dataBytes: dataBytes(index),
        smsCount: 1,
        voiceSeconds: 0,
      }),
    );
  const firstRound = build(() => 1_000);
  const secondRound = build((index) => (index < firing.length ? 2 * THRESHOLD : 2_000));
  const crossing = secondRound.slice(0, firing.length);
  const backlog = [...firstRound, ...secondRound.slice(firing.length)];
  const total = backlog.length;
  const publishedAt = new Map<string, number>();
  const firingEventOf = new Map<string, string>();
  for (const [index, envelope] of crossingIds(secondRound, firing.length))
    firingEventOf.set(firing[index]!.iccid, envelope);

  // Taken in: acknowledged by rule-service's usage consumer, which it does
  // only once the update's transaction committed (its consumer records no
  // processed-events row per update). Counted as the updates published so
  // far that the durable consumer has neither still to deliver nor waiting
  // for their acknowledgement.
  const jsm = await input.nc.jetstreamManager();
  const usageStream = streamName(input.namespace, "usage");
  let published = 0;
  const processedCount = async () => {
    const info = await jsm.consumers.info(usageStream, "rule-service-usage");
    return published - info.num_pending - info.num_ack_pending;
  };
  const before = await processedCount();
  let publishSeconds = 0;
  let latencies: number[] = [];
  const simhub = await input.measure("simhub", async () => {
    const started = Date.now();
    await publishAll(input.nc, backlog, () => {
      published++;
    });
    publishSeconds = (Date.now() - started) / 1000;
    const deadline = Date.now() + 900_000;
    let done = before;
    while (done - before < total && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      done = await processedCount();
    }
    const seconds = (Date.now() - started) / 1000;
    // The crossing updates, paced at firingRate (one every 1000/rate ms, on the clock).
    const paced = Date.now();
    for (let i = 0; i < crossing.length; i++) {
      const wait = paced + (i * 1000) / input.firingRate - Date.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      await publishAll(input.nc, [crossing[i]!], (id, at) => publishedAt.set(id, at));
    }
    // The status changes the rule made, as committed by sim-service.
    const changes = await (async () => {
      const waitUntil = Date.now() + 120_000;
      for (;;) {
        const rows = await withClient(input.simDatabaseUrl, (client) =>
          client.query<{ iccid: string; at: Date }>(
            `SELECT iccid, min(created_at) AS at FROM sim_history
              WHERE kind = 'status_changed' AND actor_role = 'system' AND iccid = ANY($1) GROUP BY iccid`,
            [firing.map((sim) => sim.iccid)],
          ),
        );
        if (rows.rows.length >= firing.length || Date.now() > waitUntil) return rows.rows;
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    latencies = changes.flatMap((change) => {
      const sent = publishedAt.get(firingEventOf.get(change.iccid) ?? "");
      return sent === undefined ? [] : [change.at.getTime() - sent];
    });
    const evaluated = done - before;
    return {
      value: Math.round(evaluated / seconds),
      unit: "usage updates/s",
      latencyMs: latencySummary(latencies),
      requests: total,
      // The evaluation counter also counts the sweeps' checks (a SIM coming
      // under a rule), so it may pass the updates sent: only a shortfall is an error.
      errors: Math.max(0, total - evaluated) + (firing.length - changes.length),
      durationSec: round(seconds, 2),
      operations: { count: evaluated, unit: "event" },
    };
  });
  log(
    `rules: ${simhub.value} usage updates/s evaluated; trigger → status change p99 ${simhub.latencyMs?.p99} ms`,
  );
  return {
    simhub,
    details: {
      rules: input.rules,
      sims: sims.length,
      usageUpdates: total,
      firingSims: firing.length,
      statusChanges: latencies.length,
      ruleCreationSeconds: round(ruleSeconds, 1),
      publishSeconds: round(publishSeconds, 2),
    },
  };
}
