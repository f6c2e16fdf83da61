// 11. A node of the JetStream cluster lost. The platform runs on three
// nats-server nodes (streams of 3 replicas) under a load of assignments.
// The node that leads the SIM stream is killed (kill -9) and started again
// 10 s later; once it has caught up, another node gets the same. No write
// fails (the events wait in the outbox while the stream elects a new
// leader), no event is lost or stored twice and every SIM's events stay in
// commit order (compared with sim-service's history), the consumers apply
// every event, and each restarted node catches up: every node's own copy of
// every stream ends in the same state.
import { afterAll, beforeAll, expect, it } from "vitest";
import { type StreamContext, streamName } from "../../packages/contracts/src/index.ts";
import {
  type DedicatedClusterInfrastructure,
  httpClient,
  type NodeStreamState,
  readStream,
  reportFigures,
  runLoad,
  type Stack,
  startDedicatedClusterInfrastructure,
  startStack,
  statesAgree,
  streamStatePerNode,
  waitFor,
} from "../../packages/testing/src/index.ts";
import {
  AssignmentLoad,
  committedSimAssignments,
  compareLogs,
  patient,
  publishedSimAssignments,
  recentOutput,
  type Seed,
  seed,
  simsDisagreeingWithHistory,
  sleep,
  waitForChainReplicas,
  waitForEmptyOutboxes,
} from "./support.ts";

const WORKERS = 8;
const DOWN_MS = 10_000;
const streams: StreamContext[] = ["org", "company", "identity", "sim"];

let infra: DedicatedClusterInfrastructure;
let stack: Stack;
let data: Seed;
let token: string;

beforeAll(async () => {
  infra = await startDedicatedClusterInfrastructure();
  try {
    stack = await startStack({
      infrastructure: infra,
      env: { RATE_LIMIT_PER_CALLER: "0", RATE_LIMIT_PER_ADDRESS: "0", NATS_STREAM_REPLICAS: "3" },
    });
  } catch (error) {
    await infra.stop();
    throw error;
  }
  token = await stack.login(stack.admin.username, stack.admin.password);
  data = await seed(patient(httpClient(stack.gatewayUrl, token)), { companies: 10, sims: 240 });
});

afterAll(async () => {
  if (stack) {
    stack.responseViolations.length = 0;
    await stack.stop().catch(() => {});
  }
  await infra?.stop();
});

async function simStreamLeader(): Promise<string> {
  const jsm = await stack.nc.jetstreamManager();
  return waitFor(
    async () => (await jsm.streams.info(streamName(stack.namespace, "sim"))).cluster?.leader || undefined,
    { timeoutMs: 30_000, what: "the SIM stream to have a leader" },
  );
}

/**
 * Under load the copies never stand still long enough to compare: a
 * restarted node has caught up when the leader reports it current (no lag)
 * for every stream. Resolves how long that took.
 */
async function untilReplicasCurrent(): Promise<number> {
  const started = Date.now();
  const jsm = await stack.nc.jetstreamManager();
  await waitFor(
    async () => {
      for (const context of streams) {
        const info = await jsm.streams.info(streamName(stack.namespace, context));
        const replicas = info.cluster?.replicas ?? [];
        if (replicas.length !== infra.cluster.nodes.length - 1) return false;
        if (!replicas.every((replica) => replica.current && !replica.offline && (replica.lag ?? 0) === 0)) {
          return false;
        }
      }
      return true;
    },
    { timeoutMs: 60_000, intervalMs: 250, what: "every stream's replicas to be current" },
  );
  return Date.now() - started;
}

/** Once writes have stopped: every node's own copy of every stream in the same state. */
async function untilCopiesEqual(): Promise<Record<string, NodeStreamState[]>> {
  const states: Record<string, NodeStreamState[]> = {};
  try {
    await waitFor(
      async () => {
        let agree = true;
        for (const context of streams) {
          const name = streamName(stack.namespace, context);
          states[name] = await streamStatePerNode(infra.cluster, name);
          agree &&= statesAgree(states[name]!, infra.cluster.nodes.length);
        }
        return agree;
      },
      { timeoutMs: 60_000, intervalMs: 250, what: "every node to hold every stream in the same state" },
    );
  } catch (error) {
    throw new Error(`${String(error)}\n${JSON.stringify(states)}`);
  }
  return states;
}

it("loses, doubles and reorders no event when nodes of the cluster die, and the restarted nodes catch up", async () => {
  const api = patient(httpClient(stack.gatewayUrl, token));
  const load = new AssignmentLoad(data, [api], WORKERS);
  let stop = false;
  const running = runLoad({ workers: WORKERS, until: () => stop, task: (_, worker) => load.step(worker) });

  await sleep(4_000);
  const rounds: { node: string; leader: boolean; newLeader: string; caughtUpMs: number }[] = [];
  const killed: string[] = [];
  for (let round = 0; round < 2; round++) {
    const leader = await simStreamLeader();
    // First the SIM stream's leader; then another node than the one just restarted.
    const victim =
      round === 0 ? leader : infra.cluster.nodes.find((node) => !killed.includes(node.name))!.name;
    killed.push(victim);
    const node = infra.cluster.node(victim);
    await node.stop("SIGKILL");
    await sleep(DOWN_MS);
    const newLeader = await simStreamLeader();
    await node.start();
    const caughtUpMs = await untilReplicasCurrent();
    rounds.push({ node: victim, leader: victim === leader, newLeader, caughtUpMs });
    await sleep(2_000);
  }
  await sleep(4_000);
  stop = true;
  const requests = await running;

  await waitForEmptyOutboxes(stack, 60_000);
  const final = await untilCopiesEqual();
  const simStream = await readStream(stack.nc, streamName(stack.namespace, "sim"));
  const published = publishedSimAssignments(simStream);
  const sims = compareLogs(await committedSimAssignments(stack), published.bySubject);
  const readModelMismatches = await waitForChainReplicas(stack);
  const halfApplied = await simsDisagreeingWithHistory(stack);
  const lostAcknowledged = await load.lostAcknowledged(stack);
  const failed = load.failed();
  const simStates = final[streamName(stack.namespace, "sim")]!;

  reportFigures("nats-cluster", {
    requests,
    acknowledged: load.acknowledged,
    failed: failed.length,
    killed: rounds.map((r) => `${r.node}${r.leader ? "(leader)" : ""}`).join("+"),
    newLeaders: rounds.map((r) => r.newLeader).join("+"),
    caughtUpMs: rounds.map((r) => r.caughtUpMs).join("+"),
    committed: sims.committed,
    events: simStream.length,
    lost: sims.lost,
    phantom: sims.phantom,
    duplicates: published.duplicates,
    outOfOrder: sims.outOfOrder,
    halfApplied,
    lostAcknowledged,
    readModelMismatches,
    simStreamPerNode: simStates.map((s) => `${s.node}:${s.messages}@${s.lastSeq}`).join(","),
  });
  if (failed.length > 0) console.log(recentOutput(stack));

  expect(rounds[0]!.leader).toBe(true);
  expect(new Set(killed).size).toBe(2);
  expect(failed).toEqual([]);
  expect({
    lost: sims.lost,
    phantom: sims.phantom,
    duplicates: published.duplicates,
    outOfOrder: sims.outOfOrder,
  }).toEqual({ lost: 0, phantom: 0, duplicates: 0, outOfOrder: 0 });
  expect(sims.committed).toBeGreaterThan(0);
  expect(halfApplied).toBe(0);
  expect(lostAcknowledged).toBe(0);
  expect(readModelMismatches).toBe(0);
  // Every node's own copy holds every event once: the stream's length is the committed changes'.
  expect(simStates).toHaveLength(3);
  for (const state of simStates) expect(state.messages).toBe(simStream.length);
});
