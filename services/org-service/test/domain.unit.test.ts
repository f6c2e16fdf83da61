// org-service's pure rules: validation, authorization decisions, the update
// plan, and the secret box.
import { randomBytes, randomUUID } from "node:crypto";
import type { Principal } from "@simhub/platform";
import { createSecretBox } from "@simhub/platform";
import { checkCursor, checkLimit, cursorAfter, Problems } from "@simhub/platform/domain";
import { describe, expect, it } from "vitest";
import { resolvePaymentSecretsKey } from "../src/app/payment-secrets-key.ts";

import {
  canManageContracts,
  canManageOrganization,
  canReadContracts,
  canSeeOrganization,
  organizationListScope,
} from "../src/domain/access.ts";
import { validateNewOperator } from "../src/domain/operator.ts";
import {
  type Organization,
  planOrganizationUpdate,
  validateCreateOrganization,
  validateUpdateOrganization,
} from "../src/domain/organization.ts";
import { validatePaymentProvider } from "../src/domain/payment-provider.ts";

const orgId = randomUUID();
const otherOrg = randomUUID();
const p = (role: Principal["role"], org?: string): Principal => ({
  userId: "u",
  role,
  ...(org ? { orgId: org } : {}),
  ...(role.startsWith("company") || role === "end_user" ? { companyId: randomUUID() } : {}),
});

function thrown(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    return error as { kind: string; code: string; errors: { path: string }[] };
  }
  throw new Error("expected a throw");
}

describe("names", () => {
  it("trims and accepts up to 200 characters", () => {
    expect(validateCreateOrganization({ name: "  Acme  " })).toEqual({ name: "Acme" });
    expect(validateCreateOrganization({ name: "é".repeat(200) }).name).toHaveLength(200);
  });
  it.each(["", "  ", "a".repeat(201), "tab\tname"])("refuses %j naming the field", (name) => {
    expect(thrown(() => validateCreateOrganization({ name })).errors).toEqual([
      expect.objectContaining({ path: "name" }),
    ]);
  });
});

describe("pagination", () => {
  it("defaults the limit and bounds it", () => {
    const problems = new Problems();
    expect(checkLimit(problems, 0)).toBe(50);
    expect(checkLimit(problems, 500)).toBe(500);
    checkLimit(problems, 501);
    checkLimit(problems, -3);
    expect(problems.errors.map((e) => e.path)).toEqual(["limit", "limit"]);
  });
  it("round-trips cursors and refuses foreign ones", () => {
    const problems = new Problems();
    expect(checkCursor(problems, cursorAfter("42"))).toBe(42);
    expect(checkCursor(problems, "")).toBeUndefined();
    checkCursor(problems, "%%%");
    checkCursor(problems, Buffer.from(JSON.stringify({ s: "0" })).toString("base64url"));
    checkCursor(problems, Buffer.from(JSON.stringify({ s: 7 })).toString("base64url"));
    expect(problems.errors).toHaveLength(3);
  });
});

describe("access", () => {
  it("shows an organization to its own users, the platform admin and services only", () => {
    for (const principal of [
      p("platform_admin"),
      p("service"),
      p("org_admin", orgId),
      p("org_staff", orgId),
      p("company_staff", orgId),
      p("end_user", orgId),
    ]) {
      expect(canSeeOrganization(principal, orgId)).toBe(true);
    }
    for (const principal of [p("org_admin", otherOrg), p("company_admin", otherOrg), p("org_admin")]) {
      expect(canSeeOrganization(principal, orgId)).toBe(false);
    }
  });
  it("lets only admins manage, and keeps company users away from contracts", () => {
    expect(canManageOrganization(p("org_admin", orgId), orgId)).toBe(true);
    expect(canManageOrganization(p("org_staff", orgId), orgId)).toBe(false);
    expect(canManageOrganization(p("org_admin", otherOrg), orgId)).toBe(false);
    expect(canManageContracts(p("platform_admin"), orgId)).toBe(true);
    expect(canManageContracts(p("service"), orgId)).toBe(false);
    expect(canReadContracts(p("org_staff", orgId), orgId)).toBe(true);
    expect(canReadContracts(p("service"), orgId)).toBe(true);
    expect(canReadContracts(p("company_admin", orgId), orgId)).toBe(false);
  });
  it("scopes lists", () => {
    expect(organizationListScope(p("platform_admin"))).toEqual({ all: true });
    expect(organizationListScope(p("org_staff", orgId))).toEqual({ onlyId: orgId });
    expect(organizationListScope(p("org_admin"))).toEqual({ onlyId: undefined });
  });
});

describe("organization updates", () => {
  const org: Organization = {
    id: orgId,
    seq: "1",
    name: "Acme",
    status: "active",
    createdAt: new Date(),
    updatedAt: new Date(),
  };
  it("needs something to change and valid values", () => {
    expect(thrown(() => validateUpdateOrganization({ id: orgId })).kind).toBe("invalid");
    expect(thrown(() => validateUpdateOrganization({ id: orgId, status: "gone" })).errors[0]?.path).toBe(
      "status",
    );
    expect(thrown(() => validateUpdateOrganization({ id: "1", name: "x" })).errors[0]?.path).toBe("orgId");
  });
  it("returns only real changes", () => {
    expect(planOrganizationUpdate(p("platform_admin"), org, { name: "Acme", status: "active" })).toEqual({});
    expect(planOrganizationUpdate(p("org_admin", orgId), org, { name: "ACME" })).toEqual({ name: "ACME" });
  });
  it("keeps reactivation for the platform admin and archived names frozen", () => {
    const archived = { ...org, status: "archived" as const };
    expect(
      thrown(() => planOrganizationUpdate(p("org_admin", orgId), archived, { status: "active" })).kind,
    ).toBe("forbidden");
    expect(thrown(() => planOrganizationUpdate(p("platform_admin"), archived, { name: "New" })).code).toBe(
      "ORGANIZATION_ARCHIVED",
    );
    expect(planOrganizationUpdate(p("platform_admin"), archived, { name: "New", status: "active" })).toEqual({
      name: "New",
      status: "active",
    });
    expect(thrown(() => planOrganizationUpdate(p("org_staff", orgId), org, { name: "X" })).kind).toBe(
      "forbidden",
    );
  });
});

describe("operators", () => {
  const valid = { orgId, operatorName: "Op", mcc: "310", mnc: "260", integration: "api" };
  it("accepts 3-digit MCC and 2–3-digit MNC", () => {
    expect(validateNewOperator(valid)).toMatchObject({ mcc: "310", mnc: "260" });
    expect(validateNewOperator({ ...valid, mnc: "01" }).mnc).toBe("01");
  });
  it.each([
    [{ mcc: "31" }, "mcc"],
    [{ mcc: "3100" }, "mcc"],
    [{ mcc: "３１０" }, "mcc"],
    [{ mnc: "2" }, "mnc"],
    [{ mnc: "2600" }, "mnc"],
    [{ integration: "API" }, "integration"],
  ])("refuses %j", (override, path) => {
    expect(thrown(() => validateNewOperator({ ...valid, ...override })).errors.map((e) => e.path)).toEqual([
      path,
    ]);
  });
});

describe("payment providers", () => {
  it("knows each provider's fields", () => {
    expect(
      validatePaymentProvider({
        orgId,
        provider: "paypal",
        settings: { clientId: "client-123456", mode: "live" },
        secrets: { clientSecret: "secret-123456" },
      }),
    ).toMatchObject({ provider: "paypal" });
    const error = thrown(() =>
      validatePaymentProvider({
        orgId,
        provider: "paypal",
        settings: { mode: "prod" },
        secrets: { secretKey: "x" },
      }),
    );
    expect(error.errors.map((e) => e.path).sort()).toEqual(["clientId", "clientSecret", "mode", "secretKey"]);
    expect(
      thrown(() => validatePaymentProvider({ orgId, provider: "", settings: {}, secrets: {} })).errors,
    ).toEqual([expect.objectContaining({ path: "provider" })]);
  });
  it("never echoes a secret in an error", () => {
    const error = thrown(() =>
      validatePaymentProvider({
        orgId,
        provider: "stripe",
        settings: { publishableKey: "pk_test_abcdefgh" },
        secrets: { secretKey: "my-precious-value" },
      }),
    );
    expect(JSON.stringify(error.errors)).not.toContain("precious");
  });
});

describe("secret box", () => {
  const box = createSecretBox(randomBytes(32));
  it("round-trips, uses a fresh nonce each time, and binds to its associated data", () => {
    const a = box.seal("s3cret", "org:stripe");
    const b = box.seal("s3cret", "org:stripe");
    expect(a).not.toBe(b);
    expect(box.open(a, "org:stripe")).toBe("s3cret");
    expect(() => box.open(a, "org:paypal")).toThrow();
    const tampered = `v1:${Buffer.from(Buffer.from(a.slice(3), "base64").map((byte, i) => (i === 30 ? byte ^ 1 : byte))).toString("base64")}`;
    expect(() => box.open(tampered, "org:stripe")).toThrow();
  });
  it("takes a configured key, refuses bad ones, and falls back to a dev key only outside production", () => {
    const key = randomBytes(32);
    expect(resolvePaymentSecretsKey(key.toString("base64"), "production", () => {})).toEqual(key);
    expect(() => resolvePaymentSecretsKey(randomBytes(16).toString("base64"), "test", () => {})).toThrow();
    expect(() => resolvePaymentSecretsKey(undefined, "production", () => {})).toThrow();
    const warnings: string[] = [];
    const dev = resolvePaymentSecretsKey(undefined, "development", (message) => warnings.push(message));
    expect(dev).toHaveLength(32);
    expect(warnings).toHaveLength(1);
  });
});
