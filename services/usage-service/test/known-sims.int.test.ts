// The SIM replica's one-statement update against real PostgreSQL: many
// changes of the same SIMs in one call leave what applying them one by one,
// in order, would leave, and a change older than what is known changes nothing.
import { randomUUID } from "node:crypto";
import { type Knex, migrate, openDatabase } from "@simhub/platform";
import { createTestDatabase } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrations } from "../src/db/migrations.ts";
import { rememberSims, updateKnownSims } from "../src/db/sims.ts";

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let db: Knex;

beforeAll(async () => {
  database = await createTestDatabase("usage_known_sims");
  db = await openDatabase({ url: database.url, migrations, poolMax: 2, statementTimeoutMs: 5_000 });
});

afterAll(async () => {
  await db?.destroy();
  await database?.drop();
});

const at = (seconds: number) => new Date(Date.UTC(2030, 0, 1, 0, 0, seconds)).toISOString();

async function knownSim(iccid: string, knownAsOf: string) {
  await rememberSims(db, [
    { iccid, orgId: randomUUID(), companyId: null, endUserId: null, status: "active", imei: null },
  ]);
  await db("usage_sims")
    .where({ iccid })
    .update({ company_as_of: knownAsOf, end_user_as_of: knownAsOf, status_as_of: knownAsOf });
}

const companyOf = async (iccid: string) =>
  ((await db("usage_sims").where({ iccid }).first("company_id")) as { company_id: string | null }).company_id;

describe("updateKnownSims", () => {
  it("keeps, of each SIM's changes, the latest (of equal times the later one), and skips older ones", async () => {
    const [a, b, c, d] = [
      "8944500000000000011",
      "8944500000000000029",
      "8944500000000000037",
      "8944500000000000045",
    ];
    const [x, y, z] = [randomUUID(), randomUUID(), randomUUID()];
    for (const iccid of [a, b, c]) await knownSim(iccid!, at(10));
    await db.transaction((trx) =>
      updateKnownSims(
        trx,
        ["company_id"],
        [
          { iccid: a!, at: at(20), values: [x] },
          { iccid: a!, at: at(15), values: [y] }, // older than the change before it: lost, as one by one
          { iccid: b!, at: at(20), values: [x] },
          { iccid: b!, at: at(20), values: [y] }, // the same time, later: it wins
          { iccid: c!, at: at(5), values: [z] }, // older than what is known: nothing
          { iccid: d!, at: at(20), values: [z] }, // not known here: nothing, and no row made
        ],
      ),
    );
    expect(await companyOf(a!)).toBe(x);
    expect(await companyOf(b!)).toBe(y);
    expect(await companyOf(c!)).toBeNull();
    expect(await db("usage_sims").where({ iccid: d }).first()).toBeUndefined();
    const knownAsOf = (await db("usage_sims").where({ iccid: a }).first("company_as_of")) as {
      company_as_of: Date;
    };
    expect(knownAsOf.company_as_of.toISOString()).toBe(at(20));
  });

  it("keeps an older fact of one kind that arrives after a newer fact of another", async () => {
    const iccid = "8944500000000000052";
    const [company, endUser] = [randomUUID(), randomUUID()];
    await knownSim(iccid, at(10));
    // The status change (t = 30, naming the company) comes first; the
    // company assignment (t = 20) and the end-user assignment (t = 25)
    // after it, as consumers of different subjects may deliver them.
    await db.transaction((trx) =>
      updateKnownSims(trx, ["status", "company_id"], [{ iccid, at: at(30), values: ["suspended", company] }]),
    );
    await db.transaction((trx) =>
      updateKnownSims(trx, ["company_id", "end_user_id"], [{ iccid, at: at(20), values: [company, null] }]),
    );
    await db.transaction((trx) =>
      updateKnownSims(trx, ["end_user_id"], [{ iccid, at: at(25), values: [endUser] }]),
    );
    expect(await db("usage_sims").where({ iccid }).first("company_id", "end_user_id", "status")).toEqual({
      company_id: company,
      end_user_id: endUser,
      status: "suspended",
    });
  });
});

describe("002_sim_fact_times", () => {
  it("gives each fact of a SIM known before it the row's one time", async () => {
    const upgraded = await createTestDatabase("usage_fact_times");
    const before = migrations.findIndex((migration) => migration.name === "002_sim_fact_times");
    const old = await openDatabase({
      url: upgraded.url,
      migrations: migrations.slice(0, before),
      poolMax: 1,
      statementTimeoutMs: 5_000,
    });
    try {
      const iccid = "8944500000000000060";
      await old("usage_sims").insert({ iccid, org_id: randomUUID(), status: "active", known_as_of: at(40) });
      await migrate(old, migrations);
      const row = (await old("usage_sims").where({ iccid }).first()) as Record<string, unknown>;
      expect(row).not.toHaveProperty("known_as_of");
      for (const column of ["company_as_of", "end_user_as_of", "status_as_of"]) {
        expect((row[column] as Date).toISOString(), column).toBe(at(40));
      }
    } finally {
      await old.destroy();
      await upgraded.drop();
    }
  });
});

describe("003_room_for_hot_updates", () => {
  it("leaves room on the pages of the tables every batch rewrites", async () => {
    const result = await db.raw<{ rows: { relname: string; reloptions: string[] | null }[] }>(
      "SELECT relname, reloptions FROM pg_class WHERE relname = ANY(?) ORDER BY relname",
      [["usage_daily", "usage_monthly", "usage_records", "usage_sims"]],
    );
    expect(result.rows).toEqual([
      { relname: "usage_daily", reloptions: ["fillfactor=70"] },
      { relname: "usage_monthly", reloptions: ["fillfactor=70"] },
      // Records are only ever inserted: their pages stay full.
      { relname: "usage_records", reloptions: null },
      { relname: "usage_sims", reloptions: ["fillfactor=70"] },
    ]);
  });
});
