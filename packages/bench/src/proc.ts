// CPU time and memory of processes, read from /proc (Linux). CPU is the
// utime+stime delta over a window; memory is sampled VmRSS plus VmHWM, the
// kernel's own peak, which is reset at the start of a window where the
// kernel allows it (writing 5 to /proc/<pid>/clear_refs).
import { readdirSync, readFileSync, writeFileSync } from "node:fs";

const CLOCK_TICKS = 100; // USER_HZ on Linux (getconf CLK_TCK)
const PAGE = 1024;

export interface ProcessUsage {
  /** CPU seconds used during the window. */
  cpuSeconds: number;
  /** Average cores busy during the window (cpuSeconds / wall seconds). */
  cpuCores: number;
  /** Highest resident set seen during the window, MiB. */
  peakRssMiB: number;
  /** Resident set at the start and end of the window, MiB. */
  startRssMiB: number;
  endRssMiB: number;
}

function cpuTicks(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name may contain spaces: the fields that follow start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15)
  } catch {
    return undefined;
  }
}

function statusKiB(pid: number, key: "VmRSS" | "VmHWM"): number | undefined {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const match = new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status);
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

function rssMiB(pid: number): number | undefined {
  const kib = statusKiB(pid, "VmRSS");
  return kib === undefined ? undefined : kib / PAGE;
}

function resetPeak(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, "5");
    return true;
  } catch {
    return false;
  }
}

/** Busy and total jiffies of the whole machine, to show how much else was running. */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0]!;
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

export interface WindowResult {
  processes: Record<string, ProcessUsage>;
  /** CPU seconds of the PostgreSQL server processes serving this run's databases. */
  postgresCpuSeconds: number | null;
  /** The same by database (where PostgreSQL's share of an operation goes). */
  postgresCpuSecondsByDatabase: Record<string, number> | null;
  /** Cores busy on the whole machine during the window (this run and everything else). */
  machineCpuBusyCores: number;
  wallSeconds: number;
}

export interface UsageWindow {
  /**
   * Starts tracking one more process (e.g. one spawned after the window
   * opened). `resetPeak` false leaves the kernel's peak RSS of a process that
   * is not the bench's own (the machine's NATS server) as it is.
   */
  add(name: string, pid: number, resetPeak?: boolean): void;
  /** Final figures reported by a process that has exited before the window closed (the load generator). */
  settle(name: string, figures: { cpuSeconds: number; peakRssMiB: number }): void;
  /** RSS timeline of one process: [ms since start, MiB]. */
  timeline(name: string): [number, number][];
  stop(): Promise<WindowResult>;
}

export interface UsageWindowOptions {
  sampleMs?: number;
  /** The PostgreSQL backends to count (their pids change as pools open connections). */
  postgresBackends?: () => Promise<{ pid: number; database: string }[]>;
}

/** Opens a measurement window over the named processes, sampling RSS every `sampleMs`. */
export async function openUsageWindow(
  pids: Record<string, number>,
  options: UsageWindowOptions = {},
): Promise<UsageWindow> {
  const sampleMs = options.sampleMs ?? 100;
  // PostgreSQL backends come and go with the pools (a COPY opens its own
  // connection): the list is polled, and each backend counts from its ticks
  // when the window opened (or 0, if it appeared later) to the last reading.
  const postgres = new Map<number, { database: string; first: number; last: number }>();
  const readPostgres = async (atOpen: boolean) => {
    for (const { pid, database } of (await options.postgresBackends?.().catch(() => [])) ?? []) {
      const ticks = cpuTicks(pid);
      if (ticks === undefined) continue;
      const known = postgres.get(pid);
      if (known) known.last = ticks;
      else postgres.set(pid, { database, first: atOpen ? ticks : 0, last: ticks });
    }
  };
  await readPostgres(true);
  let polling = true;
  const postgresPoll = (async () => {
    while (polling && options.postgresBackends) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      await readPostgres(false);
    }
  })();
  const started = performance.now();
  const machineStart = machineTicks();
  const tracked = new Map<
    string,
    {
      pid: number;
      ticks: number;
      startRss: number;
      peakRss: number;
      resetOk: boolean;
      timeline: [number, number][];
      settled?: { cpuSeconds: number; peakRssMiB: number };
    }
  >();
  const add = (name: string, pid: number, reset = true) => {
    const rss = rssMiB(pid) ?? 0;
    tracked.set(name, {
      pid,
      ticks: cpuTicks(pid) ?? 0,
      startRss: rss,
      peakRss: rss,
      resetOk: reset && resetPeak(pid),
      timeline: [[0, rss]],
    });
  };
  for (const [name, pid] of Object.entries(pids)) add(name, pid);
  const sample = () => {
    const at = Math.round(performance.now() - started);
    for (const entry of tracked.values()) {
      const rss = rssMiB(entry.pid);
      if (rss === undefined) continue;
      entry.peakRss = Math.max(entry.peakRss, rss);
      entry.timeline.push([at, rss]);
    }
  };
  const timer = setInterval(sample, sampleMs);
  timer.unref();
  return {
    add,
    settle(name, figures) {
      const entry = tracked.get(name);
      if (entry) entry.settled = figures;
    },
    timeline: (name) => tracked.get(name)?.timeline ?? [],
    async stop() {
      clearInterval(timer);
      sample();
      const wallSeconds = (performance.now() - started) / 1000;
      const machineEnd = machineTicks();
      const processes: Record<string, ProcessUsage> = {};
      for (const [name, entry] of tracked) {
        const ticks = cpuTicks(entry.pid);
        const hwm = entry.resetOk ? statusKiB(entry.pid, "VmHWM") : undefined;
        const cpuSeconds = entry.settled
          ? entry.settled.cpuSeconds
          : ticks === undefined
            ? 0
            : (ticks - entry.ticks) / CLOCK_TICKS;
        processes[name] = {
          cpuSeconds: round(cpuSeconds, 2),
          cpuCores: round(wallSeconds > 0 ? cpuSeconds / wallSeconds : 0, 2),
          peakRssMiB: round(
            Math.max(entry.peakRss, hwm === undefined ? 0 : hwm / PAGE, entry.settled?.peakRssMiB ?? 0),
            1,
          ),
          startRssMiB: round(entry.startRss, 1),
          endRssMiB: round(rssMiB(entry.pid) ?? entry.timeline.at(-1)?.[1] ?? 0, 1),
        };
      }
      const busy = machineEnd.busy - machineStart.busy;
      const total = machineEnd.total - machineStart.total;
      const cores = total > 0 ? (busy / total) * cpuCount() : 0;
      polling = false;
      await postgresPoll;
      let postgresCpuSeconds: number | null = null;
      let postgresCpuSecondsByDatabase: Record<string, number> | null = null;
      if (options.postgresBackends) {
        // Pids are polled; the last reading of each counts (a closed backend keeps its last one).
        for (const [pid, entry] of postgres) entry.last = cpuTicks(pid) ?? entry.last;
        let ticks = 0;
        const byDatabase = new Map<string, number>();
        for (const entry of postgres.values()) {
          ticks += entry.last - entry.first;
          byDatabase.set(entry.database, (byDatabase.get(entry.database) ?? 0) + entry.last - entry.first);
        }
        postgresCpuSeconds = round(ticks / CLOCK_TICKS, 2);
        postgresCpuSecondsByDatabase = Object.fromEntries(
          [...byDatabase].map(([database, dbTicks]) => [database, round(dbTicks / CLOCK_TICKS, 2)]),
        );
      }
      return {
        processes,
        postgresCpuSeconds,
        postgresCpuSecondsByDatabase,
        machineCpuBusyCores: round(cores, 2),
        wallSeconds: round(wallSeconds, 2),
      };
    },
  };
}

/** The pid of the one process of this machine named `name` (its `comm`), when exactly one runs. */
export function onlyProcessNamed(name: string): number | undefined {
  const found: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, "utf8").trim() === name) found.push(Number(entry));
    } catch {
      // The process ended while the folder was read.
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

function cpuCount(): number {
  const line = readFileSync("/proc/stat", "utf8");
  return (line.match(/^cpu\d+ /gm) ?? []).length || 1;
}

export function round(value: number, digits = 1): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
