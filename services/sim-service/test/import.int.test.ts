// Imports over gRPC against real PostgreSQL and NATS: JSON (ImportSims) and
// the streamed CSV (ImportSimsStream), every rejection reason, duplicates
// inside one import and across imports, access, and the one SimsImported
// event per import.
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ParsedBatch, parseCsvImport } from "../src/app/import-parsing.ts";
import { BatchStager } from "../src/app/import-receive.ts";
import { ImportRowPreparer } from "../src/app/import-rows.ts";
import { insertImportJob } from "../src/db/import-jobs.ts";
import { createStagingTable, stagingTable } from "../src/db/import-staging.ts";
import {
  companyAdminOf,
  orgAdminOf,
  orgStaffOf,
  platformAdmin,
  type SimHarness,
  simInput,
  startHarness,
} from "./harness.ts";
import { iccidFrom, imeiFrom, imsiFrom, rejection } from "./support.ts";

let h: SimHarness;
const orgA = randomUUID();
const orgB = randomUUID();
const archivedOrg = randomUUID();
const apiOperator = randomUUID();
const plainOperator = randomUUID();
const operatorOfB = randomUUID();

beforeAll(async () => {
  h = await startHarness({ IMPORT_BATCH_SIZE: "100", IMPORT_CONCURRENCY: "2" });
  const { world } = h.peers;
  world.organizations.set(orgA, { name: "Org A", status: "active" });
  world.organizations.set(orgB, { name: "Org B", status: "active" });
  world.organizations.set(archivedOrg, { name: "Gone", status: "archived" });
  world.operators.set(apiOperator, { orgId: orgA, integration: "api" });
  world.operators.set(plainOperator, { orgId: orgA, integration: "none" });
  world.operators.set(operatorOfB, { orgId: orgB, integration: "api" });
});

afterAll(async () => {
  await h?.stop();
});

async function simRow(iccid: string) {
  return h.db("sims").where({ iccid }).first();
}

/** The CSV as a stream of chunks of `chunkSize` bytes, the first naming the organization. */
function* csvChunks(orgId: string, csv: string | Buffer, chunkSize = 7) {
  const bytes = typeof csv === "string" ? Buffer.from(csv) : csv;
  yield { orgId, data: Buffer.alloc(0) };
  for (let i = 0; i < bytes.length; i += chunkSize) yield { data: bytes.subarray(i, i + chunkSize) };
  yield { last: true };
}

describe("JSON import", () => {
  it("imports valid SIMs: not_available without an operator integration, blank with one", async () => {
    const admin = orgAdminOf(orgA);
    const response = await h.client.ImportSims(
      {
        orgId: orgA,
        sims: [
          simInput({ iccid: iccidFrom(1), imsi: imsiFrom(1), msisdn: "+447700900001", imei: imeiFrom(1) }),
          simInput({ iccid: iccidFrom(2), operatorId: apiOperator, eSim: true, activationCode: "ABCD-1234" }),
          simInput({ iccid: iccidFrom(3), operatorId: plainOperator }),
        ],
      },
      h.as(admin),
    );
    expect(response).toMatchObject({ imported: 3, rejected: [], rejectedCount: 0, rejectedTruncated: false });
    expect(await simRow(iccidFrom(1))).toMatchObject({
      org_id: orgA,
      status: "not_available",
      imsi: imsiFrom(1),
      msisdn: "447700900001",
      imei: imeiFrom(1),
      e_sim: false,
      company_id: null,
      import_id: response.importId,
      version: 1,
    });
    const withApi = await simRow(iccidFrom(2));
    expect(withApi).toMatchObject({ status: "blank", e_sim: true, operator_id: apiOperator });
    // The activation code is kept only as a keyed hash.
    expect(withApi.activation_code_hash).toHaveLength(32);
    expect(withApi.activation_code_hash.toString("utf8")).not.toContain("ABCD");
    expect(await simRow(iccidFrom(3))).toMatchObject({ status: "not_available", operator_id: plainOperator });

    const [record] = await h.db("sim_imports").where({ id: response.importId });
    expect(record).toMatchObject({
      org_id: orgA,
      format: "json",
      actor_user_id: admin.userId,
      actor_role: "org_admin",
      imported: 3,
      rejected: 0,
    });
  });

  it("rejects every bad row with its index and reason and imports the rest", async () => {
    const sims = [
      simInput({ iccid: iccidFrom(10) }), // 0 ok
      simInput({ iccid: "" }), // 1 required
      simInput({ iccid: "8944500000000000011x" }), // 2 characters
      simInput({ iccid: "894450000000000" }), // 3 length
      simInput({ iccid: "1234567890123456782" }), // 4 prefix
      simInput({ iccid: `${iccidFrom(12).slice(0, -1)}${(Number(iccidFrom(12).at(-1)) + 1) % 10}` }), // 5 Luhn
      simInput({ iccid: iccidFrom(13), imsi: "12345" }), // 6
      simInput({ iccid: iccidFrom(14), msisdn: "07700900000" }), // 7
      simInput({ iccid: iccidFrom(15), imei: "490154203237519" }), // 8 bad IMEI Luhn
      simInput({ iccid: iccidFrom(16), activationCode: "ab" }), // 9
      simInput({ iccid: iccidFrom(17), operatorId: "not-a-uuid" }), // 10
      simInput({ iccid: iccidFrom(18), operatorId: randomUUID() }), // 11 unknown operator
      simInput({ iccid: iccidFrom(19), operatorId: operatorOfB }), // 12 another organization's operator
      simInput({ iccid: iccidFrom(10) }), // 13 duplicate ICCID in the request
      simInput({ iccid: iccidFrom(20), imsi: imsiFrom(20) }), // 14 ok
      simInput({ iccid: iccidFrom(21), imsi: imsiFrom(20) }), // 15 duplicate IMSI in the request
      simInput({ iccid: iccidFrom(1) }), // 16 ICCID already on the platform
      simInput({ iccid: iccidFrom(22), imsi: imsiFrom(1) }), // 17 IMSI already on the platform
    ];
    const response = await h.client.ImportSims({ orgId: orgA, sims }, h.as(orgStaffOf(orgA)));
    expect(response.imported).toBe(2);
    expect(response.rejectedCount).toBe(16);
    const byIndex = Object.fromEntries(response.rejected.map((r) => [r.index, r]));
    expect(response.rejected.map((r) => r.index)).toEqual([
      1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 17,
    ]);
    expect(byIndex[1]).toMatchObject({ code: "INVALID_ICCID", iccid: "", message: "ICCID is required" });
    expect(byIndex[2]).toMatchObject({ code: "INVALID_ICCID", message: expect.stringContaining("digits") });
    expect(byIndex[3]).toMatchObject({ code: "INVALID_ICCID", message: expect.stringContaining("19 or 20") });
    expect(byIndex[4]).toMatchObject({ code: "INVALID_ICCID", message: expect.stringContaining("89") });
    expect(byIndex[5]).toMatchObject({ code: "INVALID_ICCID", message: expect.stringContaining("Luhn") });
    expect(byIndex[6]).toMatchObject({ code: "INVALID_IMSI", iccid: iccidFrom(13) });
    expect(byIndex[7]).toMatchObject({ code: "INVALID_MSISDN" });
    expect(byIndex[8]).toMatchObject({ code: "INVALID_IMEI" });
    expect(byIndex[9]).toMatchObject({ code: "INVALID_ACTIVATION_CODE" });
    expect(byIndex[10]).toMatchObject({ code: "INVALID_OPERATOR_ID" });
    expect(byIndex[11]).toMatchObject({ code: "UNKNOWN_OPERATOR" });
    expect(byIndex[12]).toMatchObject({ code: "UNKNOWN_OPERATOR" });
    expect(byIndex[13]).toMatchObject({
      code: "DUPLICATE_ICCID",
      message: expect.stringContaining("index 0"),
    });
    expect(byIndex[15]).toMatchObject({
      code: "DUPLICATE_IMSI",
      message: expect.stringContaining("index 14"),
    });
    expect(byIndex[16]).toMatchObject({
      code: "DUPLICATE_ICCID",
      message: expect.stringContaining("already exists"),
    });
    expect(byIndex[17]).toMatchObject({
      code: "DUPLICATE_IMSI",
      message: expect.stringContaining("already exists"),
    });
    expect(await simRow(iccidFrom(10))).toBeTruthy();
    expect(await simRow(iccidFrom(20))).toBeTruthy();
    expect(await simRow(iccidFrom(21))).toBeUndefined();
    expect(await simRow(iccidFrom(18))).toBeUndefined();
  });

  it("reports a row with several problems under its first code, with every message", async () => {
    const response = await h.client.ImportSims(
      { orgId: orgA, sims: [simInput({ iccid: "123", imsi: "1", imei: "2" })] },
      h.as(platformAdmin),
    );
    expect(response.rejected[0]).toMatchObject({ index: 0, code: "INVALID_ICCID" });
    expect(response.rejected[0]!.message).toMatch(/ICCID.*IMSI.*IMEI/);
  });

  it("asks org-service once per distinct operator of an import", async () => {
    const before = h.peers.world.calls.GetOperator;
    const sims = Array.from({ length: 40 }, (_, i) =>
      simInput({ iccid: iccidFrom(100 + i), operatorId: i % 2 === 0 ? apiOperator : plainOperator }),
    );
    const response = await h.client.ImportSims({ orgId: orgA, sims }, h.as(orgAdminOf(orgA)));
    expect(response.imported).toBe(40);
    expect(h.peers.world.calls.GetOperator - before).toBe(2);
  });

  it("refuses more than 1,000 SIMs, and an empty list, naming the field", async () => {
    const tooMany = Array.from({ length: 1_001 }, (_, i) => simInput({ iccid: iccidFrom(5_000 + i) }));
    const error = await rejection(h.client.ImportSims({ orgId: orgA, sims: tooMany }, h.as(platformAdmin)));
    expect(error).toMatchObject({ kind: "invalid", errors: [{ path: "sims" }] });
    const empty = await rejection(h.client.ImportSims({ orgId: orgA, sims: [] }, h.as(platformAdmin)));
    expect(empty).toMatchObject({ kind: "invalid", errors: [{ path: "sims" }] });
    expect(await simRow(iccidFrom(5_000))).toBeUndefined();
  });

  it("lets only the organization's users and the platform admin import", async () => {
    const sims = [simInput({ iccid: iccidFrom(200) })];
    // Another organization's admin learns nothing about this one.
    expect(await rejection(h.client.ImportSims({ orgId: orgA, sims }, h.as(orgAdminOf(orgB))))).toMatchObject(
      {
        kind: "not_found",
        code: "ORGANIZATION_NOT_FOUND",
      },
    );
    expect(
      await rejection(h.client.ImportSims({ orgId: orgA, sims }, h.as(companyAdminOf(orgA, randomUUID())))),
    ).toMatchObject({ kind: "forbidden" });
    expect(
      await rejection(h.client.ImportSims({ orgId: randomUUID(), sims }, h.as(platformAdmin))),
    ).toMatchObject({ kind: "not_found", code: "ORGANIZATION_NOT_FOUND" });
    expect(
      await rejection(h.client.ImportSims({ orgId: archivedOrg, sims }, h.as(platformAdmin))),
    ).toMatchObject({ kind: "rule", code: "ORGANIZATION_NOT_ACTIVE" });
    expect(await rejection(h.client.ImportSims({ orgId: orgA, sims }))).toMatchObject({
      kind: "unauthenticated",
    });
    expect(await simRow(iccidFrom(200))).toBeUndefined();
  });

  it("detects an ICCID already imported by another organization", async () => {
    const response = await h.client.ImportSims(
      { orgId: orgB, sims: [simInput({ iccid: iccidFrom(1) }), simInput({ iccid: iccidFrom(300) })] },
      h.as(orgAdminOf(orgB)),
    );
    expect(response.imported).toBe(1);
    expect(response.rejected).toEqual([
      expect.objectContaining({ index: 0, code: "DUPLICATE_ICCID", iccid: iccidFrom(1) }),
    ]);
    expect((await simRow(iccidFrom(1))).org_id).toBe(orgA);
  });
});

describe("CSV import (streamed)", () => {
  it("parses the header, quotes, CRLF and a BOM, and reports rejections by line", async () => {
    const csv =
      "\uFEFFICCID,imsi,MSISDN,imei,eSim,operator_id,Activation Code\r\n" +
      `${iccidFrom(400)},${imsiFrom(400)},+447700900400,${imeiFrom(400)},true,${apiOperator},CODE-400-K7Q2\r\n` +
      `"${iccidFrom(401)}",,,,"false",,\r\n` +
      "\r\n" + // an empty line is skipped but counted
      `${iccidFrom(402)},,,,maybe,,\r\n` + // line 5: INVALID_ESIM
      `${iccidFrom(403)},,,,,,,extra\r\n` + // line 6: INVALID_ROW
      `${iccidFrom(404)},"${imsiFrom(404)}",,,,,"multi\nline"\r\n` + // line 7: bad activation code spanning 2 lines
      `${iccidFrom(405)},,,,,${randomUUID()},\r\n` + // line 9: UNKNOWN_OPERATOR
      `${iccidFrom(400)},,,,,,\r\n` + // line 10: DUPLICATE_ICCID (earlier in the file)
      `${iccidFrom(406)},${imsiFrom(400)},,,,,\r\n` + // line 11: DUPLICATE_IMSI (earlier in the file)
      `${iccidFrom(1)},,,,,,\r\n` + // line 12: DUPLICATE_ICCID (on the platform)
      `${iccidFrom(407)}`; // line 13: no final line break
    const response = await h.client.ImportSimsStream(csvChunks(orgA, csv), h.as(orgAdminOf(orgA)));
    expect(response.imported).toBe(3);
    expect(response.rejected.map((r) => [r.line, r.code])).toEqual([
      [5, "INVALID_ESIM"],
      [6, "INVALID_ROW"],
      [7, "INVALID_ACTIVATION_CODE"],
      [9, "UNKNOWN_OPERATOR"],
      [10, "DUPLICATE_ICCID"],
      [11, "DUPLICATE_IMSI"],
      [12, "DUPLICATE_ICCID"],
    ]);
    expect(response.rejected[4]!.message).toContain("line 2");
    expect(await simRow(iccidFrom(400))).toMatchObject({
      status: "blank",
      e_sim: true,
      msisdn: "447700900400",
      operator_id: apiOperator,
    });
    expect(await simRow(iccidFrom(401))).toMatchObject({ status: "not_available", e_sim: false });
    expect(await simRow(iccidFrom(407))).toBeTruthy();
    const [record] = await h.db("sim_imports").where({ id: response.importId });
    expect(record).toMatchObject({ format: "csv", imported: 3, rejected: 7 });
  });

  it("catches duplicates across batches of one file and across files", async () => {
    // Batches are 100 rows here: the duplicates sit in later batches than their originals.
    const lines = ["iccid,imsi"];
    for (let i = 0; i < 350; i++) lines.push(`${iccidFrom(10_000 + i)},${imsiFrom(10_000 + i)}`);
    lines.push(`${iccidFrom(10_005)},`); // line 352: ICCID of line 7
    lines.push(`${iccidFrom(10_999)},${imsiFrom(10_010)}`); // line 353: IMSI of line 12
    const first = await h.client.ImportSimsStream(
      csvChunks(orgA, lines.join("\n"), 4096),
      h.as(platformAdmin),
    );
    expect(first.imported).toBe(350);
    expect(first.rejected).toEqual([
      expect.objectContaining({
        line: 352,
        code: "DUPLICATE_ICCID",
        message: "ICCID appears earlier in this import (line 7)",
      }),
      expect.objectContaining({
        line: 353,
        code: "DUPLICATE_IMSI",
        message: "IMSI appears earlier in this import (line 12)",
      }),
    ]);

    const again = [
      "iccid,imsi",
      `${iccidFrom(10_100)},`,
      `${iccidFrom(20_000)},${imsiFrom(10_200)}`,
      `${iccidFrom(20_001)},`,
    ];
    const second = await h.client.ImportSimsStream(csvChunks(orgA, again.join("\n")), h.as(platformAdmin));
    expect(second.imported).toBe(1);
    expect(second.rejected).toEqual([
      expect.objectContaining({
        line: 2,
        code: "DUPLICATE_ICCID",
        message: "a SIM with this ICCID already exists",
      }),
      expect.objectContaining({
        line: 3,
        code: "DUPLICATE_IMSI",
        message: "a SIM with this IMSI already exists",
      }),
    ]);
  });

  it("keeps the earlier line of a duplicate in a file listed out of order, whichever batch commits first", async () => {
    // 600 rows in descending and then ascending order: every batch after
    // the first reaches into the range staged before it.
    const indexes = [
      ...Array.from({ length: 300 }, (_, i) => 60_299 - i),
      ...Array.from({ length: 300 }, (_, i) => 60_300 + i),
    ];
    const lines = ["iccid,imsi", ...indexes.map((i) => `${iccidFrom(i)},${imsiFrom(i)}`)];
    lines.push(`${iccidFrom(60_000)},`); // line 602: the ICCID of line 301
    lines.push(`${iccidFrom(60_999)},${imsiFrom(60_450)}`); // line 603: the IMSI of line 452
    const response = await h.client.ImportSimsStream(
      csvChunks(orgA, lines.join("\n"), 8192),
      h.as(platformAdmin),
    );
    expect(response.imported).toBe(600);
    expect(response.rejected).toEqual([
      expect.objectContaining({
        line: 602,
        code: "DUPLICATE_ICCID",
        message: "ICCID appears earlier in this import (line 301)",
      }),
      expect.objectContaining({
        line: 603,
        code: "DUPLICATE_IMSI",
        message: "IMSI appears earlier in this import (line 452)",
      }),
    ]);
    expect(await simRow(iccidFrom(60_000))).toMatchObject({ imsi: imsiFrom(60_000) });
    expect(await simRow(iccidFrom(60_999))).toBeUndefined();
  });

  it("skips rows taken on the platform in any batch and imports the rest of every batch", async () => {
    // SIMs already on the platform in the 3rd and the 8th batch of 100.
    const taken = [70_250, 70_777];
    await h.client.ImportSims(
      {
        orgId: orgA,
        sims: taken.map((i) => simInput({ iccid: iccidFrom(i) })),
      },
      h.as(platformAdmin),
    );
    const lines = ["iccid,imsi"];
    for (let i = 70_000; i < 71_000; i++) lines.push(`${iccidFrom(i)},${imsiFrom(i)}`);
    const response = await h.client.ImportSimsStream(
      csvChunks(orgA, lines.join("\n"), 65_536),
      h.as(platformAdmin),
    );
    expect(response.imported).toBe(998);
    expect(response.rejected).toEqual(
      taken.map((i) =>
        expect.objectContaining({
          line: i - 70_000 + 2,
          code: "DUPLICATE_ICCID",
          message: "a SIM with this ICCID already exists",
        }),
      ),
    );
    const imported = await h
      .db("sims")
      .where({ import_id: response.importId })
      .count<{ count: string }[]>("* as count");
    expect(Number(imported[0]?.count)).toBe(998);
    const [record] = await h.db("sim_imports").where({ id: response.importId });
    expect(record).toMatchObject({ status: "completed", imported: 998, rejected: 2, batches_applied: 10 });
    const batches = await h.db("sim_import_applied_batches").where({ import_id: response.importId });
    expect(batches).toEqual([]);
  });

  it("refuses a bad header or malformed CSV as a whole and writes nothing", async () => {
    const unknownColumn = await rejection(
      h.client.ImportSimsStream(
        csvChunks(orgA, `iccid,colour\n${iccidFrom(500)},red\n`),
        h.as(platformAdmin),
      ),
    );
    expect(unknownColumn).toMatchObject({
      kind: "invalid",
      code: "INVALID_CSV_HEADER",
      errors: [{ path: "header[1]" }],
    });
    const noIccid = await rejection(
      h.client.ImportSimsStream(csvChunks(orgA, "imsi\n1\n"), h.as(platformAdmin)),
    );
    expect(noIccid).toMatchObject({ kind: "invalid", code: "INVALID_CSV_HEADER" });
    const empty = await rejection(h.client.ImportSimsStream(csvChunks(orgA, ""), h.as(platformAdmin)));
    expect(empty).toMatchObject({ kind: "invalid", code: "INVALID_CSV" });
    const unclosed = await rejection(
      h.client.ImportSimsStream(
        csvChunks(orgA, `iccid,imsi\n${iccidFrom(501)},\n${iccidFrom(502)},"123\n`),
        h.as(platformAdmin),
      ),
    );
    expect(unclosed).toMatchObject({ kind: "invalid", code: "INVALID_CSV" });
    expect(unclosed.message).toContain("line 3");
    expect(await simRow(iccidFrom(500))).toBeUndefined();
    expect(await simRow(iccidFrom(501))).toBeUndefined();
  });

  it("writes nothing when the upload breaks off midway", async () => {
    async function* broken() {
      yield { orgId: orgA, data: Buffer.alloc(0) };
      const lines = ["iccid"];
      for (let i = 0; i < 500; i++) lines.push(iccidFrom(30_000 + i));
      yield { data: Buffer.from(`${lines.join("\n")}\n`) };
      await new Promise((resolve) => setTimeout(resolve, 200));
      throw new Error("client went away");
    }
    await expect(h.client.ImportSimsStream(broken(), h.as(platformAdmin))).rejects.toThrow(
      "client went away",
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await simRow(iccidFrom(30_000))).toBeUndefined();
    expect(await h.db("sim_imports").where({ org_id: orgA, imported: 500 })).toEqual([]);
  });

  it("takes a stream that ends without its last chunk for a cut-off upload", async () => {
    function* unfinished() {
      yield { orgId: orgA, data: Buffer.from(`iccid\n${iccidFrom(700)}\n`) };
    }
    expect(await rejection(h.client.ImportSimsStream(unfinished(), h.as(platformAdmin)))).toMatchObject({
      kind: "aborted",
      code: "UPLOAD_INCOMPLETE",
    });
    expect(await simRow(iccidFrom(700))).toBeUndefined();
  });

  it("answers 429 beyond the number of imports allowed to run at once", async () => {
    let release = () => {};
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    async function* held(n: number) {
      yield { orgId: orgA, data: Buffer.from(`iccid\n${iccidFrom(800 + n)}\n`) };
      await gate;
      yield { last: true };
    }
    const running = [0, 1].map((n) => h.client.ImportSimsStream(held(n), h.as(platformAdmin)));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(
      await rejection(
        h.client.ImportSimsStream(csvChunks(orgA, `iccid\n${iccidFrom(802)}\n`), h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "rate_limited", code: "IMPORTS_BUSY" });
    release();
    expect((await Promise.all(running)).map((response) => response.imported)).toEqual([1, 1]);
    expect(await simRow(iccidFrom(802))).toBeUndefined();
  });

  it("checks the organization and the caller before reading the file", async () => {
    const csv = `iccid\n${iccidFrom(600)}\n`;
    expect(
      await rejection(h.client.ImportSimsStream(csvChunks(orgA, csv), h.as(orgAdminOf(orgB)))),
    ).toMatchObject({ kind: "not_found", code: "ORGANIZATION_NOT_FOUND" });
    expect(
      await rejection(h.client.ImportSimsStream(csvChunks("nope", csv), h.as(platformAdmin))),
    ).toMatchObject({ kind: "invalid", errors: [{ path: "orgId" }] });
    expect(await simRow(iccidFrom(600))).toBeUndefined();
  });
});

describe("imports at the same time", () => {
  it("applies two concurrent imports of the same rows once: each SIM in exactly one, the rest rejected as duplicates", async () => {
    const lines = ["iccid,imsi"];
    for (let i = 0; i < 1_500; i++) lines.push(`${iccidFrom(40_000 + i)},${imsiFrom(40_000 + i)}`);
    const csv = lines.join("\n");
    const async = (
      chunks: Generator<{ orgId?: string; data?: Buffer; last?: boolean; respondAsync?: boolean }>,
    ) =>
      (function* () {
        const first = chunks.next().value!;
        yield { ...first, respondAsync: true };
        yield* chunks;
      })();
    const started = await Promise.all(
      [0, 1].map(() => h.client.ImportSimsStream(async(csvChunks(orgA, csv, 4096)), h.as(platformAdmin))),
    );
    const done = await Promise.all(
      started.map(async ({ importId }) => {
        for (;;) {
          const job = await h.client.GetImport({ importId }, h.as(platformAdmin));
          if (job.status === "completed" || job.status === "failed") return job;
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
      }),
    );
    expect(done.map((job) => job.status)).toEqual(["completed", "completed"]);
    expect(done[0]!.rowsImported + done[1]!.rowsImported).toBe(1_500);
    expect(done[0]!.rowsRejected + done[1]!.rowsRejected).toBe(1_500);
    const rows = await h
      .db("sims")
      .whereIn(
        "import_id",
        started.map(({ importId }) => importId),
      )
      .count<{ count: string }[]>({ count: "*" });
    expect(Number(rows[0]!.count)).toBe(1_500);
    for (const { importId } of started) {
      const page = await h.client.ListImportRejections(
        { importId, limit: 500, cursor: "" },
        h.as(platformAdmin),
      );
      for (const item of page.items) expect(["DUPLICATE_ICCID", "DUPLICATE_IMSI"]).toContain(item.code);
    }
  });
});

describe("SimsImported", () => {
  it("is published once per import, as a valid CloudEvent", async () => {
    const imports = await h
      .db("sim_imports")
      .where({ status: "completed" })
      .select("id", "org_id", "imported", "rejected");
    const failed = await h.db("sim_imports").where({ status: "failed" }).pluck("id");
    expect(failed.length).toBeGreaterThan(0);
    const events = await h.events("SimsImported", imports.length);
    expect(events).toHaveLength(imports.length);
    for (const record of imports) {
      const matching = events.filter((event) => (event.data as { importId: string }).importId === record.id);
      expect(matching).toHaveLength(1);
      const [event] = matching;
      expect(event).toMatchObject({
        specversion: "1.0",
        source: "simhub/sim-service",
        type: "SimsImported",
        subject: record.id,
        datacontenttype: "application/json",
        orgid: record.org_id,
        data: {
          importId: record.id,
          orgId: record.org_id,
          count: record.imported,
          rejected: record.rejected,
        },
      });
      expect(event!.headers["Nats-Msg-Id"]).toBe(event!.id);
      expect(event!.subjectName).toBe(`${h.namespace}.simhub.sim.imported`);
    }
    // Failed imports published nothing.
    expect(
      events.every((event) =>
        imports.some((record) => record.id === (event.data as { importId: string }).importId),
      ),
    ).toBe(true);
    expect(events.some((event) => failed.includes((event.data as { importId: string }).importId))).toBe(
      false,
    );
  });
});

describe("staging a group of batches", () => {
  it("looks up each batch's suspects after the batches before it in the same transaction are staged", async () => {
    const importId = randomUUID();
    await h.db.transaction(async (trx) => {
      await insertImportJob(trx, {
        id: importId,
        orgId: orgA,
        format: "csv",
        status: "receiving",
        actorUserId: randomUUID(),
        actorRole: "platform_admin",
        leaseSeconds: 600,
      });
      await createStagingTable(trx, importId);
    });
    // Batches of three: the second repeats the first's ICCID (line 3), the
    // third the second's IMSI (line 7); all three are staged by one call.
    const n = (i: number) => `${iccidFrom(70_000 + i)},${imsiFrom(70_000 + i)}`;
    const lines = [
      n(10),
      n(20),
      n(30),
      `${iccidFrom(70_020)},`,
      n(40),
      n(50),
      `${iccidFrom(70_045)},${imsiFrom(70_040)}`,
    ];
    const group: ParsedBatch[] = [];
    for await (const batch of parseCsvImport(
      (async function* () {
        yield Buffer.from(`iccid,imsi\n${lines.join("\n")}\n`);
      })(),
      {
        batchSize: 3,
        batchBytes: Number.POSITIVE_INFINITY,
        preparer: new ImportRowPreparer({
          lookupOperator: async () => null,
          hashActivationCode: () => Buffer.alloc(32),
        }),
      },
    )) {
      group.push(batch);
    }
    expect(group.map((batch) => batch.suspects.length)).toEqual([0, 1, 1]);

    await new BatchStager(h.db, importId, 600).stage(group, 1_000);

    const staged = await h.db(stagingTable(importId)).orderBy("position").pluck("position");
    expect(staged).toEqual([2, 3, 4, 6, 7]);
    const rejected = await h.db("sim_import_rejections").where({ import_id: importId }).orderBy("position");
    expect(rejected.map((row) => [row.position, row.code, row.message])).toEqual([
      [5, "DUPLICATE_ICCID", "ICCID appears earlier in this import (line 3)"],
      [8, "DUPLICATE_IMSI", "IMSI appears earlier in this import (line 6)"],
    ]);
    expect(await h.db("sim_imports").where({ id: importId }).first()).toMatchObject({
      batches_staged: 3,
      rows_received: 7,
      rows_staged: 5,
      rejected: 2,
    });
  });
});
