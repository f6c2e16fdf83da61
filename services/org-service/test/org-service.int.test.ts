// org-service over gRPC against real PostgreSQL and NATS JetStream, with real
// JWTs for every role (signed by a local key the service trusts through its
// JWKS URL).
import { randomUUID } from "node:crypto";
import { type OrgServiceMethods, streamName } from "@simhub/contracts";
import type { GrpcClient, NatsConnection, Principal, ServiceRuntime } from "@simhub/platform";
import { createSecretBox } from "@simhub/platform";
import knexFactory, { type Knex } from "knex";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolvePaymentSecretsKey } from "../src/app/payment-secrets-key.ts";

import { orgConfigSchema } from "../src/config.ts";
import { startOrgService } from "../src/service.ts";
import {
  connectTestNats,
  createTestDatabase,
  readEvents,
  rejection,
  startTestIssuer,
  type TestIssuer,
  testClient,
  uniqueSuffix,
} from "./support.ts";

let issuer: TestIssuer;
let database: Awaited<ReturnType<typeof createTestDatabase>>;
let runtime: ServiceRuntime;
let client: GrpcClient<OrgServiceMethods>;
let nc: NatsConnection;
let db: Knex;
const namespace = `orgt${uniqueSuffix()}`;

const admin: Principal = { userId: randomUUID(), role: "platform_admin" };
const service: Principal = { userId: "sim-service", role: "service" };
const as = (principal: Principal) => ({ token: issuer.token(principal) });
const orgAdminOf = (orgId: string): Principal => ({ userId: randomUUID(), role: "org_admin", orgId });
const orgStaffOf = (orgId: string): Principal => ({ userId: randomUUID(), role: "org_staff", orgId });
const companyAdminOf = (orgId: string): Principal => ({
  userId: randomUUID(),
  role: "company_admin",
  orgId,
  companyId: randomUUID(),
});

async function count(table: string): Promise<number> {
  const [row] = await db(table).count({ n: "*" });
  return Number(row?.n);
}

/** Rows and published events: "nothing changed" means neither moved. */
async function counts() {
  await runtime.flushOutbox();
  const jsm = await nc.jetstreamManager();
  const stream = await jsm.streams.info(streamName(namespace, "org"));
  return {
    organizations: await count("organizations"),
    operators: await count("operators"),
    payment_providers: await count("payment_providers"),
    unpublished: await count("outbox"),
    published: stream.state.messages,
  };
}

async function newOrg(name = `Org ${uniqueSuffix()}`) {
  return client.CreateOrganization({ name }, as(admin));
}

beforeAll(async () => {
  issuer = await startTestIssuer();
  database = await createTestDatabase("org_service_test");
  const config = orgConfigSchema.parse({
    DATABASE_URL: database.url,
    EVENT_NAMESPACE: namespace,
    JWKS_URL: issuer.jwksUrl,
    GRPC_PORT: "0",
    HTTP_PORT: "0",
    LOG_LEVEL: "silent",
    NODE_ENV: "test",
  });
  runtime = await startOrgService(config);
  client = testClient<OrgServiceMethods>("org", `127.0.0.1:${runtime.grpcPort}`);
  nc = await connectTestNats();
  db = knexFactory({ client: "pg", connection: database.url, pool: { min: 0, max: 2 } });
});

afterAll(async () => {
  client?.close();
  await db?.destroy();
  await runtime?.stop();
  const jsm = await nc?.jetstreamManager();
  for (const stream of ["ORG"])
    await jsm?.streams.delete(`${namespace.toUpperCase()}_SIMHUB_${stream}`).catch(() => {});
  await nc?.close();
  await database?.drop();
  await issuer?.close();
});

describe("organizations", () => {
  it("creates an organization and publishes OrganizationCreated as a CloudEvent", async () => {
    const org = await client.CreateOrganization({ name: "  Acme Mobile  " }, as(admin));
    expect(org).toMatchObject({ name: "Acme Mobile", status: "active" });
    expect(org.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(org.createdAt).toISOString()).toBe(org.createdAt);

    await runtime.flushOutbox();
    const events = await readEvents(nc, namespace, "org", { type: "OrganizationCreated", count: 1 });
    const event = events.find((candidate) => candidate.subject === org.id);
    expect(event).toMatchObject({
      specversion: "1.0",
      type: "OrganizationCreated",
      source: "simhub/org-service",
      subject: org.id,
      datacontenttype: "application/json",
      orgid: org.id,
      data: { orgId: org.id, name: "Acme Mobile", status: "active" },
    });
    expect(event?.headers["Nats-Msg-Id"]).toBe(event?.id);
    expect(event?.headers["Ce-Type"]).toBe("OrganizationCreated");
  });

  it("lets only the platform admin create organizations", async () => {
    const org = await newOrg();
    const before = await counts();
    for (const principal of [orgAdminOf(org.id), companyAdminOf(org.id), service]) {
      const error = await rejection(
        client.CreateOrganization({ name: `Nope ${uniqueSuffix()}` }, as(principal)),
      );
      expect(error.kind).toBe("forbidden");
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses a name already taken, whatever its case", async () => {
    const name = `Unique Name ${uniqueSuffix()}`;
    await client.CreateOrganization({ name }, as(admin));
    const before = await counts();
    const error = await rejection(client.CreateOrganization({ name: name.toUpperCase() }, as(admin)));
    expect(error).toMatchObject({ kind: "conflict", code: "ORGANIZATION_NAME_TAKEN" });
    expect(await counts()).toEqual(before);
  });

  it("refuses missing, blank, oversized and control-character names, naming the field", async () => {
    const before = await counts();
    for (const name of ["", "   ", "x".repeat(201), "bad\u0000name"]) {
      const error = await rejection(client.CreateOrganization({ name }, as(admin)));
      expect(error.kind).toBe("invalid");
      expect(error.errors).toEqual([expect.objectContaining({ path: "name" })]);
    }
    expect(await counts()).toEqual(before);
    // 200 characters is the limit, not beyond it.
    await expect(client.CreateOrganization({ name: "y".repeat(200) }, as(admin))).resolves.toBeTruthy();
  });

  it("shows an organization to its own users and the service role, 404 to everyone else", async () => {
    const mine = await newOrg();
    const other = await newOrg();
    for (const principal of [
      admin,
      service,
      orgAdminOf(mine.id),
      orgStaffOf(mine.id),
      companyAdminOf(mine.id),
    ]) {
      await expect(client.GetOrganization({ id: mine.id }, as(principal))).resolves.toMatchObject({
        id: mine.id,
        name: mine.name,
      });
    }
    for (const principal of [
      orgAdminOf(other.id),
      companyAdminOf(other.id),
      { userId: "x", role: "org_admin" },
    ]) {
      const error = await rejection(client.GetOrganization({ id: mine.id }, as(principal as Principal)));
      expect(error).toMatchObject({ kind: "not_found", code: "ORGANIZATION_NOT_FOUND" });
    }
    const missing = await rejection(client.GetOrganization({ id: randomUUID() }, as(admin)));
    expect(missing.code).toBe("ORGANIZATION_NOT_FOUND");
    const bad = await rejection(client.GetOrganization({ id: "not-a-uuid" }, as(admin)));
    expect(bad).toMatchObject({ kind: "invalid", errors: [{ path: "orgId", message: "must be a UUID" }] });
  });

  it("refuses calls without a valid token", async () => {
    const error = await rejection(client.GetOrganization({ id: randomUUID() }, { token: "not.a.jwt" }));
    expect(error.kind).toBe("unauthenticated");
  });

  it("lists with keyset cursors, stable under concurrent inserts", async () => {
    for (let i = 0; i < 5; i++) await newOrg();
    const seen: string[] = [];
    let cursor = "";
    let pages = 0;
    const inserted: string[] = [];
    do {
      const page = await client.ListOrganizations({ limit: 3, cursor }, as(admin));
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      // Someone creates organizations between our pages.
      if (pages++ < 2) inserted.push((await newOrg()).id);
    } while (cursor);
    expect(new Set(seen).size).toBe(seen.length);
    const all = (await db("organizations").select("id")).map((row) => row.id as string);
    expect(new Set(seen)).toEqual(new Set(all));
    for (const id of inserted) expect(seen).toContain(id);
  });

  it("refuses out-of-range limits and foreign cursors", async () => {
    for (const limit of [-1, 501]) {
      const error = await rejection(client.ListOrganizations({ limit, cursor: "" }, as(admin)));
      expect(error.errors).toEqual([expect.objectContaining({ path: "limit" })]);
    }
    for (const cursor of ["garbage", Buffer.from('{"s":"1; DROP TABLE x"}').toString("base64url")]) {
      const error = await rejection(client.ListOrganizations({ limit: 10, cursor }, as(admin)));
      expect(error.errors).toEqual([expect.objectContaining({ path: "cursor" })]);
    }
    const page = await client.ListOrganizations({ limit: 0, cursor: "" }, as(admin));
    expect(page.items.length).toBeLessThanOrEqual(50);
  });

  it("lists only the caller's own organization to its users", async () => {
    const mine = await newOrg();
    for (const principal of [orgAdminOf(mine.id), companyAdminOf(mine.id)]) {
      const page = await client.ListOrganizations({ limit: 500, cursor: "" }, as(principal));
      expect(page.items.map((item) => item.id)).toEqual([mine.id]);
      expect(page.nextCursor).toBe("");
    }
  });

  it("renames and archives for the platform admin and the organization's admin, with OrganizationUpdated", async () => {
    const org = await newOrg();
    const renamed = await client.UpdateOrganization(
      { id: org.id, name: `${org.name} Renamed` },
      as(orgAdminOf(org.id)),
    );
    expect(renamed).toMatchObject({ id: org.id, name: `${org.name} Renamed`, status: "active" });
    const archived = await client.UpdateOrganization(
      { id: org.id, status: "archived" },
      as(orgAdminOf(org.id)),
    );
    expect(archived.status).toBe("archived");

    // Renaming an archived organization is a broken rule; reactivation is the platform's.
    const renameArchived = await rejection(
      client.UpdateOrganization({ id: org.id, name: "Whatever" }, as(orgAdminOf(org.id))),
    );
    expect(renameArchived).toMatchObject({ kind: "rule", code: "ORGANIZATION_ARCHIVED" });
    const reactivateByOrgAdmin = await rejection(
      client.UpdateOrganization({ id: org.id, status: "active" }, as(orgAdminOf(org.id))),
    );
    expect(reactivateByOrgAdmin.kind).toBe("forbidden");
    const reactivated = await client.UpdateOrganization({ id: org.id, status: "active" }, as(admin));
    expect(reactivated.status).toBe("active");

    await runtime.flushOutbox();
    const events = (await readEvents(nc, namespace, "org", { type: "OrganizationUpdated", count: 3 })).filter(
      (event) => event.subject === org.id,
    );
    expect(events.map((event) => event.data)).toEqual([
      { orgId: org.id, name: `${org.name} Renamed`, status: "active" },
      { orgId: org.id, name: `${org.name} Renamed`, status: "archived" },
      { orgId: org.id, name: `${org.name} Renamed`, status: "active" },
    ]);
    expect(events.every((event) => event.orgid === org.id && event.source === "simhub/org-service")).toBe(
      true,
    );
  });

  it("refuses updates from org staff (403), other tenants (404) and bad input (400), changing nothing", async () => {
    const org = await newOrg();
    const taken = await newOrg();
    const before = await counts();
    const staff = await rejection(
      client.UpdateOrganization({ id: org.id, name: "Staff Rename" }, as(orgStaffOf(org.id))),
    );
    expect(staff.kind).toBe("forbidden");
    const companyUser = await rejection(
      client.UpdateOrganization({ id: org.id, status: "archived" }, as(companyAdminOf(org.id))),
    );
    expect(companyUser.kind).toBe("forbidden");
    const foreign = await rejection(
      client.UpdateOrganization({ id: org.id, name: "Foreign" }, as(orgAdminOf(taken.id))),
    );
    expect(foreign.code).toBe("ORGANIZATION_NOT_FOUND");
    const duplicate = await rejection(
      client.UpdateOrganization({ id: org.id, name: taken.name.toLowerCase() }, as(admin)),
    );
    expect(duplicate.code).toBe("ORGANIZATION_NAME_TAKEN");
    const badStatus = await rejection(
      client.UpdateOrganization({ id: org.id, status: "deleted" }, as(admin)),
    );
    expect(badStatus.errors).toEqual([expect.objectContaining({ path: "status" })]);
    const empty = await rejection(client.UpdateOrganization({ id: org.id }, as(admin)));
    expect(empty.kind).toBe("invalid");
    const oversized = await rejection(
      client.UpdateOrganization({ id: org.id, name: "z".repeat(201) }, as(admin)),
    );
    expect(oversized.errors).toEqual([expect.objectContaining({ path: "name" })]);
    expect(await counts()).toEqual(before);
    expect(await client.GetOrganization({ id: org.id }, as(admin))).toMatchObject({
      name: org.name,
      status: "active",
    });
  });
});

describe("operator contracts", () => {
  const vodafone = { operatorName: "Vodafone DE", mcc: "262", mnc: "02", integration: "api" };

  it("adds an operator with OperatorIntegrationAdded, lists and gets it", async () => {
    const org = await newOrg();
    const operator = await client.AddOperator({ orgId: org.id, ...vodafone }, as(orgAdminOf(org.id)));
    expect(operator).toMatchObject({ orgId: org.id, ...vodafone });
    const second = await client.AddOperator(
      { orgId: org.id, operatorName: "Telekom", mcc: "262", mnc: "001", integration: "none" },
      as(admin),
    );

    const firstPage = await client.ListOperators(
      { orgId: org.id, limit: 1, cursor: "" },
      as(orgStaffOf(org.id)),
    );
    expect(firstPage.items.map((item) => item.id)).toEqual([operator.id]);
    const secondPage = await client.ListOperators(
      { orgId: org.id, limit: 1, cursor: firstPage.nextCursor },
      as(orgStaffOf(org.id)),
    );
    expect(secondPage.items.map((item) => item.id)).toEqual([second.id]);
    expect(secondPage.nextCursor).toBe("");

    // sim-service checks an import's operator with the service role or its caller's token.
    for (const principal of [service, orgStaffOf(org.id), admin]) {
      await expect(
        client.GetOperator({ orgId: org.id, operatorId: operator.id }, as(principal)),
      ).resolves.toMatchObject({ id: operator.id, integration: "api", mcc: "262", mnc: "02" });
    }

    await runtime.flushOutbox();
    const events = (
      await readEvents(nc, namespace, "org", { type: "OperatorIntegrationAdded", count: 2 })
    ).filter((event) => event.orgid === org.id);
    expect(events.map((event) => event.data)).toEqual([
      { orgId: org.id, operatorId: operator.id, ...vodafone },
      {
        orgId: org.id,
        operatorId: second.id,
        operatorName: "Telekom",
        mcc: "262",
        mnc: "001",
        integration: "none",
      },
    ]);
  });

  it("refuses wrong MCC/MNC, unknown integrations, missing names and non-UUID ids, changing nothing", async () => {
    const org = await newOrg();
    const before = await counts();
    const cases: [Record<string, string>, string][] = [
      [{ mcc: "26" }, "mcc"],
      [{ mcc: "2620" }, "mcc"],
      [{ mcc: "abc" }, "mcc"],
      [{ mnc: "1" }, "mnc"],
      [{ mnc: "1234" }, "mnc"],
      [{ mnc: "0a" }, "mnc"],
      [{ integration: "soap" }, "integration"],
      [{ operatorName: "" }, "operatorName"],
      [{ operatorName: "o".repeat(201) }, "operatorName"],
      [{ orgId: "123" }, "orgId"],
    ];
    for (const [override, path] of cases) {
      const error = await rejection(
        client.AddOperator({ orgId: org.id, ...vodafone, ...override }, as(admin)),
      );
      expect(error.kind).toBe("invalid");
      expect(error.errors.map((e) => e.path)).toEqual([path]);
    }
    const many = await rejection(
      client.AddOperator({ orgId: org.id, operatorName: "", mcc: "1", mnc: "", integration: "" }, as(admin)),
    );
    expect(many.errors.map((e) => e.path).sort()).toEqual(["integration", "mcc", "mnc", "operatorName"]);
    expect(await counts()).toEqual(before);
  });

  it("keeps one contract per MCC/MNC, and enforces who may sign and read", async () => {
    const org = await newOrg();
    const other = await newOrg();
    await client.AddOperator({ orgId: org.id, ...vodafone }, as(admin));
    const before = await counts();
    const duplicate = await rejection(client.AddOperator({ orgId: org.id, ...vodafone }, as(admin)));
    expect(duplicate).toMatchObject({ kind: "conflict", code: "OPERATOR_ALREADY_ADDED" });
    const staff = await rejection(
      client.AddOperator({ orgId: org.id, ...vodafone, mnc: "09" }, as(orgStaffOf(org.id))),
    );
    expect(staff.kind).toBe("forbidden");
    const foreign = await rejection(
      client.AddOperator({ orgId: org.id, ...vodafone, mnc: "09" }, as(orgAdminOf(other.id))),
    );
    expect(foreign.code).toBe("ORGANIZATION_NOT_FOUND");
    expect(await counts()).toEqual(before);

    const companyRead = await rejection(
      client.ListOperators({ orgId: org.id, limit: 10, cursor: "" }, as(companyAdminOf(org.id))),
    );
    expect(companyRead.kind).toBe("forbidden");
    const foreignRead = await rejection(
      client.ListOperators({ orgId: org.id, limit: 10, cursor: "" }, as(orgAdminOf(other.id))),
    );
    expect(foreignRead.code).toBe("ORGANIZATION_NOT_FOUND");
  });

  it("does not find an operator through another organization", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const operator = await client.AddOperator({ orgId: org.id, ...vodafone }, as(admin));
    const error = await rejection(
      client.GetOperator({ orgId: other.id, operatorId: operator.id }, as(service)),
    );
    expect(error.code).toBe("OPERATOR_NOT_FOUND");
    const bad = await rejection(client.GetOperator({ orgId: org.id, operatorId: "x" }, as(service)));
    expect(bad.errors).toEqual([expect.objectContaining({ path: "operatorId" })]);
  });

  it("refuses contracts for an archived organization", async () => {
    const org = await newOrg();
    await client.UpdateOrganization({ id: org.id, status: "archived" }, as(admin));
    const error = await rejection(client.AddOperator({ orgId: org.id, ...vodafone }, as(admin)));
    expect(error).toMatchObject({ kind: "rule", code: "ORGANIZATION_ARCHIVED" });
  });
});

describe("payment providers", () => {
  const stripe = {
    provider: "stripe",
    settings: { publishableKey: "pk_test_51Habcdefghijkl" },
    secrets: { secretKey: "sk_test_51Hsupersecretvalue", webhookSecret: "whsec_topsecretwebhook" },
  };

  it("stores secrets encrypted, returns only their names, and replaces on a second write", async () => {
    const org = await newOrg();
    const first = await client.SetPaymentProvider({ orgId: org.id, ...stripe }, as(orgAdminOf(org.id)));
    expect(first.created).toBe(true);
    expect(first.provider).toMatchObject({
      orgId: org.id,
      provider: "stripe",
      settings: { publishableKey: "pk_test_51Habcdefghijkl" },
      secretFields: ["secretKey", "webhookSecret"],
    });
    expect(JSON.stringify(first)).not.toContain("supersecret");

    const [row] = await db("payment_providers").where({ org_id: org.id });
    expect(row.sealed_secrets).toMatch(/^v1:/);
    expect(row.sealed_secrets).not.toContain("supersecret");
    const box = createSecretBox(resolvePaymentSecretsKey(undefined, "test", () => {}));
    expect(JSON.parse(box.open(row.sealed_secrets, `${org.id}:stripe`))).toEqual(stripe.secrets);
    // Bound to its row: the same ciphertext does not open for another organization.
    expect(() => box.open(row.sealed_secrets, `${randomUUID()}:stripe`)).toThrow();

    const second = await client.SetPaymentProvider(
      {
        orgId: org.id,
        provider: "stripe",
        settings: stripe.settings,
        secrets: { secretKey: "sk_live_rotatedvalue1" },
      },
      as(admin),
    );
    expect(second.created).toBe(false);
    expect(second.provider?.id).toBe(first.provider?.id);
    expect(second.provider?.secretFields).toEqual(["secretKey"]);

    await client.SetPaymentProvider(
      {
        orgId: org.id,
        provider: "paypal",
        settings: { clientId: "AbCdEf123456", mode: "sandbox" },
        secrets: { clientSecret: "EFGH-secret-5678" },
      },
      as(admin),
    );
    const list = await client.ListPaymentProviders({ orgId: org.id }, as(orgStaffOf(org.id)));
    expect(list.items.map((item) => item.provider)).toEqual(["paypal", "stripe"]);
    expect(JSON.stringify(list)).not.toMatch(/rotatedvalue|EFGH-secret|supersecret/);

    // Nothing about payment secrets travels on the event stream.
    await runtime.flushOutbox();
    const events = await readEvents(nc, namespace, "org", { count: 1 });
    expect(JSON.stringify(events)).not.toMatch(/rotatedvalue|EFGH-secret|supersecret|whsec_/);
  });

  it("refuses unknown providers, unknown or malformed fields, naming them, and changes nothing", async () => {
    const org = await newOrg();
    const before = await counts();
    const unknown = await rejection(
      client.SetPaymentProvider({ orgId: org.id, ...stripe, provider: "bitcoin" }, as(admin)),
    );
    expect(unknown.errors).toEqual([expect.objectContaining({ path: "provider" })]);
    const extra = await rejection(
      client.SetPaymentProvider(
        { orgId: org.id, ...stripe, settings: { ...stripe.settings, colour: "blue" } },
        as(admin),
      ),
    );
    expect(extra.errors).toEqual([expect.objectContaining({ path: "colour" })]);
    const missing = await rejection(
      client.SetPaymentProvider({ orgId: org.id, ...stripe, secrets: {} }, as(admin)),
    );
    expect(missing.errors).toEqual([expect.objectContaining({ path: "secretKey", message: "is required" })]);
    const malformed = await rejection(
      client.SetPaymentProvider(
        { orgId: org.id, ...stripe, secrets: { secretKey: "hunter2-is-wrong" } },
        as(admin),
      ),
    );
    expect(malformed.errors).toEqual([expect.objectContaining({ path: "secretKey" })]);
    expect(JSON.stringify(malformed)).not.toContain("hunter2");
    expect(await counts()).toEqual(before);
  });

  it("lets only the platform admin and the organization's admin connect, and hides it from company users", async () => {
    const org = await newOrg();
    const other = await newOrg();
    const staff = await rejection(
      client.SetPaymentProvider({ orgId: org.id, ...stripe }, as(orgStaffOf(org.id))),
    );
    expect(staff.kind).toBe("forbidden");
    const foreign = await rejection(
      client.SetPaymentProvider({ orgId: org.id, ...stripe }, as(orgAdminOf(other.id))),
    );
    expect(foreign.code).toBe("ORGANIZATION_NOT_FOUND");
    const companyRead = await rejection(
      client.ListPaymentProviders({ orgId: org.id }, as(companyAdminOf(org.id))),
    );
    expect(companyRead.kind).toBe("forbidden");
    expect(await db("payment_providers").where({ org_id: org.id })).toEqual([]);
  });
});
