// Open-loop HTTP load: requests leave on a fixed schedule (request i at
// start + i / rate) however slowly the server answers, and each latency is
// measured from the request's *scheduled* send time, so a stall shows up in
// every request that should have been sent during it (no coordinated
// omission). Closed-loop tools wait for a response before sending the next
// request on a connection, so their p99 under saturation only restates
// throughput.
//
// Why not autocannon's own rate options: `overallRate`/`connectionRate`
// keep one request in flight per connection and hand out a per-second
// budget at each second's start (bursts, then silence), and they correct for
// omission with HdrHistogram's approximation instead of measuring from the
// schedule. undici's Pool would do, but it is no direct dependency of the
// bench; node:http with a keep-alive Agent does the job with nothing added.
//
// Bounded in count (rate × duration requests), in sockets (`maxSockets`;
// beyond it requests wait in the Agent's queue, and that wait is part of
// their latency, as it would be for a real client) and in time (a request
// still unanswered `timeoutSec` after its scheduled time is aborted and
// counted as a timeout; the run ends at most `timeoutSec` after its last
// scheduled send).
import { Agent, request } from "node:http";
import { latencySummary, type OpenLoopResult } from "./load-spec.ts";

interface ScheduledRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface OpenLoopSettings {
  url: string;
  ratePerSec: number;
  durationSec: number;
  maxSockets: number;
  timeoutSec: number;
  headers: Record<string, string>;
  next: () => ScheduledRequest;
}

/** Error responses kept as samples in the result (status and the start of the body). */
const MAX_SAMPLES = 5;

interface InFlight {
  scheduledAt: number;
  abort: () => void;
}

export function runOpenLoop(
  settings: OpenLoopSettings,
): Promise<Omit<OpenLoopResult, "kind" | "nextRequest">> {
  const { ratePerSec, durationSec, maxSockets, timeoutSec } = settings;
  if (!(ratePerSec > 0) || !(durationSec > 0)) throw new Error("open loop needs a rate and a duration > 0");
  if (!(maxSockets >= 1)) throw new Error("open loop needs at least one socket");
  const total = Math.max(1, Math.round(ratePerSec * durationSec));
  const intervalMs = 1000 / ratePerSec;
  const timeoutMs = timeoutSec * 1000;
  const target = new URL(settings.url);
  const agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });

  const latencies: number[] = [];
  const sendLags: number[] = [];
  const statusCounts = new Map<string, number>();
  const samples: string[] = [];
  const inFlight = new Set<InFlight>();
  let ok = 0;
  let failed = 0;
  let sent = 0;
  let maxInFlight = 0;
  let queuedForSocket = 0;
  let lastCompletionAt = 0;
  const count = (key: string) => statusCounts.set(key, (statusCounts.get(key) ?? 0) + 1);

  return new Promise((resolve) => {
    const started = performance.now();
    let done = false;
    let sweeper: ReturnType<typeof setInterval> | undefined;
    const finish = () => {
      if (done) return;
      done = true;
      clearInterval(sweeper);
      const endedAt = performance.now();
      agent.destroy();
      const measuredSec = Math.max(
        0.001,
        (Math.max(lastCompletionAt, started + durationSec * 1000) - started) / 1000,
      );
      resolve({
        offeredRate: Math.round(ratePerSec * 100) / 100,
        scheduled: total,
        sent,
        durationSec: Math.round(((endedAt - started) / 1000) * 100) / 100,
        throughput: Math.round(ok / measuredSec),
        latencyMs: latencySummary(latencies),
        sendLagMs: latencySummary(sendLags),
        maxInFlight,
        queuedForSocket,
        statusCounts: Object.fromEntries(statusCounts),
        errors: failed,
        errorSamples: samples,
      });
    };
    const settle = (entry: InFlight, outcome: string, isOk: boolean, sample?: string) => {
      if (!inFlight.delete(entry)) return; // already settled (a timeout racing its response)
      const now = performance.now();
      lastCompletionAt = Math.max(lastCompletionAt, now);
      latencies.push(now - entry.scheduledAt);
      count(outcome);
      if (isOk) ok++;
      else {
        failed++;
        if (sample && samples.length < MAX_SAMPLES) samples.push(sample);
      }
      if (sent === total && inFlight.size === 0) finish();
    };

    const send = (scheduledAt: number) => {
      const next = settings.next();
      const busySockets = Object.values(agent.sockets).reduce((sum, list) => sum + (list?.length ?? 0), 0);
      if (busySockets >= maxSockets) queuedForSocket++;
      let aborted = false;
      const req = request({
        agent,
        protocol: target.protocol,
        hostname: target.hostname,
        port: target.port,
        method: next.method,
        path: next.path,
        headers: { ...settings.headers, ...next.headers },
      });
      const entry: InFlight = {
        scheduledAt,
        abort: () => {
          aborted = true;
          req.destroy();
          settle(entry, "timeouts", false);
        },
      };
      inFlight.add(entry);
      maxInFlight = Math.max(maxInFlight, inFlight.size);
      req.on("response", (res) => {
        const status = res.statusCode ?? 0;
        const isOk = status >= 200 && status < 300;
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => {
          // Only error bodies are kept (as samples); a 2xx body is read and dropped.
          if (!isOk && chunks.length < 4) chunks.push(chunk);
        });
        res.on("end", () => {
          const sample = isOk
            ? undefined
            : `${status} ${Buffer.concat(chunks).toString("utf8").slice(0, 300)}`;
          settle(entry, String(status), isOk, sample);
        });
        res.on("error", () => settle(entry, "socket-errors", false));
      });
      req.on("error", (error) => {
        if (!aborted) settle(entry, "socket-errors", false, `socket error: ${error.message}`);
      });
      req.end(next.body);
      sent++;
    };

    // Sends everything that is due, then sleeps until the next request is.
    // A late timer only delays the send, never the clock latency counts from.
    const tick = () => {
      const now = performance.now();
      while (sent < total) {
        const scheduledAt = started + sent * intervalMs;
        if (scheduledAt > now) break;
        sendLags.push(now - scheduledAt);
        send(scheduledAt);
      }
      if (sent < total) {
        setTimeout(tick, Math.max(0, started + sent * intervalMs - performance.now()));
      } else if (inFlight.size === 0) {
        finish();
      }
    };

    sweeper = setInterval(
      () => {
        const now = performance.now();
        for (const entry of inFlight) if (now - entry.scheduledAt >= timeoutMs) entry.abort();
      },
      Math.min(250, Math.max(10, timeoutMs / 4)),
    );
    tick();
  });
}
