// Reads over gRPC against real PostgreSQL: the SIM list with every filter,
// keyset pagination and the caller's scope; the plans PostgreSQL picks for
// those queries (index scans in ICCID order, no sort); history pages; counts
// per status.
import { randomUUID } from "node:crypto";
import type { SimStatus } from "@simhub/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listSimsQuery, type SimListFilter } from "../src/db/sims.ts";
import {
  companyAdminOf,
  companyStaffOf,
  endUserOf,
  internalService,
  orgAdminOf,
  orgStaffOf,
  platformAdmin,
  type SimHarness,
  simInput,
  startHarness,
} from "./harness.ts";
import { iccidFrom, rejection } from "./support.ts";

let h: SimHarness;
const orgA = randomUUID();
const orgB = randomUUID();
const company1 = randomUUID();
const company2 = randomUUID();
const user1 = randomUUID();

// orgA: 30 SIMs (0..29); 0..11 → company1 (0..3 → user1), 12..17 → company2; 5 and 13 active.
// orgB: 5 SIMs (100..104).
const simsA = Array.from({ length: 30 }, (_, i) => iccidFrom(i, "894470"));
const simsB = Array.from({ length: 5 }, (_, i) => iccidFrom(100 + i, "894471"));
const msisdnOf = (i: number) => `4477009${String(i).padStart(5, "0")}`;

beforeAll(async () => {
  h = await startHarness();
  const { world } = h.peers;
  world.organizations.set(orgA, { name: "A", status: "active" });
  world.organizations.set(orgB, { name: "B", status: "active" });
  world.companies.set(company1, { orgId: orgA, name: "C1", status: "active" });
  world.companies.set(company2, { orgId: orgA, name: "C2", status: "active" });
  world.endUsers.set(user1, { companyId: company1, orgId: orgA, username: "u1" });
  await h.client.ImportSims(
    { orgId: orgA, sims: simsA.map((iccid, i) => simInput({ iccid, msisdn: msisdnOf(i) })) },
    h.as(platformAdmin),
  );
  await h.client.ImportSims(
    { orgId: orgB, sims: simsB.map((iccid) => simInput({ iccid })) },
    h.as(platformAdmin),
  );
  for (let i = 0; i < 18; i++) {
    await h.client.AssignSimToCompany(
      { iccid: simsA[i]!, companyId: i < 12 ? company1 : company2 },
      h.as(platformAdmin),
    );
  }
  for (let i = 0; i < 4; i++) {
    await h.client.AssignSimToEndUser({ iccid: simsA[i]!, endUserId: user1 }, h.as(platformAdmin));
  }
  for (const i of [5, 13]) {
    await h.client.ChangeSimStatus({ iccid: simsA[i]!, status: "pending", reason: "" }, h.as(platformAdmin));
    await h.client.ChangeSimStatus({ iccid: simsA[i]!, status: "active", reason: "" }, h.as(platformAdmin));
  }
});

afterAll(async () => {
  await h?.stop();
});

type ListInput = Partial<{
  orgId: string;
  companyId: string;
  endUserId: string;
  status: SimStatus;
  q: string;
  limit: number;
  cursor: string;
}>;

async function list(caller: Parameters<SimHarness["as"]>[0], input: ListInput = {}) {
  return h.client.ListSims(
    { orgId: "", companyId: "", endUserId: "", status: "", q: "", limit: 0, cursor: "", ...input },
    h.as(caller),
  );
}

/** Every page, following nextCursor. */
async function listAll(caller: Parameters<SimHarness["as"]>[0], input: ListInput = {}) {
  const iccids: string[] = [];
  let cursor = "";
  let pages = 0;
  do {
    const page = await list(caller, { ...input, cursor });
    iccids.push(...page.items.map((sim) => sim.iccid));
    cursor = page.nextCursor;
    pages++;
  } while (cursor);
  return { iccids, pages };
}

describe("listing SIMs", () => {
  it("pages through everything in ICCID order with keyset cursors", async () => {
    const { iccids, pages } = await listAll(platformAdmin, { limit: 7 });
    expect(iccids).toEqual([...simsA, ...simsB]);
    expect(pages).toBe(5);
    const first = await list(platformAdmin, { limit: 35 });
    expect(first.items).toHaveLength(35);
    expect(first.nextCursor).toBe("");
  });

  it("filters by organization, company, end user, status and prefix, alone and combined", async () => {
    expect((await listAll(platformAdmin, { orgId: orgB })).iccids).toEqual(simsB);
    expect((await listAll(platformAdmin, { companyId: company1, limit: 5 })).iccids).toEqual(
      simsA.slice(0, 12),
    );
    expect((await listAll(platformAdmin, { endUserId: user1 })).iccids).toEqual(simsA.slice(0, 4));
    expect((await listAll(platformAdmin, { status: "active" })).iccids).toEqual([simsA[5], simsA[13]]);
    expect((await listAll(platformAdmin, { companyId: company2, status: "active" })).iccids).toEqual([
      simsA[13],
    ]);
    expect((await listAll(platformAdmin, { orgId: orgA, status: "not_available", limit: 4 })).iccids).toEqual(
      simsA.filter((_, i) => i !== 5 && i !== 13),
    );
    // q: an ICCID prefix, or an MSISDN prefix (with or without +).
    expect((await listAll(platformAdmin, { q: "894471" })).iccids).toEqual(simsB);
    expect((await listAll(platformAdmin, { q: simsA[7]!.slice(0, 18) })).iccids).toEqual([simsA[7]]);
    expect((await listAll(platformAdmin, { q: `+${msisdnOf(21)}` })).iccids).toEqual([simsA[21]]);
    expect((await listAll(platformAdmin, { q: "44770090001" })).iccids).toEqual(simsA.slice(10, 20));
    expect((await listAll(platformAdmin, { q: "44770090001", companyId: company2 })).iccids).toEqual(
      simsA.slice(12, 18),
    );
  });

  it("scopes every list to the caller, whatever the filters say", async () => {
    expect((await listAll(orgAdminOf(orgA))).iccids).toEqual(simsA);
    expect((await listAll(orgStaffOf(orgB))).iccids).toEqual(simsB);
    // Asking for another organization's SIMs yields nothing, not an error.
    expect((await listAll(orgAdminOf(orgB), { orgId: orgA })).iccids).toEqual([]);
    expect((await listAll(orgAdminOf(orgB), { companyId: company1 })).iccids).toEqual([]);
    expect((await listAll(companyAdminOf(orgA, company2))).iccids).toEqual(simsA.slice(12, 18));
    expect((await listAll(companyStaffOf(orgA, company2), { companyId: company1 })).iccids).toEqual([]);
    expect((await listAll(endUserOf(orgA, company1, user1))).iccids).toEqual(simsA.slice(0, 4));
    expect((await listAll(endUserOf(orgA, company1))).iccids).toEqual([]);
    expect(await rejection(list(internalService))).toMatchObject({ kind: "forbidden" });
  });

  it("answers the same pages as the REST API's JSON, built by PostgreSQL", async () => {
    const empty = (value: string) => (value === "" ? null : value);
    // The REST shape of a SIM message (the gateway's toSimJson, field by field and in its order).
    const rest = (sim: Awaited<ReturnType<typeof list>>["items"][number]) => ({
      iccid: sim.iccid,
      orgId: sim.orgId,
      companyId: empty(sim.companyId),
      endUserId: empty(sim.endUserId),
      planId: empty(sim.planId),
      status: sim.status,
      statusId: sim.statusId,
      statusReason: empty(sim.statusReason),
      imsi: empty(sim.imsi),
      msisdn: empty(sim.msisdn),
      imei: empty(sim.imei),
      eSim: sim.eSim,
      operatorId: empty(sim.operatorId),
      importId: sim.importId,
      version: sim.version,
      createdAt: sim.createdAt,
      updatedAt: sim.updatedAt,
    });
    const cases: [Parameters<SimHarness["as"]>[0], ListInput][] = [
      [platformAdmin, { limit: 7 }],
      [platformAdmin, { status: "active" }],
      [platformAdmin, { q: "44770090001", limit: 3 }],
      [orgAdminOf(orgA), { companyId: company1, limit: 5 }],
      [orgAdminOf(orgB), { orgId: orgA }],
      [companyAdminOf(orgA, company2), {}],
      [endUserOf(orgA, company1, user1), { limit: 2 }],
    ];
    for (const [caller, input] of cases) {
      let cursor = "";
      do {
        const request = {
          orgId: "",
          companyId: "",
          endUserId: "",
          status: "" as const,
          q: "",
          limit: 0,
          ...input,
          cursor,
        };
        const objects = await h.client.ListSims(request, h.as(caller));
        const json = await h.client.ListSimsJson(request, h.as(caller));
        const text = Buffer.from(json.itemsJson).toString("utf8");
        expect(JSON.parse(text)).toEqual(objects.items.map(rest));
        // The same key order as the objects the gateway used to serialise.
        expect(text).toBe(JSON.stringify(JSON.parse(text)));
        expect(json.nextCursor).toBe(objects.nextCursor);
        cursor = objects.nextCursor;
      } while (cursor);
    }
    expect(
      await rejection(
        h.client.ListSimsJson(
          {
            orgId: "",
            companyId: "",
            endUserId: "",
            status: 99 as unknown as SimStatus,
            q: "",
            limit: 0,
            cursor: "",
          },
          h.as(platformAdmin),
        ),
      ),
    ).toMatchObject({ errors: [{ path: "status" }] });
  });

  it("refuses bad filters, limits and cursors naming the field", async () => {
    expect(await rejection(list(platformAdmin, { limit: 501 }))).toMatchObject({
      kind: "invalid",
      errors: [{ path: "limit" }],
    });
    expect(await rejection(list(platformAdmin, { cursor: "garbage" }))).toMatchObject({
      kind: "invalid",
      code: "INVALID_CURSOR",
    });
    expect(await rejection(list(platformAdmin, { status: 99 as unknown as SimStatus }))).toMatchObject({
      errors: [{ path: "status" }],
    });
    expect(await rejection(list(platformAdmin, { q: "89a" }))).toMatchObject({ errors: [{ path: "q" }] });
    expect(await rejection(list(platformAdmin, { companyId: "x" }))).toMatchObject({
      errors: [{ path: "companyId" }],
    });
  });
});

describe("query plans", () => {
  // Enough rows for the planner to prefer indexes, as it does on a real inventory.
  beforeAll(async () => {
    const rows = ["iccid,msisdn"];
    for (let i = 0; i < 20_000; i++) rows.push(`${iccidFrom(i, "894480")},4915${String(i).padStart(9, "0")}`);
    async function* chunks() {
      yield { orgId: orgA, data: Buffer.from(rows.join("\n")), last: true };
    }
    const response = await h.client.ImportSimsStream(chunks(), h.as(platformAdmin));
    expect(response.imported).toBe(20_000);
    // A few thousand for another company, so a company filter is selective.
    await h.db.raw(
      "UPDATE sims SET company_id = ?, status = 'blank' WHERE iccid IN (SELECT iccid FROM sims WHERE iccid LIKE '894480%' ORDER BY iccid LIMIT 3000)",
      [company2],
    );
    await h.db.raw("ANALYZE sims");
  });

  async function plan(filter: Omit<SimListFilter, "limit">) {
    const { sql, bindings } = listSimsQuery(h.db, { ...filter, limit: 51 })
      .toSQL()
      .toNative();
    // knex renders PostgreSQL's $n placeholders; raw() wants "?" again (same order).
    const result = await h.db.raw(`EXPLAIN ${sql.replace(/\$\d+/g, "?")}`, bindings as never);
    return (result.rows as { "QUERY PLAN": string }[]).map((row) => row["QUERY PLAN"]).join("\n");
  }

  it.each([
    ["organization", { orgId: orgA }, "sims_org_iccid"],
    ["organization and status", { orgId: orgA, status: "blank" as const }, "sims_org_status_iccid"],
    ["company", { companyId: company2 }, "sims_company_iccid"],
    ["company and status", { companyId: company2, status: "blank" as const }, "sims_company_status_iccid"],
    ["end user", { endUserId: user1 }, "sims_end_user_iccid"],
    ["organization, next page", { orgId: orgA, after: iccidFrom(500, "894480") }, "sims_org_iccid"],
    ["everything (platform admin)", {}, "sims_pkey"],
    ["MSISDN prefix", { orgId: orgA, prefix: "491500000123" }, "sims_msisdn"],
  ])("serves a page by %s from an index, in order", async (_name, filter, index) => {
    const text = await plan(filter);
    expect(text).toContain(index);
    expect(text).not.toMatch(/Seq Scan/);
    if (!("prefix" in filter)) expect(text).not.toMatch(/Sort/);
  });

  it("serves an ICCID prefix from the primary key", async () => {
    const text = await plan({ orgId: orgA, prefix: "8944800001" });
    expect(text).toMatch(/sims_pkey|sims_org_iccid/);
    expect(text).not.toMatch(/Seq Scan/);
  });
});

describe("one SIM and its history", () => {
  it("pages the history oldest first, starting with the import", async () => {
    const iccid = simsA[13]!;
    const page1 = await h.client.ListSimHistory({ iccid, limit: 2, cursor: "" }, h.as(orgAdminOf(orgA)));
    expect(page1.items.map((entry) => entry.kind)).toEqual(["imported", "assigned"]);
    expect(page1.items[0]).toMatchObject({ actorUserId: platformAdmin.userId, actorRole: "platform_admin" });
    expect(JSON.parse(page1.items[1]!.afterJson)).toEqual({ companyId: company2 });
    const page2 = await h.client.ListSimHistory(
      { iccid, limit: 2, cursor: page1.nextCursor },
      h.as(platformAdmin),
    );
    expect(page2.items.map((entry) => JSON.parse(entry.afterJson).status)).toEqual(["pending", "active"]);
    expect(page2.nextCursor).toBe("");
    const all = await h.client.ListSimHistory({ iccid, limit: 0, cursor: "" }, h.as(platformAdmin));
    expect(all.items).toHaveLength(4);
    expect(all.items.map((entry) => entry.createdAt)).toEqual(
      [...all.items.map((entry) => entry.createdAt)].sort(),
    );
    // A page that ends exactly on the import entry continues with the first change.
    const first = await h.client.ListSimHistory({ iccid, limit: 1, cursor: "" }, h.as(platformAdmin));
    const rest = await h.client.ListSimHistory(
      { iccid, limit: 10, cursor: first.nextCursor },
      h.as(platformAdmin),
    );
    expect([...first.items, ...rest.items].map((entry) => entry.id)).toEqual(
      all.items.map((entry) => entry.id),
    );
  });

  it("shows a SIM and its history only to those who may see the SIM", async () => {
    const iccid = simsA[13]!;
    expect((await h.client.GetSim({ iccid }, h.as(companyAdminOf(orgA, company2)))).companyId).toBe(company2);
    for (const caller of [orgAdminOf(orgB), companyAdminOf(orgA, company1), endUserOf(orgA, company2)]) {
      expect(await rejection(h.client.GetSim({ iccid }, h.as(caller)))).toMatchObject({
        kind: "not_found",
        code: "SIM_NOT_FOUND",
      });
      expect(
        await rejection(h.client.ListSimHistory({ iccid, limit: 0, cursor: "" }, h.as(caller))),
      ).toMatchObject({ kind: "not_found" });
    }
  });
});

describe("counts per status", () => {
  it("counts a company's SIMs for those who may see the company", async () => {
    expect((await h.client.CountSimsByStatus({ companyId: company1 }, h.as(platformAdmin))).counts).toEqual({
      not_available: 11,
      active: 1,
    });
    expect(
      (await h.client.CountSimsByStatus({ companyId: company1 }, h.as(companyAdminOf(orgA, company1))))
        .counts,
    ).toEqual({ not_available: 11, active: 1 });
    expect((await h.client.CountSimsByStatus({ companyId: company1 }, h.as(internalService))).counts).toEqual(
      {
        not_available: 11,
        active: 1,
      },
    );
    // Another organization counts nothing of it; another company may not ask.
    expect(
      (await h.client.CountSimsByStatus({ companyId: company1 }, h.as(orgAdminOf(orgB)))).counts,
    ).toEqual({});
    expect(
      await rejection(
        h.client.CountSimsByStatus({ companyId: company1 }, h.as(companyAdminOf(orgA, company2))),
      ),
    ).toMatchObject({ kind: "not_found" });
  });
});
