// Company routes (API.md, "Companies"). company-service decides everything
// (tenant scope, the immutable organization link, the archive rule); the
// gateway validates shapes, composes the company view from four services,
// and turns messages into JSON.
import type { CompanyServiceMethods } from "@simhub/contracts";
import { invalid, settledPart } from "@simhub/platform";
import { z } from "zod";
import { defineRoute, nullIfEmpty, type RouteSpec } from "../http/route.ts";
import { pageQuery, pageResponse } from "./page.ts";

type CompanyMessage = CompanyServiceMethods["GetCompany"]["responseOut"];

const NAME_MAX = 200;
const name = z
  .string()
  .min(1)
  .max(NAME_MAX)
  .meta({ description: `1–${NAME_MAX} characters, trimmed; unique in the organization, case-insensitively` });

const OrgParams = z.object({ orgId: z.uuid() });
const CompanyParams = z.object({ companyId: z.uuid() });

const ListCompaniesQuery = z.object({
  ...pageQuery,
  status: z.enum(["active", "archived"]).optional(),
});

const SettingsBody = z.strictObject({
  currency: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 currency code such as EUR")
    .nullable()
    .optional()
    .meta({ description: "ISO 4217; null clears it" }),
  notificationEmail: z.email().max(254).nullable().optional().meta({ description: "null clears it" }),
});

const SettingsResponse = z.object({
  currency: z.string().nullable(),
  notificationEmail: z.string().nullable(),
});

const CompanyResponse = z
  .object({
    id: z.uuid(),
    orgId: z.uuid(),
    name: z.string(),
    virtual: z.boolean(),
    status: z.enum(["active", "archived"]),
    settings: SettingsResponse,
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
    archivedAt: z.iso.datetime().nullable(),
  })
  .meta({ id: "Company" });

const CompanyDetailResponse = CompanyResponse.extend({
  organization: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  simCounts: z
    .record(z.string(), z.number().int())
    .nullable()
    .meta({ description: "SIMs assigned to the company, by status" }),
  endUserCount: z.number().int().nullable(),
  simCountsByPlanType: z
    .object({
      prepaid: z.number().int(),
      subscription: z.number().int(),
      paygo: z.number().int(),
      none: z.number().int().meta({ description: "SIMs without a plan" }),
    })
    .nullable()
    .meta({ description: "SIMs assigned to the company, by the type of their plan" }),
  degraded: z
    .array(z.enum(["organization", "simCounts", "endUserCount", "simCountsByPlanType"]))
    .meta({ description: "Parts that could not be loaded (a dependency failed); they are null" }),
}).meta({ id: "CompanyDetail" });

const CreateCompanyBody = z
  .strictObject({
    name,
    virtual: z
      .boolean()
      .optional()
      .meta({ description: "A point of sale rather than a business client; never shown to consumers" }),
    settings: SettingsBody.optional(),
  })
  .meta({ id: "CreateCompanyRequest" });

const UpdateCompanyBody = z
  .strictObject({
    name: name.optional(),
    settings: SettingsBody.optional(),
    // Accepted by the schema only to be refused with its own code: a company
    // never moves to another organization.
    orgId: z
      .unknown()
      .optional()
      .meta({ description: "Immutable: any value is refused with 400 IMMUTABLE_FIELD" }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "give name and/or settings" })
  .meta({ id: "UpdateCompanyRequest" });

function toCompanyJson(company: CompanyMessage) {
  return {
    id: company.id,
    orgId: company.orgId,
    name: company.name,
    virtual: company.virtual,
    status: company.status,
    settings: {
      currency: nullIfEmpty(company.currency),
      notificationEmail: nullIfEmpty(company.notificationEmail),
    },
    createdAt: company.createdAt,
    updatedAt: company.updatedAt,
    archivedAt: nullIfEmpty(company.archivedAt),
  };
}

export const companiesRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/companies",
    operationId: "createCompany",
    summary: "Create a company in an organization",
    description:
      "404 when the organization does not exist or is not visible to the caller; 422 ORGANIZATION_ARCHIVED when it is archived; 409 COMPANY_NAME_TAKEN.",
    tags: ["Companies"],
    params: OrgParams,
    body: CreateCompanyBody,
    responses: { 201: CompanyResponse },
    handler: async ({ params, body, clients }) => {
      const company = await clients.company.CreateCompany({
        orgId: params.orgId,
        name: body.name,
        virtual: body.virtual ?? false,
        currency: body.settings?.currency ?? "",
        notificationEmail: body.settings?.notificationEmail ?? "",
      });
      return { status: 201, body: toCompanyJson(company) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/organizations/:orgId/companies",
    operationId: "listCompanies",
    summary: "An organization's companies (company users see only their own)",
    tags: ["Companies"],
    params: OrgParams,
    query: ListCompaniesQuery,
    responses: { 200: z.object({ items: z.array(CompanyResponse), nextCursor: z.string().nullable() }) },
    handler: async ({ params, query, clients }) => {
      const page = await clients.company.ListCompanies({
        orgId: params.orgId,
        limit: query.limit ?? 0,
        cursor: query.cursor ?? "",
        status: query.status ?? "",
      });
      return pageResponse(page, toCompanyJson);
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/companies/:companyId",
    operationId: "getCompany",
    summary: "A company with its organization, SIM counts by status and by plan type, and end-user count",
    tags: ["Companies"],
    params: CompanyParams,
    responses: { 200: CompanyDetailResponse },
    handler: async ({ params, clients }) => {
      const company = await clients.company.GetCompany({ id: params.companyId });
      const [organization, simCounts, endUsers, planTypeCounts] = await Promise.allSettled([
        clients.org.GetOrganization({ id: company.orgId }),
        clients.sim.CountSimsByStatus({ companyId: company.id }),
        clients.identity.CountEndUsers({ companyId: company.id }),
        clients.sim.CountSimsByPlanType({ companyId: company.id }),
      ]);
      const degraded: string[] = [];
      const org = settledPart(organization, "organization", degraded);
      const sims = settledPart(simCounts, "simCounts", degraded);
      const users = settledPart(endUsers, "endUserCount", degraded);
      const byPlanType = settledPart(planTypeCounts, "simCountsByPlanType", degraded);
      return {
        status: 200,
        body: {
          ...toCompanyJson(company),
          organization: org ? { id: org.id, name: org.name } : null,
          simCounts: sims ? { ...sims.counts } : null,
          endUserCount: users ? users.count : null,
          simCountsByPlanType: byPlanType
            ? {
                prepaid: byPlanType.prepaid,
                subscription: byPlanType.subscription,
                paygo: byPlanType.paygo,
                none: byPlanType.none,
              }
            : null,
          degraded,
        },
      };
    },
  }),
  defineRoute({
    method: "patch",
    path: "/v1/companies/:companyId",
    operationId: "updateCompany",
    summary: "Rename a company or change its settings",
    description:
      "Renaming: the platform admin or the organization's admin. Settings: also the company's own admin. `orgId` can never change: 400 IMMUTABLE_FIELD.",
    tags: ["Companies"],
    params: CompanyParams,
    body: UpdateCompanyBody,
    responses: { 200: CompanyResponse },
    handler: async ({ params, body, clients }) => {
      if ("orgId" in body) {
        throw invalid(
          "orgId cannot change: a company belongs to its organization for life",
          [{ path: "body.orgId", message: "is immutable" }],
          "IMMUTABLE_FIELD",
        );
      }
      const settings = body.settings ?? {};
      const company = await clients.company.UpdateCompany({
        id: params.companyId,
        ...(body.name !== undefined ? { name: body.name } : {}),
        // null clears a setting: "" is proto3's "none".
        ...(settings.currency !== undefined ? { currency: settings.currency ?? "" } : {}),
        ...(settings.notificationEmail !== undefined
          ? { notificationEmail: settings.notificationEmail ?? "" }
          : {}),
      });
      return { status: 200, body: toCompanyJson(company) };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/companies/:companyId",
    operationId: "archiveCompany",
    summary: "Archive a company",
    description:
      "Archives for good and answers the archived company; archiving it again answers the same. 409 COMPANY_HAS_SIMS while SIMs are assigned to it.",
    tags: ["Companies"],
    params: CompanyParams,
    responses: { 200: CompanyResponse },
    handler: async ({ params, clients }) => {
      const company = await clients.company.ArchiveCompany({ id: params.companyId });
      return { status: 200, body: toCompanyJson(company) };
    },
  }),
];
