// Reads the CPU profiles that `pnpm bench --profile` leaves (node --cpu-prof,
// one folder per process) and prints where each process spent its time:
// the functions with the most self time, and self time per package or file.
//
//   node packages/bench/src/profile-summary.ts bench-profiles [top=20]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function where(url: string): string {
  if (!url) return "(native)";
  const path = url.replace(/^file:\/\//, "");
  const pnpm = /node_modules\/\.pnpm\/[^/]+\/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (pnpm) return `npm:${pnpm[1]}`;
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path);
  if (modules) return `npm:${modules[1]}`;
  if (path.startsWith("node:")) return path;
  const repo = /\/(services|packages)\/(.+)$/.exec(path);
  return repo ? `${repo[1]}/${repo[2]}` : path;
}

export function summarise(profile: CpuProfile, top = 20) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMicros = new Map<number, number>();
  for (let i = 0; i < profile.samples.length; i++) {
    const id = profile.samples[i]!;
    selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  }
  const total = profile.endTime - profile.startTime;
  const functions = new Map<string, number>();
  const files = new Map<string, number>();
  let idle = 0;
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    if (frame.functionName === "(idle)") {
      idle += micros;
      continue;
    }
    const location = where(frame.url);
    const name = `${frame.functionName || "(anonymous)"} ${location}${frame.url ? `:${frame.lineNumber + 1}` : ""}`;
    functions.set(name, (functions.get(name) ?? 0) + micros);
    files.set(location, (files.get(location) ?? 0) + micros);
  }
  // Inclusive time of the repository's own functions (self + everything they
  // called, synchronously): where a request's CPU goes, by use case.
  const inclusive = new Map<string, number>();
  const totalOf = new Map<number, number>();
  const subtree = (id: number): number => {
    const known = totalOf.get(id);
    if (known !== undefined) return known;
    const node = byId.get(id)!;
    let sum = selfMicros.get(id) ?? 0;
    for (const child of node.children ?? []) sum += subtree(child);
    totalOf.set(id, sum);
    return sum;
  };
  const visit = (id: number, onStack: Set<string>) => {
    const node = byId.get(id)!;
    const location = where(node.callFrame.url);
    const own = location.startsWith("services/") || location.startsWith("packages/");
    const name = `${node.callFrame.functionName || "(anonymous)"} ${location}:${node.callFrame.lineNumber + 1}`;
    const counted = own && !onStack.has(name);
    if (counted) inclusive.set(name, (inclusive.get(name) ?? 0) + subtree(id));
    if (counted) onStack.add(name);
    for (const child of node.children ?? []) visit(child, onStack);
    if (counted) onStack.delete(name);
  };
  visit(profile.nodes[0]!.id, new Set());
  const sorted = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([name, micros]) => ({
        name,
        ms: Math.round(micros / 1000),
        share: micros / Math.max(1, total - idle),
      }));
  return {
    totalMs: Math.round(total / 1000),
    busyMs: Math.round((total - idle) / 1000),
    functions: sorted(functions),
    inclusive: sorted(inclusive),
    files: sorted(files),
  };
}

function profilesIn(dir: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) found.push(...profilesIn(path));
    else if (entry.endsWith(".cpuprofile")) found.push(path);
  }
  return found;
}

function main() {
  const dir = process.argv[2] ?? "bench-profiles";
  const top = Number(process.argv[3] ?? 20);
  for (const file of profilesIn(dir).sort()) {
    const summary = summarise(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, top);
    process.stdout.write(
      `\n## ${relative(dir, file)}: ${summary.busyMs} ms busy of ${summary.totalMs} ms\n\nself time by package/file:\n`,
    );
    for (const entry of summary.files.slice(0, 12)) {
      process.stdout.write(
        `  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${String(entry.ms).padStart(7)} ms  ${entry.name}\n`,
      );
    }
    process.stdout.write("inclusive time of the repository's functions:\n");
    for (const entry of summary.inclusive) {
      process.stdout.write(
        `  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${String(entry.ms).padStart(7)} ms  ${entry.name}\n`,
      );
    }
    process.stdout.write("self time by function:\n");
    for (const entry of summary.functions) {
      process.stdout.write(
        `  ${(entry.share * 100).toFixed(1).padStart(5)} %  ${String(entry.ms).padStart(7)} ms  ${entry.name}\n`,
      );
    }
  }
}

if (import.meta.url === `file://${process.argv[1]}`) main();
