// company-service over gRPC against real PostgreSQL and NATS JetStream, with
// org-service and sim-service running as their own processes and real JWTs
// for every role.
import { randomUUID } from "node:crypto";
import type { CompanyServiceMethods, OrgServiceMethods, SimServiceMethods } from "@simhub/contracts";
import { streamName } from "@simhub/contracts";
import type { GrpcClient, NatsConnection, Principal, ServiceRuntime } from "@simhub/platform";
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { companyConfigSchema } from "../src/config.ts";
import { startCompanyService } from "../src/service.ts";
import {
  connectTestNats,
  createTestDatabase,
  freePort,
  readEvents,
  rejection,
  type ServiceProcess,
  startServiceProcess,
  startTestIssuer,
  type TestIssuer,
  testClient,
  uniqueSuffix,
} from "./support.ts";

let issuer: TestIssuer;
let companyDb: Awaited<ReturnType<typeof createTestDatabase>>;
let orgDb: Awaited<ReturnType<typeof createTestDatabase>>;
let simDb: Awaited<ReturnType<typeof createTestDatabase>>;
let orgProcess: ServiceProcess;
let simProcess: ServiceProcess;
let sims: GrpcClient<SimServiceMethods>;
let runtime: ServiceRuntime;
let companies: GrpcClient<CompanyServiceMethods>;
let orgs: GrpcClient<OrgServiceMethods>;
let nc: NatsConnection;
let db: Knex;
const namespace = `cmpt${uniqueSuffix()}`;

const admin: Principal = { userId: randomUUID(), role: "platform_admin" };
const service: Principal = { userId: "sim-service", role: "service" };
const as = (principal: Principal) => ({ token: issuer.token(principal) });
const orgAdminOf = (orgId: string): Principal => ({ userId: randomUUID(), role: "org_admin", orgId });
const orgStaffOf = (orgId: string): Principal => ({ userId: randomUUID(), role: "org_staff", orgId });
const companyUser = (
  role: "company_admin" | "company_staff" | "end_user",
  company: { id: string; orgId: string },
) => ({ userId: randomUUID(), role, orgId: company.orgId, companyId: company.id }) as Principal;

/** Rows and published events: "nothing changed" means neither moved. */
async function counts() {
  await runtime.flushOutbox();
  const [companiesRow] = await db("companies").count({ n: "*" });
  const [outboxRow] = await db("outbox").count({ n: "*" });
  const jsm = await nc.jetstreamManager();
  const stream = await jsm.streams.info(streamName(namespace, "company"));
  return {
    companies: Number(companiesRow?.n),
    unpublished: Number(outboxRow?.n),
    published: stream.state.messages,
  };
}

async function newOrg() {
  return orgs.CreateOrganization({ name: `Org ${uniqueSuffix()}` }, as(admin));
}

async function newCompany(orgId: string, overrides: { name?: string; virtual?: boolean } = {}) {
  return companies.CreateCompany(
    {
      orgId,
      name: overrides.name ?? `Company ${uniqueSuffix()}`,
      virtual: overrides.virtual ?? false,
      currency: "",
      notificationEmail: "",
    },
    as(admin),
  );
}

let iccidCounter = 0;
/** A valid ICCID (89…, Luhn check digit) not used before in this run. */
function nextIccid(): string {
  iccidCounter++;
  const body = `8944${String(Date.now()).slice(-7)}${String(iccidCounter).padStart(7, "0")}`;
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit *= 2;
    sum += digit > 9 ? digit - 9 : digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

/** SIMs imported into `orgId` and assigned to `companyId`, in sim-service. */
async function assignedSims(orgId: string, companyId: string, count: number): Promise<string[]> {
  const iccids = Array.from({ length: count }, nextIccid);
  const imported = await sims.ImportSims({ orgId, sims: iccids.map((iccid) => ({ iccid })) }, as(admin));
  expect(imported.imported).toBe(count);
  for (const iccid of iccids) await sims.AssignSimToCompany({ iccid, companyId }, as(admin));
  return iccids;
}

/** Resolves once the organization replica shows `status` for `orgId`. */
async function replicaShows(orgId: string, status: string) {
  await expect
    .poll(async () => (await db("chain_organizations").where({ org_id: orgId }).first())?.status, {
      timeout: 10_000,
    })
    .toBe(status);
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  [companyDb, orgDb, simDb] = await Promise.all([
    createTestDatabase("company_service_test"),
    createTestDatabase("company_service_test_org"),
    createTestDatabase("company_service_test_sim"),
  ]);
  nc = await connectTestNats();
  orgProcess = await startServiceProcess("org-service", {
    DATABASE_URL: orgDb.url,
    EVENT_NAMESPACE: namespace,
    JWKS_URL: issuer.jwksUrl,
    NATS_URL: inject("natsUrl"),
    NODE_ENV: "test",
  });
  const simGrpcPort = await freePort();
  const config = companyConfigSchema.parse({
    DATABASE_URL: companyDb.url,
    NATS_URL: inject("natsUrl"),
    EVENT_NAMESPACE: namespace,
    JWKS_URL: issuer.jwksUrl,
    GRPC_PORT: "0",
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
    ORG_SERVICE_ADDR: orgProcess.grpcAddress,
    SIM_SERVICE_ADDR: `127.0.0.1:${simGrpcPort}`,
  });
  runtime = await startCompanyService(config);
  simProcess = await startServiceProcess(
    "sim-service",
    {
      DATABASE_URL: simDb.url,
      EVENT_NAMESPACE: namespace,
      JWKS_URL: issuer.jwksUrl,
      NATS_URL: inject("natsUrl"),
      NODE_ENV: "test",
      ORG_SERVICE_ADDR: orgProcess.grpcAddress,
      COMPANY_SERVICE_ADDR: `127.0.0.1:${runtime.grpcPort}`,
    },
    { grpcPort: simGrpcPort },
  );
  sims = testClient<SimServiceMethods>("sim", simProcess.grpcAddress);
  companies = testClient<CompanyServiceMethods>("company", `127.0.0.1:${runtime.grpcPort}`);
  orgs = testClient<OrgServiceMethods>("org", orgProcess.grpcAddress);
  db = knexFactory({ client: "pg", connection: companyDb.url, pool: { min: 0, max: 2 } });
});

afterAll(async () => {
  companies?.close();
  orgs?.close();
  sims?.close();
  await db?.destroy();
  await simProcess?.stop();
  await runtime?.stop();
  await orgProcess?.stop();
  const jsm = await nc?.jetstreamManager();
  if (jsm) {
    for await (const info of jsm.streams.list()) {
      if (info.config.name.startsWith(`${namespace.toUpperCase()}_`))
        await jsm.streams.delete(info.config.name);
    }
  }
  await nc?.close();
  await companyDb?.drop();
  await orgDb?.drop();
  await simDb?.drop();
  await issuer?.close();
});

describe("creating companies", () => {
  it("creates a company under an active organization and publishes CompanyCreated", async () => {
    const org = await newOrg();
    const company = await companies.CreateCompany(
      {
        orgId: org.id,
        name: "  Amazon Band ",
        virtual: true,
        currency: "EUR",
        notificationEmail: "ops@example.com",
      },
      as(orgAdminOf(org.id)),
    );
    expect(company).toMatchObject({
      orgId: org.id,
      name: "Amazon Band",
      virtual: true,
      status: "active",
      currency: "EUR",
      notificationEmail: "ops@example.com",
      archivedAt: "",
    });

    await runtime.flushOutbox();
    const event = (await readEvents(nc, namespace, "company", { type: "CompanyCreated", count: 1 })).find(
      (candidate) => candidate.subject === company.id,
    );
    expect(event).toMatchObject({
      specversion: "1.0",
      type: "CompanyCreated",
      source: "simhub/company-service",
      subject: company.id,
      datacontenttype: "application/json",
      orgid: org.id,
      companyid: company.id,
      data: { companyId: company.id, orgId: org.id, name: "Amazon Band", virtual: true, status: "active" },
    });
    expect(event?.headers["Nats-Msg-Id"]).toBe(event?.id);
  });

  it("lets only the platform admin and the organization's admin create, 404 for other tenants", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const existing = await newCompany(org.id);
    const before = await counts();
    const input = { orgId: org.id, name: "Nope", virtual: false, currency: "", notificationEmail: "" };
    for (const principal of [orgStaffOf(org.id), companyUser("company_admin", existing)]) {
      expect((await rejection(companies.CreateCompany(input, as(principal)))).kind).toBe("forbidden");
    }
    for (const principal of [
      orgAdminOf(other.id),
      companyUser("company_admin", { id: randomUUID(), orgId: other.id }),
    ]) {
      expect(await rejection(companies.CreateCompany(input, as(principal)))).toMatchObject({
        kind: "not_found",
        code: "ORGANIZATION_NOT_FOUND",
      });
    }
    const missingOrg = await rejection(companies.CreateCompany({ ...input, orgId: randomUUID() }, as(admin)));
    expect(missingOrg.code).toBe("ORGANIZATION_NOT_FOUND");
    expect(await counts()).toEqual(before);
  });

  it("refuses companies for an archived organization", async () => {
    const org = await newOrg();
    await orgs.UpdateOrganization({ id: org.id, status: "archived" }, as(admin));
    // The replica learns the archival from OrganizationUpdated, a moment later.
    await replicaShows(org.id, "archived");
    const before = await counts();
    const error = await rejection(
      companies.CreateCompany(
        { orgId: org.id, name: "Late", virtual: false, currency: "", notificationEmail: "" },
        as(admin),
      ),
    );
    expect(error).toMatchObject({ kind: "rule", code: "ORGANIZATION_ARCHIVED" });
    expect(await counts()).toEqual(before);
  });

  it("keeps names unique inside an organization, case-insensitively, but not across organizations", async () => {
    const org = await newOrg();
    const other = await newOrg();
    await newCompany(org.id, { name: "Fleet Ops" });
    const before = await counts();
    const error = await rejection(newCompany(org.id, { name: "FLEET ops" }));
    expect(error).toMatchObject({ kind: "conflict", code: "COMPANY_NAME_TAKEN" });
    expect(await counts()).toEqual(before);
    await expect(newCompany(other.id, { name: "fleet ops" })).resolves.toMatchObject({ name: "fleet ops" });
  });

  it("refuses bad input naming the field, changing nothing", async () => {
    const org = await newOrg();
    const valid = { orgId: org.id, name: "Valid", virtual: false, currency: "", notificationEmail: "" };
    const before = await counts();
    const cases: [Partial<typeof valid>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "   " }, "name"],
      [{ name: "n".repeat(201) }, "name"],
      [{ orgId: "not-a-uuid" }, "orgId"],
      [{ orgId: "" }, "orgId"],
      [{ currency: "EURO" }, "settings.currency"],
      [{ currency: "XYZ" }, "settings.currency"],
      [{ currency: "eur" }, "settings.currency"],
      [{ notificationEmail: "not-an-address" }, "settings.notificationEmail"],
      [{ notificationEmail: `${"a".repeat(250)}@example.com` }, "settings.notificationEmail"],
    ];
    for (const [override, path] of cases) {
      const error = await rejection(companies.CreateCompany({ ...valid, ...override }, as(admin)));
      expect(error.kind).toBe("invalid");
      expect(error.errors.map((e) => e.path)).toEqual([path]);
    }
    expect(await counts()).toEqual(before);
  });
});

describe("reading companies", () => {
  it("shows a company to its organization's users, its own users and services; 404 to others", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const company = await newCompany(org.id);
    const sibling = await newCompany(org.id);
    const visible = [
      admin,
      service,
      orgAdminOf(org.id),
      orgStaffOf(org.id),
      companyUser("company_admin", company),
      companyUser("company_staff", company),
      companyUser("end_user", company),
    ];
    for (const principal of visible) {
      await expect(companies.GetCompany({ id: company.id }, as(principal))).resolves.toMatchObject({
        id: company.id,
      });
    }
    const hidden = [
      orgAdminOf(other.id),
      orgStaffOf(other.id),
      companyUser("company_admin", sibling),
      companyUser("end_user", sibling),
    ];
    for (const principal of hidden) {
      expect(await rejection(companies.GetCompany({ id: company.id }, as(principal)))).toMatchObject({
        kind: "not_found",
        code: "COMPANY_NOT_FOUND",
      });
    }
    expect((await rejection(companies.GetCompany({ id: "123" }, as(admin)))).errors).toEqual([
      expect.objectContaining({ path: "companyId" }),
    ]);
  });

  it("never shows a virtual company to its consumers, but resolves its chain for them", async () => {
    const org = await newOrg();
    const pointOfSale = await newCompany(org.id, { virtual: true });
    const consumer = companyUser("end_user", pointOfSale);
    expect((await rejection(companies.GetCompany({ id: pointOfSale.id }, as(consumer)))).code).toBe(
      "COMPANY_NOT_FOUND",
    );
    const page = await companies.ListCompanies(
      { orgId: org.id, limit: 10, cursor: "", status: "" },
      as(consumer),
    );
    expect(page.items).toEqual([]);
    await expect(
      companies.ResolveCompany({ companyId: pointOfSale.id }, as(consumer)),
    ).resolves.toMatchObject({
      company: { id: pointOfSale.id },
    });
  });

  it("lists an organization's companies with cursors, stable under concurrent inserts", async () => {
    const org = await newOrg();
    const created: string[] = [];
    for (let i = 0; i < 7; i++) created.push((await newCompany(org.id)).id);
    const seen: string[] = [];
    let cursor = "";
    let pages = 0;
    do {
      const page = await companies.ListCompanies(
        { orgId: org.id, limit: 3, cursor, status: "" },
        as(orgStaffOf(org.id)),
      );
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      if (pages++ < 2) created.push((await newCompany(org.id)).id);
    } while (cursor);
    expect(seen).toEqual(created);
  });

  it("lists only the caller's own company to company users, 404 to other tenants", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const mine = await newCompany(org.id);
    await newCompany(org.id);
    const page = await companies.ListCompanies(
      { orgId: org.id, limit: 50, cursor: "", status: "" },
      as(companyUser("company_staff", mine)),
    );
    expect(page.items.map((item) => item.id)).toEqual([mine.id]);
    const foreign = await rejection(
      companies.ListCompanies({ orgId: org.id, limit: 50, cursor: "", status: "" }, as(orgAdminOf(other.id))),
    );
    expect(foreign.code).toBe("ORGANIZATION_NOT_FOUND");
    const missing = await rejection(
      companies.ListCompanies({ orgId: randomUUID(), limit: 50, cursor: "", status: "" }, as(admin)),
    );
    expect(missing.code).toBe("ORGANIZATION_NOT_FOUND");
  });

  it("filters by status and refuses bad list parameters", async () => {
    const org = await newOrg();
    const active = await newCompany(org.id);
    const archived = await newCompany(org.id);
    await companies.ArchiveCompany({ id: archived.id }, as(admin));
    const onlyArchived = await companies.ListCompanies(
      { orgId: org.id, limit: 50, cursor: "", status: "archived" },
      as(admin),
    );
    expect(onlyArchived.items.map((item) => item.id)).toEqual([archived.id]);
    const onlyActive = await companies.ListCompanies(
      { orgId: org.id, limit: 50, cursor: "", status: "active" },
      as(admin),
    );
    expect(onlyActive.items.map((item) => item.id)).toEqual([active.id]);
    const cases: [Record<string, unknown>, string][] = [
      [{ limit: 501 }, "limit"],
      [{ cursor: "bogus" }, "cursor"],
      [{ status: "deleted" }, "status"],
      [{ orgId: "x" }, "orgId"],
    ];
    for (const [override, path] of cases) {
      const error = await rejection(
        companies.ListCompanies({ orgId: org.id, limit: 10, cursor: "", status: "", ...override }, as(admin)),
      );
      expect(error.errors.map((e) => e.path)).toEqual([path]);
    }
  });
});

describe("changing companies", () => {
  it("renames and edits settings with CompanyUpdated; company admins edit settings only", async () => {
    const org = await newOrg();
    const company = await newCompany(org.id);
    const renamed = await companies.UpdateCompany(
      { id: company.id, name: "Renamed Co" },
      as(orgAdminOf(org.id)),
    );
    expect(renamed.name).toBe("Renamed Co");
    const companyAdmin = companyUser("company_admin", company);
    const withSettings = await companies.UpdateCompany(
      { id: company.id, currency: "USD", notificationEmail: "alerts@example.org" },
      as(companyAdmin),
    );
    expect(withSettings).toMatchObject({
      currency: "USD",
      notificationEmail: "alerts@example.org",
      name: "Renamed Co",
    });
    const cleared = await companies.UpdateCompany(
      { id: company.id, notificationEmail: "" },
      as(companyAdmin),
    );
    expect(cleared).toMatchObject({ currency: "USD", notificationEmail: "" });

    const before = await counts();
    expect(
      (await rejection(companies.UpdateCompany({ id: company.id, name: "Mine now" }, as(companyAdmin)))).kind,
    ).toBe("forbidden");
    expect(
      (
        await rejection(
          companies.UpdateCompany(
            { id: company.id, currency: "GBP" },
            as(companyUser("company_staff", company)),
          ),
        )
      ).kind,
    ).toBe("forbidden");
    expect(
      (await rejection(companies.UpdateCompany({ id: company.id, name: "Staff" }, as(orgStaffOf(org.id)))))
        .kind,
    ).toBe("forbidden");
    expect(await counts()).toEqual(before);

    await runtime.flushOutbox();
    const events = (await readEvents(nc, namespace, "company", { type: "CompanyUpdated", count: 3 })).filter(
      (event) => event.subject === company.id,
    );
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({
      orgid: org.id,
      companyid: company.id,
      data: { companyId: company.id, orgId: org.id, name: "Renamed Co", virtual: false, status: "active" },
    });
  });

  it("refuses any orgId in an update with IMMUTABLE_FIELD and changes nothing", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const company = await newCompany(org.id);
    const before = await counts();
    for (const orgId of [other.id, org.id, ""]) {
      const error = await rejection(
        companies.UpdateCompany({ id: company.id, name: "Moved", orgId }, as(admin)),
      );
      expect(error).toMatchObject({ kind: "invalid", code: "IMMUTABLE_FIELD", errors: [{ path: "orgId" }] });
    }
    expect(await counts()).toEqual(before);
    expect(await companies.GetCompany({ id: company.id }, as(admin))).toMatchObject({
      orgId: org.id,
      name: company.name,
    });
    // The database holds the line too.
    await expect(db("companies").where({ id: company.id }).update({ org_id: other.id })).rejects.toThrow(
      /immutable/,
    );
  });

  it("refuses duplicate names, bad settings, empty updates and changes to archived companies", async () => {
    const org = await newOrg();
    const company = await newCompany(org.id);
    const taken = await newCompany(org.id);
    const before = await counts();
    expect(
      (
        await rejection(
          companies.UpdateCompany({ id: company.id, name: taken.name.toUpperCase() }, as(admin)),
        )
      ).code,
    ).toBe("COMPANY_NAME_TAKEN");
    expect(
      (await rejection(companies.UpdateCompany({ id: company.id, currency: "EU" }, as(admin)))).errors,
    ).toEqual([expect.objectContaining({ path: "settings.currency" })]);
    expect(
      (await rejection(companies.UpdateCompany({ id: company.id, name: "" }, as(admin)))).errors,
    ).toEqual([expect.objectContaining({ path: "name" })]);
    expect((await rejection(companies.UpdateCompany({ id: company.id }, as(admin)))).kind).toBe("invalid");
    expect((await rejection(companies.UpdateCompany({ id: "nope", name: "x" }, as(admin)))).errors).toEqual([
      expect.objectContaining({ path: "companyId" }),
    ]);
    expect(
      (await rejection(companies.UpdateCompany({ id: company.id, name: "x" }, as(orgAdminOf(randomUUID())))))
        .code,
    ).toBe("COMPANY_NOT_FOUND");
    expect(await counts()).toEqual(before);

    await companies.ArchiveCompany({ id: company.id }, as(admin));
    expect(
      (await rejection(companies.UpdateCompany({ id: company.id, name: "Zombie" }, as(admin)))).code,
    ).toBe("COMPANY_ARCHIVED");
  });
});

describe("archiving companies", () => {
  it("refuses while sim-service says SIMs are assigned, then archives with CompanyArchived", async () => {
    const org = await newOrg();
    const company = await newCompany(org.id);
    const elsewhere = await newCompany(org.id);
    const [first, second] = await assignedSims(org.id, company.id, 2);
    const refused = await rejection(companies.ArchiveCompany({ id: company.id }, as(orgAdminOf(org.id))));
    expect(refused).toMatchObject({ kind: "conflict", code: "COMPANY_HAS_SIMS" });
    expect(refused.message).toContain("2 SIMs are assigned");

    await sims.UnassignSim({ iccid: first! }, as(admin));
    // A reassignment moves the other SIM away.
    await sims.UnassignSim({ iccid: second! }, as(admin));
    await sims.AssignSimToCompany({ iccid: second!, companyId: elsewhere.id }, as(admin));
    const archived = await companies.ArchiveCompany({ id: company.id }, as(orgAdminOf(org.id)));
    expect(archived).toMatchObject({ id: company.id, status: "archived" });
    expect(archived.archivedAt).not.toBe("");
    const refusedElsewhere = await rejection(companies.ArchiveCompany({ id: elsewhere.id }, as(admin)));
    expect(refusedElsewhere.code).toBe("COMPANY_HAS_SIMS");

    // Archiving again answers the archived company and publishes nothing new.
    const again = await companies.ArchiveCompany({ id: company.id }, as(admin));
    expect(again.archivedAt).toBe(archived.archivedAt);

    await runtime.flushOutbox();
    const events = (await readEvents(nc, namespace, "company", { count: 1 })).filter(
      (event) => event.subject === company.id && event.type !== "CompanyCreated",
    );
    expect(events.map((event) => event.type)).toEqual(["CompanyUpdated", "CompanyArchived"]);
    expect(events[0]?.data).toMatchObject({ status: "archived" });
    expect(events[1]).toMatchObject({
      source: "simhub/company-service",
      orgid: org.id,
      companyid: company.id,
      data: { companyId: company.id, orgId: org.id },
    });
  });

  it("consumes no SIM event: its only consumer is the organization replica's", async () => {
    const jsm = await nc.jetstreamManager();
    const onSimStream = await jsm.consumers.list(streamName(namespace, "sim")).next();
    expect(onSimStream.map((consumer) => consumer.name)).toEqual([]);
    const onOrgStream = await jsm.consumers.list(streamName(namespace, "org")).next();
    expect(
      onOrgStream
        .filter((consumer) => consumer.name.startsWith("company-service"))
        .map((consumer) => consumer.config.filter_subject)
        .sort(),
    ).toEqual([`${namespace}.simhub.org.created`, `${namespace}.simhub.org.updated`]);
  });

  it("lets only the platform admin and the organization's admin archive", async () => {
    const org = await newOrg();
    const company = await newCompany(org.id);
    for (const principal of [orgStaffOf(org.id), companyUser("company_admin", company)]) {
      expect((await rejection(companies.ArchiveCompany({ id: company.id }, as(principal)))).kind).toBe(
        "forbidden",
      );
    }
    expect(
      (await rejection(companies.ArchiveCompany({ id: company.id }, as(orgAdminOf(randomUUID()))))).code,
    ).toBe("COMPANY_NOT_FOUND");
    expect((await companies.GetCompany({ id: company.id }, as(admin))).status).toBe("active");
  });
});

describe("resolving the chain", () => {
  it("returns the company with its organization and both statuses", async () => {
    const org = await newOrg();
    const company = await newCompany(org.id);
    for (const principal of [service, orgStaffOf(org.id), companyUser("company_staff", company)]) {
      const resolved = await companies.ResolveCompany({ companyId: company.id }, as(principal));
      expect(resolved).toMatchObject({
        company: { id: company.id, orgId: org.id, status: "active" },
        organization: { id: org.id, name: org.name, status: "active" },
      });
    }
    // The organization's archival reaches the replica by its event.
    await orgs.UpdateOrganization({ id: org.id, status: "archived" }, as(admin));
    await replicaShows(org.id, "archived");
    const resolved = await companies.ResolveCompany({ companyId: company.id }, as(service));
    expect(resolved.organization?.status).toBe("archived");
  });

  it("answers 404 for another tenant's company, 400 for a bad id", async () => {
    const org = await newOrg();
    const company = await newCompany(org.id);
    expect(
      (await rejection(companies.ResolveCompany({ companyId: company.id }, as(orgAdminOf(randomUUID())))))
        .code,
    ).toBe("COMPANY_NOT_FOUND");
    expect((await rejection(companies.ResolveCompany({ companyId: randomUUID() }, as(service)))).code).toBe(
      "COMPANY_NOT_FOUND",
    );
    expect((await rejection(companies.ResolveCompany({ companyId: "zzz" }, as(service)))).errors).toEqual([
      expect.objectContaining({ path: "companyId" }),
    ]);
  });

  // Last two: stop sim-service, then org-service.
  it("answers 503 to an archival while sim-service cannot be asked", async () => {
    const org = await newOrg();
    const company = await newCompany(org.id);
    await simProcess.stop();
    const error = await rejection(companies.ArchiveCompany({ id: company.id }, as(admin)));
    expect(error.kind).toBe("unavailable");
    expect((await companies.GetCompany({ id: company.id }, as(admin))).status).toBe("active");
  });

  it("answers from the replica while org-service is down; an organization it never saw fails closed", async () => {
    const org = await newOrg();
    const company = await newCompany(org.id);
    await orgProcess.stop();
    const resolved = await companies.ResolveCompany({ companyId: company.id }, as(service));
    expect(resolved.organization).toMatchObject({ id: org.id, status: "active" });
    const create = await rejection(
      companies.CreateCompany(
        { orgId: randomUUID(), name: "Offline", virtual: false, currency: "", notificationEmail: "" },
        as(admin),
      ),
    );
    expect(create.kind).toBe("unavailable");
  });
});
