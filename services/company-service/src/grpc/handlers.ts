// CompanyService over gRPC: request → use case → response.
import type { CompanyServiceMethods } from "@simhub/contracts";
import type { ServiceImplementation } from "@simhub/platform";
import {
  archiveCompany,
  createCompany,
  getCompany,
  listCompanies,
  resolveCompany,
  updateCompany,
} from "../app/companies.ts";
import type { CompanyDeps } from "../app/deps.ts";
import type { Company } from "../domain/company.ts";

function companyMessage(company: Company) {
  return {
    id: company.id,
    orgId: company.orgId,
    name: company.name,
    virtual: company.virtual,
    status: company.status,
    createdAt: company.createdAt.toISOString(),
    updatedAt: company.updatedAt.toISOString(),
    currency: company.settings.currency ?? "",
    notificationEmail: company.settings.notificationEmail ?? "",
    archivedAt: company.archivedAt ? company.archivedAt.toISOString() : "",
  };
}

export function companyHandlers(deps: CompanyDeps): ServiceImplementation<CompanyServiceMethods> {
  return {
    async CreateCompany(request, { principal }) {
      const company = await createCompany(deps, principal, {
        orgId: request.orgId,
        name: request.name,
        virtual: request.virtual,
        currency: request.currency,
        notificationEmail: request.notificationEmail,
      });
      return companyMessage(company);
    },
    async GetCompany(request, { principal }) {
      return companyMessage(await getCompany(deps, principal, { id: request.id }));
    },
    async ListCompanies(request, { principal }) {
      const page = await listCompanies(deps, principal, {
        orgId: request.orgId,
        limit: request.limit,
        cursor: request.cursor,
        status: request.status,
      });
      return { items: page.items.map(companyMessage), nextCursor: page.nextCursor };
    },
    async ResolveCompany(request, { principal }) {
      const resolved = await resolveCompany(deps, principal, { companyId: request.companyId });
      return { company: companyMessage(resolved.company), organization: resolved.organization };
    },
    async UpdateCompany(request, { principal }) {
      const company = await updateCompany(deps, principal, {
        id: request.id,
        name: request.name,
        currency: request.currency,
        notificationEmail: request.notificationEmail,
        orgId: request.orgId,
      });
      return companyMessage(company);
    },
    async ArchiveCompany(request, { principal }) {
      return companyMessage(await archiveCompany(deps, principal, { id: request.id }));
    },
  };
}
