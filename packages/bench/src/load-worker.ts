// The load generator: a process of its own, spawned by the harness with the
// path of a JSON LoadSpec. It prints one JSON LoadResult line on stdout.
// Saturated HTTP runs go through autocannon, open-loop runs through
// open-loop.ts (why: see there).
//
//   node packages/bench/src/load-worker.ts spec.json
import { randomUUID } from "node:crypto";
import { createReadStream, readFileSync, statSync } from "node:fs";
import { request } from "node:http";
import { pipeline } from "node:stream/promises";
import autocannon from "autocannon";
import { connect, headers as natsHeaders } from "nats";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import {
  type CopyResult,
  type CopySpec,
  type HttpLoadResult,
  type HttpLoadSpec,
  type LoadResult,
  type LoadSpec,
  latencySummary,
  type OpenLoopResult,
  type OpenLoopSpec,
  type PublishResult,
  type PublishSpec,
  type UploadResult,
  type UploadSpec,
} from "./load-spec.ts";
import { runOpenLoop } from "./open-loop.ts";
import { type Request, requestFactory } from "./request-patterns.ts";

function runAutocannon(
  spec: HttpLoadSpec,
  durationSec: number,
  next: () => Request,
  record: boolean,
): Promise<{
  result: autocannon.Result;
  times: number[];
  statusCounts: Map<number, number>;
  samples: string[];
}> {
  const times: number[] = [];
  const statusCounts = new Map<number, number>();
  const samples: string[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url,
        connections: spec.connections,
        duration: durationSec,
        timeout: 30,
        headers: spec.headers,
        requests: [
          {
            setupRequest: (current: autocannon.Request) => ({ ...current, ...next() }),
            onResponse: (status: number, body: string) => {
              if (status >= 400 && samples.length < 5) samples.push(`${status} ${body.slice(0, 300)}`);
            },
          },
        ],
      },
      (error, result) => (error ? reject(error) : resolve({ result, times, statusCounts, samples })),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      if (!record) return;
      times.push(responseTime);
      statusCounts.set(statusCode, (statusCounts.get(statusCode) ?? 0) + 1);
    });
  });
}

async function runHttp(spec: HttpLoadSpec): Promise<HttpLoadResult> {
  const source = requestFactory(spec.pattern, spec.headers);
  const next = source.next;
  let warmupOk = 0;
  let warmupRequests = 0;
  if (spec.warmupSec > 0) {
    const warmup = await runAutocannon(spec, spec.warmupSec, next, true);
    warmupRequests = warmup.times.length;
    for (const [status, count] of warmup.statusCounts) if (status >= 200 && status < 300) warmupOk += count;
  }
  const measuredFromEpochMs = Date.now();
  const started = performance.now();
  const { result, times, statusCounts, samples } = await runAutocannon(spec, spec.durationSec, next, true);
  const durationSec = (performance.now() - started) / 1000;
  let ok = 0;
  let failed = 0;
  for (const [status, count] of statusCounts) {
    if (status >= 200 && status < 300) ok += count;
    else failed += count;
  }
  const errors = failed + result.errors + result.timeouts;
  return {
    kind: "http",
    requests: times.length + result.errors + result.timeouts,
    durationSec: Math.round(durationSec * 100) / 100,
    throughput: Math.round(ok / durationSec),
    latencyMs: latencySummary(times),
    statusCounts: Object.fromEntries(
      [...statusCounts]
        .map(([status, count]) => [String(status), count] as const)
        .concat(
          result.errors ? [["socket-errors", result.errors]] : [],
          result.timeouts ? [["timeouts", result.timeouts]] : [],
        ),
    ),
    errors,
    errorSamples: samples,
    warmupOk,
    warmupRequests,
    measuredFromEpochMs,
    nextRequest: source.nextRequest(),
  };
}

async function runOpenLoopSpec(spec: OpenLoopSpec): Promise<OpenLoopResult> {
  const source = requestFactory(spec.pattern, spec.headers);
  const result = await runOpenLoop({ ...spec, next: source.next });
  return { kind: "open-loop", ...result, nextRequest: source.nextRequest() };
}

function runUpload(spec: UploadSpec): Promise<UploadResult> {
  const url = new URL(spec.url);
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: "POST", headers: { ...spec.headers, "transfer-encoding": "chunked" } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString("utf8");
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {
            // not JSON: keep the text
          }
          resolve({
            kind: "upload",
            status: res.statusCode ?? 0,
            body,
            durationSec: Math.round((performance.now() - started) / 10) / 100,
          });
        });
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    createReadStream(spec.file).pipe(req);
  });
}

async function runCopy(spec: CopySpec): Promise<CopyResult> {
  const client = new pg.Client({ connectionString: spec.databaseUrl });
  await client.connect();
  try {
    const started = performance.now();
    const columns = spec.columns.map((column) => `"${column.replaceAll('"', "")}"`).join(", ");
    const copy = client.query(
      copyFrom(
        `COPY "${spec.table.replaceAll('"', "")}" (${columns}) FROM STDIN WITH (FORMAT csv, HEADER true)`,
      ),
    );
    await pipeline(createReadStream(spec.file), copy);
    return {
      kind: "copy",
      rows: copy.rowCount ?? 0,
      durationSec: Math.round((performance.now() - started) / 10) / 100,
    };
  } finally {
    await client.end();
  }
}

async function runPublish(spec: PublishSpec): Promise<PublishResult> {
  const nc = await connect({ servers: spec.natsUrl, name: "bench-publish-baseline" });
  const js = nc.jetstream();
  const filler = "x".repeat(Math.max(0, spec.payloadBytes - 80));
  let next = 0;
  let published = 0;
  let errors = 0;
  const started = performance.now();
  const lane = async () => {
    while (next < spec.count) {
      const n = next++;
      const id = randomUUID();
      const h = natsHeaders();
      h.set("Ce-Type", "BenchPublished");
      try {
        await js.publish(spec.subject, JSON.stringify({ id, n, time: new Date().toISOString(), filler }), {
          msgID: id,
          headers: h,
        });
        published++;
      } catch {
        errors++;
      }
    }
  };
  await Promise.all(Array.from({ length: spec.inFlight }, lane));
  const durationSec = (performance.now() - started) / 1000;
  await nc.drain();
  return { kind: "publish", published, errors, durationSec: Math.round(durationSec * 100) / 100 };
}

async function main() {
  const path = process.argv[2];
  if (!path || !statSync(path).isFile()) throw new Error("usage: load-worker.ts <spec.json>");
  const spec = JSON.parse(readFileSync(path, "utf8")) as LoadSpec;
  let result: LoadResult;
  if (spec.kind === "http") result = await runHttp(spec);
  else if (spec.kind === "open-loop") result = await runOpenLoopSpec(spec);
  else if (spec.kind === "upload") result = await runUpload(spec);
  else if (spec.kind === "copy") result = await runCopy(spec);
  else result = await runPublish(spec);
  const cpu = process.cpuUsage();
  const usage = {
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify({ ...result, usage })}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`load worker failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
