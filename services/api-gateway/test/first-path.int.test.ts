// The first path end to end, through the gateway and real processes:
// admin login → organization → company → SIM import → assignment → the SIM
// read back composed with its company and organization. The chain rule's
// refusals change nothing, and SimAssigned reaches JetStream as a CloudEvent.
import { parseCloudEvent } from "@simhub/contracts";
import { type Stack, startStack } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ICCID = "8944500102030405062"; // valid Luhn check digit
const OTHER_ICCID = "8944500102030405070";

let stack: Stack;
let token: string;

beforeAll(async () => {
  stack = await startStack();
  token = await stack.login(stack.admin.username, stack.admin.password);
});

afterAll(async () => {
  await stack?.stop();
});

async function simRow(iccid: string) {
  const [row] = await stack.query("sim-service", "SELECT * FROM sims WHERE iccid = $1", [iccid]);
  return row;
}

describe("first path", () => {
  let orgId: string;
  let otherOrgId: string;
  let companyId: string;

  it("creates an organization and a company in it", async () => {
    const api = stack.http(token);
    const org = await api.post("/v1/organizations", { name: "Acme Mobile" });
    expect(org.status).toBe(201);
    expect(org.body).toMatchObject({ name: "Acme Mobile", status: "active" });
    expect(org.headers.get("x-request-id")).toBeTruthy();
    orgId = org.body.id;

    const other = await api.post("/v1/organizations", { name: "Other Telecom" });
    expect(other.status).toBe(201);
    otherOrgId = other.body.id;

    const company = await api.post(`/v1/organizations/${orgId}/companies`, { name: "Fleet GmbH" });
    expect(company.status).toBe(201);
    expect(company.body).toMatchObject({ orgId, name: "Fleet GmbH", virtual: false, status: "active" });
    companyId = company.body.id;

    const created = await stack.events("company", { type: "CompanyCreated" });
    expect(created).toHaveLength(1);
    expect(parseCloudEvent(created[0]).data).toMatchObject({ companyId, orgId, name: "Fleet GmbH" });
  });

  it("refuses a company in an unknown organization with 404", async () => {
    const response = await stack
      .http(token)
      .post("/v1/organizations/00000000-0000-4000-8000-000000000000/companies", { name: "Ghost" });
    expect(response.status).toBe(404);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
  });

  it("imports SIMs as JSON and reports invalid ICCIDs by index", async () => {
    const response = await stack.http(token).post(`/v1/organizations/${orgId}/sims`, {
      sims: [{ iccid: ICCID }, { iccid: OTHER_ICCID }, { iccid: "8944500102030405068" }],
    });
    expect(response.status).toBe(201);
    expect(response.body.imported).toBe(2);
    expect(response.body.rejected).toEqual([
      expect.objectContaining({ index: 2, iccid: "8944500102030405068", code: "INVALID_ICCID" }),
    ]);
  });

  it("assigns a SIM to the company and reads it back composed", async () => {
    const api = stack.http(token);
    const assigned = await api.post(`/v1/sims/${ICCID}/assign`, { companyId });
    expect(assigned.status).toBe(200);
    expect(assigned.body).toMatchObject({ iccid: ICCID, companyId });

    const sim = await api.get(`/v1/sims/${ICCID}`);
    expect(sim.status).toBe(200);
    expect(sim.body).toMatchObject({
      iccid: ICCID,
      organization: { id: orgId, name: "Acme Mobile" },
      company: { id: companyId, name: "Fleet GmbH" },
      endUser: null,
    });
  });

  it("publishes SimAssigned through the outbox as a CloudEvent", async () => {
    const messages = (await stack.eventMessages("sim")).filter((m) => m.event.type === "SimAssigned");
    expect(messages).toHaveLength(1);
    const { event, headers, subject } = messages[0]!;
    const parsed = parseCloudEvent(event);
    expect(parsed).toMatchObject({
      specversion: "1.0",
      source: "simhub/sim-service",
      type: "SimAssigned",
      subject: ICCID,
      datacontenttype: "application/json",
      orgid: orgId,
      companyid: companyId,
      data: { iccid: ICCID, orgId, companyId, previousCompanyId: null },
    });
    expect(headers["Nats-Msg-Id"]).toBe(parsed.id);
    expect(headers["Ce-Type"]).toBe("SimAssigned");
    expect(subject).toBe(`${stack.namespace}.simhub.sim.assigned`);
  });

  describe("refuses assignments whose chain does not resolve, changing nothing", () => {
    it.each([
      ["an unknown company", () => "00000000-0000-4000-8000-000000000000"],
      ["another organization's company", () => otherCompanyId],
      ["an archived company", () => archivedCompanyId],
    ])("to %s: 422 SIM_CHAIN_UNRESOLVED", async (_label, target) => {
      const before = await simRow(OTHER_ICCID);
      const eventsBefore = (await stack.eventMessages("sim")).length;
      const response = await stack
        .http(token)
        .post(`/v1/sims/${OTHER_ICCID}/assign`, { companyId: target() });
      expect(response.status).toBe(422);
      expect(response.body).toMatchObject({ status: 422, code: "SIM_CHAIN_UNRESOLVED" });
      expect(await simRow(OTHER_ICCID)).toEqual(before);
      expect((await stack.eventMessages("sim")).length).toBe(eventsBefore);
    });

    let otherCompanyId: string;
    let archivedCompanyId: string;
    beforeAll(async () => {
      const api = stack.http(token);
      otherCompanyId = (await api.post(`/v1/organizations/${otherOrgId}/companies`, { name: "Elsewhere" }))
        .body.id;
      archivedCompanyId = (await api.post(`/v1/organizations/${orgId}/companies`, { name: "Closed Ltd" }))
        .body.id;
      const archived = await api.delete(`/v1/companies/${archivedCompanyId}`);
      expect([200, 204]).toContain(archived.status);
    });
  });

  describe("bad input gets a 400 problem naming the field and changes nothing", () => {
    it.each([
      ["POST /v1/auth/login", "post", "/v1/auth/login", { username: "admin" }, "body.password"],
      ["POST /v1/organizations", "post", "/v1/organizations", { name: "" }, "body.name"],
      ["POST /v1/organizations (unknown field)", "post", "/v1/organizations", { name: "X", plan: 1 }, "body"],
      [
        "POST companies (non-UUID org)",
        "post",
        "/v1/organizations/not-a-uuid/companies",
        { name: "X" },
        "path.orgId",
      ],
      [
        "POST companies (bad virtual)",
        "post",
        "/v1/organizations/{org}/companies",
        { name: "X", virtual: "yes" },
        "body.virtual",
      ],
      ["POST sims (no sims)", "post", "/v1/organizations/{org}/sims", {}, "body.sims"],
      [
        "POST sims (iccid not a string)",
        "post",
        "/v1/organizations/{org}/sims",
        { sims: [{ iccid: 894450010203 }] },
        "body.sims.0.iccid",
      ],
      [
        "POST assign (non-UUID company)",
        "post",
        `/v1/sims/${OTHER_ICCID}/assign`,
        { companyId: "42" },
        "body.companyId",
      ],
      ["POST assign (no body)", "post", `/v1/sims/${OTHER_ICCID}/assign`, undefined, "body"],
      ["GET sim (bad ICCID)", "get", "/v1/sims/12345", undefined, "path.iccid"],
    ] as const)("%s", async (_label, method, rawPath, body, field) => {
      const counts = async () => ({
        orgs: (await stack.query("org-service", "SELECT count(*)::int AS n FROM organizations"))[0].n,
        companies: (await stack.query("company-service", "SELECT count(*)::int AS n FROM companies"))[0].n,
        sims: (
          await stack.query(
            "sim-service",
            "SELECT count(*)::int AS n, count(company_id)::int AS assigned FROM sims",
          )
        )[0],
      });
      const before = await counts();
      const path = rawPath.replace("{org}", orgId);
      const api = stack.http(method === "post" && path === "/v1/auth/login" ? undefined : token);
      const response = method === "get" ? await api.get(path) : await api.post(path, body);
      expect(response.status).toBe(400);
      expect(response.headers.get("content-type")).toContain("application/problem+json");
      expect(response.body).toMatchObject({
        status: 400,
        type: expect.any(String),
        title: expect.any(String),
      });
      expect(typeof response.body.code).toBe("string");
      const paths: string[] = (response.body.errors ?? []).map((error: { path: string }) => error.path);
      expect(
        paths.some(
          (p) => p === field || p.startsWith(`${field}.`) || (field === "body" && p.startsWith("body")),
        ),
      ).toBe(true);
      expect(await counts()).toEqual(before);
    });

    it("malformed JSON is a 400 problem", async () => {
      const response = await stack.http(token).post("/v1/organizations", undefined, {
        raw: '{"name": ',
        contentType: "application/json",
      });
      expect(response.status).toBe(400);
      expect(response.body.code).toBe("MALFORMED_JSON");
    });
  });
});
