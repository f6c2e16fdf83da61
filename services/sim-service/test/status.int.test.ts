// Status changes over gRPC against real PostgreSQL and NATS: every (from, to)
// pair of the table for several roles, suspension reasons, who lifts a
// system suspension, the "never back to blank/activation" rule, history and
// SimStatusChanged. (The state machine itself is tested exhaustively, with
// every role and reason, in test/domain/status.unit.test.ts.)
import { randomUUID } from "node:crypto";
import type { SimStatus } from "@simhub/contracts";
import type { Principal } from "@simhub/platform";
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
import { iccidFrom, rejection } from "./support.ts";

let h: SimHarness;
const orgId = randomUUID();
const companyId = randomUUID();
const endUserId = randomUUID();
let next = 1;

// API.md, "SIM status", verbatim.
const table: Record<SimStatus, SimStatus[]> = {
  not_available: ["pending", "archived"],
  blank: ["pending", "activation", "active", "archived"],
  pending: ["activation", "active", "suspended", "invalid"],
  invalid: ["pending", "archived"],
  activation: ["active", "suspended", "archived"],
  active: ["suspended", "archived"],
  suspended: ["active", "archived"],
  archived: [],
};
const statuses = Object.keys(table) as SimStatus[];

beforeAll(async () => {
  h = await startHarness();
  h.peers.world.organizations.set(orgId, { name: "Org", status: "active" });
  h.peers.world.companies.set(companyId, { orgId, name: "Co", status: "active" });
  h.peers.world.endUsers.set(endUserId, { companyId, orgId, username: "user" });
});

afterAll(async () => {
  await h?.stop();
});

/** A SIM of the company and its end user, put straight into `status` (the setup, not the subject). */
async function simIn(status: string, options: { reason?: string; hasBeenActive?: boolean } = {}) {
  const iccid = iccidFrom(next++);
  await h.client.ImportSims({ orgId, sims: [simInput({ iccid })] }, h.as(platformAdmin));
  await h.client.AssignSimToCompany({ iccid, companyId }, h.as(platformAdmin));
  await h.client.AssignSimToEndUser({ iccid, endUserId }, h.as(platformAdmin));
  await h
    .db("sims")
    .where({ iccid })
    .update({
      status,
      status_reason: status === "suspended" ? (options.reason ?? "user") : null,
      has_been_active: options.hasBeenActive ?? (status === "active" || status === "suspended"),
    });
  return iccid;
}

/** Many SIMs at once, one per entry of `states` (setup by SQL: the assignment is not under test here). */
async function simsIn(states: readonly string[]): Promise<string[]> {
  const iccids = states.map(() => iccidFrom(next++));
  await h.client.ImportSims({ orgId, sims: iccids.map((iccid) => simInput({ iccid })) }, h.as(platformAdmin));
  for (const [position, iccid] of iccids.entries()) {
    const status = states[position]!;
    await h
      .db("sims")
      .where({ iccid })
      .update({
        company_id: companyId,
        end_user_id: endUserId,
        status,
        status_reason: status === "suspended" ? "user" : null,
        has_been_active: status === "active" || status === "suspended",
      });
  }
  return iccids;
}

type Outcome = "ok" | "INVALID_STATUS_TRANSITION" | "STATUS_CHANGE_FORBIDDEN";

function expected(role: string, from: SimStatus, to: SimStatus): Outcome {
  if (role === "end_user") return "STATUS_CHANGE_FORBIDDEN";
  const hasBeenActive = from === "active" || from === "suspended";
  if (!table[from]!.includes(to)) return "INVALID_STATUS_TRANSITION";
  if (hasBeenActive && (to === "blank" || to === "activation")) return "INVALID_STATUS_TRANSITION";
  if (role === "company_admin" || role === "company_staff") {
    const suspend = from === "active" && to === "suspended";
    const resume = from === "suspended" && to === "active";
    return suspend || resume ? "ok" : "STATUS_CHANGE_FORBIDDEN";
  }
  return "ok";
}

const callers: Record<string, () => Principal> = {
  org_admin: () => orgAdminOf(orgId),
  org_staff: () => orgStaffOf(orgId),
  company_admin: () => companyAdminOf(orgId, companyId),
  company_staff: () => companyStaffOf(orgId, companyId),
  end_user: () => endUserOf(orgId, companyId, endUserId),
  platform_admin: () => platformAdmin,
};

describe("every (from, to) pair through the API", () => {
  for (const role of Object.keys(callers)) {
    it(`as ${role}`, async () => {
      const caller = callers[role]!();
      const failures: string[] = [];
      const pairs = statuses.flatMap((from) => statuses.map((to) => [from, to] as const));
      const iccids = await simsIn(pairs.map(([from]) => from));
      for (const [position, [from, to]] of pairs.entries()) {
        const iccid = iccids[position]!;
        const reason = to === "suspended" ? "user" : "";
        const want = expected(role, from, to);
        let got: string;
        try {
          const sim = await h.client.ChangeSimStatus({ iccid, status: to, reason }, h.as(caller));
          got = sim.status === to && sim.statusReason === reason ? "ok" : `ok but ${sim.status}`;
        } catch (error) {
          got = (error as { code: string }).code;
          const row = await h.db("sims").where({ iccid }).first();
          if (row.status !== from) got = `${got} but the status changed to ${row.status}`;
        }
        if (got !== want) failures.push(`${from} → ${to}: expected ${want}, got ${got}`);
      }
      expect(failures).toEqual([]);
    });
  }
});

describe("suspension reasons", () => {
  it("requires a reason to suspend and refuses one otherwise (400 naming the field)", async () => {
    const active = await simIn("active");
    expect(
      await rejection(
        h.client.ChangeSimStatus({ iccid: active, status: "suspended", reason: "" }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "invalid", code: "STATUS_REASON_REQUIRED", errors: [{ path: "reason" }] });
    expect(
      await rejection(
        h.client.ChangeSimStatus(
          { iccid: active, status: "suspended", reason: "boredom" },
          h.as(platformAdmin),
        ),
      ),
    ).toMatchObject({ kind: "invalid", code: "STATUS_REASON_NOT_ALLOWED" });
    expect(
      await rejection(
        h.client.ChangeSimStatus({ iccid: active, status: "archived", reason: "user" }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "invalid", code: "STATUS_REASON_NOT_ALLOWED" });
    expect(
      await rejection(
        // A number the enum does not have (a newer peer's status).
        h.client.ChangeSimStatus(
          { iccid: active, status: 99 as unknown as SimStatus, reason: "" },
          h.as(platformAdmin),
        ),
      ),
    ).toMatchObject({ kind: "invalid", errors: [{ path: "status" }] });
  });

  it("lets company users suspend only with reason user", async () => {
    const active = await simIn("active");
    expect(
      await rejection(
        h.client.ChangeSimStatus(
          { iccid: active, status: "suspended", reason: "rule" },
          h.as(callers.company_admin!()),
        ),
      ),
    ).toMatchObject({ kind: "forbidden", code: "STATUS_CHANGE_FORBIDDEN" });
    const sim = await h.client.ChangeSimStatus(
      { iccid: active, status: "suspended", reason: "user" },
      h.as(callers.company_staff!()),
    );
    expect(sim).toMatchObject({ status: "suspended", statusReason: "user", statusId: 4 });
  });

  it("lifts a system suspension only by an org admin (or the platform admin)", async () => {
    for (const [role, outcome] of [
      ["company_admin", "STATUS_CHANGE_FORBIDDEN"],
      ["org_staff", "STATUS_CHANGE_FORBIDDEN"],
      ["org_admin", "ok"],
      ["platform_admin", "ok"],
    ] as const) {
      const iccid = await simIn("suspended", { reason: "system" });
      const result = await h.client
        .ChangeSimStatus({ iccid, status: "active", reason: "" }, h.as(callers[role]!()))
        .then(
          () => "ok",
          (error) => (error as { code: string }).code,
        );
      expect([role, result]).toEqual([role, outcome]);
    }
    // A suspension by a rule is lifted by company users too.
    const byRule = await simIn("suspended", { reason: "rule" });
    expect(
      (
        await h.client.ChangeSimStatus(
          { iccid: byRule, status: "active", reason: "" },
          h.as(callers.company_admin!()),
        )
      ).status,
    ).toBe("active");
  });

  it("never takes a SIM that has been active back to activation", async () => {
    const iccid = await simIn("pending", { hasBeenActive: true });
    expect(
      await rejection(
        h.client.ChangeSimStatus({ iccid, status: "activation", reason: "" }, h.as(platformAdmin)),
      ),
    ).toMatchObject({ kind: "rule", code: "INVALID_STATUS_TRANSITION" });
    // Going active records it.
    const fresh = await simIn("blank");
    await h.client.ChangeSimStatus({ iccid: fresh, status: "active", reason: "" }, h.as(platformAdmin));
    expect((await h.db("sims").where({ iccid: fresh }).first()).has_been_active).toBe(true);
  });

  it("keeps the SIM invisible to the internal service role and to other tenants", async () => {
    const iccid = await simIn("active");
    expect(
      await rejection(
        h.client.ChangeSimStatus({ iccid, status: "suspended", reason: "user" }, h.as(internalService)),
      ),
    ).toMatchObject({ kind: "not_found" });
    expect(
      await rejection(
        h.client.ChangeSimStatus(
          { iccid, status: "suspended", reason: "user" },
          h.as(orgAdminOf(randomUUID())),
        ),
      ),
    ).toMatchObject({ kind: "not_found" });
    expect(
      await rejection(
        h.client.ChangeSimStatus(
          { iccid, status: "suspended", reason: "user" },
          h.as(companyAdminOf(orgId, randomUUID())),
        ),
      ),
    ).toMatchObject({ kind: "not_found" });
  });
});

describe("history and events of status changes", () => {
  it("records each change with its actor and publishes SimStatusChanged", async () => {
    const iccid = await simIn("blank");
    const orgAdmin = orgAdminOf(orgId);
    const companyAdmin = companyAdminOf(orgId, companyId);
    await h.client.ChangeSimStatus({ iccid, status: "active", reason: "" }, h.as(orgAdmin));
    await h.client.ChangeSimStatus({ iccid, status: "suspended", reason: "user" }, h.as(companyAdmin));
    const history = await h.db("sim_history").where({ iccid, kind: "status_changed" }).orderBy("id");
    expect(history).toEqual([
      expect.objectContaining({
        actor_user_id: orgAdmin.userId,
        actor_role: "org_admin",
        before: { status: "blank", statusReason: null },
        after: { status: "active", statusReason: null },
      }),
      expect.objectContaining({
        actor_user_id: companyAdmin.userId,
        actor_role: "company_admin",
        before: { status: "active", statusReason: null },
        after: { status: "suspended", statusReason: "user" },
      }),
    ]);
    const events = (await h.events("SimStatusChanged", 2)).filter((event) => event.subject === iccid);
    expect(events.map((event) => event.data)).toEqual([
      { iccid, orgId, companyId, from: "blank", to: "active", reason: null, actor: orgAdmin.userId },
      {
        iccid,
        orgId,
        companyId,
        from: "active",
        to: "suspended",
        reason: "user",
        actor: companyAdmin.userId,
      },
    ]);
    expect(events[0]).toMatchObject({ orgid: orgId, companyid: companyId, source: "simhub/sim-service" });
  });
});
