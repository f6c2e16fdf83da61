// Runs one LoadSpec in a separate load-generator process (load-worker.ts).
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type {
  CopyResult,
  CopySpec,
  HttpLoadResult,
  HttpLoadSpec,
  LoadResult,
  LoadSpec,
  OpenLoopResult,
  OpenLoopSpec,
  PublishResult,
  PublishSpec,
  UploadResult,
  UploadSpec,
  WorkerUsage,
} from "./load-spec.ts";

const workerPath = fileURLToPath(new URL("./load-worker.ts", import.meta.url));

type ResultOf<S extends LoadSpec> = S extends HttpLoadSpec
  ? HttpLoadResult
  : S extends OpenLoopSpec
    ? OpenLoopResult
    : S extends UploadSpec
      ? UploadResult
      : S extends CopySpec
        ? CopyResult
        : S extends PublishSpec
          ? PublishResult
          : LoadResult;

export interface LoadRun<S extends LoadSpec> {
  pid: number;
  result: Promise<ResultOf<S> & { usage?: WorkerUsage }>;
}

let sequence = 0;

export function startLoad<S extends LoadSpec>(spec: S, scratchDir: string): LoadRun<S> {
  const specPath = join(scratchDir, `load-${process.pid}-${++sequence}.json`);
  writeFileSync(specPath, JSON.stringify(spec));
  const child = spawn(process.execPath, [workerPath, specPath], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  const result = new Promise<ResultOf<S> & { usage?: WorkerUsage }>((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) => {
      const line = stdout.trim().split("\n").at(-1);
      if (code === 0 && line) {
        try {
          resolve(JSON.parse(line) as ResultOf<S> & { usage?: WorkerUsage });
          return;
        } catch {
          // fall through to the failure below
        }
      }
      reject(new Error(`load worker (${spec.kind}) exited with ${code}: ${stderr.trim().slice(-2000)}`));
    });
  });
  return { pid: child.pid ?? 0, result };
}
