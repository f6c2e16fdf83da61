// OrgService over gRPC: request → use case → response. Timestamps leave as
// RFC 3339 strings; "" stands for "none" as everywhere in the contracts.
import type { OrgServiceMethods } from "@simhub/contracts";
import type { ServiceImplementation } from "@simhub/platform";
import type { OrgDeps } from "../app/deps.ts";
import { addOperator, getOperator, listOperators } from "../app/operators.ts";
import {
  createOrganization,
  getOrganization,
  listOrganizations,
  updateOrganization,
} from "../app/organizations.ts";
import { listPaymentProviders, setPaymentProvider } from "../app/payment-providers.ts";
import type { Operator } from "../domain/operator.ts";
import type { Organization } from "../domain/organization.ts";
import type { PaymentProviderRecord } from "../domain/payment-provider.ts";

function organizationMessage(org: Organization) {
  return {
    id: org.id,
    name: org.name,
    status: org.status,
    createdAt: org.createdAt.toISOString(),
    updatedAt: org.updatedAt.toISOString(),
  };
}

function operatorMessage(operator: Operator) {
  return {
    id: operator.id,
    orgId: operator.orgId,
    operatorName: operator.operatorName,
    mcc: operator.mcc,
    mnc: operator.mnc,
    integration: operator.integration,
    createdAt: operator.createdAt.toISOString(),
  };
}

function paymentProviderMessage(record: PaymentProviderRecord) {
  return {
    id: record.id,
    orgId: record.orgId,
    provider: record.provider,
    settings: record.settings,
    secretFields: record.secretFields,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

export function orgHandlers(deps: OrgDeps): ServiceImplementation<OrgServiceMethods> {
  return {
    async CreateOrganization(request, { principal }) {
      return organizationMessage(await createOrganization(deps, principal, { name: request.name }));
    },
    async GetOrganization(request, { principal }) {
      return organizationMessage(await getOrganization(deps, principal, { id: request.id }));
    },
    async ListOrganizations(request, { principal }) {
      const page = await listOrganizations(deps, principal, { limit: request.limit, cursor: request.cursor });
      return { items: page.items.map(organizationMessage), nextCursor: page.nextCursor };
    },
    async UpdateOrganization(request, { principal }) {
      const org = await updateOrganization(deps, principal, {
        id: request.id,
        name: request.name,
        status: request.status,
      });
      return organizationMessage(org);
    },
    async AddOperator(request, { principal }) {
      const operator = await addOperator(deps, principal, {
        orgId: request.orgId,
        operatorName: request.operatorName,
        mcc: request.mcc,
        mnc: request.mnc,
        integration: request.integration,
      });
      return operatorMessage(operator);
    },
    async ListOperators(request, { principal }) {
      const page = await listOperators(deps, principal, {
        orgId: request.orgId,
        limit: request.limit,
        cursor: request.cursor,
      });
      return { items: page.items.map(operatorMessage), nextCursor: page.nextCursor };
    },
    async GetOperator(request, { principal }) {
      const operator = await getOperator(deps, principal, {
        orgId: request.orgId,
        operatorId: request.operatorId,
      });
      return operatorMessage(operator);
    },
    async SetPaymentProvider(request, { principal }) {
      const { record, created } = await setPaymentProvider(deps, principal, {
        orgId: request.orgId,
        provider: request.provider,
        settings: request.settings,
        secrets: request.secrets,
      });
      return { provider: paymentProviderMessage(record), created };
    },
    async ListPaymentProviders(request, { principal }) {
      const records = await listPaymentProviders(deps, principal, { orgId: request.orgId });
      return { items: records.map(paymentProviderMessage) };
    },
  };
}
