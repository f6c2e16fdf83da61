// Pure rules: credentials, who may do what, brute-force state transitions.
import { describe, expect, it } from "vitest";
import {
  decideCompany,
  decideCompanyEarly,
  decideCreateOrgStaff,
  decideEndUser,
  decideRotateSigningKey,
} from "../src/domain/access.ts";
import { checkEmail, checkPassword, checkUsername, normalizeUsername } from "../src/domain/credentials.ts";
import {
  attemptSucceeded,
  beginAttempt,
  countingOnly,
  effectivePolicy,
  emptyThrottleState,
  lockedFor,
  lockSecondsAfter,
  type ThrottlePolicy,
  type ThrottleState,
} from "../src/domain/throttle.ts";
import {
  admin,
  CO_A1,
  CO_B1,
  companyAdminA1,
  companyStaffA1,
  endUserA1,
  ORG_A,
  ORG_B,
  orgAdminA,
  orgStaffA,
  service,
} from "./principals.ts";

describe("passwords", () => {
  it("accepts 12 to 256 characters", () => {
    expect(checkPassword("a".repeat(12), "bob")).toEqual([]);
    expect(checkPassword("a".repeat(256), "bob")).toEqual([]);
  });
  it("refuses fewer than 12 characters, naming the field", () => {
    expect(checkPassword("short-pass1", "bob")).toEqual([
      { path: "password", message: "at least 12 characters" },
    ]);
  });
  it("refuses more than 256 characters", () => {
    expect(checkPassword("a".repeat(257), "bob")[0]?.message).toMatch(/at most 256/);
  });
  it("counts code points, not UTF-16 units", () => {
    expect(checkPassword("🔑".repeat(12), "bob")).toEqual([]);
    expect(checkPassword("🔑".repeat(6), "bob")).not.toEqual([]);
  });
  it("refuses the username as password, in any case", () => {
    expect(checkPassword("Alice.Example", "alice.example")[0]?.message).toMatch(/username/);
  });
  it("refuses an empty password", () => {
    expect(checkPassword("", "bob")).toEqual([{ path: "password", message: "required" }]);
  });
});

describe("usernames and e-mail", () => {
  it("normalizes case and whitespace", () => {
    expect(normalizeUsername("  Alice ")).toBe("alice");
  });
  it("accepts typical usernames and refuses odd ones", () => {
    expect(checkUsername("alice.smith-2")).toEqual([]);
    expect(checkUsername("al")).not.toEqual([]);
    expect(checkUsername("-alice")).not.toEqual([]);
    expect(checkUsername("alice smith")).not.toEqual([]);
    expect(checkUsername("a".repeat(65))).not.toEqual([]);
  });
  it("checks e-mail addresses loosely", () => {
    expect(checkEmail("a@b.example")).toEqual([]);
    expect(checkEmail("not-an-email")).not.toEqual([]);
    expect(checkEmail("")).toEqual([{ path: "email", message: "required" }]);
  });
});

describe("access decisions", () => {
  it("organization staff: the platform admin and the organization's admins", () => {
    expect(decideCreateOrgStaff(admin, ORG_A)).toBe("allow");
    expect(decideCreateOrgStaff(orgAdminA, ORG_A)).toBe("allow");
    expect(decideCreateOrgStaff(orgStaffA, ORG_A)).toBe("forbidden");
    expect(decideCreateOrgStaff(companyAdminA1, ORG_A)).toBe("forbidden");
    expect(decideCreateOrgStaff(orgAdminA, ORG_B)).toBe("not_found");
    expect(decideCreateOrgStaff(service, ORG_A)).toBe("not_found");
  });

  it("company staff: platform admin, the organization's admins, the company's admins", () => {
    const company = { id: CO_A1, orgId: ORG_A };
    expect(decideCompany(admin, company, "manageStaff")).toBe("allow");
    expect(decideCompany(orgAdminA, company, "manageStaff")).toBe("allow");
    expect(decideCompany(orgStaffA, company, "manageStaff")).toBe("forbidden");
    expect(decideCompany(companyAdminA1, company, "manageStaff")).toBe("allow");
    expect(decideCompany(companyStaffA1, company, "manageStaff")).toBe("forbidden");
    expect(decideCompany(endUserA1, company, "manageStaff")).toBe("forbidden");
  });

  it("another tenant's company is not found, never forbidden", () => {
    const foreign = { id: CO_B1, orgId: ORG_B };
    for (const principal of [orgAdminA, orgStaffA, companyAdminA1, companyStaffA1, endUserA1]) {
      for (const action of ["manageStaff", "manageEndUsers", "readEndUsers"] as const) {
        expect(decideCompany(principal, foreign, action)).toBe("not_found");
      }
    }
  });

  it("company-level callers are decided before the organization is known", () => {
    expect(decideCompanyEarly(companyStaffA1, CO_A1, "manageEndUsers")).toBe("allow");
    expect(decideCompanyEarly(companyStaffA1, CO_B1, "manageEndUsers")).toBe("not_found");
    expect(decideCompanyEarly(endUserA1, CO_A1, "readEndUsers")).toBe("forbidden");
    expect(decideCompanyEarly(orgAdminA, CO_A1, "readEndUsers")).toBeUndefined();
    expect(decideCompanyEarly(service, CO_A1, "readEndUsers")).toBe("allow");
    expect(decideCompanyEarly(service, CO_A1, "manageEndUsers")).toBe("forbidden");
  });

  it("an end user sees only itself and changes nothing through the user API", () => {
    const self = { id: "u5", companyId: CO_A1, orgId: ORG_A };
    const other = { id: "u6", companyId: CO_A1, orgId: ORG_A };
    expect(decideEndUser(endUserA1, self, "read")).toBe("allow");
    expect(decideEndUser(endUserA1, self, "update")).toBe("forbidden");
    expect(decideEndUser(endUserA1, other, "read")).toBe("not_found");
    expect(decideEndUser(companyStaffA1, other, "update")).toBe("allow");
    expect(decideEndUser(orgStaffA, other, "remove")).toBe("allow");
    expect(decideEndUser(service, other, "read")).toBe("allow");
  });

  it("only the platform admin rotates signing keys", () => {
    expect(decideRotateSigningKey(admin)).toBe("allow");
    for (const principal of [orgAdminA, companyAdminA1, endUserA1, service]) {
      expect(decideRotateSigningKey(principal)).toBe("forbidden");
    }
  });
});

describe("brute-force throttle", () => {
  const policy: ThrottlePolicy = {
    freeAttempts: 5,
    baseLockSeconds: 30,
    maxLockSeconds: 900,
    decaySeconds: 3600,
  };
  const t0 = new Date("2026-01-01T00:00:00Z");
  const at = (seconds: number) => new Date(t0.getTime() + seconds * 1000);

  function fail(state: ThrottleState, now: Date): ThrottleState {
    const decision = beginAttempt(state, now, policy);
    if (!decision.allowed) throw new Error("refused");
    return decision.next;
  }

  it("allows four failures, then locks for 30 s, doubling up to 15 min", () => {
    expect([1, 2, 3, 4].map((n) => lockSecondsAfter(n, policy))).toEqual([0, 0, 0, 0]);
    expect([5, 6, 7, 8, 9, 10, 11, 40].map((n) => lockSecondsAfter(n, policy))).toEqual([
      30, 60, 120, 240, 480, 900, 900, 900,
    ]);
  });

  it("refuses while locked with the remaining time, without counting", () => {
    let state = emptyThrottleState;
    for (let i = 0; i < 5; i++) state = fail(state, at(i));
    const refused = beginAttempt(state, at(10), policy);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 24 });
    expect(lockedFor(state, at(10))).toBe(24);
    expect(beginAttempt(state, at(34), policy).allowed).toBe(true);
  });

  it("never locks longer than the maximum after the last counted failure", () => {
    let state = emptyThrottleState;
    let now = 0;
    for (let i = 0; i < 30; i++) {
      state = fail(state, at(now));
      now += lockedFor(state, at(now));
    }
    expect(lockedFor(state, at(now - 1))).toBeLessThanOrEqual(900);
  });

  it("forgets after the decay time without failures", () => {
    let state = emptyThrottleState;
    for (let i = 0; i < 4; i++) state = fail(state, at(i));
    state = fail(state, at(3 + 3601));
    expect(state.failures).toBe(1);
    expect(state.lockedUntil).toBeNull();
  });

  it("a complete login resets an account; a partial success only gives the attempt back", () => {
    let state = emptyThrottleState;
    for (let i = 0; i < 5; i++) state = fail(state, at(i));
    expect(attemptSucceeded(state, "reset", policy)).toEqual(emptyThrottleState);
    const given = attemptSucceeded(state, "giveBack", policy);
    expect(given.failures).toBe(4);
    expect(given.lockedUntil).toBeNull();
  });

  it("an account past its ceiling leaves each address a single free attempt, never a lock of its own", () => {
    let account = emptyThrottleState;
    for (let i = 0; i < 100; i++) {
      const decision = beginAttempt(account, at(i), countingOnly(policy));
      expect(decision.allowed).toBe(true);
      if (decision.allowed) account = decision.next;
    }
    expect(account.lockedUntil).toBeNull();
    expect(effectivePolicy(policy, { ceiling: 101, state: account }, at(100)).freeAttempts).toBe(5);
    expect(effectivePolicy(policy, { ceiling: 100, state: account }, at(100)).freeAttempts).toBe(1);
    // Forgotten with the counter's decay.
    expect(effectivePolicy(policy, { ceiling: 100, state: account }, at(99 + 3601)).freeAttempts).toBe(5);
  });
});
