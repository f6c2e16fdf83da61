// Imports as resources, through the gateway over real processes, PostgreSQL
// and NATS: an async import polled to completion with its progress seen
// mid-way, rejections paged by line, the listing, tenant scope, the size
// limit (declared and counted), a slow client cut off, and a file of huge
// rejected cells that must not grow sim-service's memory.

import { readFileSync } from "node:fs";
import { request } from "node:http";
import { luhnDigit, type ManagedProcess, type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

let stack: Stack;
let adminToken: string;
let orgA: string;
let orgB: string;
let orgBAdminToken: string;
/** A second gateway with small limits: 64 KiB uploads, 2 s windows at 2,000 bytes a second. */
let strictGateway: ManagedProcess;
const password = "Correct-Horse-Battery-9";

function iccid(n: number, prefix: string): string {
  const payload = `${prefix}${String(n).padStart(18 - prefix.length, "0")}`;
  return payload + luhnDigit(payload);
}

const api = (token = adminToken) => stack.http(token);

async function created(path: string, body: unknown, token = adminToken) {
  const response = await api(token).post(path, body);
  if (response.status !== 201)
    throw new Error(`${path}: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body;
}

/** A CSV produced as it is sent, `perChunk` lines at a time: neither side holds it whole. */
function csvStream(
  count: number,
  line: (n: number) => string,
  header = "iccid,imsi,msisdn",
  perChunk = 2_000,
): ReadableStream {
  const encoder = new TextEncoder();
  let sent = -1;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      if (sent === -1) {
        controller.enqueue(encoder.encode(`${header}\n`));
        sent = 0;
        return;
      }
      if (sent >= count) {
        controller.close();
        return;
      }
      const lines: string[] = [];
      for (let i = 0; i < perChunk && sent < count; i++, sent++) lines.push(line(sent));
      controller.enqueue(encoder.encode(`${lines.join("\n")}\n`));
    },
  });
}

/** A raw HTTP/1.1 upload whose body the test writes itself (timing, declared length). */
function rawUpload(
  baseUrl: string,
  path: string,
  options: {
    headers?: Record<string, string>;
    write: (send: (text: string) => boolean) => Promise<void>;
    /** False: the body is never finished (the server must answer without it). */
    end?: boolean;
  },
): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const url = new URL(path, baseUrl);
    const req = request(
      url,
      {
        method: "POST",
        headers: { authorization: `Bearer ${adminToken}`, "content-type": "text/csv", ...options.headers },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk) => {
          text += chunk;
        });
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : undefined }),
        );
      },
    );
    req.on("error", reject);
    let open = true;
    req.on("close", () => {
      open = false;
    });
    options
      .write((text) => {
        if (open && !req.destroyed) req.write(text);
        return open && !req.destroyed;
      })
      .then(() => {
        if (open && !req.destroyed && options.end !== false) req.end();
      }, reject);
  });
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)\s+kB/.exec(status)?.[1]) * 1024;
}

beforeAll(async () => {
  stack = await startStack({
    envFor: {
      "api-gateway": { IMPORT_MAX_BYTES: String(256 * 1024 * 1024) },
    },
  });
  adminToken = await stack.login(stack.admin.username, stack.admin.password);
  orgA = (await created("/v1/organizations", { name: "Import Org A" })).id;
  orgB = (await created("/v1/organizations", { name: "Import Org B" })).id;
  await created(`/v1/organizations/${orgB}/staff`, {
    username: "imports-org-b-admin",
    email: "imports-b@example.test",
    password,
    role: "org_admin",
  });
  orgBAdminToken = await stack.login("imports-org-b-admin", password);
  strictGateway = await stack.addReplica("api-gateway", {
    IMPORT_MAX_BYTES: String(64 * 1024),
    UPLOAD_MIN_RATE_WINDOW_MS: "2000",
    UPLOAD_MIN_BYTES_PER_SECOND: "2000",
  });
}, 120_000);

afterAll(async () => {
  await stack?.stop();
});

describe("an async import", () => {
  it("answers 202 with Location, shows its progress while it runs, and completes with every row", async () => {
    const rows = 200_000;
    const upload = await api().post(`/v1/organizations/${orgA}/sims/import`, undefined, {
      raw: csvStream(rows, (n) => `${iccid(n, "894471")},26271${String(n).padStart(10, "0")},`),
      headers: { prefer: "respond-async" },
    });
    expect(upload.status).toBe(202);
    expect(upload.headers.get("preference-applied")).toBe("respond-async");
    const location = upload.headers.get("location");
    expect(location).toBe(`/v1/imports/${upload.body.id}`);
    expect(upload.body).toMatchObject({ orgId: orgA, format: "csv", rowsReceived: rows, rowsRejected: 0 });
    expect(["applying", "completed"]).toContain(upload.body.status);
    expect(upload.body.bytesReceived).toBeGreaterThan(rows * 20);

    const seen: { status: string; rowsImported: number }[] = [];
    for (;;) {
      const poll = await api().get(location!);
      expect(poll.status).toBe(200);
      seen.push({ status: poll.body.status, rowsImported: poll.body.rowsImported });
      if (poll.body.status === "completed" || poll.body.status === "failed") {
        expect(poll.body).toMatchObject({
          status: "completed",
          rowsImported: rows,
          rowsRejected: 0,
          failure: null,
        });
        expect(poll.body.finishedAt).not.toBeNull();
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Mid-way: applying, with some but not all rows in the inventory.
    expect(seen.some((s) => s.status === "applying" && s.rowsImported > 0 && s.rowsImported < rows)).toBe(
      true,
    );
    const [{ count }] = await stack.query(
      "sim-service",
      "SELECT count(*)::int AS count FROM sims WHERE import_id = $1",
      [upload.body.id],
    );
    expect(count).toBe(rows);
    const events = await stack.events("sim", { type: "SimsImported", count: 1 });
    expect(
      events.filter((event) => (event.data as { importId: string }).importId === upload.body.id),
    ).toEqual([
      expect.objectContaining({ data: { importId: upload.body.id, orgId: orgA, count: rows, rejected: 0 } }),
    ]);
    const staging = await stack.query(
      "sim-service",
      "SELECT tablename FROM pg_tables WHERE tablename LIKE 'sim_import_staging_%'",
    );
    expect(staging).toEqual([]);
  }, 180_000);
});

describe("rejections", () => {
  it("pages through the rejected lines in file order, with their line numbers", async () => {
    const lines = ["iccid,imsi"];
    const expected: { line: number; code: string }[] = [];
    for (let i = 0; i < 300; i++) {
      if (i % 5 === 0) {
        lines.push(`12345${i},`);
        expected.push({ line: lines.length, code: "INVALID_ICCID" });
      } else if (i % 7 === 0) {
        lines.push(`${iccid(i, "894472")},not-an-imsi`);
        expected.push({ line: lines.length, code: "INVALID_IMSI" });
      } else lines.push(`${iccid(i, "894472")},`);
    }
    lines.push(`${iccid(1, "894472")},`); // the ICCID of line 3 again
    expected.push({ line: lines.length, code: "DUPLICATE_ICCID" });
    const upload = await api().post(`/v1/organizations/${orgA}/sims/import`, undefined, {
      raw: lines.join("\n"),
    });
    expect(upload.status).toBe(201);
    expect(upload.headers.get("location")).toBe(`/v1/imports/${upload.body.importId}`);
    expect(upload.body.rejectedCount).toBe(expected.length);

    const paged: { line: number; code: string }[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const query: string = cursor ? `?limit=20&cursor=${encodeURIComponent(cursor)}` : "?limit=20";
      const page = await api().get(`/v1/imports/${upload.body.importId}/rejections${query}`);
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeLessThanOrEqual(20);
      for (const item of page.body.items) {
        expect(item.index).toBeNull();
        paged.push({ line: item.line, code: item.code });
      }
      cursor = page.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(Math.ceil(expected.length / 20));
    expect(paged).toEqual(expected);

    const bad = await api().get(`/v1/imports/${upload.body.importId}/rejections?cursor=garbage`);
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe("INVALID_CURSOR");
  });
});

describe("listing and tenant scope", () => {
  it("lists an organization's imports newest first; another organization gets 404", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const upload = await api().post(`/v1/organizations/${orgA}/sims/import`, undefined, {
        raw: `iccid\n${iccid(i, "894473")}\n`,
      });
      ids.push(upload.body.importId);
    }
    const first = await api().get(`/v1/organizations/${orgA}/imports?limit=2`);
    expect(first.status).toBe(200);
    expect(first.body.items.map((item: { id: string }) => item.id)).toEqual([ids[2], ids[1]]);
    const second = await api().get(
      `/v1/organizations/${orgA}/imports?limit=2&cursor=${encodeURIComponent(first.body.nextCursor)}`,
    );
    expect(second.body.items[0].id).toBe(ids[0]);

    const foreign = await api(orgBAdminToken).get(`/v1/imports/${ids[0]}`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe("IMPORT_NOT_FOUND");
    const unknown = await api(orgBAdminToken).get("/v1/imports/00000000-0000-4000-8000-000000000001");
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe("IMPORT_NOT_FOUND");
    expect((await api(orgBAdminToken).get(`/v1/imports/${ids[0]}/rejections`)).status).toBe(404);
    const list = await api(orgBAdminToken).get(`/v1/organizations/${orgA}/imports`);
    expect(list.status).toBe(404);
    expect((await api(orgBAdminToken).get(`/v1/organizations/${orgB}/imports`)).body.items).toEqual([]);
  });
});

describe("limits", () => {
  it("answers 413 for an upload declared or found larger than IMPORT_MAX_BYTES, and imports nothing of it", async () => {
    const declared = await rawUpload(strictGateway.httpUrl, `/v1/organizations/${orgA}/sims/import`, {
      headers: { "content-length": String(64 * 1024 + 1) },
      write: async (send) => {
        send("iccid\n");
      },
      end: false,
    });
    expect(declared.status).toBe(413);
    expect(declared.body.code).toBe("UPLOAD_TOO_LARGE");

    // Chunked, no declared length: cut off once the count passes the limit.
    const counted = await rawUpload(strictGateway.httpUrl, `/v1/organizations/${orgA}/sims/import`, {
      write: async (send) => {
        send("iccid\n");
        for (let i = 0; i < 100; i++) {
          const lines = Array.from({ length: 100 }, (_, k) => iccid(i * 100 + k, "894474")).join("\n");
          if (!send(`${lines}\n`)) return;
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
      },
    });
    expect(counted.status).toBe(413);
    expect(counted.body.code).toBe("UPLOAD_TOO_LARGE");
    // sim-service marks the import failed once the cut-off stream reaches it.
    await expect
      .poll(async () => (await api().get(`/v1/organizations/${orgA}/imports?limit=1`)).body.items[0], {
        timeout: 10_000,
        interval: 100,
      })
      .toMatchObject({ status: "failed", rowsImported: 0 });
    const [{ count }] = await stack.query(
      "sim-service",
      "SELECT count(*)::int AS count FROM sims WHERE iccid LIKE '894474%'",
    );
    expect(count).toBe(0);
  });

  it("cuts off an upload slower than the minimum rate with a problem document", async () => {
    const started = performance.now();
    const slow = await rawUpload(strictGateway.httpUrl, `/v1/organizations/${orgA}/sims/import`, {
      write: async (send) => {
        send("iccid\n");
        // 24 bytes every half second: 48 bytes a second, far below 2,000.
        for (let i = 0; i < 40; i++) {
          if (!send(`${iccid(i, "894475")}\n`)) return;
          await new Promise((resolve) => setTimeout(resolve, 500));
        }
      },
    });
    const seconds = (performance.now() - started) / 1000;
    expect(slow.status).toBe(408);
    expect(slow.body).toMatchObject({ code: "UPLOAD_TOO_SLOW", status: 408 });
    expect(slow.body.detail).toMatch(/bytes a second/);
    expect(seconds).toBeLessThan(15);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const newest = (await api().get(`/v1/organizations/${orgA}/imports?limit=1`)).body.items[0];
    expect(newest).toMatchObject({ status: "failed", rowsImported: 0 });
    const [{ count }] = await stack.query(
      "sim-service",
      "SELECT count(*)::int AS count FROM sims WHERE iccid LIKE '894475%'",
    );
    expect(count).toBe(0);
  });
});

describe("memory", () => {
  it("keeps sim-service's RSS growth under 200 MiB for 1,700 rejected rows of 60,000-character cells", async () => {
    const simPid = stack.services["sim-service"].process.child!.pid!;
    const cell = "8".repeat(60_000);
    const before = rssOf(simPid);
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssOf(simPid));
    }, 25);
    const upload = await api().post(`/v1/organizations/${orgA}/sims/import`, undefined, {
      raw: csvStream(1_700, () => cell, "iccid", 10),
    });
    clearInterval(sampler);
    peak = Math.max(peak, rssOf(simPid));
    expect(upload.status).toBe(201);
    expect(upload.body).toMatchObject({ imported: 0, rejectedCount: 1_700 });
    const growth = peak - before;
    process.stdout.write(
      `1,700 × 60,000-character cells: sim-service RSS growth ${Math.round(growth / 2 ** 20)} MiB\n`,
    );
    expect(growth).toBeLessThan(200 * 1024 * 1024);
    const page = await api().get(`/v1/imports/${upload.body.importId}/rejections?limit=500`);
    expect(page.body.items).toHaveLength(500);
    for (const item of page.body.items) {
      expect(item.iccid).toHaveLength(32);
      expect(item.code).toBe("INVALID_ICCID");
    }
    expect(upload.body.rejected[0].iccid).toHaveLength(32);
  }, 120_000);
});
