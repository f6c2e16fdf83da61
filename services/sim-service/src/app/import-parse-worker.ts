// The worker thread that parses one CSV import (import-parsing.ts) for the
// receiver on the main thread (import-parser.ts). It asks for the file's
// chunks one ahead of the one it parses, asks the main thread about the
// operators it meets, and posts each batch when it is ready, keeping at most
// `batchesAhead` posted batches that the receiver has not taken yet: memory
// stays a few batches whatever the file's size. It loads only pure modules (no database,
// no gRPC, no platform runtime), so it starts in a few tens of milliseconds.
import { parentPort, type TransferListItem, workerData } from "node:worker_threads";
import { AppError } from "@simhub/platform/domain";
import type { SimStatus } from "../domain/status.ts";
import { activationCodeHasher } from "./activation-code.ts";
import type { FromParser, ParserSettings, ToParser } from "./import-parser.ts";
import { parseCsvImport } from "./import-parsing.ts";
import { ImportRowPreparer } from "./import-rows.ts";

const port = parentPort!;
const settings = workerData as ParserSettings;
const post = (message: FromParser, transfer: TransferListItem[] = []) => port.postMessage(message, transfer);

const chunks: (Uint8Array | null)[] = [];
let untaken = 0;
const operatorAnswers = new Map<number, (status: SimStatus | null) => void>();
let waiting: (() => void)[] = [];
const somethingArrives = () => new Promise<void>((resolve) => waiting.push(resolve));

port.on("message", (message: ToParser) => {
  if (message.type === "chunk") chunks.push(message.data);
  else if (message.type === "end") chunks.push(null);
  else if (message.type === "taken") untaken -= message.count;
  else {
    operatorAnswers.get(message.request)?.(message.status);
    operatorAnswers.delete(message.request);
  }
  const woken = waiting;
  waiting = [];
  for (const wake of woken) wake();
});

async function* file(): AsyncGenerator<Buffer> {
  post({ type: "need" });
  for (;;) {
    while (chunks.length === 0) await somethingArrives();
    const chunk = chunks.shift()!;
    if (chunk === null) return;
    post({ type: "need" }); // the next one arrives while this one is parsed
    yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  }
}

let operatorRequests = 0;
const preparer = new ImportRowPreparer({
  hashActivationCode: activationCodeHasher(settings.activationCodeKey),
  // A lookup that fails ends the import on the main thread, which stops this one.
  lookupOperator: (operatorId) =>
    new Promise((resolve) => {
      const request = ++operatorRequests;
      operatorAnswers.set(request, resolve);
      post({ type: "operator", request, operatorId });
    }),
});

try {
  for await (const batch of parseCsvImport(file(), { ...settings, preparer })) {
    while (untaken >= settings.batchesAhead) await somethingArrives();
    untaken++;
    post({ type: "batch", batch }, [batch.copyText.buffer, batch.lineStarts.buffer]);
  }
  post({ type: "done" });
} catch (error) {
  post({
    type: "failed",
    error:
      error instanceof AppError
        ? { kind: error.kind, code: error.code, message: error.message, errors: error.errors }
        : { message: error instanceof Error ? error.message : String(error) },
  });
}
