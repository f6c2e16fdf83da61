// How long an import spent receiving and how long applying: its row in
// sim-service's `sim_imports`, read every 100 ms while the upload runs (one
// indexed lookup each). The two phases cost differently, and the total
// alone does not say which one to work on.
import { setTimeout as sleep } from "node:timers/promises";
import pg from "pg";

export interface ImportPhases {
  /** From the upload's start until the import was `applying`. */
  receivingSec: number | null;
  /** From `applying` until `completed` (or `failed`), or the answer, if that came first. */
  applyingSec: number | null;
}

export async function watchImportPhases(
  simDatabaseUrl: string,
  orgId: string,
  intervalMs = 100,
): Promise<{ stop(): Promise<ImportPhases> }> {
  const client = new pg.Client({ connectionString: simDatabaseUrl });
  await client.connect();
  const since = new Date();
  const started = performance.now();
  const seen = new Map<string, number>();
  const look = async () => {
    const result = await client.query<{ status: string }>(
      "SELECT status FROM sim_imports WHERE org_id = $1 AND created_at >= $2 ORDER BY created_at DESC LIMIT 1",
      [orgId, since],
    );
    const status = result.rows[0]?.status;
    if (status && !seen.has(status)) seen.set(status, performance.now());
  };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      await look();
      await sleep(intervalMs);
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      await look();
      await client.end();
      const applying = seen.get("applying");
      const ended = seen.get("completed") ?? seen.get("failed") ?? performance.now();
      const seconds = (ms: number) => Math.round(ms / 10) / 100;
      return {
        receivingSec: applying === undefined ? null : seconds(applying - started),
        applyingSec: applying === undefined ? null : seconds(ended - applying),
      };
    },
  };
}
