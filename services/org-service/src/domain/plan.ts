// Plans an organization sells: three types, each with its own terms.
//
// - prepaid: allowances (data MB, SMS, voice minutes), a validity in days
//   (required), a one-off price (required);
// - subscription: allowances, a billing period (monthly or yearly, required),
//   a recurring price per period (required);
// - paygo: a rate per MB (required) and an optional monthly fee (`price`,
//   0 when not given); no allowances, no validity, no billing period.
//
// Money is an integer number of minor units of the plan's ISO 4217 currency
// (cents for EUR), never a float. A plan is organization-wide or offered to
// one company of the organization; `orgId`, `type`, `currency` and
// `companyId` never change: a plan with other terms of that kind is a new
// plan (and the old one is archived). Pure: no I/O.
import {
  checkName,
  checkUuid,
  forbidden,
  invalid,
  type PlanType,
  type Principal,
  Problems,
  planTypes,
} from "@simhub/platform/domain";
import { canManagePlans } from "./access.ts";

export { type PlanType, planTypes };

const billingPeriods = ["monthly", "yearly"] as const;
export type BillingPeriod = (typeof billingPeriods)[number];

export const planStatuses = ["active", "archived"] as const;
export type PlanStatus = (typeof planStatuses)[number];

/** Upper bound of any amount of money: 10^12 minor units, far above any plan and exact in a double. */
export const MAX_MINOR_UNITS = 1_000_000_000_000;
/** Upper bound of an allowance (MB, SMS, minutes): fits the int32 of the contract. */
const MAX_ALLOWANCE = 1_000_000_000;
/** Ten years. */
const MAX_VALIDITY_DAYS = 3_650;

/** ISO 4217 codes as the runtime's ICU knows them (no test or fund codes such as XXX). */
const currencies: ReadonlySet<string> = new Set(Intl.supportedValuesOf("currency"));

export function isCurrency(code: string): boolean {
  return /^[A-Z]{3}$/.test(code) && currencies.has(code);
}

/** The terms a plan's type decides about; null means "not part of this plan". */
export interface PlanTerms {
  price: number;
  dataMb: number | null;
  smsCount: number | null;
  voiceMinutes: number | null;
  validityDays: number | null;
  billingPeriod: BillingPeriod | null;
  ratePerMbMinor: number | null;
}

export interface Plan extends PlanTerms {
  id: string;
  seq: string;
  orgId: string;
  companyId: string | null;
  name: string;
  type: PlanType;
  currency: string;
  status: PlanStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface NewPlan extends PlanTerms {
  orgId: string;
  companyId: string | null;
  name: string;
  type: PlanType;
  currency: string;
}

/** Terms as received: a field absent (undefined) or cleared (null) is not part of the plan. */
type GivenTerms = {
  [K in keyof PlanTerms]?: PlanTerms[K] | null;
};

/** The terms that may be set to "none". */
const clearableTerms = [
  "dataMb",
  "smsCount",
  "voiceMinutes",
  "validityDays",
  "billingPeriod",
  "ratePerMbMinor",
] as const;
type ClearableTerm = (typeof clearableTerms)[number];

const allowanceFields = ["dataMb", "smsCount", "voiceMinutes"] as const;

/** An amount of money as a gRPC int64 (a decimal string) or a number: an integer, 0 to MAX_MINOR_UNITS. */
function checkMinorUnits(
  problems: Problems,
  path: string,
  value: string | number | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  if (!/^-?\d{1,16}$/.test(text)) {
    problems.add(path, "must be an integer number of minor units");
    return undefined;
  }
  const amount = Number(text);
  if (amount < 0) problems.add(path, "must not be negative");
  else if (amount > MAX_MINOR_UNITS) problems.add(path, `must be at most ${MAX_MINOR_UNITS}`);
  else return amount;
  return undefined;
}

function checkCount(
  problems: Problems,
  path: string,
  value: number | undefined,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    problems.add(path, `must be an integer from ${min} to ${max}`);
    return undefined;
  }
  return value;
}

function checkBillingPeriod(problems: Problems, value: string | undefined): BillingPeriod | undefined {
  if (value === undefined) return undefined;
  if (!(billingPeriods as readonly string[]).includes(value)) {
    problems.add("billingPeriod", `must be one of ${billingPeriods.join(", ")}`);
    return undefined;
  }
  return value as BillingPeriod;
}

/** Raw term fields as a gRPC request carries them (int64 as strings, absent as undefined). */
export interface RawTerms {
  price?: string | number | undefined;
  dataMb?: number | undefined;
  smsCount?: number | undefined;
  voiceMinutes?: number | undefined;
  validityDays?: number | undefined;
  billingPeriod?: string | undefined;
  ratePerMbMinor?: string | number | undefined;
}

/** Shapes and ranges of each given term; absent terms stay undefined. */
function checkRawTerms(problems: Problems, raw: RawTerms): GivenTerms {
  const terms: GivenTerms = {};
  const assign = <K extends keyof PlanTerms>(key: K, value: PlanTerms[K] | undefined) => {
    if (value !== undefined) terms[key] = value;
  };
  assign("price", checkMinorUnits(problems, "price", raw.price));
  for (const field of allowanceFields) {
    assign(field, checkCount(problems, field, raw[field], 0, MAX_ALLOWANCE));
  }
  assign("validityDays", checkCount(problems, "validityDays", raw.validityDays, 1, MAX_VALIDITY_DAYS));
  assign("billingPeriod", checkBillingPeriod(problems, raw.billingPeriod));
  assign("ratePerMbMinor", checkMinorUnits(problems, "ratePerMbMinor", raw.ratePerMbMinor));
  return terms;
}

const present = (value: unknown) => value !== undefined && value !== null;

/**
 * The rules of each type over a plan's complete terms (after defaults and,
 * for an update, after the changes). Adds one problem per offending field
 * and returns the terms with absent ones as null.
 */
function checkTermsForType(problems: Problems, type: PlanType, terms: GivenTerms): PlanTerms {
  const need = (field: keyof PlanTerms, message: string) => {
    if (!present(terms[field])) problems.add(field, message);
  };
  const refuse = (field: keyof PlanTerms, message: string) => {
    if (present(terms[field])) problems.add(field, message);
  };
  switch (type) {
    case "prepaid":
      need("price", "is required for a prepaid plan (its one-off price)");
      need("validityDays", "is required for a prepaid plan");
      refuse("billingPeriod", "only subscription plans have a billing period");
      refuse("ratePerMbMinor", "only paygo plans have a rate per MB");
      break;
    case "subscription":
      need("price", "is required for a subscription plan (its price per billing period)");
      need("billingPeriod", `is required for a subscription plan: ${billingPeriods.join(" or ")}`);
      refuse("validityDays", "only prepaid plans have a validity");
      refuse("ratePerMbMinor", "only paygo plans have a rate per MB");
      break;
    case "paygo":
      need("ratePerMbMinor", "is required for a paygo plan");
      refuse("validityDays", "only prepaid plans have a validity");
      refuse("billingPeriod", "only subscription plans have a billing period");
      for (const field of allowanceFields)
        refuse(field, "a paygo plan has no allowances: usage is billed per MB");
      break;
  }
  return {
    // A paygo plan's monthly fee is optional: none is 0.
    price: terms.price ?? 0,
    dataMb: terms.dataMb ?? null,
    smsCount: terms.smsCount ?? null,
    voiceMinutes: terms.voiceMinutes ?? null,
    validityDays: terms.validityDays ?? null,
    billingPeriod: terms.billingPeriod ?? null,
    ratePerMbMinor: terms.ratePerMbMinor ?? null,
  };
}

function checkType(problems: Problems, value: string): PlanType | undefined {
  if (!(planTypes as readonly string[]).includes(value)) {
    problems.add("type", `must be one of ${planTypes.join(", ")}`);
    return undefined;
  }
  return value as PlanType;
}

export function validateNewPlan(
  input: {
    orgId: string;
    companyId: string;
    name: string;
    type: string;
    currency: string;
  } & RawTerms,
): NewPlan {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  const companyId = input.companyId ? checkUuid(problems, "companyId", input.companyId) : null;
  const name = checkName(problems, "name", input.name);
  const type = checkType(problems, input.type);
  if (!isCurrency(input.currency)) problems.add("currency", "must be an ISO 4217 currency code such as EUR");
  const given = checkRawTerms(problems, input);
  // Type rules only make sense once the type is known; a field that failed
  // its own check is already named and not reported twice.
  const failed = new Set(problems.errors.map((error) => error.path));
  let terms: PlanTerms | undefined;
  if (type) {
    const typeProblems = new Problems();
    terms = checkTermsForType(typeProblems, type, given);
    for (const error of typeProblems.errors)
      if (!failed.has(error.path)) problems.add(error.path, error.message);
  }
  problems.throwIfAny();
  return { orgId, companyId, name, type: type!, currency: input.currency, ...terms! };
}

export interface PlanChanges {
  name?: string;
  status?: PlanStatus;
  /** Terms to set; null clears one. */
  terms: GivenTerms;
}

/** Fields that never change, as given by the caller (compared with the plan's own). */
export interface ImmutableGiven {
  orgId?: string | undefined;
  type?: string | undefined;
  currency?: string | undefined;
  companyId?: string | undefined;
}

export function validateUpdatePlan(
  input: {
    id: string;
    name?: string | undefined;
    status?: string | undefined;
    clear: string[];
  } & RawTerms,
): { id: string; changes: PlanChanges } {
  const problems = new Problems();
  const id = checkUuid(problems, "planId", input.id);
  const changes: PlanChanges = { terms: checkRawTerms(problems, input) };
  if (input.name !== undefined) changes.name = checkName(problems, "name", input.name);
  if (input.status !== undefined) {
    if ((planStatuses as readonly string[]).includes(input.status))
      changes.status = input.status as PlanStatus;
    else problems.add("status", `must be one of ${planStatuses.join(", ")}`);
  }
  for (const field of input.clear) {
    if (!(clearableTerms as readonly string[]).includes(field)) {
      problems.add(field || "clear", "cannot be cleared");
    } else if (present(input[field as ClearableTerm])) {
      problems.add(field, "is both set and cleared");
    } else {
      changes.terms[field as ClearableTerm] = null;
    }
  }
  problems.throwIfAny();
  return { id, changes };
}

/** 400 IMMUTABLE_FIELD naming every given field that differs from the plan's own. */
function checkImmutableFields(current: Plan, given: ImmutableGiven) {
  const problems: { path: string; message: string }[] = [];
  const differs = (path: string, value: string | undefined, own: string) => {
    if (value !== undefined && value !== own) problems.push({ path, message: "cannot change" });
  };
  differs("orgId", given.orgId?.toLowerCase(), current.orgId);
  differs("type", given.type, current.type);
  differs("currency", given.currency, current.currency);
  differs("companyId", given.companyId?.toLowerCase(), current.companyId ?? "");
  if (problems.length > 0) {
    throw invalid(
      `${problems.map((problem) => problem.path).join(", ")} of a plan cannot change: create another plan and archive this one`,
      problems,
      "IMMUTABLE_FIELD",
    );
  }
}

/** What an update really changes: only differing fields, the result checked against the type's rules. */
export interface PlanUpdate {
  name?: string;
  status?: PlanStatus;
  terms: Partial<PlanTerms>;
}

/**
 * Decides an update of a plan the caller can see: 403 unless the caller
 * manages the organization's plans, 400 IMMUTABLE_FIELD, 400 for terms that
 * break the type's rules once applied. Returns only what changes.
 */
export function decidePlanUpdate(
  principal: Principal,
  current: Plan,
  changes: PlanChanges,
  immutable: ImmutableGiven,
): PlanUpdate {
  if (!canManagePlans(principal, current.orgId)) {
    throw forbiddenToManage();
  }
  checkImmutableFields(current, immutable);
  const merged: GivenTerms = { ...currentTerms(current), ...changes.terms };
  const problems = new Problems();
  const terms = checkTermsForType(problems, current.type, merged);
  problems.throwIfAny();
  const effective: PlanUpdate = { terms: {} };
  for (const key of Object.keys(terms) as (keyof PlanTerms)[]) {
    if (terms[key] !== current[key]) (effective.terms as Record<string, unknown>)[key] = terms[key];
  }
  if (changes.name !== undefined && changes.name !== current.name) effective.name = changes.name;
  if (changes.status !== undefined && changes.status !== current.status) effective.status = changes.status;
  return effective;
}

export function isNoChange(update: PlanUpdate): boolean {
  return update.name === undefined && update.status === undefined && Object.keys(update.terms).length === 0;
}

function currentTerms(plan: Plan): PlanTerms {
  return {
    price: plan.price,
    dataMb: plan.dataMb,
    smsCount: plan.smsCount,
    voiceMinutes: plan.voiceMinutes,
    validityDays: plan.validityDays,
    billingPeriod: plan.billingPeriod,
    ratePerMbMinor: plan.ratePerMbMinor,
  };
}

export const forbiddenToManage = () =>
  forbidden("only the platform admin or the organization's admin creates and changes plans");
