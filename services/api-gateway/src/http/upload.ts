// The limits of a streamed upload (API.md, "Imports"): a size limit, and a
// minimum rate so a client that trickles bytes cannot keep an import open
// for hours.
//
// The rate is measured only over the time spent waiting for the client.
// While the gateway is not reading (sim-service is busy with a batch and
// HTTP/2 flow control has paused the stream), the client cannot send, and
// that time is not held against it. In every `windowMs` of waiting at least
// `minBytesPerSecond × windowMs` bytes must arrive, or the upload is cut off
// with 408 UPLOAD_TOO_SLOW. Past `maxBytes` (declared in Content-Length or
// counted as the body arrives) it is 413 UPLOAD_TOO_LARGE.
import type { Request } from "express";
import { HttpProblem } from "./problem.ts";

export interface UploadLimits {
  maxBytes: number;
  minBytesPerSecond: number;
  windowMs: number;
}

export class GuardedUpload {
  /** Bytes received so far. */
  bytes = 0;
  /** Why the upload was cut off, once it was. */
  problem: HttpProblem | undefined;
  private readonly req: Request;
  private readonly limits: UploadLimits;

  constructor(req: Request, limits: UploadLimits) {
    this.req = req;
    this.limits = limits;
    const declared = Number(req.header("content-length") ?? Number.NaN);
    if (declared > limits.maxBytes) throw this.cutOff(this.tooLarge());
  }

  private tooLarge() {
    return new HttpProblem(413, "UPLOAD_TOO_LARGE", `the upload exceeds ${this.limits.maxBytes} bytes`);
  }

  private cutOff(problem: HttpProblem): HttpProblem {
    this.problem = problem;
    // The rest of the body is not wanted: the connection closes after the answer.
    this.req.res?.setHeader("Connection", "close");
    return problem;
  }

  /** The body's chunks as they arrive, within the limits. */
  async *chunks(): AsyncGenerator<Buffer> {
    const iterator = (this.req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    const { windowMs, minBytesPerSecond, maxBytes } = this.limits;
    const minBytesPerWindow = (minBytesPerSecond * windowMs) / 1000;
    let waitedMs = 0;
    let windowBytes = 0;
    for (;;) {
      const pending = iterator.next();
      let next: IteratorResult<Buffer> | undefined;
      while (next === undefined) {
        const started = performance.now();
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<undefined>((resolve) => {
          timer = setTimeout(() => resolve(undefined), Math.max(0, windowMs - waitedMs));
        });
        next = await Promise.race([pending, timeout]);
        clearTimeout(timer);
        waitedMs += performance.now() - started;
        if (next !== undefined && !next.done) windowBytes += next.value.length;
        if (waitedMs >= windowMs) {
          if (windowBytes < minBytesPerWindow) {
            throw this.cutOff(
              new HttpProblem(
                408,
                "UPLOAD_TOO_SLOW",
                `the upload sent ${windowBytes} bytes in ${Math.round(windowMs / 1000)} s; at least ${minBytesPerSecond} bytes a second are needed`,
              ),
            );
          }
          waitedMs = 0;
          windowBytes = 0;
        }
      }
      if (next.done) return;
      this.bytes += next.value.length;
      if (this.bytes > maxBytes) throw this.cutOff(this.tooLarge());
      yield next.value;
    }
  }
}
