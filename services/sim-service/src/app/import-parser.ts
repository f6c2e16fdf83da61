// Parsing a CSV import off the main thread. The receiver (import-receive.ts)
// iterates the batches of `parseInWorker` much as it would iterate
// `parseCsvImport` in its own thread, taking each time every batch ready by
// then; the parsing, validation and COPY text of the next batches happen in
// a worker thread (import-parse-worker.ts) meanwhile, so the main thread's
// event loop is left to the gRPC stream and the staging transactions. Measured on the 2-core bench machine: parsing a
// row costs 3–4 µs in isolation and ~7 µs on the busy main thread (its
// young-generation collections and the stream's callbacks), which was the
// receiving phase's limit.
//
// The protocol: the worker asks for chunks (`need`), one ahead; the main
// thread answers with a copy of the stream's next chunks, 256 KiB of them
// (less at the end), or `end`. The worker asks
// about operators (`operator`), answered with the status their SIMs start
// in. It posts `batch`es and keeps at most `batchesAhead` not yet `taken`,
// so the file is read no faster than it is staged (the back-pressure
// reaches the upload as before). It ends with `done` or `failed`. Whatever way the iteration
// ends, the worker is terminated.
import { type TransferListItem, Worker } from "node:worker_threads";
import { AppError, type ErrorKind, type FieldError } from "@simhub/platform";
import type { SimStatus } from "../domain/status.ts";
import type { ParsedBatch } from "./import-parsing.ts";
import type { OperatorLookup } from "./import-rows.ts";

export interface ParserSettings {
  batchSize: number;
  batchBytes: number;
  activationCodeKey: string;
  /** Batches the worker parses ahead of the receiver, at most. */
  batchesAhead: number;
}

export type ToParser =
  | { type: "chunk"; data: Uint8Array }
  | { type: "end" }
  | { type: "taken"; count: number }
  | { type: "operator"; request: number; status: SimStatus | null };

export type FromParser =
  | { type: "need" }
  | { type: "operator"; request: number; operatorId: string }
  | { type: "batch"; batch: ParsedBatch }
  | { type: "done" }
  | {
      type: "failed";
      error: { kind?: ErrorKind; code?: string; message: string; errors?: FieldError[] };
    };

const WORKER_URL = new URL("./import-parse-worker.ts", import.meta.url);
const WORKER_CHUNK_BYTES = 256 * 1024;

/** The file's batches in order: each time it is asked, every batch ready by then (one at least). */
export async function* parseInWorker(
  source: AsyncIterable<Buffer>,
  options: ParserSettings & { lookupOperator: OperatorLookup },
): AsyncGenerator<ParsedBatch[]> {
  const settings: ParserSettings = {
    batchSize: options.batchSize,
    batchBytes: options.batchBytes,
    activationCodeKey: options.activationCodeKey,
    batchesAhead: options.batchesAhead,
  };
  const worker = new Worker(WORKER_URL, { workerData: settings });
  const input = source[Symbol.asyncIterator]();
  const send = (message: ToParser, transfer: TransferListItem[] = []) =>
    worker.postMessage(message, transfer);
  /**
   * The upload's next WORKER_CHUNK_BYTES (less at its end), copied into
   * memory the worker will own: a gRPC message's bytes may share memory
   * with others. A message to the worker costs a wake-up of both threads,
   * so chunks of the stream (tens of KiB) go over a few at a time.
   */
  const gather = async (): Promise<Uint8Array<ArrayBuffer> | undefined> => {
    const parts: Buffer[] = [];
    let bytes = 0;
    while (bytes < WORKER_CHUNK_BYTES) {
      const next = await input.next();
      if (next.done) break;
      parts.push(next.value);
      bytes += next.value.length;
    }
    if (parts.length === 0) return undefined;
    const data = new Uint8Array(bytes);
    let at = 0;
    for (const part of parts) {
      data.set(part, at);
      at += part.length;
    }
    return data;
  };
  const batches: ParsedBatch[] = [];
  let done = false;
  let failure: { error: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const fail = (error: unknown) => {
    failure ??= { error };
    notify();
  };

  worker.on("message", (message: FromParser) => {
    switch (message.type) {
      case "need":
        gather().then((data) => {
          if (data === undefined) return send({ type: "end" });
          send({ type: "chunk", data }, [data.buffer]);
        }, fail);
        break;
      case "operator":
        options
          .lookupOperator(message.operatorId)
          .then((status) => send({ type: "operator", request: message.request, status }), fail);
        break;
      case "batch":
        batches.push(message.batch);
        notify();
        break;
      case "done":
        done = true;
        notify();
        break;
      case "failed": {
        const { kind, code, message: text, errors } = message.error;
        fail(kind && code ? new AppError(kind, code, text, { errors: errors ?? [] }) : new Error(text));
        break;
      }
    }
  });
  worker.on("error", fail);
  worker.on("exit", (code) => {
    if (!done) fail(new Error(`the import's parser stopped (exit code ${code})`));
  });

  try {
    for (;;) {
      if (failure) throw failure.error;
      if (batches.length > 0) {
        const ready = batches.splice(0);
        // Taken now, not when the next are asked for: the worker parses ahead while these are staged.
        send({ type: "taken", count: ready.length });
        yield ready;
      } else if (done) return;
      else await new Promise<void>((resolve) => (wake = resolve));
    }
  } finally {
    done = true;
    await worker.terminate();
  }
}
