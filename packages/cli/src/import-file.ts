// Uploads a SIM file as an async import (`Prefer: respond-async`) with a
// progress bar for the bytes sent, then polls GET /v1/imports/{id} with a
// second bar for the rows added, until the import has completed or failed.
// The file is streamed from disk, never read whole. Bars go to stderr (and
// only on a terminal); the outcome is returned for stdout.
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { Readable } from "node:stream";
import cliProgress from "cli-progress";

interface ImportResource {
  id: string;
  status: "receiving" | "applying" | "completed" | "failed";
  rowsReceived: number;
  rowsImported: number;
  rowsRejected: number;
  failure: string | null;
}

export interface ImportOutcome {
  importId: string;
  status: string;
  rowsReceived: number;
  rowsImported: number;
  rowsRejected: number;
  failure: string | null;
  /** The first rejected lines, when there are any (all: GET /v1/imports/{id}/rejections). */
  firstRejections: { line: number | null; iccid: string; code: string; message: string }[];
}

export interface ImportFileOptions {
  file: string;
  orgId: string;
  baseUrl: string;
  credentials: { token?: string | undefined; username?: string | undefined; password?: string | undefined };
  pollMs?: number;
}

async function accessToken(baseUrl: string, credentials: ImportFileOptions["credentials"]): Promise<string> {
  if (credentials.token) return credentials.token;
  if (!credentials.username || !credentials.password) {
    throw new Error("set SIMHUB_TOKEN, or SIMHUB_USERNAME and SIMHUB_PASSWORD");
  }
  const response = await fetch(`${baseUrl}/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ username: credentials.username, password: credentials.password }),
  });
  const body = (await response.json()) as { accessToken?: string; detail?: string };
  if (response.status !== 200 || !body.accessToken) {
    throw new Error(`login failed: ${response.status} ${body.detail ?? ""}`);
  }
  return body.accessToken;
}

function problemText(status: number, body: unknown): string {
  const problem = body as { code?: string; detail?: string } | undefined;
  return `${status} ${problem?.code ?? ""} ${problem?.detail ?? JSON.stringify(body)}`.trim();
}

export async function importFile(options: ImportFileOptions): Promise<ImportOutcome> {
  const token = await accessToken(options.baseUrl, options.credentials);
  const auth = { authorization: `Bearer ${token}` };
  const { size } = await stat(options.file);
  const bars = new cliProgress.MultiBar(
    {
      stream: process.stderr,
      hideCursor: true,
      clearOnComplete: false,
      format: "{what} [{bar}] {percentage}% | {value}/{total} {unit}",
    },
    cliProgress.Presets.shades_classic,
  );
  const sent = bars.create(size, 0, { what: "upload", unit: "bytes" });
  let applied: cliProgress.SingleBar | undefined;
  try {
    const source = createReadStream(options.file);
    source.on("data", (chunk) => sent.increment(chunk.length));
    const upload = await fetch(`${options.baseUrl}/v1/organizations/${options.orgId}/sims/import`, {
      method: "POST",
      headers: {
        ...auth,
        "content-type": "text/csv",
        prefer: "respond-async",
        "content-length": String(size),
      },
      body: Readable.toWeb(source) as ReadableStream,
      duplex: "half",
    } as RequestInit);
    const answer = (await upload.json().catch(() => undefined)) as ImportResource | undefined;
    if (upload.status !== 202 || !answer)
      throw new Error(`upload refused: ${problemText(upload.status, answer)}`);
    sent.update(size);

    let job = answer;
    applied = bars.create(Math.max(1, job.rowsReceived - job.rowsRejected), 0, {
      what: "import",
      unit: "rows",
    });
    while (job.status === "receiving" || job.status === "applying") {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
      const poll = await fetch(`${options.baseUrl}/v1/imports/${answer.id}`, { headers: auth });
      if (poll.status !== 200)
        throw new Error(`import ${answer.id}: ${problemText(poll.status, await poll.json())}`);
      job = (await poll.json()) as ImportResource;
      applied.update(job.rowsImported);
    }
    const rejections = await fetch(`${options.baseUrl}/v1/imports/${answer.id}/rejections?limit=20`, {
      headers: auth,
    });
    const page = (await rejections.json()) as { items?: ImportOutcome["firstRejections"] };
    return {
      importId: job.id,
      status: job.status,
      rowsReceived: job.rowsReceived,
      rowsImported: job.rowsImported,
      rowsRejected: job.rowsRejected,
      failure: job.failure,
      firstRejections: (page.items ?? []).map(({ line, iccid, code, message }) => ({
        line,
        iccid,
        code,
        message,
      })),
    };
  } finally {
    bars.stop();
  }
}
