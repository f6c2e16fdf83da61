// A webhook endpoint: its input rules and who may see or manage it. Pure.
//
// Decisions:
// - Managing (create, change, delete, rotate, replay) is for the platform
//   admin, the organization's org_admin, and — for a company endpoint — the
//   company's company_admin. Staff of the same tenant may read endpoints and
//   their delivery log (never the secret); end users see nothing (404).
// - An endpoint of another tenant does not exist for the caller (404).
// - The URL must be absolute http(s) without user info or fragment and at
//   most 2,048 characters; `https` unless WEBHOOK_ALLOW_HTTP. Addresses are
//   checked when connecting (http/address-policy.ts), not here: a name
//   means nothing until it is resolved.
// - At most 20 endpoints per organization or company keep one tenant from
//   multiplying the work of every event.
import { type Principal, Problems } from "@simhub/platform/domain";
import { ALL_EVENTS, webhookEventTypes } from "./event-types.ts";

const URL_MAX_LENGTH = 2_048;
const DESCRIPTION_MAX_LENGTH = 500;
export const MAX_ENDPOINTS_PER_OWNER = 20;
export const endpointStatuses = ["active", "disabled"] as const;
export type EndpointStatus = (typeof endpointStatuses)[number];

export interface Endpoint {
  id: string;
  seq: string;
  orgId: string;
  companyId: string | null;
  url: string;
  events: string[];
  status: EndpointStatus;
  description: string;
  disabledReason: string | null;
  createdAt: Date;
  updatedAt: Date;
  validatedAt: Date | null;
}

export interface Owner {
  orgId: string;
  companyId: string | null;
}

export function checkUrl(problems: Problems, path: string, value: string, allowHttp: boolean): string {
  const text = value.trim();
  if (!text) {
    problems.add(path, "is required");
    return text;
  }
  if (text.length > URL_MAX_LENGTH) {
    problems.add(path, `must be at most ${URL_MAX_LENGTH} characters`);
    return text;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    problems.add(path, "must be an absolute URL");
    return text;
  }
  if (url.protocol !== "https:" && !(allowHttp && url.protocol === "http:")) {
    problems.add(path, allowHttp ? "must be an http or https URL" : "must be an https URL");
  } else if (url.username || url.password) {
    problems.add(path, "must not contain a user name or password");
  } else if (url.hash) {
    problems.add(path, "must not contain a fragment");
  } else if (!url.hostname) {
    problems.add(path, "must name a host");
  }
  return url.href;
}

export function checkEvents(problems: Problems, path: string, events: readonly string[]): string[] {
  if (events.length === 0) {
    problems.add(path, `give ["${ALL_EVENTS}"] or at least one event type`);
    return [];
  }
  if (events.length > webhookEventTypes.length) {
    problems.add(path, `at most ${webhookEventTypes.length} event types`);
    return [];
  }
  const known = new Set<string>([ALL_EVENTS, ...webhookEventTypes]);
  events.forEach((type, index) => {
    if (!known.has(type))
      problems.add(`${path}.${index}`, `unknown event type (one of ${webhookEventTypes.join(", ")} or "*")`);
  });
  if (events.includes(ALL_EVENTS) && events.length > 1) problems.add(path, `"*" stands alone`);
  return [...new Set(events)];
}

export function checkDescription(problems: Problems, path: string, value: string): string {
  const text = value.trim();
  if (text.length > DESCRIPTION_MAX_LENGTH) {
    problems.add(path, `must be at most ${DESCRIPTION_MAX_LENGTH} characters`);
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u0008\u000b-\u001f\u007f]/.test(text))
    problems.add(path, "must not contain control characters");
  return text;
}

export function validateNewEndpoint(
  input: { url: string; events: readonly string[]; description: string },
  allowHttp: boolean,
): { url: string; events: string[]; description: string } {
  const problems = new Problems();
  const url = checkUrl(problems, "url", input.url, allowHttp);
  const events = checkEvents(problems, "events", input.events);
  const description = checkDescription(problems, "description", input.description);
  problems.throwIfAny();
  return { url, events, description };
}

const isOrgUser = (principal: Principal, orgId: string) =>
  (principal.role === "org_admin" || principal.role === "org_staff") && principal.orgId === orgId;

const isCompanyStaff = (principal: Principal, companyId: string | null) =>
  companyId !== null &&
  (principal.role === "company_admin" || principal.role === "company_staff") &&
  principal.companyId === companyId;

export function canSeeEndpointsOf(principal: Principal, owner: Owner): boolean {
  if (principal.role === "platform_admin" || principal.role === "service") return true;
  return isOrgUser(principal, owner.orgId) || isCompanyStaff(principal, owner.companyId);
}

export function canManageEndpointsOf(principal: Principal, owner: Owner): boolean {
  if (principal.role === "platform_admin") return true;
  if (principal.role === "org_admin") return principal.orgId === owner.orgId;
  return (
    principal.role === "company_admin" && owner.companyId !== null && principal.companyId === owner.companyId
  );
}
