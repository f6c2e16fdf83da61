// The tenant-isolation matrix. Two organizations, each with two companies,
// staff at every level, end users and SIMs. Every endpoint of the gateway's
// route registry is called by every role of tenant A with the ids of other
// tenants substituted in path, query and body (all at once, and one slot at
// a time beside the caller's own ids). For each call:
//   - no response mentions another tenant's object unless the request did;
//   - an object of another tenant in the path is never answered 2xx;
//   - the answer equals the answer for ids that do not exist at all (status
//     and code), so another tenant's objects cannot be told from nothing;
// and per endpoint: no row mentioning another tenant's objects changed in
// any service database; at the end: no event about them was published.
// Integrations call too: tokens of an organization's and a company's API
// key (client-credentials grant), held to the view of the key's role.
// The calls are counted and the count printed.
import { streamContexts } from "@simhub/contracts";
import type { HttpResponse, Stack } from "@simhub/testing";
import { type Receiver, startReceiver, startStack, webhookTestEnv } from "@simhub/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteSpec } from "../src/http/route.ts";
import { allRoutes } from "../src/routes/index.ts";
import {
  buildWorld,
  foreignIds,
  foreignMarkers,
  type Kind,
  machineToken,
  ownIds,
  type RoleName,
  randomIdOf,
  rowsMentioning,
  send,
  templateOf,
  tenantRoles,
  type World,
} from "./matrix-support.ts";

const MAX_CANDIDATES = 3;

let stack: Stack;
let receiver: Receiver;
let world: World;
let markersAll: string[];
let eventsBefore: string[];
const calls = { total: 0, byRoute: new Map<string, number>(), byStatus: new Map<number, number>() };

async function eventsMentioning(markers: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const context of streamContexts) {
    for (const { event } of await stack.eventMessages(context)) {
      const text = JSON.stringify(event);
      if (markers.some((marker) => text.includes(marker))) found.push(`${event.type} ${event.id}`);
    }
  }
  return found.sort();
}

beforeAll(async () => {
  stack = await startStack({
    envFor: {
      // The matrix guesses wrong passwords and activation codes by design.
      "identity-service": { LOGIN_ACCOUNT_FREE_ATTEMPTS: "1000000", LOGIN_ADDRESS_FREE_ATTEMPTS: "1000000" },
      "api-gateway": { RATE_LIMIT_PER_ADDRESS: "0", RATE_LIMIT_PER_CALLER: "0" },
      "webhook-service": webhookTestEnv,
    },
  });
  receiver = await startReceiver();
  world = await buildWorld(stack, allRoutes, receiver.url);
  markersAll = [...new Set(tenantRoles.flatMap((role) => foreignMarkers(world, role)))];
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  eventsBefore = await eventsMentioning(markersAll);
}, 300_000);

afterAll(async () => {
  const byStatus = [...calls.byStatus.entries()]
    .sort(([a], [b]) => a - b)
    .map(([status, n]) => `${status}×${n}`)
    .join(" ");
  console.log(
    `tenant-isolation matrix: ${calls.total} calls over ${calls.byRoute.size} endpoints × ${tenantRoles.length} roles + ${world?.machines.length ?? 0} API keys (statuses: ${byStatus})`,
  );
  await stack?.stop();
  await receiver?.close();
});

interface Variant {
  label: string;
  values: string[];
  foreign: boolean[];
}

function variantsFor(slots: { kind: Kind }[], role: RoleName): Variant[] {
  if (slots.length === 0) return [{ label: "no ids", values: [], foreign: [] }];
  const own = ownIds(world);
  const pool = foreignIds(world, role);
  const candidates = (kind: Kind) => (pool[kind].length > 0 ? pool[kind] : [randomIdOf(kind)]);
  const variants: Variant[] = [];
  const rounds = Math.min(MAX_CANDIDATES, Math.max(...slots.map((slot) => candidates(slot.kind).length)));
  for (let j = 0; j < rounds; j++) {
    variants.push({
      label: `all foreign #${j}`,
      values: slots.map((slot) => candidates(slot.kind)[j % candidates(slot.kind).length]!),
      foreign: slots.map(() => true),
    });
  }
  if (slots.length > 1) {
    slots.forEach((slot, i) => {
      for (const candidate of candidates(slot.kind).slice(0, 2)) {
        variants.push({
          label: `only ${i} foreign`,
          values: slots.map((other, k) => (k === i ? candidate : own[other.kind])),
          foreign: slots.map((_, k) => k === i),
        });
      }
    });
  }
  return variants;
}

const codeOf = (response: HttpResponse) =>
  response.status >= 400 && response.body && typeof response.body === "object"
    ? response.body.code
    : undefined;

function count(route: RouteSpec, response: HttpResponse) {
  calls.total++;
  calls.byRoute.set(route.operationId, (calls.byRoute.get(route.operationId) ?? 0) + 1);
  calls.byStatus.set(response.status, (calls.byStatus.get(response.status) ?? 0) + 1);
}

describe("tenant isolation", () => {
  it.each(allRoutes.map((route) => [`${route.method.toUpperCase()} ${route.path}`, route] as const))(
    "%s",
    async (_label, route) => {
      const template = templateOf(route);
      const rowsBefore = await rowsMentioning(stack, markersAll);
      const violations: string[] = [];
      const callers = [
        ...tenantRoles.map((role) => ({ role, label: role, token: async () => world.tokens[role] })),
        ...world.machines.map((machine) => ({
          role: machine.role,
          label: `${machine.role} API key`,
          token: () => machineToken(stack.gatewayUrl, machine),
        })),
      ];
      for (const caller of callers) {
        const role = caller.role;
        const callerToken = await caller.token();
        const token = route.auth === false ? undefined : callerToken;
        const markers = foreignMarkers(world, role);
        for (const variant of variantsFor(template.slots, role)) {
          const request = template.build(variant.values);
          const response = await send(stack.gatewayUrl, token ?? callerToken, route.method, request);
          count(route, response);
          if (process.env.MATRIX_DEBUG && response.status === 400)
            console.log(
              "400",
              route.operationId,
              role,
              JSON.stringify(request).slice(0, 200),
              JSON.stringify(response.body).slice(0, 300),
            );
          const where = `${caller.label} ${route.method.toUpperCase()} ${request.path} (${variant.label})`;
          const requestText = JSON.stringify(request);
          const responseText =
            typeof response.body === "string" ? response.body : JSON.stringify(response.body ?? "");
          for (const marker of markers) {
            if (responseText.includes(marker) && !requestText.includes(marker)) {
              violations.push(
                `${where}: the response mentions another tenant's ${marker} → ${response.status}`,
              );
            }
          }
          const foreignInPath = template.slots.some(
            (slot, i) => slot.location === "path" && variant.foreign[i],
          );
          if (foreignInPath && response.status < 300) {
            violations.push(`${where}: another tenant's object in the path answered ${response.status}`);
          }
          if (variant.foreign.some(Boolean)) {
            const controlValues = variant.values.map((value, i) =>
              variant.foreign[i] ? randomIdOf(template.slots[i]!.kind) : value,
            );
            const control = await send(
              stack.gatewayUrl,
              token ?? callerToken,
              route.method,
              template.build(controlValues),
            );
            count(route, control);
            if (control.status !== response.status || codeOf(control) !== codeOf(response)) {
              violations.push(
                `${where}: answered ${response.status} ${codeOf(response) ?? ""} but ${control.status} ${codeOf(control) ?? ""} for ids that do not exist`,
              );
            }
          }
        }
      }
      const rowsAfter = await rowsMentioning(stack, markersAll);
      if (JSON.stringify(rowsAfter) !== JSON.stringify(rowsBefore)) {
        const before = new Set(rowsBefore);
        const after = new Set(rowsAfter);
        violations.push(
          `rows of other tenants changed: +${rowsAfter.filter((r) => !before.has(r)).join("\n+")}\n-${rowsBefore
            .filter((r) => !after.has(r))
            .join("\n-")}`,
        );
      }
      expect(violations).toEqual([]);
    },
  );

  it("published no event about another tenant's objects", async () => {
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(await eventsMentioning(markersAll)).toEqual(eventsBefore);
  });

  it("covered every endpoint of the registry", () => {
    expect([...calls.byRoute.keys()].sort()).toEqual(allRoutes.map((route) => route.operationId).sort());
  });
});
