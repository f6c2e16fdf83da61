// A JetStream cluster on one machine: three nats-server processes on
// loopback, each with its client port, its cluster (route) port, its
// monitoring port and a JetStream store of its own, routed to each other as
// one cluster — what deploy/nats describes for Kubernetes, with streams of 3
// replicas (NATS_STREAM_REPLICAS=3). `pnpm start` runs on it with
// SIMHUB_NATS_CLUSTER=1; the fault tests kill and restart its nodes.
//
// The client URL lists all three nodes: a process whose node dies
// reconnects to another, and the stream's leader moves to a surviving node.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import type { StartedNats } from "./infrastructure.ts";
import { generateNatsUsers, natsAuthFile, natsServerEnvironment } from "./nats-auth.ts";
import { freePort, isPortOpen } from "./ports.ts";
import { outputTail } from "./process-output.ts";

export interface NatsClusterNode {
  /** server_name, e.g. "n1": what JetStream names as a stream's leader or replica. */
  readonly name: string;
  readonly url: string;
  readonly port: number;
  readonly monitorUrl: string;
  readonly storeDir: string;
  isRunning(): boolean;
  /** SIGKILL (a crash) by default; resolves once the process has exited and its port is closed. */
  stop(signal?: "SIGTERM" | "SIGKILL"): Promise<void>;
  /** Starts again on the same ports and store: the node rejoins and catches up. */
  start(): Promise<void>;
}

export interface NatsCluster extends StartedNats {
  nodes: NatsClusterNode[];
  /** The node of `serverName` (as JetStream reports a leader). */
  node(serverName: string): NatsClusterNode;
}

interface NodePorts {
  client: number;
  cluster: number;
  monitor: number;
}

function writeNodeConfig(
  dir: string,
  name: string,
  ports: NodePorts,
  routes: number[],
  withAuth: boolean,
): string {
  const storeDir = join(dir, name);
  mkdirSync(storeDir, { recursive: true });
  const path = join(dir, `${name}.conf`);
  writeFileSync(
    path,
    [
      `server_name: ${name}`,
      `listen: "127.0.0.1:${ports.client}"`,
      `http: "127.0.0.1:${ports.monitor}"`,
      `jetstream { store_dir: ${JSON.stringify(storeDir)}, max_memory_store: 256MB, max_file_store: 4GB }`,
      "cluster {",
      "  name: simhub",
      `  listen: "127.0.0.1:${ports.cluster}"`,
      `  routes: [${routes.map((port) => `"nats-route://127.0.0.1:${port}"`).join(", ")}]`,
      "}",
      `log_file: ${JSON.stringify(join(dir, `${name}.log`))}`,
      // nats-server resolves an include relative to the including file only.
      ...(withAuth ? [`include ${JSON.stringify(relative(dir, natsAuthFile))}`] : []),
      "",
    ].join("\n"),
  );
  return path;
}

/** Polls until `condition` holds or `timeoutMs` passes (then throws naming `what`). */
async function until(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Three (or `size`) nats-server processes with JetStream, clustered over
 * loopback routes, stores under `dir`. Resolves once every node reports
 * JetStream healthy (a meta leader elected). With `withAuth` the nodes run
 * simhub's users and permissions (passwords made up for this start).
 */
export async function startNatsCluster(
  dir: string,
  options: { size?: number; withAuth?: boolean } = {},
): Promise<NatsCluster> {
  const size = options.size ?? 3;
  mkdirSync(dir, { recursive: true });
  const users = options.withAuth ? generateNatsUsers() : undefined;
  const ports: NodePorts[] = [];
  for (let i = 0; i < size; i++) {
    ports.push({ client: await freePort(), cluster: await freePort(), monitor: await freePort() });
  }
  const routes = ports.map((port) => port.cluster);
  const nodes = ports.map((port, i) => {
    const name = `n${i + 1}`;
    const config = writeNodeConfig(dir, name, port, routes, users !== undefined);
    let child: ChildProcess | undefined;
    const monitorUrl = `http://127.0.0.1:${port.monitor}`;
    const node: NatsClusterNode = {
      name,
      url: `nats://127.0.0.1:${port.client}`,
      port: port.client,
      monitorUrl,
      storeDir: join(dir, name),
      isRunning: () => child !== undefined,
      async start() {
        if (child) return;
        const started = spawn("nats-server", ["-c", config], {
          stdio: ["ignore", "pipe", "pipe"],
          env: { ...process.env, ...(users ? natsServerEnvironment(users) : {}) },
        });
        child = started;
        const tail = outputTail(started);
        const failed = new Promise<never>((_, reject) => {
          started.once("error", (error) =>
            reject(
              new Error(
                `could not start nats-server (${error.message}). Install NATS Server (https://docs.nats.io/running-a-nats-service/introduction/installation, or Debian's nats-server package).`,
              ),
            ),
          );
          started.once("exit", (code, signal) =>
            reject(new Error(`nats-server ${name} exited with ${code ?? signal}:${tail()}`)),
          );
        });
        failed.catch(() => {});
        await Promise.race([
          failed,
          until(async () => isPortOpen("127.0.0.1", port.client), 20_000, `nats-server ${name} to listen`),
        ]);
      },
      async stop(signal = "SIGKILL") {
        const running = child;
        if (!running) return;
        child = undefined;
        if (running.exitCode === null && running.signalCode === null) {
          const exited = new Promise((resolve) => running.once("exit", resolve));
          running.kill(signal);
          await exited;
        }
        await until(
          async () => !(await isPortOpen("127.0.0.1", port.client)),
          10_000,
          `${name}'s port to close`,
        );
      },
    };
    return node;
  });
  const stopAll = async () => {
    await Promise.all(nodes.map((node) => node.stop("SIGTERM").catch(() => {})));
  };
  try {
    await Promise.all(nodes.map((node) => node.start()));
    // Every node healthy: routes up, a JetStream meta leader elected.
    await until(
      async () => {
        for (const node of nodes) {
          const response = await fetch(`${node.monitorUrl}/healthz?js-enabled-only=true`, {
            signal: AbortSignal.timeout(1_000),
          });
          if (response.status !== 200) return false;
          const jsz = (await (
            await fetch(`${node.monitorUrl}/jsz`, { signal: AbortSignal.timeout(1_000) })
          ).json()) as { meta_cluster?: { leader?: string; cluster_size?: number } };
          if (!jsz.meta_cluster?.leader || (jsz.meta_cluster.cluster_size ?? 0) < size) return false;
        }
        return true;
      },
      30_000,
      `the ${size}-node JetStream cluster to elect its meta leader`,
    );
  } catch (error) {
    await stopAll();
    throw error;
  }
  return {
    url: nodes.map((node) => node.url).join(","),
    origin: `${size}-node nats-server cluster on loopback (stores in ${dir}${users ? ", simhub's users and permissions" : ""})`,
    ...(users ? { users } : {}),
    nodes,
    node(serverName) {
      const found = nodes.find((node) => node.name === serverName);
      if (!found)
        throw new Error(`no node named ${serverName} (nodes: ${nodes.map((n) => n.name).join(", ")})`);
      return found;
    },
    stop: stopAll,
  };
}
