// usage-service's pure rules: record checks, NDJSON lines across chunks,
// periods, and who may send and read usage.
import { AppError, canSeeSim } from "@simhub/platform/domain";
import { describe, expect, it } from "vitest";
import { companyUsageAccess, ingestScope } from "../src/domain/access.ts";
import { MAX_LINE_BYTES, NdjsonLines } from "../src/domain/ndjson.ts";
import { addMonths, checkPeriod, oldestKept, periodOf } from "../src/domain/period.ts";
import { checkRecord } from "../src/domain/records.ts";

const now = new Date("2026-12-15T12:00:00Z");
const limits = { now, oldest: oldestKept(now, 13) };
const good = {
  recordId: "r-1",
  iccid: "8944500102030405067",
  type: "data",
  quantity: 1024,
  startedAt: "2026-12-15T11:00:00+01:00",
};
const codeOf = (value: unknown) => {
  const checked = checkRecord(value, 0, limits);
  return checked.ok ? "ok" : checked.rejection.code;
};

describe("checkRecord", () => {
  it("accepts a record and reads its time zone", () => {
    const checked = checkRecord({ ...good, imei: "356938035643809" }, 4, limits);
    expect(checked).toEqual({
      ok: true,
      record: {
        index: 4,
        recordId: "r-1",
        iccid: good.iccid,
        type: "data",
        quantity: 1024,
        startedAt: new Date("2026-12-15T10:00:00Z"),
        startedAtText: "2026-12-15T11:00:00+01:00",
        imei: "356938035643809",
      },
    });
  });

  it.each([
    [{ ...good, quantity: -1 }, "INVALID_QUANTITY"],
    [{ ...good, quantity: 1.5 }, "INVALID_QUANTITY"],
    [{ ...good, quantity: "10" }, "INVALID_QUANTITY"],
    [{ ...good, quantity: 2 ** 53 }, "INVALID_QUANTITY"],
    [{ ...good, startedAt: "2026-12-15" }, "INVALID_STARTED_AT"],
    [{ ...good, startedAt: "2026-02-30T10:00:00Z" }, "INVALID_STARTED_AT"],
    [{ ...good, startedAt: "2026-11-31T10:00:00Z" }, "INVALID_STARTED_AT"],
    [{ ...good, startedAt: "2026-00-10T10:00:00Z" }, "INVALID_STARTED_AT"],
    [{ ...good, startedAt: "2026-12-15T13:00:00Z" }, "INVALID_STARTED_AT"],
    [{ ...good, startedAt: "2025-11-30T23:59:59Z" }, "INVALID_STARTED_AT"],
    [{ ...good, type: "mms" }, "INVALID_TYPE"],
    [{ ...good, iccid: "1234567890123456789" }, "INVALID_ICCID"],
    [{ ...good, imei: "12" }, "INVALID_IMEI"],
    [{ ...good, recordId: "" }, "INVALID_RECORD_ID"],
    [{ ...good, recordId: "x".repeat(129) }, "INVALID_RECORD_ID"],
    [{ ...good, recordId: "with space" }, "INVALID_RECORD_ID"],
    [[good], "INVALID_RECORD"],
    [null, "INVALID_RECORD"],
  ])("rejects %j with %s", (value, code) => {
    expect(codeOf(value)).toBe(code);
  });

  it("accepts the first instant of the oldest month kept and a little clock skew", () => {
    expect(codeOf({ ...good, startedAt: "2025-12-01T00:00:00Z" })).toBe("ok");
    expect(codeOf({ ...good, startedAt: "2026-12-15T12:05:00Z" })).toBe("ok");
    expect(codeOf({ ...good, imei: null })).toBe("ok");
    expect(codeOf({ ...good, startedAt: "2026-11-30T23:00:00Z" })).toBe("ok");
    expect(codeOf({ ...good, startedAt: "2026-12-15T11:00:00.123456Z" })).toBe("ok");
  });
});

describe("NdjsonLines", () => {
  it("splits lines across chunks, inside characters too, and numbers them", () => {
    const lines = new NdjsonLines();
    const bytes = new TextEncoder().encode('{"a":"é"}\r\n{"b":2}\n{"c":3}');
    const out = [
      ...lines.push(bytes.slice(0, 7)),
      ...lines.push(bytes.slice(7, 15)),
      ...lines.push(bytes.slice(15)),
    ];
    expect([...out, ...lines.end()]).toEqual([
      { index: 0, text: '{"a":"é"}' },
      { index: 1, text: '{"b":2}' },
      { index: 2, text: '{"c":3}' },
    ]);
  });

  it("refuses a line longer than the limit before it is complete, and invalid UTF-8", () => {
    expect(() => new NdjsonLines().push(new Uint8Array(MAX_LINE_BYTES + 1).fill(65))).toThrow(AppError);
    expect(() => new NdjsonLines().push(Uint8Array.of(0xff, 0x0a))).toThrow(/UTF-8/);
  });
});

describe("periods", () => {
  it("names months in UTC and counts them across years", () => {
    expect(periodOf(new Date("2026-12-31T23:30:00-01:00"))).toBe("2027-01");
    expect(addMonths("2026-01", -1)).toBe("2025-12");
    expect(addMonths("2026-11", 2)).toBe("2027-01");
    expect(oldestKept(now, 13).toISOString()).toBe("2025-12-01T00:00:00.000Z");
    expect(checkPeriod("", now)).toBe("2026-12");
    expect(() => checkPeriod("2026-13", now)).toThrow(AppError);
    expect(() => checkPeriod("2026-1", now)).toThrow(AppError);
  });
});

describe("access", () => {
  const org = "00000000-0000-4000-8000-000000000001";
  const other = "00000000-0000-4000-8000-000000000002";
  const company = "00000000-0000-4000-8000-000000000003";
  it("lets an organization's users send for all its SIMs and a company's users for theirs", () => {
    expect(ingestScope({ userId: "u", role: "org_staff", orgId: org }, org)).toEqual({
      kind: "organization",
    });
    expect(ingestScope({ userId: "u", role: "company_admin", orgId: org, companyId: company }, org)).toEqual({
      kind: "company",
      companyId: company,
    });
    expect(ingestScope({ userId: "u", role: "end_user", orgId: org, companyId: company }, org).kind).toBe(
      "forbidden",
    );
    expect(ingestScope({ userId: "u", role: "org_admin", orgId: other }, org).kind).toBe("not_visible");
    expect(ingestScope({ userId: "u", role: "service" }, org).kind).toBe("not_visible");
  });

  it("reads a SIM's usage under the SIM read rules, and a company's for its organization and staff", () => {
    const sim = { orgId: org, companyId: company, endUserId: "e" };
    expect(canSeeSim({ userId: "e", role: "end_user", orgId: org, companyId: company }, sim)).toBe(true);
    expect(canSeeSim({ userId: "x", role: "end_user", orgId: org, companyId: company }, sim)).toBe(false);
    expect(canSeeSim({ userId: "u", role: "company_staff", orgId: org, companyId: other }, sim)).toBe(false);
    const link = { companyId: company, orgId: org };
    expect(companyUsageAccess({ userId: "u", role: "org_admin", orgId: org }, link)).toBe("allowed");
    expect(companyUsageAccess({ userId: "u", role: "org_admin", orgId: other }, link)).toBe("not_visible");
    expect(companyUsageAccess({ userId: "e", role: "end_user", orgId: org, companyId: company }, link)).toBe(
      "forbidden",
    );
  });
});
