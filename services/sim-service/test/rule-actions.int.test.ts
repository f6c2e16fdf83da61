// ChangeSimStatusByRule: rule-service's status actions. Only a caller with
// the rule-service key gets in (no user's token stands behind a rule); the
// platform makes the change through the state machine, with reason `rule`
// for a suspension and the rule as the actor; a SIM already moved by a rule
// answers unchanged (a retried action); an illegal transition and another
// organization's SIM are refused like any other change.
import { randomBytes, randomUUID } from "node:crypto";
import type { SimServiceMethods } from "@simhub/contracts";
import {
  createGrpcClient,
  createLogger,
  createMetrics,
  type GrpcClient,
  ruleServiceKeyHeader,
} from "@simhub/platform";
import { afterAll, beforeAll, expect, it } from "vitest";
import { platformAdmin, type SimHarness, simInput, startHarness } from "./harness.ts";
import { iccidFrom } from "./support.ts";

const key = randomBytes(32).toString("base64url");
const orgId = randomUUID();
const ruleId = randomUUID();
let h: SimHarness;
let next = 9_000;

function ruleClient(presented: string | undefined): GrpcClient<SimServiceMethods> {
  return createGrpcClient<SimServiceMethods>("sim", `127.0.0.1:${h.runtime.grpcPort}`, {
    logger: createLogger("test", "silent"),
    metrics: createMetrics("test"),
    deadlineMs: 10_000,
    breaker: { volumeThreshold: 1_000_000 },
    ...(presented ? { metadata: { [ruleServiceKeyHeader]: presented } } : {}),
  });
}

async function simIn(status: string) {
  const iccid = iccidFrom(next++);
  await h.client.ImportSims({ orgId, sims: [simInput({ iccid })] }, h.as(platformAdmin));
  await h
    .db("sims")
    .where({ iccid })
    .update({ status, has_been_active: status === "active" });
  return iccid;
}

beforeAll(async () => {
  h = await startHarness({ RULE_SERVICE_KEY: key });
  h.peers.world.organizations.set(orgId, { name: "Org", status: "active" });
});

afterAll(async () => {
  await h?.stop();
});

it("refuses a caller without the key, or with another", async () => {
  const iccid = await simIn("active");
  for (const presented of [undefined, randomBytes(32).toString("base64url")]) {
    const client = ruleClient(presented);
    await expect(
      client.ChangeSimStatusByRule({ iccid, orgId, status: "suspended", ruleId }),
    ).rejects.toMatchObject({
      kind: "forbidden",
      code: "RULE_CALLER_REQUIRED",
    });
    client.close();
  }
  expect((await h.db("sims").where({ iccid }).first()).status).toBe("active");
});

it("suspends with reason rule as the platform, once; a repeated call is unchanged", async () => {
  const client = ruleClient(key);
  const iccid = await simIn("active");
  const first = await client.ChangeSimStatusByRule({ iccid, orgId, status: "suspended", ruleId });
  expect(first).toMatchObject({ status: "suspended", changed: true });
  const row = await h.db("sims").where({ iccid }).first();
  expect(row).toMatchObject({ status: "suspended", status_reason: "rule" });
  const again = await client.ChangeSimStatusByRule({ iccid, orgId, status: "suspended", ruleId });
  expect(again).toMatchObject({ status: "suspended", changed: false });
  const history = await h.db("sim_history").where({ iccid, kind: "status_changed" });
  expect(history).toHaveLength(1);
  expect(history[0]).toMatchObject({ actor_role: "system", actor_user_id: `rule:${ruleId}` });
  client.close();
});

it("refuses an illegal transition and another organization's SIM", async () => {
  const client = ruleClient(key);
  const blank = await simIn("blank");
  await expect(
    client.ChangeSimStatusByRule({ iccid: blank, orgId, status: "suspended", ruleId }),
  ).rejects.toMatchObject({
    kind: "rule",
    code: "INVALID_STATUS_TRANSITION",
  });
  const active = await simIn("active");
  await expect(
    client.ChangeSimStatusByRule({ iccid: active, orgId: randomUUID(), status: "suspended", ruleId }),
  ).rejects.toMatchObject({ kind: "not_found" });
  await expect(
    client.ChangeSimStatusByRule({ iccid: active, orgId, status: "nope", ruleId }),
  ).rejects.toMatchObject({
    kind: "invalid",
  });
  expect((await h.db("sims").where({ iccid: active }).first()).status).toBe("active");
  client.close();
});
