// The organization aggregate's rules: a unique display name (case-insensitive
// across the platform, enforced by a unique index on lower(name)) and a
// two-state lifecycle, active ⇄ archived.
import type { Principal } from "@simhub/platform/domain";
import { checkName, checkUuid, forbidden, Problems, ruleBroken } from "@simhub/platform/domain";
import { canManageOrganization, canReactivateOrganization } from "./access.ts";

const organizationStatuses = ["active", "archived"] as const;
export type OrganizationStatus = (typeof organizationStatuses)[number];

export interface Organization {
  id: string;
  seq: string;
  name: string;
  status: OrganizationStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface OrganizationChanges {
  name?: string;
  status?: OrganizationStatus;
}

export function validateCreateOrganization(input: { name: string }): { name: string } {
  const problems = new Problems();
  const name = checkName(problems, "name", input.name);
  problems.throwIfAny();
  return { name };
}

export function validateUpdateOrganization(input: {
  id: string;
  name?: string | undefined;
  status?: string | undefined;
}): { id: string; changes: OrganizationChanges } {
  const problems = new Problems();
  const id = checkUuid(problems, "orgId", input.id);
  const changes: OrganizationChanges = {};
  if (input.name !== undefined) changes.name = checkName(problems, "name", input.name);
  if (input.status !== undefined) {
    if ((organizationStatuses as readonly string[]).includes(input.status)) {
      changes.status = input.status as OrganizationStatus;
    } else {
      problems.add("status", `must be one of ${organizationStatuses.join(", ")}`);
    }
  }
  if (input.name === undefined && input.status === undefined) {
    problems.add("", "nothing to change: give name and/or status");
  }
  problems.throwIfAny();
  return { id, changes };
}

/**
 * Decides what an update does to an organization the caller can see. Throws
 * 403 when the caller may not make the change, 422 when an archived
 * organization would be renamed; returns only the fields that really change.
 */
export function planOrganizationUpdate(
  principal: Principal,
  current: Organization,
  changes: OrganizationChanges,
): OrganizationChanges {
  if (!canManageOrganization(principal, current.id)) {
    throw forbidden("only the platform admin or the organization's admin may change it");
  }
  if (changes.status === "active" && current.status === "archived" && !canReactivateOrganization(principal)) {
    throw forbidden("only the platform admin may reactivate an archived organization");
  }
  const reactivating = changes.status === "active" && current.status === "archived";
  if (current.status === "archived" && changes.name !== undefined && !reactivating) {
    throw ruleBroken("ORGANIZATION_ARCHIVED", "an archived organization cannot be renamed");
  }
  const effective: OrganizationChanges = {};
  if (changes.name !== undefined && changes.name !== current.name) effective.name = changes.name;
  if (changes.status !== undefined && changes.status !== current.status) effective.status = changes.status;
  return effective;
}
