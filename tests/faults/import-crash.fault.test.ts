// 9. An import survives kill -9 of sim-service. A large CSV import is
// uploaded through the gateway and sim-service is killed (SIGKILL) in the
// middle of it, once while the rows are being added to the inventory
// (`applying`) and once while the upload is still arriving (`receiving`).
// After the restart, each import must end `completed` or `failed` by
// itself, and never half-applied: the inventory holds every row it accepted
// (completed) or none (failed), SimsImported is published at most once
// (exactly once when completed, never when failed), and no staging table is
// left. The kills are placed by the import's own progress, not by the clock.
import { afterAll, beforeAll, expect, it } from "vitest";
import { killProcess, reportFigures, startProcess, waitFor } from "../../packages/testing/src/index.ts";
import { type FaultStack, iccid, recentOutput, startFaultStack, stream } from "./support.ts";

const ROWS = Number(process.env.FAULTS_IMPORT_ROWS ?? 300_000);
/** How soon an abandoned import is taken over after the restart. */
const LEASE_SECONDS = 3;

let f: FaultStack;
let orgId: string;

beforeAll(async () => {
  f = await startFaultStack({ envFor: { "sim-service": { IMPORT_LEASE_SECONDS: String(LEASE_SECONDS) } } });
  const org = await f.api.post("/v1/organizations", { name: "Import crash org" });
  orgId = org.body.id;
});

afterAll(async () => {
  await f?.stop();
});

/** The file, produced as it is sent; `pauseMs` between chunks of 2,000 lines slows the upload down. */
function csvBody(prefix: string, rows: number, pauseMs = 0): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let sent = -1;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (sent === -1) {
        controller.enqueue(encoder.encode("iccid,imsi\n"));
        sent = 0;
        return;
      }
      if (sent >= rows) {
        controller.close();
        return;
      }
      const lines: string[] = [];
      for (let i = 0; i < 2_000 && sent < rows; i++, sent++) {
        // Every 1,000th row is invalid: an accepted row count below the file's.
        lines.push(sent % 1_000 === 999 ? "not-an-iccid," : `${iccid(sent, prefix)},`);
      }
      controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
      if (pauseMs > 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    },
  });
}

async function importOf(importId: string) {
  const response = await f.api.get(`/v1/imports/${importId}`);
  if (response.status !== 200)
    throw new Error(`GET import: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body as {
    status: string;
    rowsImported: number;
    rowsRejected: number;
    rowsReceived: number;
  };
}

async function newestImport() {
  const response = await f.api.get(`/v1/organizations/${orgId}/imports?limit=1`);
  return response.body.items[0] as { id: string; status: string; rowsReceived: number } | undefined;
}

/** Waits for the import to end, then checks it is whole: every accepted row or none, one event or none. */
async function outcomeOf(importId: string, prefix: string) {
  await waitFor(async () => ["completed", "failed"].includes((await importOf(importId)).status), {
    timeoutMs: 180_000,
    intervalMs: 250,
    what: `import ${importId} to end after the restart`,
  });
  const job = await importOf(importId);
  const [inventory] = await f.stack.query<{ count: number }>(
    "sim-service",
    "SELECT count(*)::int AS count FROM sims WHERE import_id = $1",
    [importId],
  );
  const [withPrefix] = await f.stack.query<{ count: number }>(
    "sim-service",
    "SELECT count(*)::int AS count FROM sims WHERE iccid LIKE $1",
    [`${prefix}%`],
  );
  const staging = await f.stack.query(
    "sim-service",
    "SELECT tablename FROM pg_tables WHERE tablename LIKE 'sim_import_staging_%'",
  );
  // Give the relay time to publish what the completion committed.
  await new Promise((resolve) => setTimeout(resolve, 2_000));
  const events = (await stream(f.stack, "sim")).filter(
    ({ event }) =>
      event.type === "SimsImported" && (event.data as { importId?: string }).importId === importId,
  );
  const ids = new Set(events.map(({ event }) => event.id));
  return {
    job,
    inventory: inventory!.count,
    prefixed: withPrefix!.count,
    staging: staging.length,
    events: ids.size,
  };
}

it("completes an import whose sim-service was killed while applying it, with every accepted row and one event", async () => {
  const prefix = "894481";
  const upload = await f.api.post(`/v1/organizations/${orgId}/sims/import`, undefined, {
    raw: csvBody(prefix, ROWS),
    headers: { prefer: "respond-async" },
    timeoutMs: 300_000,
  });
  expect(upload.status).toBe(202);
  const importId = upload.body.id as string;
  const accepted = ROWS - Math.floor(ROWS / 1_000);
  expect(upload.body.rowsReceived).toBe(ROWS);

  // Kill it once about a third of the rows are in the inventory.
  await waitFor(
    async () => {
      const job = await importOf(importId);
      return job.status === "applying" && job.rowsImported >= accepted / 3 ? job : false;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: "the import to be applying" },
  );
  const sim = f.stack.services["sim-service"].process;
  const before = await importOf(importId);
  await killProcess(sim, "SIGKILL");
  const readyMs = await startProcess(sim);
  const outcome = await outcomeOf(importId, prefix);
  reportFigures("import crash while applying", {
    rows: ROWS,
    importedAtKill: before.rowsImported,
    status: outcome.job.status,
    inventory: outcome.inventory,
    events: outcome.events,
    staging: outcome.staging,
    readyMs,
  });
  if (outcome.job.status !== "completed") console.log(recentOutput(f.stack));
  expect(before.rowsImported).toBeLessThan(accepted);
  expect(outcome.job).toMatchObject({
    status: "completed",
    rowsImported: accepted,
    rowsRejected: ROWS - accepted,
  });
  expect(outcome.inventory).toBe(accepted);
  expect(outcome.prefixed).toBe(accepted);
  expect(outcome.events).toBe(1);
  expect(outcome.staging).toBe(0);
});

it("fails an import whose sim-service was killed while receiving it, with no row in the inventory and no event", async () => {
  const prefix = "894482";
  const sim = f.stack.services["sim-service"].process;
  // A slower upload, so the kill lands while rows are still arriving.
  const pending = f.api
    .post(`/v1/organizations/${orgId}/sims/import`, undefined, {
      raw: csvBody(prefix, ROWS, 20),
      timeoutMs: 300_000,
    })
    .catch((error: unknown) => ({ status: 0, body: String(error) }));
  const receiving = await waitFor(
    async () => {
      const job = await newestImport();
      return job && job.status === "receiving" && job.rowsReceived > 20_000 ? job : false;
    },
    { timeoutMs: 120_000, intervalMs: 50, what: "the import to be receiving" },
  );
  await killProcess(sim, "SIGKILL");
  const answered = await pending;
  const readyMs = await startProcess(sim);
  const outcome = await outcomeOf(receiving.id, prefix);
  reportFigures("import crash while receiving", {
    rows: ROWS,
    receivedAtKill: receiving.rowsReceived,
    uploadStatus: answered.status,
    status: outcome.job.status,
    inventory: outcome.inventory,
    events: outcome.events,
    staging: outcome.staging,
    readyMs,
  });
  expect(answered.status).not.toBe(201);
  expect(outcome.job.status).toBe("failed");
  expect(outcome.inventory).toBe(0);
  expect(outcome.prefixed).toBe(0);
  expect(outcome.events).toBe(0);
  expect(outcome.staging).toBe(0);
});
