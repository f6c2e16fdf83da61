// Payment-provider connections. Secrets are sealed (packages/platform/src/secret-box.ts) before
// they reach the database and are never returned, logged or published: the
// response and the list only say which secret fields are on file.
import { randomUUID } from "node:crypto";
import { forbidden, type Principal, ruleBroken } from "@simhub/platform";
import { checkUuid, Problems } from "@simhub/platform/domain";
import { listPaymentProviders as listRows, upsertPaymentProvider } from "../db/payment-providers.ts";
import { canManageContracts, canReadContracts } from "../domain/access.ts";
import { validatePaymentProvider } from "../domain/payment-provider.ts";
import type { OrgDeps } from "./deps.ts";
import { requireVisibleOrganization } from "./organizations.ts";

export async function setPaymentProvider(
  deps: OrgDeps,
  principal: Principal,
  input: {
    orgId: string;
    provider: string;
    settings: Record<string, string>;
    secrets: Record<string, string>;
  },
) {
  const valid = validatePaymentProvider(input);
  return deps.db.transaction(async (trx) => {
    const org = await requireVisibleOrganization(trx, principal, valid.orgId, { forShare: true });
    if (!canManageContracts(principal, org.id)) {
      throw forbidden("only the platform admin or the organization's admin connects payment providers");
    }
    if (org.status !== "active") {
      throw ruleBroken("ORGANIZATION_ARCHIVED", "an archived organization cannot connect payment providers");
    }
    const secretFields = Object.keys(valid.secrets).sort();
    const sealedSecrets = deps.secrets.seal(JSON.stringify(valid.secrets), `${org.id}:${valid.provider}`);
    return upsertPaymentProvider(trx, {
      id: randomUUID(),
      orgId: org.id,
      provider: valid.provider,
      settings: valid.settings,
      sealedSecrets,
      secretFields,
    });
  });
}

export async function listPaymentProviders(deps: OrgDeps, principal: Principal, input: { orgId: string }) {
  const problems = new Problems();
  const orgId = checkUuid(problems, "orgId", input.orgId);
  problems.throwIfAny();
  const org = await requireVisibleOrganization(deps.db, principal, orgId);
  if (!canReadContracts(principal, org.id)) throw forbidden("company users cannot read payment settings");
  return listRows(deps.db, org.id);
}
