// Use cases of webhook endpoints: create (after the echo check), read, list,
// change, delete, rotate the secret. Tenant scope is checked on every call;
// an endpoint of another tenant is 404. The echo check is a remote call, so
// it runs before any transaction is opened.
import { randomUUID } from "node:crypto";
import {
  AppError,
  enqueueEvent,
  forbidden,
  type Knex,
  notFound,
  type Principal,
  ruleBroken,
} from "@simhub/platform";
import { checkCursor, checkLimit, checkUuid, cursorAfter, Problems } from "@simhub/platform/domain";
import {
  countEndpointsOf,
  deleteEndpointRow,
  disableEndpointRow,
  findEndpoint,
  insertEndpoint,
  listEndpointRows,
  type StoredEndpoint,
  updateEndpointRow,
} from "../db/endpoints.ts";
import {
  canManageEndpointsOf,
  canSeeEndpointsOf,
  checkDescription,
  checkEvents,
  checkUrl,
  type Endpoint,
  type EndpointStatus,
  endpointStatuses,
  MAX_ENDPOINTS_PER_OWNER,
  type Owner,
  validateNewEndpoint,
} from "../domain/endpoint.ts";
import type { WebhookDeps } from "./deps.ts";
import { echoCheck } from "./echo-check.ts";
import { newSecret, ROTATION_OVERLAP_MS, sealSecret } from "./secrets.ts";

const endpointNotFound = () => notFound("WEBHOOK_NOT_FOUND", "webhook not found");
const organizationNotFound = () => notFound("ORGANIZATION_NOT_FOUND", "organization not found");
const companyNotFound = () => notFound("COMPANY_NOT_FOUND", "company not found");
const mayNotManage = () =>
  forbidden("only the platform admin, the organization's admin or the company's admin manage its webhooks");

/**
 * The owner of a new or listed endpoint, checked against the caller: a
 * company is resolved by company-service with the caller's token (404 when
 * the caller may not see it), an organization must be the caller's own.
 */
async function resolveOwner(
  deps: WebhookDeps,
  principal: Principal,
  input: { orgId: string; companyId: string },
  options: { requireActive: boolean },
): Promise<Owner> {
  const problems = new Problems();
  if (input.companyId) {
    const companyId = checkUuid(problems, "companyId", input.companyId);
    problems.throwIfAny();
    const companyUser = principal.role === "company_admin" || principal.role === "company_staff";
    if (principal.role === "end_user" || (companyUser && principal.companyId !== companyId)) {
      throw companyNotFound();
    }
    let resolved: Awaited<ReturnType<WebhookDeps["company"]["ResolveCompany"]>>;
    try {
      resolved = await deps.company.ResolveCompany({ companyId });
    } catch (error) {
      if (error instanceof AppError && (error.kind === "not_found" || error.kind === "forbidden")) {
        throw companyNotFound();
      }
      throw error;
    }
    const owner = { orgId: resolved.company?.orgId ?? "", companyId };
    if (!owner.orgId || !canSeeEndpointsOf(principal, owner)) throw companyNotFound();
    if (options.requireActive && resolved.company?.status !== "active") {
      throw ruleBroken("COMPANY_ARCHIVED", "an archived company cannot have webhooks");
    }
    return owner;
  }
  const orgId = checkUuid(problems, "orgId", input.orgId);
  problems.throwIfAny();
  const owner = { orgId, companyId: null };
  if (!canSeeEndpointsOf(principal, owner)) throw organizationNotFound();
  return owner;
}

async function requireEchoingUrl(deps: WebhookDeps, url: string) {
  const failure = await echoCheck(deps.http, url, deps.validationTimeoutMs);
  if (failure) {
    throw ruleBroken("WEBHOOK_VALIDATION_FAILED", `the URL did not pass the echo check: ${failure}`);
  }
}

export async function createEndpoint(
  deps: WebhookDeps,
  principal: Principal,
  input: { orgId: string; companyId: string; url: string; events: string[]; description: string },
): Promise<{ endpoint: Endpoint; secret: string }> {
  const fields = validateNewEndpoint(input, deps.allowHttp);
  const owner = await resolveOwner(deps, principal, input, { requireActive: true });
  if (!canManageEndpointsOf(principal, owner)) throw mayNotManage();
  if (owner.companyId === null && principal.role === "platform_admin") {
    // The platform admin may name any organization: it must exist.
    try {
      await deps.org.GetOrganization({ id: owner.orgId });
    } catch (error) {
      if (error instanceof AppError && error.kind === "not_found") throw organizationNotFound();
      throw error;
    }
  }
  if ((await countEndpointsOf(deps.db, owner)) >= MAX_ENDPOINTS_PER_OWNER) {
    throw ruleBroken(
      "WEBHOOK_LIMIT_REACHED",
      `at most ${MAX_ENDPOINTS_PER_OWNER} webhooks per organization or company`,
    );
  }
  await requireEchoingUrl(deps, fields.url);
  const id = randomUUID();
  const secret = newSecret();
  const endpoint = await insertEndpoint(deps.db, {
    id,
    ...owner,
    ...fields,
    secretSealed: sealSecret(deps.secrets, id, secret),
  });
  return { endpoint, secret };
}

/** The endpoint if the caller may see it, else 404. */
async function visibleEndpoint(
  db: Knex | Knex.Transaction,
  principal: Principal,
  id: string,
): Promise<StoredEndpoint> {
  const problems = new Problems();
  const endpointId = checkUuid(problems, "id", id);
  problems.throwIfAny();
  const endpoint = await findEndpoint(db, endpointId);
  if (!endpoint || !canSeeEndpointsOf(principal, endpoint)) throw endpointNotFound();
  return endpoint;
}

export async function manageableEndpoint(deps: WebhookDeps, principal: Principal, id: string) {
  const endpoint = await visibleEndpoint(deps.db, principal, id);
  if (!canManageEndpointsOf(principal, endpoint)) throw mayNotManage();
  return endpoint;
}

export async function visibleEndpointOf(deps: WebhookDeps, principal: Principal, id: string) {
  return visibleEndpoint(deps.db, principal, id);
}

export async function listEndpoints(
  deps: WebhookDeps,
  principal: Principal,
  input: { orgId: string; companyId: string; limit: number; cursor: string },
): Promise<{ items: Endpoint[]; nextCursor: string }> {
  const problems = new Problems();
  const limit = checkLimit(problems, input.limit);
  const afterSeq = checkCursor(problems, input.cursor);
  problems.throwIfAny();
  // The webhooks of an archived company can still be listed.
  const owner = await resolveOwner(deps, principal, input, { requireActive: false });
  const rows = await listEndpointRows(deps.db, {
    ...owner,
    afterSeq,
    limit: limit + 1,
    // The organization's list shows its companies' endpoints too.
    companiesToo: true,
  });
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? cursorAfter(items[items.length - 1]!.seq) : "" };
}

async function publishDisabled(trx: Knex.Transaction, deps: WebhookDeps, endpoint: Endpoint, reason: string) {
  await enqueueEvent(trx, deps.events, {
    type: "WebhookEndpointDisabled",
    subject: endpoint.id,
    orgId: endpoint.orgId,
    companyId: endpoint.companyId,
    data: { webhookId: endpoint.id, orgId: endpoint.orgId, companyId: endpoint.companyId, reason },
  });
}

/** Disables an active endpoint for `reason` and publishes WebhookEndpointDisabled once. */
export async function disableEndpoint(deps: WebhookDeps, endpointId: string, reason: string, cause: string) {
  const disabled = await deps.db.transaction(async (trx) => {
    const endpoint = await disableEndpointRow(trx, endpointId, reason);
    if (endpoint) await publishDisabled(trx, deps, endpoint, reason);
    return endpoint;
  });
  if (disabled) deps.metrics.endpointsDisabled.inc({ cause });
  return disabled;
}

export async function updateEndpoint(
  deps: WebhookDeps,
  principal: Principal,
  input: {
    id: string;
    url: string;
    events: string[] | undefined;
    status: string;
    description: string | undefined;
  },
): Promise<Endpoint> {
  const endpoint = await manageableEndpoint(deps, principal, input.id);
  const problems = new Problems();
  const url = input.url ? checkUrl(problems, "url", input.url, deps.allowHttp) : undefined;
  const events = input.events !== undefined ? checkEvents(problems, "events", input.events) : undefined;
  const description =
    input.description !== undefined
      ? checkDescription(problems, "description", input.description)
      : undefined;
  let status: EndpointStatus | undefined;
  if (input.status) {
    if ((endpointStatuses as readonly string[]).includes(input.status))
      status = input.status as EndpointStatus;
    else problems.add("status", `must be one of ${endpointStatuses.join(", ")}`);
  }
  problems.throwIfAny();
  const urlChanged = url !== undefined && url !== endpoint.url;
  const enabling = status === "active" && endpoint.status === "disabled";
  // A new URL, or an endpoint coming back, must echo first.
  if (urlChanged || enabling) await requireEchoingUrl(deps, url ?? endpoint.url);
  const disabling = status === "disabled" && endpoint.status === "active";
  const reason = `disabled by ${principal.role}`;
  const updated = await deps.db.transaction(async (trx) => {
    const row = await updateEndpointRow(trx, endpoint.id, {
      ...(url !== undefined ? { url } : {}),
      ...(events !== undefined ? { events } : {}),
      ...(description !== undefined ? { description } : {}),
      ...(status !== undefined ? { status } : {}),
      ...(enabling ? { disabledReason: null } : {}),
      ...(disabling ? { disabledReason: reason } : {}),
      ...(urlChanged || enabling ? { validatedAt: new Date() } : {}),
    });
    if (!row) throw endpointNotFound();
    if (disabling) await publishDisabled(trx, deps, row, reason);
    return row;
  });
  if (disabling) deps.metrics.endpointsDisabled.inc({ cause: "manual" });
  return updated;
}

export async function deleteEndpoint(deps: WebhookDeps, principal: Principal, input: { id: string }) {
  const endpoint = await manageableEndpoint(deps, principal, input.id);
  await deleteEndpointRow(deps.db, endpoint.id);
}

export async function rotateSecret(
  deps: WebhookDeps,
  principal: Principal,
  input: { id: string },
): Promise<{ secret: string; previousExpiresAt: Date }> {
  const endpoint = await manageableEndpoint(deps, principal, input.id);
  const secret = newSecret();
  const previousExpiresAt = new Date(Date.now() + ROTATION_OVERLAP_MS);
  await deps.db.transaction(async (trx) => {
    // Locked so two rotations at once keep a consistent (current, previous) pair.
    const current = await findEndpoint(trx, endpoint.id, { forUpdate: true });
    if (!current) throw endpointNotFound();
    await updateEndpointRow(trx, endpoint.id, {
      secrets: {
        sealed: sealSecret(deps.secrets, endpoint.id, secret),
        previousSealed: current.secrets.sealed,
        previousExpiresAt,
      },
    });
  });
  return { secret, previousExpiresAt };
}
