import { describe, expect, it } from "vitest";
import {
  decideStatusChange,
  initialStatusForImport,
  isSimStatus,
  isSuspensionReason,
  SIM_STATUS_IDS,
  SIM_STATUS_TRANSITIONS,
  SIM_STATUSES,
  type SimStatus,
  type StatusActorRole,
  type SuspensionReason,
  simStatusFromId,
  simStatusId,
  statusAfterPlanAssigned,
} from "../../src/domain/status.ts";

// Written out again from API.md ("SIM status"), independently of the module,
// so a typo in either one fails the matrix below.
const STATUSES = [
  "pending",
  "invalid",
  "active",
  "suspended",
  "not_available",
  "blank",
  "activation",
  "archived",
] as const satisfies readonly SimStatus[];

const IDS: Record<SimStatus, number> = {
  pending: 1,
  invalid: 2,
  active: 3,
  suspended: 4,
  not_available: 5,
  blank: 6,
  activation: 7,
  archived: 8,
};

const ALLOWED = new Set<string>([
  "not_available>pending",
  "not_available>archived",
  "blank>pending",
  "blank>activation",
  "blank>active",
  "blank>archived",
  "pending>activation",
  "pending>active",
  "pending>suspended",
  "pending>invalid",
  "invalid>pending",
  "invalid>archived",
  "activation>active",
  "activation>suspended",
  "activation>archived",
  "active>suspended",
  "active>archived",
  "suspended>active",
  "suspended>archived",
]);

const ROLES = [
  "platform_admin",
  "org_admin",
  "org_staff",
  "company_admin",
  "company_staff",
  "end_user",
  "system",
] as const satisfies readonly StatusActorRole[];

const REASONS = ["user", "rule", "system"] as const satisfies readonly SuspensionReason[];

const ORG_LEVEL: readonly StatusActorRole[] = ["platform_admin", "org_admin", "org_staff", "system"];
const COMPANY_LEVEL: readonly StatusActorRole[] = ["company_admin", "company_staff"];

function isAllowed(from: SimStatus, to: SimStatus): boolean {
  return ALLOWED.has(`${from}>${to}`);
}

// Whether a SIM in `from` could have been active, as the store would say; for
// `suspended` both histories are possible and are covered separately.
function realisticHasBeenActive(from: SimStatus): boolean {
  return from === "active" || from === "suspended";
}

describe("status ids and table", () => {
  it("uses the webhook Status Model ids", () => {
    expect(SIM_STATUS_IDS).toEqual(IDS);
    for (const status of STATUSES) {
      expect(simStatusId(status)).toBe(IDS[status]);
      expect(simStatusFromId(IDS[status])).toBe(status);
    }
    expect(simStatusFromId(0)).toBeUndefined();
    expect(simStatusFromId(9)).toBeUndefined();
  });

  it("lists exactly the eight statuses", () => {
    expect([...SIM_STATUSES].sort()).toEqual([...STATUSES].sort());
  });

  it("exports the table of API.md", () => {
    const exported = new Set<string>();
    for (const from of STATUSES) {
      for (const to of SIM_STATUS_TRANSITIONS[from]) exported.add(`${from}>${to}`);
    }
    expect([...exported].sort()).toEqual([...ALLOWED].sort());
    expect(SIM_STATUS_TRANSITIONS.archived).toEqual([]);
  });

  it("recognises statuses and reasons", () => {
    for (const status of STATUSES) expect(isSimStatus(status)).toBe(true);
    for (const value of ["", "Active", "deleted", "toString", "__proto__", 3, null, undefined]) {
      expect(isSimStatus(value)).toBe(false);
    }
    for (const reason of REASONS) expect(isSuspensionReason(reason)).toBe(true);
    for (const value of ["", "User", "admin", "toString", 1, null, undefined]) {
      expect(isSuspensionReason(value)).toBe(false);
    }
  });
});

describe("decideStatusChange: every (from, to) pair for every role", () => {
  const cases: { from: SimStatus; to: SimStatus; role: StatusActorRole; expected: string }[] = [];
  for (const from of STATUSES) {
    for (const to of STATUSES) {
      for (const role of ROLES) {
        let expected: string;
        if (role === "end_user") expected = "STATUS_CHANGE_FORBIDDEN";
        else if (!isAllowed(from, to)) expected = "INVALID_STATUS_TRANSITION";
        else if (ORG_LEVEL.includes(role)) expected = "ok";
        else if ((from === "active" && to === "suspended") || (from === "suspended" && to === "active"))
          expected = "ok";
        else expected = "STATUS_CHANGE_FORBIDDEN";
        cases.push({ from, to, role, expected });
      }
    }
  }

  it("covers 8 × 8 × 7 cases", () => {
    expect(cases).toHaveLength(448);
  });

  it.each(cases)("$role: $from → $to is $expected", ({ from, to, role, expected }) => {
    const decision = decideStatusChange({
      from,
      to,
      reason: to === "suspended" ? "user" : null,
      actorRole: role,
      hasBeenActive: realisticHasBeenActive(from),
      currentSuspensionReason: from === "suspended" ? "user" : null,
    });
    if (expected === "ok") {
      expect(decision).toEqual({
        ok: true,
        status: to,
        reason: to === "suspended" ? "user" : null,
        hasBeenActive: realisticHasBeenActive(from) || to === "active",
      });
    } else {
      expect(decision.ok).toBe(false);
      if (!decision.ok) {
        expect(decision.code).toBe(expected);
        expect(decision.message.length).toBeGreaterThan(0);
      }
    }
  });

  it("allows exactly the 19 transitions of the table to org-level actors", () => {
    for (const role of ORG_LEVEL) {
      let allowed = 0;
      for (const from of STATUSES) {
        for (const to of STATUSES) {
          const decision = decideStatusChange({
            from,
            to,
            reason: to === "suspended" ? "user" : null,
            actorRole: role,
            hasBeenActive: false,
            currentSuspensionReason: from === "suspended" ? "user" : null,
          });
          if (decision.ok) allowed++;
        }
      }
      expect(allowed).toBe(19);
    }
  });
});

describe("archived is terminal", () => {
  it.each(
    STATUSES.flatMap((to) => ROLES.filter((role) => role !== "end_user").map((role) => ({ to, role }))),
  )("$role cannot move an archived SIM to $to", ({ to, role }) => {
    for (const hasBeenActive of [false, true]) {
      const decision = decideStatusChange({
        from: "archived",
        to,
        reason: to === "suspended" ? "system" : null,
        actorRole: role,
        hasBeenActive,
      });
      expect(decision).toMatchObject({ ok: false, code: "INVALID_STATUS_TRANSITION" });
    }
  });
});

describe("a SIM never returns to blank or activation once it has been active", () => {
  it.each(ORG_LEVEL)("%s cannot move a once-active pending or blank SIM to activation", (role) => {
    for (const from of ["pending", "blank"] as const) {
      expect(
        decideStatusChange({ from, to: "activation", actorRole: role, hasBeenActive: true }),
      ).toMatchObject({ ok: false, code: "INVALID_STATUS_TRANSITION" });
      // The same edge is fine for a SIM that was never active.
      expect(decideStatusChange({ from, to: "activation", actorRole: role, hasBeenActive: false })).toEqual({
        ok: true,
        status: "activation",
        reason: null,
        hasBeenActive: false,
      });
    }
  });

  it("never lets any status reach blank or activation from a once-active SIM", () => {
    for (const from of STATUSES) {
      for (const to of ["blank", "activation"] as const) {
        for (const role of ROLES) {
          const decision = decideStatusChange({ from, to, actorRole: role, hasBeenActive: true });
          expect(decision.ok).toBe(false);
        }
      }
    }
  });

  it("treats a SIM leaving active as having been active even if the flag says otherwise", () => {
    for (const to of STATUSES) {
      const decision = decideStatusChange({
        from: "active",
        to,
        reason: to === "suspended" ? "user" : null,
        actorRole: "org_admin",
        hasBeenActive: false,
      });
      if (decision.ok) expect(decision.hasBeenActive).toBe(true);
      if (to === "blank" || to === "activation") {
        expect(decision).toMatchObject({ ok: false, code: "INVALID_STATUS_TRANSITION" });
      }
    }
  });

  it("reports the SIM as having been active once it becomes active", () => {
    for (const from of ["blank", "pending", "activation", "suspended"] as const) {
      const decision = decideStatusChange({
        from,
        to: "active",
        actorRole: "system",
        hasBeenActive: false,
        currentSuspensionReason: "user",
      });
      expect(decision).toMatchObject({ ok: true, status: "active", reason: null, hasBeenActive: true });
    }
  });

  it("keeps a once-active SIM once-active through suspension and archive", () => {
    expect(
      decideStatusChange({
        from: "active",
        to: "suspended",
        reason: "rule",
        actorRole: "system",
        hasBeenActive: true,
      }),
    ).toEqual({ ok: true, status: "suspended", reason: "rule", hasBeenActive: true });
    expect(
      decideStatusChange({ from: "suspended", to: "archived", actorRole: "org_staff", hasBeenActive: true }),
    ).toEqual({ ok: true, status: "archived", reason: null, hasBeenActive: true });
  });

  it("still allows the table's other edges for a once-active SIM", () => {
    // pending → suspended / invalid / active and blank → pending stay legal.
    for (const [from, to] of [
      ["pending", "active"],
      ["pending", "invalid"],
      ["blank", "pending"],
      ["invalid", "pending"],
    ] as const) {
      expect(decideStatusChange({ from, to, actorRole: "org_staff", hasBeenActive: true }).ok).toBe(true);
    }
  });
});

describe("suspension reasons", () => {
  const suspendable = STATUSES.filter((from) => isAllowed(from, "suspended"));

  it("has pending, activation and active as the only statuses that can be suspended", () => {
    expect([...suspendable].sort()).toEqual(["activation", "active", "pending"]);
  });

  it.each(ROLES.filter((role) => role !== "end_user"))("%s must give a reason to suspend", (role) => {
    for (const from of suspendable) {
      for (const reason of [null, undefined] as const) {
        expect(
          decideStatusChange({
            from,
            to: "suspended",
            reason,
            actorRole: role,
            hasBeenActive: from === "active",
          }),
        ).toMatchObject({ ok: false, code: "STATUS_REASON_REQUIRED" });
      }
      expect(
        decideStatusChange({ from, to: "suspended", actorRole: role, hasBeenActive: from === "active" }),
      ).toMatchObject({ ok: false, code: "STATUS_REASON_REQUIRED" });
    }
  });

  it.each(ORG_LEVEL)("%s may suspend with any of user, rule and system; the reason is kept", (role) => {
    for (const from of suspendable) {
      for (const reason of REASONS) {
        expect(
          decideStatusChange({
            from,
            to: "suspended",
            reason,
            actorRole: role,
            hasBeenActive: from === "active",
          }),
        ).toEqual({ ok: true, status: "suspended", reason, hasBeenActive: from === "active" });
      }
    }
  });

  it.each(COMPANY_LEVEL)("%s suspends an active SIM only with reason user", (role) => {
    expect(
      decideStatusChange({
        from: "active",
        to: "suspended",
        reason: "user",
        actorRole: role,
        hasBeenActive: true,
      }),
    ).toEqual({ ok: true, status: "suspended", reason: "user", hasBeenActive: true });
    for (const reason of ["rule", "system"] as const) {
      expect(
        decideStatusChange({ from: "active", to: "suspended", reason, actorRole: role, hasBeenActive: true }),
      ).toMatchObject({ ok: false, code: "STATUS_CHANGE_FORBIDDEN" });
    }
  });

  it.each(COMPANY_LEVEL)("%s cannot suspend a pending or activation SIM", (role) => {
    for (const from of ["pending", "activation"] as const) {
      expect(
        decideStatusChange({ from, to: "suspended", reason: "user", actorRole: role, hasBeenActive: false }),
      ).toMatchObject({ ok: false, code: "STATUS_CHANGE_FORBIDDEN" });
    }
  });

  it("refuses a reason value outside user, rule, system", () => {
    for (const reason of ["", "admin", "USER", "toString"]) {
      const decision = decideStatusChange({
        from: "active",
        to: "suspended",
        reason: reason as SuspensionReason,
        actorRole: "org_admin",
        hasBeenActive: true,
      });
      // "" is a present but meaningless reason, not a missing one.
      expect(decision).toMatchObject({ ok: false, code: "STATUS_REASON_NOT_ALLOWED" });
    }
  });

  it("refuses a reason on every allowed transition to a status other than suspended", () => {
    for (const from of STATUSES) {
      for (const to of STATUSES) {
        if (to === "suspended" || !isAllowed(from, to)) continue;
        for (const role of ORG_LEVEL) {
          for (const reason of REASONS) {
            const decision = decideStatusChange({
              from,
              to,
              reason,
              actorRole: role,
              hasBeenActive: realisticHasBeenActive(from),
              currentSuspensionReason: "user",
            });
            expect(decision).toMatchObject({ ok: false, code: "STATUS_REASON_NOT_ALLOWED" });
          }
        }
      }
    }
  });

  it("refuses a reason on resume for company users too", () => {
    expect(
      decideStatusChange({
        from: "suspended",
        to: "active",
        reason: "user",
        actorRole: "company_staff",
        hasBeenActive: true,
        currentSuspensionReason: "user",
      }),
    ).toMatchObject({ ok: false, code: "STATUS_REASON_NOT_ALLOWED" });
  });

  it("checks the transition before the reason", () => {
    expect(
      decideStatusChange({
        from: "suspended",
        to: "suspended",
        reason: "rule",
        actorRole: "org_admin",
        hasBeenActive: true,
      }),
    ).toMatchObject({ ok: false, code: "INVALID_STATUS_TRANSITION" });
    expect(
      decideStatusChange({
        from: "blank",
        to: "invalid",
        reason: "user",
        actorRole: "org_admin",
        hasBeenActive: false,
      }),
    ).toMatchObject({ ok: false, code: "INVALID_STATUS_TRANSITION" });
  });

  it("checks the reason before the role", () => {
    expect(
      decideStatusChange({
        from: "active",
        to: "suspended",
        actorRole: "company_staff",
        hasBeenActive: true,
      }),
    ).toMatchObject({ ok: false, code: "STATUS_REASON_REQUIRED" });
    expect(
      decideStatusChange({
        from: "blank",
        to: "archived",
        reason: "user",
        actorRole: "company_admin",
        hasBeenActive: false,
      }),
    ).toMatchObject({ ok: false, code: "STATUS_REASON_NOT_ALLOWED" });
  });
});

describe("a suspension by system lifts only by system or an org admin", () => {
  const LIFTERS: readonly StatusActorRole[] = ["system", "org_admin", "platform_admin"];

  it.each(ROLES)("%s lifting a system suspension", (role) => {
    const decision = decideStatusChange({
      from: "suspended",
      to: "active",
      actorRole: role,
      hasBeenActive: true,
      currentSuspensionReason: "system",
    });
    if (LIFTERS.includes(role)) {
      expect(decision).toEqual({ ok: true, status: "active", reason: null, hasBeenActive: true });
    } else {
      expect(decision).toMatchObject({ ok: false, code: "STATUS_CHANGE_FORBIDDEN" });
    }
  });

  it.each(ROLES)("%s lifting a user or rule suspension", (role) => {
    for (const current of ["user", "rule"] as const) {
      const decision = decideStatusChange({
        from: "suspended",
        to: "active",
        actorRole: role,
        hasBeenActive: true,
        currentSuspensionReason: current,
      });
      if (role === "end_user") expect(decision).toMatchObject({ ok: false, code: "STATUS_CHANGE_FORBIDDEN" });
      else expect(decision).toEqual({ ok: true, status: "active", reason: null, hasBeenActive: true });
    }
  });

  it("treats an unknown current suspension reason as a system one", () => {
    for (const current of [null, undefined, "bogus" as SuspensionReason]) {
      expect(
        decideStatusChange({
          from: "suspended",
          to: "active",
          actorRole: "org_staff",
          hasBeenActive: true,
          currentSuspensionReason: current,
        }),
      ).toMatchObject({ ok: false, code: "STATUS_CHANGE_FORBIDDEN" });
      expect(
        decideStatusChange({
          from: "suspended",
          to: "active",
          actorRole: "org_admin",
          hasBeenActive: true,
          currentSuspensionReason: current,
        }).ok,
      ).toBe(true);
    }
  });

  it("lets org staff archive a system-suspended SIM (archiving is not lifting)", () => {
    expect(
      decideStatusChange({
        from: "suspended",
        to: "archived",
        actorRole: "org_staff",
        hasBeenActive: true,
        currentSuspensionReason: "system",
      }),
    ).toEqual({ ok: true, status: "archived", reason: null, hasBeenActive: true });
  });

  it("does not let company users archive a suspended SIM", () => {
    for (const role of COMPANY_LEVEL) {
      expect(
        decideStatusChange({
          from: "suspended",
          to: "archived",
          actorRole: role,
          hasBeenActive: true,
          currentSuspensionReason: "user",
        }),
      ).toMatchObject({ ok: false, code: "STATUS_CHANGE_FORBIDDEN" });
    }
  });
});

describe("end users and unknown input", () => {
  it("refuses end users even an allowed, well-formed change", () => {
    expect(
      decideStatusChange({
        from: "active",
        to: "suspended",
        reason: "user",
        actorRole: "end_user",
        hasBeenActive: true,
      }),
    ).toEqual({
      ok: false,
      code: "STATUS_CHANGE_FORBIDDEN",
      message: "end users cannot change a SIM's status",
    });
  });

  it("refuses an unknown actor role", () => {
    expect(
      decideStatusChange({
        from: "active",
        to: "archived",
        actorRole: "superuser" as StatusActorRole,
        hasBeenActive: true,
      }),
    ).toMatchObject({ ok: false, code: "STATUS_CHANGE_FORBIDDEN" });
  });

  it("refuses unknown statuses as invalid transitions", () => {
    expect(
      decideStatusChange({
        from: "deleted" as SimStatus,
        to: "active",
        actorRole: "system",
        hasBeenActive: false,
      }),
    ).toMatchObject({ ok: false, code: "INVALID_STATUS_TRANSITION" });
    expect(
      decideStatusChange({
        from: "active",
        to: "toString" as SimStatus,
        actorRole: "system",
        hasBeenActive: true,
      }),
    ).toMatchObject({ ok: false, code: "INVALID_STATUS_TRANSITION" });
  });
});

describe("import and plan assignment", () => {
  it("starts a SIM blank with an operator integration, not_available without", () => {
    expect(initialStatusForImport(true)).toBe("blank");
    expect(initialStatusForImport(false)).toBe("not_available");
  });

  it("moves only a blank SIM to activation when a plan is assigned", () => {
    for (const status of STATUSES) {
      expect(statusAfterPlanAssigned(status)).toBe(status === "blank" ? "activation" : status);
    }
  });

  it("agrees with the table: blank → activation is an allowed edge", () => {
    expect(isAllowed("blank", statusAfterPlanAssigned("blank"))).toBe(true);
    for (const hasIntegration of [true, false]) {
      const initial = initialStatusForImport(hasIntegration);
      expect(isSimStatus(initial)).toBe(true);
      expect(SIM_STATUS_TRANSITIONS[initial].length).toBeGreaterThan(0);
    }
  });
});
