// Group commit of SIM changes (db/sim-writes.ts) against real PostgreSQL:
// changes that arrive while a statement is in flight share the next one,
// and each caller still gets its own outcome — written, stale (someone else
// changed the SIM) or its own error — with history and events only for what
// was written.
import { randomUUID } from "node:crypto";
import { buildOutboxRows } from "@simhub/platform";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type SimChangeWrite, SimWriteBatcher } from "../src/db/sim-writes.ts";
import { platformAdmin, type SimHarness, simInput, startHarness } from "./harness.ts";
import { iccidFrom } from "./support.ts";

let h: SimHarness;
const orgId = randomUUID();

beforeAll(async () => {
  h = await startHarness();
  h.peers.world.organizations.set(orgId, { name: "Batch Org", status: "active" });
});

afterAll(async () => {
  await h?.stop();
});

function assignment(iccid: string, version: number, companyId: string): SimChangeWrite {
  return {
    iccid,
    guard: { version },
    changes: { companyId },
    history: {
      iccid,
      kind: "assigned",
      actorUserId: platformAdmin.userId,
      actorRole: "platform_admin",
      before: { companyId: null },
      after: { companyId },
    },
    outbox: buildOutboxRows({ namespace: h.namespace, source: "simhub/sim-service" }, [
      {
        type: "SimAssigned",
        subject: iccid,
        orgId,
        companyId,
        data: { iccid, orgId, companyId, previousCompanyId: null },
      },
    ]),
  };
}

describe("group commit", () => {
  it("writes changes that arrive together in one statement, each with its own outcome", async () => {
    const iccids = Array.from({ length: 21 }, (_, i) => iccidFrom(900_000 + i));
    const imported = await h.client.ImportSims(
      { orgId, sims: iccids.map((iccid) => simInput({ iccid })) },
      h.as(platformAdmin),
    );
    expect(imported.imported).toBe(21);
    const company = randomUUID();
    // One statement at a time: the first change goes alone, the other twenty wait and go together.
    const batcher = new SimWriteBatcher(h.db, { maxBatch: 64, maxInFlight: 1 });
    const stale = iccids[5]!;
    const broken = iccids[9]!;
    const writes = iccids.map((iccid) => {
      if (iccid === stale) return assignment(iccid, 7, company);
      if (iccid === broken) {
        // An end user on a SIM without a company breaks a CHECK constraint: this change alone fails.
        const write = assignment(iccid, 1, company);
        return { ...write, changes: { endUserId: randomUUID() } };
      }
      return assignment(iccid, 1, company);
    });
    const outcomes = await Promise.allSettled(writes.map((write) => batcher.write(write)));

    const rejected = outcomes.flatMap((outcome, i) => (outcome.status === "rejected" ? [iccids[i]] : []));
    expect(rejected).toEqual([broken]);
    const kinds = outcomes.map((outcome) => (outcome.status === "fulfilled" ? outcome.value.kind : "error"));
    expect(kinds.filter((kind) => kind === "written")).toHaveLength(19);
    expect(kinds[5]).toBe("stale");

    const rows = await h.db("sims").whereIn("iccid", iccids).select("iccid", "company_id", "updated_at");
    const written = rows.filter((row) => row.company_id === company);
    expect(written).toHaveLength(19);
    expect(rows.find((row) => row.iccid === stale)?.company_id).toBeNull();
    // (The batch with the broken change failed whole and was written again change by change.)
    const history = await h.db("sim_history").whereIn("iccid", iccids).where({ kind: "assigned" });
    expect(history).toHaveLength(19);
    const published = (await h.events("SimAssigned", 19)).filter((event) => iccids.includes(event.subject));
    expect(published.map((event) => event.subject).sort()).toEqual(
      written.map((row) => row.iccid as string).sort(),
    );
  });

  it("applies each change's own guard in a shared statement: a version, or the SIM free in its organization", async () => {
    const iccids = Array.from({ length: 7 }, (_, i) => iccidFrom(920_000 + i));
    await h.client.ImportSims(
      { orgId, sims: iccids.map((iccid) => simInput({ iccid })) },
      h.as(platformAdmin),
    );
    const [first, free, taken, archived, versioned, toArchivedCompany, other] = iccids;
    const company = randomUUID();
    const archivedCompany = randomUUID();
    await h
      .db("chain_organizations")
      .insert({ org_id: orgId, name: "Batch Org", status: "active" })
      .onConflict()
      .ignore();
    await h.db("chain_companies").insert([
      { company_id: company, org_id: orgId, archived: false },
      { company_id: archivedCompany, org_id: orgId, archived: true },
    ]);
    await h.db("sims").where({ iccid: taken }).update({ company_id: randomUUID(), version: 2 });
    await h.db("sims").where({ iccid: archived }).update({ status: "archived", version: 2 });
    const live = { companyId: company, orgId };
    const decidedWithoutRead = (iccid: string, companyId = company, freeInOrg = orgId): SimChangeWrite => ({
      ...assignment(iccid, 0, companyId),
      guard: { freeInOrg },
      liveCompany: { companyId, orgId },
    });
    const batcher = new SimWriteBatcher(h.db, { maxBatch: 64, maxInFlight: 1 });
    // The first goes alone; the others wait for it and share the next statement.
    const outcomes = await Promise.all([
      batcher.write(decidedWithoutRead(first!)),
      batcher.write(decidedWithoutRead(free!)),
      batcher.write(decidedWithoutRead(taken!)),
      batcher.write(decidedWithoutRead(archived!)),
      batcher.write({ ...assignment(versioned!, 1, company), liveCompany: live }),
      batcher.write(decidedWithoutRead(toArchivedCompany!, archivedCompany)),
      batcher.write(decidedWithoutRead(other!, company, randomUUID())),
    ]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual([
      "written",
      "written",
      "stale",
      "stale",
      "written",
      "company_not_live",
      "stale",
    ]);
    const rows = await h.db("sims").whereIn("iccid", iccids).select("iccid", "company_id", "version");
    const byIccid = new Map(rows.map((row) => [row.iccid as string, row]));
    for (const iccid of [first, free, versioned]) {
      expect(byIccid.get(iccid!)).toMatchObject({ company_id: company, version: 2 });
    }
    for (const iccid of [toArchivedCompany, other]) {
      expect(byIccid.get(iccid!)).toMatchObject({ company_id: null, version: 1 });
    }
    expect(byIccid.get(taken!)?.company_id).not.toBe(company);
    expect(byIccid.get(archived!)).toMatchObject({ company_id: null, version: 2 });
    const history = await h.db("sim_history").whereIn("iccid", iccids).where({ kind: "assigned" });
    expect(history.map((row) => row.iccid).sort()).toEqual([first, free, versioned].sort());
  });

  it("shares one statement and one commit between concurrent changes of different SIMs", async () => {
    const iccids = Array.from({ length: 11 }, (_, i) => iccidFrom(910_000 + i));
    await h.client.ImportSims(
      { orgId, sims: iccids.map((iccid) => simInput({ iccid })) },
      h.as(platformAdmin),
    );
    const company = randomUUID();
    const batcher = new SimWriteBatcher(h.db, { maxBatch: 64, maxInFlight: 1 });
    const outcomes = await Promise.all(iccids.map((iccid) => batcher.write(assignment(iccid, 1, company))));
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(iccids.map(() => "written"));
    const rows = await h.db("sims").whereIn("iccid", iccids).select("iccid", "updated_at");
    const commits = new Set(rows.map((row) => (row.updated_at as Date).toISOString()));
    // The first alone, the ten that waited for it together.
    expect(commits.size).toBe(2);
    // Two changes of one SIM never share a statement: the second is decided again on the new version.
    const [again] = iccids;
    const twice = await Promise.all([
      batcher.write(assignment(again!, 2, randomUUID())),
      batcher.write(assignment(again!, 2, randomUUID())),
    ]);
    expect(twice.map((outcome) => outcome.kind).sort()).toEqual(["stale", "written"]);
  });
});
