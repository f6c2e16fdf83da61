// Operator contracts: an organization's agreement with one mobile network,
// identified by its PLMN code (MCC + MNC). `integration` says whether the
// platform talks to the operator's API ("api") or only keeps inventory
// ("none"); sim-service reads it to decide a new SIM's first status.
import { checkName, checkUuid, Problems } from "@simhub/platform/domain";

const integrations = ["none", "api"] as const;
export type Integration = (typeof integrations)[number];

export interface Operator {
  id: string;
  seq: string;
  orgId: string;
  operatorName: string;
  mcc: string;
  mnc: string;
  integration: Integration;
  createdAt: Date;
}

export interface NewOperator {
  orgId: string;
  operatorName: string;
  mcc: string;
  mnc: string;
  integration: Integration;
}

export function validateNewOperator(input: {
  orgId: string;
  operatorName: string;
  mcc: string;
  mnc: string;
  integration: string;
}): NewOperator {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  const operatorName = checkName(problems, "operatorName", input.operatorName);
  if (!/^\d{3}$/.test(input.mcc)) problems.add("mcc", "must be exactly 3 digits");
  if (!/^\d{2,3}$/.test(input.mnc)) problems.add("mnc", "must be 2 or 3 digits");
  if (!(integrations as readonly string[]).includes(input.integration)) {
    problems.add("integration", `must be one of ${integrations.join(", ")}`);
  }
  problems.throwIfAny();
  return {
    orgId,
    operatorName,
    mcc: input.mcc,
    mnc: input.mnc,
    integration: input.integration as Integration,
  };
}
