// Assignment over gRPC against real PostgreSQL and NATS: the chain rule and
// each of its refusals, the company-link cache and the archival race, 50
// concurrent assignments of one SIM, end users, unassignment, the
// CompanyArchived and EndUserRemoved reactions, and self-registration.
import { randomUUID } from "node:crypto";
import type { CloudEvent } from "@simhub/contracts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
import { iccidFrom, publishEvent, rejection } from "./support.ts";

let h: SimHarness;
const orgA = randomUUID();
const orgB = randomUUID();
const archivedOrg = randomUUID();
const companyA1 = randomUUID();
const companyA2 = randomUUID();
const archivedCompany = randomUUID();
const companyOfB = randomUUID();
const companyOfArchivedOrg = randomUUID();
const userA1 = randomUUID();
const userA2 = randomUUID();
const userOfA2 = randomUUID();
let next = 1;

beforeAll(async () => {
  h = await startHarness();
  const { world } = h.peers;
  world.organizations.set(orgA, { name: "Org A", status: "active" });
  world.organizations.set(orgB, { name: "Org B", status: "active" });
  world.organizations.set(archivedOrg, { name: "Gone", status: "archived" });
  world.companies.set(companyA1, { orgId: orgA, name: "A1", status: "active" });
  world.companies.set(companyA2, { orgId: orgA, name: "A2", status: "active" });
  world.companies.set(archivedCompany, { orgId: orgA, name: "Old", status: "archived" });
  world.companies.set(companyOfB, { orgId: orgB, name: "B1", status: "active" });
  world.companies.set(companyOfArchivedOrg, { orgId: archivedOrg, name: "Orphan", status: "active" });
  world.endUsers.set(userA1, { companyId: companyA1, orgId: orgA, username: "alice" });
  world.endUsers.set(userA2, { companyId: companyA1, orgId: orgA, username: "bob" });
  world.endUsers.set(userOfA2, { companyId: companyA2, orgId: orgA, username: "carol" });
});

afterAll(async () => {
  await h?.stop();
});

/** Imports fresh SIMs into `orgId` (directly at the service, as an org admin). */
async function newSims(count: number, orgId = orgA, extra: Record<string, string> = {}): Promise<string[]> {
  const iccids = Array.from({ length: count }, () => iccidFrom(next++));
  const response = await h.client.ImportSims(
    { orgId, sims: iccids.map((iccid) => simInput({ iccid, ...extra })) },
    h.as(platformAdmin),
  );
  expect(response.imported).toBe(count);
  return iccids;
}

async function simRow(iccid: string) {
  return h.db("sims").where({ iccid }).first();
}

async function historyRows(iccid: string) {
  return h.db("sim_history").where({ iccid }).orderBy("id");
}

function eventsFor(events: CloudEvent[], iccid: string) {
  return events.filter((event) => event.subject === iccid);
}

/** A fresh SIM of orgA assigned to `companyId` by an org admin: its row, its history and its one SimAssigned. */
async function expectAssignedByOrgAdmin(companyId: string) {
  const [iccid] = await newSims(1);
  const admin = orgAdminOf(orgA);
  const sim = await h.client.AssignSimToCompany({ iccid: iccid!, companyId }, h.as(admin));
  expect(sim).toMatchObject({ iccid, orgId: orgA, companyId, version: 2 });
  expect(await historyRows(iccid!)).toEqual([
    expect.objectContaining({
      kind: "assigned",
      actor_user_id: admin.userId,
      actor_role: "org_admin",
      before: { companyId: null },
      after: { companyId },
    }),
  ]);
  const events = eventsFor(await h.events("SimAssigned"), iccid!);
  expect(events).toHaveLength(1);
  expect(events[0]).toMatchObject({
    source: "simhub/sim-service",
    subject: iccid,
    orgid: orgA,
    companyid: companyId,
    data: { iccid, orgId: orgA, companyId, previousCompanyId: null },
  });
}

/** Assigns `iccid` to `companyId` twice: the second answer is the same version, with no history row or event of its own. */
async function expectSecondAssignmentChangesNothing(iccid: string, companyId: string) {
  await h.client.AssignSimToCompany({ iccid, companyId }, h.as(platformAdmin));
  const again = await h.client.AssignSimToCompany({ iccid, companyId }, h.as(platformAdmin));
  expect(again.version).toBe(2);
  expect(await historyRows(iccid)).toHaveLength(1);
  await h.runtime.flushOutbox();
  expect(eventsFor(await h.events("SimAssigned"), iccid)).toHaveLength(1);
}

describe("assignment to a company", () => {
  it("assigns a SIM to a company of its organization, with history and a SimAssigned event", async () => {
    await expectAssignedByOrgAdmin(companyA1);
  });

  it("treats assigning to the same company again as a no-op: no new version, history or event", async () => {
    const [iccid] = await newSims(1);
    await expectSecondAssignmentChangesNothing(iccid!, companyA1);
  });

  it("refuses a SIM already assigned to another company with 409", async () => {
    const [iccid] = await newSims(1);
    await h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA1 }, h.as(platformAdmin));
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA2 }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "conflict", code: "SIM_ALREADY_ASSIGNED" });
    expect((await simRow(iccid!)).company_id).toBe(companyA1);
  });

  it.each([
    ["an unknown company", () => randomUUID(), "does not exist"],
    ["another organization's company", () => companyOfB, "does not exist"],
    ["an archived company", () => archivedCompany, "archived"],
    ["a company of an archived organization", () => companyOfArchivedOrg, "organization"],
  ])("refuses %s with 422 SIM_CHAIN_UNRESOLVED and changes nothing", async (_name, company, message) => {
    const orgId = company() === companyOfArchivedOrg ? archivedOrg : orgA;
    // A SIM of an archived organization can only exist from before the archival.
    const [iccid] =
      orgId === archivedOrg
        ? await (async () => {
            h.peers.world.organizations.set(archivedOrg, { name: "Gone", status: "active" });
            const sims = await newSims(1, archivedOrg);
            h.peers.world.organizations.set(archivedOrg, { name: "Gone", status: "archived" });
            return sims;
          })()
        : await newSims(1);
    const error = await rejection(
      h.client.AssignSimToCompany({ iccid: iccid!, companyId: company() }, h.as(platformAdmin)),
    );
    expect(error).toMatchObject({ kind: "rule", code: "SIM_CHAIN_UNRESOLVED" });
    expect(error.message).toContain(message);
    expect(await simRow(iccid!)).toMatchObject({ company_id: null, version: 1 });
    expect(await historyRows(iccid!)).toEqual([]);
  });

  it("lets only the organization's users (and the platform admin) assign", async () => {
    const [iccid] = await newSims(1);
    // Invisible to another organization and to company users: 404, not 403.
    for (const caller of [orgAdminOf(orgB), companyAdminOf(orgA, companyA1), endUserOf(orgA, companyA1)]) {
      expect(
        await rejection(h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA1 }, h.as(caller))),
      ).toMatchObject({ kind: "not_found", code: "SIM_NOT_FOUND" });
    }
    const sim = await h.client.AssignSimToCompany(
      { iccid: iccid!, companyId: companyA1 },
      h.as(orgStaffOf(orgA)),
    );
    expect(sim.companyId).toBe(companyA1);
    // Visible now to the company's admin, who still may not move it.
    expect(
      await rejection(
        h.client.AssignSimToCompany(
          { iccid: iccid!, companyId: companyA1 },
          h.as(companyAdminOf(orgA, companyA1)),
        ),
      ),
    ).toMatchObject({ kind: "forbidden" });
  });

  it("refuses malformed input naming the field", async () => {
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: "123", companyId: companyA1 }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "invalid", errors: [{ path: "iccid" }] });
    const [iccid] = await newSims(1);
    expect(
      await rejection(h.client.AssignSimToCompany({ iccid: iccid!, companyId: "x" }, h.as(platformAdmin))),
    ).toMatchObject({ kind: "invalid", errors: [{ path: "companyId" }] });
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: iccidFrom(999_999), companyId: companyA1 }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "not_found", code: "SIM_NOT_FOUND" });
  });

  it("gives exactly one of 50 concurrent assignments of one SIM to different companies", async () => {
    const [iccid] = await newSims(1);
    const companies = Array.from({ length: 50 }, () => randomUUID());
    for (const id of companies) h.peers.world.companies.set(id, { orgId: orgA, name: id, status: "active" });
    const results = await Promise.allSettled(
      companies.map((companyId) =>
        h.client.AssignSimToCompany({ iccid: iccid!, companyId }, h.as(platformAdmin)),
      ),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    const lost = results.filter((result) => result.status === "rejected");
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(49);
    for (const result of lost) {
      expect((result as PromiseRejectedResult).reason).toMatchObject({
        kind: "conflict",
        code: "SIM_ALREADY_ASSIGNED",
      });
    }
    const winner = (won[0] as PromiseFulfilledResult<{ companyId: string }>).value.companyId;
    expect(await simRow(iccid!)).toMatchObject({ company_id: winner, version: 2 });
    expect(await historyRows(iccid!)).toHaveLength(1);
    expect(eventsFor(await h.events("SimAssigned"), iccid!)).toHaveLength(1);
  });
});

function companyEvent(
  type: "CompanyCreated" | "CompanyArchived",
  companyId: string,
  orgId: string,
): CloudEvent {
  return {
    specversion: "1.0",
    id: randomUUID(),
    source: "simhub/company-service",
    type,
    subject: companyId,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    orgid: orgId,
    data:
      type === "CompanyCreated"
        ? { companyId, orgId, name: `company ${companyId}`, virtual: false, status: "active" }
        : { companyId, orgId },
  };
}

const subjectOf = { CompanyCreated: "simhub.company.created", CompanyArchived: "simhub.company.archived" };

async function publishCompanyEvent(
  type: "CompanyCreated" | "CompanyArchived",
  companyId: string,
  orgId = orgA,
) {
  const event = companyEvent(type, companyId, orgId);
  await publishEvent(h.nc, h.namespace, subjectOf[type], event);
  return event;
}

/** Resolves once sim-service's consumers have handled the event (its id is in processed_events). */
async function handled(eventId: string) {
  await expect
    .poll(async () => Boolean(await h.db("processed_events").where({ event_id: eventId }).first()), {
      timeout: 10_000,
    })
    .toBe(true);
}

describe("the chain replica", () => {
  it("asks company-service once for a company it has not heard of, then answers locally", async () => {
    const company = randomUUID();
    h.peers.world.companies.set(company, { orgId: orgA, name: "New", status: "active" });
    const [first, second] = await newSims(2);
    const before = h.peers.world.calls.ResolveCompany;
    await h.client.AssignSimToCompany({ iccid: first!, companyId: company }, h.as(platformAdmin));
    expect(h.peers.world.calls.ResolveCompany).toBe(before + 1);
    await h.client.AssignSimToCompany({ iccid: second!, companyId: company }, h.as(platformAdmin));
    expect(h.peers.world.calls.ResolveCompany).toBe(before + 1);
    expect(await h.db("chain_companies").where({ company_id: company }).first()).toMatchObject({
      org_id: orgA,
      archived: false,
    });
  });

  it("learns companies and organizations from their events, without asking", async () => {
    const org = randomUUID();
    const company = randomUUID();
    const orgCreated: CloudEvent = {
      specversion: "1.0",
      id: randomUUID(),
      source: "simhub/org-service",
      type: "OrganizationCreated",
      subject: org,
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      orgid: org,
      data: { orgId: org, name: "Evented", status: "active" },
    };
    await publishEvent(h.nc, h.namespace, "simhub.org.created", orgCreated);
    const created = await publishCompanyEvent("CompanyCreated", company, org);
    await handled(orgCreated.id);
    await handled(created.id);
    // (The import itself asks org-service about the organization.)
    h.peers.world.organizations.set(org, { name: "Evented", status: "active" });
    const [iccid] = await newSims(1, org);
    const before = h.peers.world.calls.ResolveCompany;
    const assigned = await h.client.AssignSimToCompany(
      { iccid: iccid!, companyId: company },
      h.as(platformAdmin),
    );
    expect(assigned.companyId).toBe(company);
    expect(h.peers.world.calls.ResolveCompany).toBe(before);
  });

  it("refuses from the replica, without asking, once a link is known to be foreign", async () => {
    const foreign = randomUUID();
    h.peers.world.companies.set(foreign, { orgId: orgB, name: "Foreign", status: "active" });
    const [iccid] = await newSims(1);
    await rejection(h.client.AssignSimToCompany({ iccid: iccid!, companyId: foreign }, h.as(platformAdmin)));
    const before = h.peers.world.calls.ResolveCompany;
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: iccid!, companyId: foreign }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ code: "SIM_CHAIN_UNRESOLVED" });
    expect(h.peers.world.calls.ResolveCompany).toBe(before);
  });

  it("learns archivals from CompanyArchived and takes back SIMs an assignment raced onto the company", async () => {
    const company = randomUUID();
    h.peers.world.companies.set(company, { orgId: orgA, name: "Racy", status: "active" });
    const [raced, later] = await newSims(2);
    const holder = randomUUID();
    h.peers.world.endUsers.set(holder, { companyId: company, orgId: orgA, username: "erin" });
    await h.client.AssignSimToCompany({ iccid: raced!, companyId: company }, h.as(platformAdmin));
    await h.client.AssignSimToEndUser({ iccid: raced!, endUserId: holder }, h.as(platformAdmin));
    // It holds a plan offered to the company only (as AssignPlan stores it).
    const companyPlan = randomUUID();
    await h.db.raw(
      "UPDATE sims SET plan_id = ?, plan_type = 'prepaid', plan_company_id = ? WHERE iccid = ?",
      [companyPlan, company, raced!],
    );
    // company-service archived it (the SIM count it saw was still zero) and published the event.
    const archived = await publishCompanyEvent("CompanyArchived", company);
    await handled(archived.id);
    expect(await simRow(raced!)).toMatchObject({ company_id: null, end_user_id: null });
    const [planRow] = (
      await h.db.raw("SELECT plan_id, plan_type, plan_company_id FROM sims WHERE iccid = ?", [raced!])
    ).rows;
    expect(planRow).toEqual({ plan_id: null, plan_type: null, plan_company_id: null });
    const unassigned = eventsFor(await h.events("SimUnassigned"), raced!);
    expect(unassigned).toHaveLength(1);
    expect(unassigned[0]!.data).toMatchObject({ previousCompanyId: company, removedPlanId: companyPlan });
    const released = eventsFor(await h.events("SimEndUserUnassigned"), raced!);
    expect(released).toHaveLength(1);
    expect(released[0]!.data).toMatchObject({ previousEndUserId: holder, reason: "unassigned" });
    expect((await historyRows(raced!)).at(-1)).toMatchObject({
      kind: "unassigned",
      actor_role: "system",
      before: { companyId: company, endUserId: holder, planId: companyPlan },
      after: { companyId: null, endUserId: null, planId: null, reason: "company archived" },
    });
    // Now known archived: refused without asking company-service (which still says active here).
    const before = h.peers.world.calls.ResolveCompany;
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: later!, companyId: company }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ code: "SIM_CHAIN_UNRESOLVED" });
    expect(h.peers.world.calls.ResolveCompany).toBe(before);
  });

  it("leaves no SIM with a company archived while 60 assignments to it are in flight", async () => {
    const company = randomUUID();
    h.peers.world.companies.set(company, { orgId: orgA, name: "Closing", status: "active" });
    const iccids = await newSims(61);
    // The replica knows the company (the first assignment asks for it once).
    await h.client.AssignSimToCompany({ iccid: iccids[0]!, companyId: company }, h.as(platformAdmin));
    const assignments = iccids
      .slice(1)
      .map((iccid, index) =>
        new Promise((resolve) => setTimeout(resolve, index % 20)).then(() =>
          h.client.AssignSimToCompany({ iccid, companyId: company }, h.as(platformAdmin)),
        ),
      );
    const archival = new Promise((resolve) => setTimeout(resolve, 8)).then(() =>
      publishCompanyEvent("CompanyArchived", company),
    );
    const results = await Promise.allSettled(assignments);
    await handled((await archival).id);
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toMatchObject({ code: "SIM_CHAIN_UNRESOLVED" });
      }
    }
    expect(await h.db("sims").where({ company_id: company }).count({ n: "*" })).toEqual([{ n: "0" }]);
    // Every assignment that went through was undone with its own SimUnassigned.
    const succeeded = results.filter((result) => result.status === "fulfilled").length + 1;
    const unassigned = (await h.events("SimUnassigned", succeeded)).filter(
      (event) => (event.data as { previousCompanyId: string }).previousCompanyId === company,
    );
    expect(unassigned).toHaveLength(succeeded);
  });
});

describe("an assignment to a company whose organization is known (decided without a read)", () => {
  /** A company of orgA whose link sim-service has met: one assignment made through it. */
  async function knownCompany(): Promise<string> {
    const company = randomUUID();
    h.peers.world.companies.set(company, { orgId: orgA, name: "Known", status: "active" });
    const [iccid] = await newSims(1);
    await h.client.AssignSimToCompany({ iccid: iccid!, companyId: company }, h.as(platformAdmin));
    return company;
  }

  it("writes the same row, history and event as an assignment decided on a read", async () => {
    await expectAssignedByOrgAdmin(await knownCompany());
  });

  it("reads nothing once the link is known: only the first assignment to the company looks it up", async () => {
    const company = randomUUID();
    h.peers.world.companies.set(company, { orgId: orgA, name: "Looked up once", status: "active" });
    const iccids = await newSims(4);
    const lookups = async () =>
      (await h.runtime.metrics.chainReplicaLookups.get()).values.reduce((sum, { value }) => sum + value, 0);
    const before = await lookups();
    for (const [n, iccid] of iccids.entries()) {
      const sim = await h.client.AssignSimToCompany({ iccid, companyId: company }, h.as(platformAdmin));
      expect(sim.companyId).toBe(company);
      // The first is decided on a read (the company asked for once); the others are the write alone.
      expect(await lookups(), `after assignment ${n + 1}`).toBe(before + 1);
    }
  });

  it("still refuses what the decision refuses, and changes nothing", async () => {
    const company = await knownCompany();
    const [assigned, archivedSim, sameCompany] = await newSims(3);
    await h.client.AssignSimToCompany({ iccid: assigned!, companyId: companyA1 }, h.as(platformAdmin));
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: assigned!, companyId: company }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "conflict", code: "SIM_ALREADY_ASSIGNED" });
    expect(await simRow(assigned!)).toMatchObject({ company_id: companyA1, version: 2 });

    await h.db("sims").where({ iccid: archivedSim }).update({ status: "archived" });
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: archivedSim!, companyId: company }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "rule", code: "SIM_ARCHIVED" });
    expect(await simRow(archivedSim!)).toMatchObject({ company_id: null, version: 1 });

    await expectSecondAssignmentChangesNothing(sameCompany!, company);

    // A SIM of another organization: the company is not its organization's.
    h.peers.world.organizations.set(orgB, { name: "Org B", status: "active" });
    const [foreignSim] = await newSims(1, orgB);
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: foreignSim!, companyId: company }, h.as(platformAdmin)),
      ),
    ).toMatchObject({
      kind: "rule",
      code: "SIM_CHAIN_UNRESOLVED",
      message: expect.stringContaining("does not exist"),
    });
    // ... and another organization's admin does not see the SIM it names.
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: archivedSim!, companyId: company }, h.as(orgAdminOf(orgB))),
      ),
    ).toMatchObject({ kind: "not_found", code: "SIM_NOT_FOUND" });
    expect(await simRow(foreignSim!)).toMatchObject({ company_id: null, version: 1 });
    expect(await historyRows(foreignSim!)).toEqual([]);
  });

  it("refuses once the replica has the company archived", async () => {
    const company = await knownCompany();
    const archived = await publishCompanyEvent("CompanyArchived", company);
    await handled(archived.id);
    const [iccid] = await newSims(1);
    expect(
      await rejection(
        h.client.AssignSimToCompany({ iccid: iccid!, companyId: company }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ code: "SIM_CHAIN_UNRESOLVED", message: expect.stringContaining("archived") });
    expect(await simRow(iccid!)).toMatchObject({ company_id: null, version: 1 });
  });

  it("gives exactly one of 50 concurrent assignments of one SIM to known companies", async () => {
    const companies: string[] = [];
    for (let n = 0; n < 50; n++) companies.push(await knownCompany());
    const [iccid] = await newSims(1);
    const results = await Promise.allSettled(
      companies.map((companyId) =>
        h.client.AssignSimToCompany({ iccid: iccid!, companyId }, h.as(platformAdmin)),
      ),
    );
    const won = results.filter((result) => result.status === "fulfilled");
    expect(won).toHaveLength(1);
    for (const result of results) {
      if (result.status === "rejected") {
        expect(result.reason).toMatchObject({ kind: "conflict", code: "SIM_ALREADY_ASSIGNED" });
      }
    }
    const winner = (won[0] as PromiseFulfilledResult<{ companyId: string }>).value.companyId;
    expect(await simRow(iccid!)).toMatchObject({ company_id: winner, version: 2 });
    expect(await historyRows(iccid!)).toHaveLength(1);
    expect(eventsFor(await h.events("SimAssigned"), iccid!)).toHaveLength(1);
  });
});

describe("end users", () => {
  it("hands a SIM of a company to one of its end users, with history and SimAssignedToEndUser", async () => {
    const [iccid] = await newSims(1);
    await h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA1 }, h.as(platformAdmin));
    const companyAdmin = companyAdminOf(orgA, companyA1);
    const sim = await h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: userA1 }, h.as(companyAdmin));
    expect(sim).toMatchObject({ companyId: companyA1, endUserId: userA1 });
    expect((await historyRows(iccid!)).at(-1)).toMatchObject({
      kind: "end_user_assigned",
      actor_user_id: companyAdmin.userId,
      actor_role: "company_admin",
      before: { endUserId: null },
      after: { endUserId: userA1 },
    });
    const [event] = eventsFor(await h.events("SimAssignedToEndUser"), iccid!);
    expect(event).toMatchObject({
      orgid: orgA,
      companyid: companyA1,
      data: { iccid, orgId: orgA, companyId: companyA1, endUserId: userA1 },
    });
    // The end user sees it; another end user of the company does not.
    expect(await h.client.GetSim({ iccid: iccid! }, h.as(endUserOf(orgA, companyA1, userA1)))).toMatchObject({
      iccid,
    });
    expect(
      await rejection(h.client.GetSim({ iccid: iccid! }, h.as(endUserOf(orgA, companyA1, userA2)))),
    ).toMatchObject({ kind: "not_found" });
    // Same user again: no-op; another user: 409.
    expect(
      (await h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: userA1 }, h.as(companyAdmin))).version,
    ).toBe(sim.version);
    expect(
      await rejection(h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: userA2 }, h.as(companyAdmin))),
    ).toMatchObject({ kind: "conflict", code: "SIM_ALREADY_ASSIGNED" });
  });

  it("refuses an end user outside the SIM's company, an unknown one, and a SIM without a company", async () => {
    const [iccid, unassigned] = await newSims(2);
    await h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA1 }, h.as(platformAdmin));
    expect(
      await rejection(
        h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: userOfA2 }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "rule", code: "SIM_CHAIN_UNRESOLVED" });
    expect(
      await rejection(
        h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: randomUUID() }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "rule", code: "SIM_CHAIN_UNRESOLVED" });
    expect(
      await rejection(
        h.client.AssignSimToEndUser({ iccid: unassigned!, endUserId: userA1 }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "rule", code: "SIM_NOT_ASSIGNED" });
    expect(await simRow(iccid!)).toMatchObject({ end_user_id: null, version: 2 });
  });

  it("lets another company's users and end users neither see nor hand out the SIM", async () => {
    const [iccid] = await newSims(1);
    await h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA1 }, h.as(platformAdmin));
    expect(
      await rejection(
        h.client.AssignSimToEndUser(
          { iccid: iccid!, endUserId: userOfA2 },
          h.as(companyStaffOf(orgA, companyA2)),
        ),
      ),
    ).toMatchObject({ kind: "not_found" });
    const holder = endUserOf(orgA, companyA1, userA1);
    await h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: userA1 }, h.as(platformAdmin));
    expect(
      await rejection(h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: userA1 }, h.as(holder))),
    ).toMatchObject({ kind: "forbidden" });
  });

  it("releases the SIMs of a removed end user (EndUserRemoved) to their company", async () => {
    const leaving = randomUUID();
    h.peers.world.endUsers.set(leaving, { companyId: companyA1, orgId: orgA, username: "dave" });
    const [iccid] = await newSims(1);
    await h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA1 }, h.as(platformAdmin));
    await h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: leaving }, h.as(platformAdmin));
    await publishEvent(h.nc, h.namespace, "simhub.identity.end-user-removed", {
      specversion: "1.0",
      id: randomUUID(),
      source: "simhub/identity-service",
      type: "EndUserRemoved",
      subject: leaving,
      time: new Date().toISOString(),
      datacontenttype: "application/json",
      orgid: orgA,
      companyid: companyA1,
      data: { userId: leaving, companyId: companyA1, orgId: orgA },
    });
    await expect.poll(async () => (await simRow(iccid!)).end_user_id, { timeout: 10_000 }).toBeNull();
    expect((await simRow(iccid!)).company_id).toBe(companyA1);
    expect((await historyRows(iccid!)).at(-1)).toMatchObject({
      kind: "end_user_unassigned",
      actor_role: "system",
    });
    const released = eventsFor(await h.events("SimEndUserUnassigned"), iccid!);
    expect(released).toHaveLength(1);
    expect(released[0]!.data).toEqual({
      iccid,
      orgId: orgA,
      companyId: companyA1,
      previousEndUserId: leaving,
      reason: "end_user_removed",
    });
  });
});

function planUpdated(planId: string, status: "active" | "archived"): CloudEvent {
  return {
    specversion: "1.0",
    id: randomUUID(),
    source: "simhub/org-service",
    type: "PlanUpdated",
    subject: planId,
    time: new Date().toISOString(),
    datacontenttype: "application/json",
    orgid: orgA,
    data: {
      planId,
      orgId: orgA,
      companyId: null,
      name: "Test Plan",
      type: "prepaid",
      currency: "EUR",
      price: 100,
      status,
    },
  };
}

describe("a plan archived while its assignment is in flight", () => {
  it("is refused once sim-service has recorded the archival, however long ago GetPlan answered", async () => {
    const planId = randomUUID();
    h.peers.world.plans.set(planId, { orgId: orgA, companyId: "", type: "prepaid", status: "active" });
    const [iccid] = await newSims(1);
    const { status } = await simRow(iccid!);
    // Hold the SIM's row: the assignment asks GetPlan (active), then waits for the row.
    const holder = await h.db.transaction();
    await holder.raw("SELECT 1 FROM sims WHERE iccid = ? FOR UPDATE", [iccid!]);
    const assignment = h.client.AssignPlan({ iccid: iccid!, planId }, h.as(platformAdmin));
    const outcome = assignment.then(
      () => "assigned",
      (error) => error,
    );
    await expect
      .poll(async () => {
        const waiting = await h.db.raw(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        );
        return waiting.rows[0].n;
      })
      .toBeGreaterThan(0);
    // Meanwhile org-service archives the plan, and its PlanUpdated is handled.
    const archived = planUpdated(planId, "archived");
    await publishEvent(h.nc, h.namespace, "simhub.org.plan-updated", archived);
    await handled(archived.id);
    await holder.rollback();
    expect(await outcome).toMatchObject({
      kind: "rule",
      code: "PLAN_NOT_APPLICABLE",
      message: "the plan is archived",
    });
    expect(await simRow(iccid!)).toMatchObject({ plan_id: null, status });
    expect(eventsFor(await h.events("SimPlanAssigned"), iccid!)).toHaveLength(0);

    // Reactivated (PlanUpdated again), the plan is assignable once more.
    h.peers.world.plans.get(planId)!.status = "active";
    const reactivated = planUpdated(planId, "active");
    await publishEvent(h.nc, h.namespace, "simhub.org.plan-updated", reactivated);
    await handled(reactivated.id);
    expect((await h.client.AssignPlan({ iccid: iccid!, planId }, h.as(platformAdmin))).planId).toBe(planId);
  });

  it("holds the archival back until an assignment that already checked the plan has committed", async () => {
    const planId = randomUUID();
    h.peers.world.plans.set(planId, { orgId: orgA, companyId: "", type: "prepaid", status: "active" });
    const [iccid] = await newSims(1);
    // An assignment that has checked the plan holds its replica row until it commits.
    const assigning = await h.db.transaction();
    await assigning.raw(
      "INSERT INTO plan_replica (plan_id, org_id, company_id, archived) VALUES (?, ?, NULL, false)",
      [planId, orgA],
    );
    await assigning.raw("SELECT archived FROM plan_replica WHERE plan_id = ? FOR SHARE", [planId]);
    const archived = planUpdated(planId, "archived");
    await publishEvent(h.nc, h.namespace, "simhub.org.plan-updated", archived);
    await new Promise((resolve) => setTimeout(resolve, 500));
    // The archival waits for the row (not recorded yet) …
    expect(await h.db("processed_events").where({ event_id: archived.id }).first()).toBeUndefined();
    await assigning.commit();
    // … and lands right after.
    await handled(archived.id);
    expect((await h.db("plan_replica").where({ plan_id: planId }).first()).archived).toBe(true);
    expect(
      await rejection(h.client.AssignPlan({ iccid: iccid!, planId }, h.as(platformAdmin))),
    ).toMatchObject({ code: "PLAN_NOT_APPLICABLE" });
  });
});

describe("unassignment", () => {
  it("takes the SIM back from its company and end user, with history and SimUnassigned", async () => {
    const [iccid] = await newSims(1);
    await h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA1 }, h.as(platformAdmin));
    await h.client.AssignSimToEndUser({ iccid: iccid!, endUserId: userA1 }, h.as(platformAdmin));
    // Company users may not take it back.
    expect(
      await rejection(h.client.UnassignSim({ iccid: iccid! }, h.as(companyAdminOf(orgA, companyA1)))),
    ).toMatchObject({ kind: "forbidden" });
    const admin = orgAdminOf(orgA);
    const sim = await h.client.UnassignSim({ iccid: iccid! }, h.as(admin));
    expect(sim).toMatchObject({ companyId: "", endUserId: "" });
    expect((await historyRows(iccid!)).at(-1)).toMatchObject({
      kind: "unassigned",
      actor_user_id: admin.userId,
      before: { companyId: companyA1, endUserId: userA1 },
      after: { companyId: null, endUserId: null },
    });
    const [event] = eventsFor(await h.events("SimUnassigned"), iccid!);
    expect(event).toMatchObject({
      companyid: companyA1,
      data: { iccid, orgId: orgA, previousCompanyId: companyA1, removedPlanId: null },
    });
    // The end user lost the SIM with its company.
    const [released] = eventsFor(await h.events("SimEndUserUnassigned"), iccid!);
    expect(released).toMatchObject({
      data: { iccid, companyId: companyA1, previousEndUserId: userA1, reason: "unassigned" },
    });
    // Unassigning an unassigned SIM changes nothing.
    expect((await h.client.UnassignSim({ iccid: iccid! }, h.as(admin))).version).toBe(sim.version);
    // And it can go to another company now.
    expect(
      (await h.client.AssignSimToCompany({ iccid: iccid!, companyId: companyA2 }, h.as(admin))).companyId,
    ).toBe(companyA2);
  });
});

describe("self-registration calls (role service)", () => {
  async function claimableSim(code = "ACT-7788-XY") {
    const iccid = iccidFrom(next++);
    await h.client.ImportSims(
      { orgId: orgA, sims: [simInput({ iccid, activationCode: code })] },
      h.as(platformAdmin),
    );
    await h.client.AssignSimToCompany({ iccid, companyId: companyA1 }, h.as(platformAdmin));
    return iccid;
  }

  it("verifies a code and answers the same for an unknown ICCID and a wrong code", async () => {
    const iccid = await claimableSim();
    expect(
      await h.client.VerifyActivation({ iccid, activationCode: "ACT-7788-XY" }, h.as(internalService)),
    ).toEqual({ iccid, orgId: orgA, companyId: companyA1, endUserId: "" });
    const wrong = await rejection(
      h.client.VerifyActivation({ iccid, activationCode: "ACT-7788-XZ" }, h.as(internalService)),
    );
    const unknown = await rejection(
      h.client.VerifyActivation(
        { iccid: iccidFrom(888_888), activationCode: "ACT-7788-XY" },
        h.as(internalService),
      ),
    );
    expect(wrong).toMatchObject({ kind: "not_found", code: "ACTIVATION_NOT_FOUND" });
    expect(unknown).toMatchObject({ kind: wrong.kind, code: wrong.code, message: wrong.message });
    // A SIM imported without a code cannot be claimed either.
    const [codeless] = await newSims(1);
    expect(
      await rejection(
        h.client.VerifyActivation({ iccid: codeless!, activationCode: "ACT-7788-XY" }, h.as(internalService)),
      ),
    ).toMatchObject({ code: "ACTIVATION_NOT_FOUND" });
  });

  it("refuses every caller but `service`", async () => {
    const iccid = await claimableSim();
    for (const caller of [platformAdmin, orgAdminOf(orgA), endUserOf(orgA, companyA1)]) {
      expect(
        await rejection(h.client.VerifyActivation({ iccid, activationCode: "ACT-7788-XY" }, h.as(caller))),
      ).toMatchObject({ kind: "forbidden" });
      expect(
        await rejection(
          h.client.AssignSimToEndUserBySystem(
            { iccid, activationCode: "ACT-7788-XY", endUserId: randomUUID(), companyId: "" },
            h.as(caller),
          ),
        ),
      ).toMatchObject({ kind: "forbidden" });
    }
  });

  it("says SIM_NOT_ASSIGNED before the SIM has a company", async () => {
    const iccid = iccidFrom(next++);
    await h.client.ImportSims(
      { orgId: orgA, sims: [simInput({ iccid, activationCode: "CODE-1A2B3C" })] },
      h.as(platformAdmin),
    );
    expect(
      await rejection(
        h.client.VerifyActivation({ iccid, activationCode: "CODE-1A2B3C" }, h.as(internalService)),
      ),
    ).toMatchObject({ kind: "rule", code: "SIM_NOT_ASSIGNED" });
  });

  it("lets exactly one of two racing consumers claim a SIM; the other gets SIM_ALREADY_REGISTERED", async () => {
    const iccid = await claimableSim("RACE-CODE-7");
    const [first, second] = [randomUUID(), randomUUID()];
    const results = await Promise.allSettled(
      [first, second].map((endUserId) =>
        h.client.AssignSimToEndUserBySystem(
          { iccid, endUserId, activationCode: "RACE-CODE-7", companyId: companyA1 },
          h.as(internalService),
        ),
      ),
    );
    expect(results.filter((result) => result.status === "fulfilled")).toHaveLength(1);
    const failure = results.find((result) => result.status === "rejected") as PromiseRejectedResult;
    expect(failure.reason).toMatchObject({ kind: "conflict", code: "SIM_ALREADY_REGISTERED" });
    const row = await simRow(iccid);
    expect([first, second]).toContain(row.end_user_id);
    expect(
      await rejection(
        h.client.VerifyActivation({ iccid, activationCode: "RACE-CODE-7" }, h.as(internalService)),
      ),
    ).toMatchObject({ kind: "conflict", code: "SIM_ALREADY_REGISTERED" });
    const [event] = eventsFor(await h.events("SimAssignedToEndUser"), iccid);
    expect(event).toMatchObject({ data: { iccid, companyId: companyA1, endUserId: row.end_user_id } });
    expect((await historyRows(iccid)).at(-1)).toMatchObject({
      kind: "end_user_assigned",
      actor_role: "service",
      after: { endUserId: row.end_user_id, via: "self-registration" },
    });
  });

  it("refuses a claim with a wrong code or for another company", async () => {
    const iccid = await claimableSim("MY-CODE-42X");
    expect(
      await rejection(
        h.client.AssignSimToEndUserBySystem(
          { iccid, endUserId: randomUUID(), activationCode: "NOT-MY-CODE", companyId: companyA1 },
          h.as(internalService),
        ),
      ),
    ).toMatchObject({ kind: "not_found", code: "ACTIVATION_NOT_FOUND" });
    expect(
      await rejection(
        h.client.AssignSimToEndUserBySystem(
          { iccid, endUserId: randomUUID(), activationCode: "MY-CODE-42X", companyId: companyA2 },
          h.as(internalService),
        ),
      ),
    ).toMatchObject({ kind: "rule", code: "SIM_CHAIN_UNRESOLVED" });
    expect((await simRow(iccid)).end_user_id).toBeNull();
  });
});
