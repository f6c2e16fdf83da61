// The company aggregate's rules: its fields, its settings, the immutable
// link to its organization, and its lifecycle (active → archived, for good).
import { checkName, checkUuid, invalid, Problems } from "@simhub/platform/domain";

export const companyStatuses = ["active", "archived"] as const;
export type CompanyStatus = (typeof companyStatuses)[number];

const EMAIL_MAX_LENGTH = 254;

interface CompanySettings {
  currency: string | null;
  notificationEmail: string | null;
}

export interface Company {
  id: string;
  seq: string;
  orgId: string;
  name: string;
  virtual: boolean;
  status: CompanyStatus;
  settings: CompanySettings;
  createdAt: Date;
  updatedAt: Date;
  archivedAt: Date | null;
}

export interface NewCompany {
  orgId: string;
  name: string;
  virtual: boolean;
  settings: CompanySettings;
}

export interface CompanyChanges {
  name?: string;
  currency?: string | null;
  notificationEmail?: string | null;
}

const currencies = new Set(Intl.supportedValuesOf("currency"));
// Deliberately plain: one @, no spaces, a dot in the domain. Deliverability is the mailer's problem.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** "" clears a setting (proto3's "none"); anything else must be valid. */
function checkCurrency(problems: Problems, value: string): string | null {
  if (value === "") return null;
  if (!/^[A-Z]{3}$/.test(value) || !currencies.has(value)) {
    problems.add("settings.currency", "must be an ISO 4217 currency code such as EUR");
  }
  return value;
}

function checkEmail(problems: Problems, value: string): string | null {
  const email = value.trim();
  if (email === "") return null;
  if (email.length > EMAIL_MAX_LENGTH || !EMAIL.test(email)) {
    problems.add("settings.notificationEmail", "must be an e-mail address");
  }
  return email;
}

export function validateNewCompany(input: {
  orgId: string;
  name: string;
  virtual: boolean;
  currency: string;
  notificationEmail: string;
}): NewCompany {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  const name = checkName(problems, "name", input.name);
  const currency = checkCurrency(problems, input.currency);
  const notificationEmail = checkEmail(problems, input.notificationEmail);
  problems.throwIfAny();
  return { orgId, name, virtual: input.virtual, settings: { currency, notificationEmail } };
}

export function validateCompanyUpdate(input: {
  id: string;
  name?: string | undefined;
  currency?: string | undefined;
  notificationEmail?: string | undefined;
  orgId?: string | undefined;
}): { id: string; changes: CompanyChanges } {
  const problems = new Problems();
  const id = checkUuid(problems, "companyId", input.id);
  // The company → organization link is part of the chain every service
  // trusts (ARCHITECTURE.md): it never changes, whatever value is sent.
  if (input.orgId !== undefined) {
    throw invalid(
      "orgId cannot change: a company belongs to its organization for life",
      [{ path: "orgId", message: "is immutable" }],
      "IMMUTABLE_FIELD",
    );
  }
  const changes: CompanyChanges = {};
  if (input.name !== undefined) changes.name = checkName(problems, "name", input.name);
  if (input.currency !== undefined) changes.currency = checkCurrency(problems, input.currency);
  if (input.notificationEmail !== undefined) {
    changes.notificationEmail = checkEmail(problems, input.notificationEmail);
  }
  if (Object.keys(changes).length === 0 && problems.errors.length === 0) {
    problems.add("", "nothing to change: give name and/or settings");
  }
  problems.throwIfAny();
  return { id, changes };
}

/** The fields of `changes` that differ from the company as it is. */
export function effectiveChanges(current: Company, changes: CompanyChanges): CompanyChanges {
  const effective: CompanyChanges = {};
  if (changes.name !== undefined && changes.name !== current.name) effective.name = changes.name;
  if (changes.currency !== undefined && changes.currency !== current.settings.currency) {
    effective.currency = changes.currency;
  }
  if (
    changes.notificationEmail !== undefined &&
    changes.notificationEmail !== current.settings.notificationEmail
  ) {
    effective.notificationEmail = changes.notificationEmail;
  }
  return effective;
}
