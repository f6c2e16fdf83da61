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
import { createPlan, getPlan, listPlans, updatePlan } from "../app/plans.ts";
import type { Operator } from "../domain/operator.ts";
import type { Organization } from "../domain/organization.ts";
import type { PaymentProviderRecord } from "../domain/payment-provider.ts";
import type { Plan } from "../domain/plan.ts";

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

function planMessage(plan: Plan) {
  return {
    id: plan.id,
    orgId: plan.orgId,
    companyId: plan.companyId ?? "",
    name: plan.name,
    type: plan.type,
    currency: plan.currency,
    price: plan.price,
    // Optional fields: absent when the plan has none.
    ...(plan.dataMb !== null ? { dataMb: plan.dataMb } : {}),
    ...(plan.smsCount !== null ? { smsCount: plan.smsCount } : {}),
    ...(plan.voiceMinutes !== null ? { voiceMinutes: plan.voiceMinutes } : {}),
    ...(plan.validityDays !== null ? { validityDays: plan.validityDays } : {}),
    billingPeriod: plan.billingPeriod ?? "",
    ...(plan.ratePerMbMinor !== null ? { ratePerMbMinor: plan.ratePerMbMinor } : {}),
    status: plan.status,
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
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
    async CreatePlan(request, { principal }) {
      const plan = await createPlan(deps, principal, {
        orgId: request.orgId,
        companyId: request.companyId,
        name: request.name,
        type: request.type,
        currency: request.currency,
        price: request.price,
        dataMb: request.dataMb,
        smsCount: request.smsCount,
        voiceMinutes: request.voiceMinutes,
        validityDays: request.validityDays,
        billingPeriod: request.billingPeriod,
        ratePerMbMinor: request.ratePerMbMinor,
      });
      return planMessage(plan);
    },
    async GetPlan(request, { principal }) {
      return planMessage(await getPlan(deps, principal, { id: request.id }));
    },
    async ListPlans(request, { principal }) {
      const page = await listPlans(deps, principal, {
        orgId: request.orgId,
        limit: request.limit,
        cursor: request.cursor,
        status: request.status,
        type: request.type,
      });
      return { items: page.items.map(planMessage), nextCursor: page.nextCursor };
    },
    async UpdatePlan(request, { principal }) {
      const plan = await updatePlan(deps, principal, {
        id: request.id,
        name: request.name,
        status: request.status,
        clear: request.clear,
        price: request.price,
        dataMb: request.dataMb,
        smsCount: request.smsCount,
        voiceMinutes: request.voiceMinutes,
        validityDays: request.validityDays,
        billingPeriod: request.billingPeriod,
        ratePerMbMinor: request.ratePerMbMinor,
        orgId: request.orgId,
        type: request.type,
        currency: request.currency,
        companyId: request.companyId,
      });
      return planMessage(plan);
    },
  };
}
