import { describe, expect, it } from "vitest";
import { directResponseCodecs, planTypes, roles, serviceDefinition, simStatuses } from "../src/index.ts";

const sim = {
  iccid: "8944500102030405067",
  orgId: "0b6f3f8e-1c7a-4d1e-9a57-3f1b2c4d5e6f",
  companyId: "",
  endUserId: "",
  planId: "",
  status: "not_available",
  statusReason: "",
  imsi: "",
  msisdn: "",
  imei: "",
  eSim: false,
  operatorId: "",
  version: 1,
  createdAt: "2026-01-01T00:00:00.000Z",
  updatedAt: "2026-01-01T00:00:00.000Z",
  statusId: 5,
  importId: "",
};

describe("proto enums in JavaScript", () => {
  it("lists the values as the REST API and the events spell them, in the order of their numbers", () => {
    expect(simStatuses).toEqual([
      "pending",
      "invalid",
      "active",
      "suspended",
      "not_available",
      "blank",
      "activation",
      "archived",
    ]);
    expect(planTypes).toEqual(["prepaid", "subscription", "paygo"]);
    expect(roles).toEqual([
      "platform_admin",
      "org_admin",
      "org_staff",
      "company_admin",
      "company_staff",
      "end_user",
      "service",
    ]);
  });

  it("puts the enum's number on the wire and gives the other side the name back", () => {
    const getSim = serviceDefinition("sim").GetSim!;
    const bytes = getSim.responseSerialize(sim);
    // Field 6 (status), varint: the Status Model id of not_available.
    expect([...bytes]).toEqual(expect.arrayContaining([6 << 3, 5]));
    expect(getSim.responseDeserialize(bytes)).toMatchObject({ status: "not_available", statusId: 5 });

    const listSims = serviceDefinition("sim").ListSims!;
    const request = listSims.requestDeserialize(listSims.requestSerialize({ status: "archived", limit: 5 }));
    expect(request).toMatchObject({ status: "archived", limit: 5 });
    const none = listSims.requestDeserialize(listSims.requestSerialize({ limit: 5 }));
    expect(none).toMatchObject({ status: "" });
  });

  it("encodes the hot path's plain responses to the same bytes, enum fields included", () => {
    const direct = directResponseCodecs("sim");
    const getSim = serviceDefinition("sim").GetSim!;
    const bytes = direct.get("GetSim")!.encode(sim);
    expect(bytes.equals(getSim.responseSerialize(sim))).toBe(true);
    expect(direct.get("GetSim")!.decode(bytes)).toMatchObject({ status: "not_available", iccid: sim.iccid });
    // The handler's object is left as it was.
    expect(sim.status).toBe("not_available");

    const page = { items: [sim, { ...sim, status: "active", statusId: 3 }], nextCursor: "" };
    const listed = direct.get("ListSims")!.decode(direct.get("ListSims")!.encode(page)) as {
      items: { status: string }[];
    };
    expect(listed.items.map((item) => item.status)).toEqual(["not_available", "active"]);
    const empty = direct.get("GetSim")!.decode(direct.get("GetSim")!.encode({ iccid: sim.iccid }));
    expect(empty).toMatchObject({ status: "" });
  });

  it("converts enum fields of nested messages and of other services", () => {
    const org = serviceDefinition("org");
    const listed = org.ListPlans!.responseDeserialize(
      org.ListPlans!.responseSerialize({
        items: [
          { id: "p", type: "paygo" },
          { id: "q", type: "prepaid" },
        ],
      }),
    );
    expect(listed.items.map((plan: { type: string }) => plan.type)).toEqual(["paygo", "prepaid"]);
    const identity = serviceDefinition("identity");
    const user = identity.GetMe!.responseDeserialize(
      identity.GetMe!.responseSerialize({ role: "company_admin" }),
    );
    expect(user.role).toBe("company_admin");
  });

  it("refuses a name the enum does not have, naming the field", () => {
    const changeStatus = serviceDefinition("sim").ChangeSimStatus!;
    expect(() => changeStatus.requestSerialize({ iccid: sim.iccid, status: "sleeping" })).toThrow(
      /ChangeSimStatusRequest\.status: "sleeping" is not a SimStatus/,
    );
    expect(() =>
      directResponseCodecs("sim")
        .get("GetSim")!
        .encode({ ...sim, status: "Active" }),
    ).toThrow(/Sim\.status/);
  });

  it("keeps a number it does not know (a newer peer's value), which no membership check accepts", () => {
    const changeStatus = serviceDefinition("sim").ChangeSimStatus!;
    const decoded = changeStatus.requestDeserialize(
      changeStatus.requestSerialize({ iccid: sim.iccid, status: 42 }),
    );
    expect(decoded.status).toBe(42);
    expect((simStatuses as readonly unknown[]).includes(decoded.status)).toBe(false);
  });
});
