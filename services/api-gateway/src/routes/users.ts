// User routes (API.md, "Users"): staff of organizations and companies, end
// users, and the self-registration of a consumer with a SIM. identity-service
// decides everything (who may create whom, tenant scope, the company chain);
// the gateway validates shapes and turns messages into JSON.
import type { IdentityServiceMethods } from "@simhub/contracts";
import { companyRoles, invalid, orgRoles } from "@simhub/platform";
import { z } from "zod";
import { defineRoute, type RouteSpec } from "../http/route.ts";
import { newPassword, toUserJson, UserResponse } from "./auth.ts";
import { PageQuery, pageResponse } from "./page.ts";

type EndUserMessage = IdentityServiceMethods["GetEndUser"]["responseOut"];

const username = z
  .string()
  .min(3)
  .max(64)
  .meta({ description: "3–64 characters: letters, digits, '.', '_', '@', '-'; unique case-insensitively" });
const email = z.string().min(3).max(254).meta({ description: "E-mail address" });

const OrgParams = z.object({ orgId: z.uuid() });
const CompanyParams = z.object({ companyId: z.uuid() });
const UserParams = z.object({ userId: z.uuid() });

const CreateOrgStaffBody = z
  .strictObject({ username, email, password: newPassword, role: z.enum(orgRoles) })
  .meta({ id: "CreateOrgStaffRequest" });
const CreateCompanyStaffBody = z
  .strictObject({ username, email, password: newPassword, role: z.enum(companyRoles) })
  .meta({ id: "CreateCompanyStaffRequest" });
const CreateEndUserBody = z
  .strictObject({ username, email, password: newPassword })
  .meta({ id: "CreateEndUserRequest" });
const UpdateEndUserBody = z
  .strictObject({
    username: username.optional(),
    email: email.optional(),
    // Accepted by the schema only to be refused with its own code unless it
    // repeats the current company: an end user never moves.
    companyId: z.unknown().optional().meta({
      description: "Immutable: anything but the current company is refused with 400 IMMUTABLE_FIELD",
    }),
  })
  .refine((body) => Object.keys(body).length > 0, { message: "give username and/or email" })
  .meta({ id: "UpdateEndUserRequest" });
const RegisterBody = z
  .strictObject({
    iccid: z
      .string()
      .regex(/^89\d{17,18}$/, "19 or 20 digits starting with 89")
      .meta({ description: "The ICCID printed on the SIM" }),
    activationCode: z.string().min(1).max(128).meta({ description: "The activation code sold with the SIM" }),
    username,
    email,
    password: newPassword,
  })
  .meta({ id: "RegisterRequest" });

const EndUserResponse = z
  .object({
    id: z.uuid(),
    companyId: z.uuid(),
    orgId: z.uuid(),
    username: z.string(),
    email: z.string(),
    mfaEnabled: z.boolean(),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: "EndUser" });

function toEndUserJson(user: EndUserMessage) {
  return {
    id: user.id,
    companyId: user.companyId,
    orgId: user.orgId,
    username: user.username,
    email: user.email,
    mfaEnabled: user.mfaEnabled,
    createdAt: user.createdAt,
    updatedAt: user.updatedAt,
  };
}

export const usersRoutes: RouteSpec[] = [
  defineRoute({
    method: "post",
    path: "/v1/organizations/:orgId/staff",
    operationId: "createOrgStaff",
    summary: "Add a staff member to an organization (platform admin, the organization's admins)",
    description:
      "404 when the organization does not exist or is not visible; 422 ORGANIZATION_NOT_ACTIVE; 409 USERNAME_TAKEN.",
    tags: ["Users"],
    params: OrgParams,
    body: CreateOrgStaffBody,
    responses: { 201: UserResponse },
    handler: async ({ params, body, clients }) => {
      const user = await clients.identity.CreateOrgStaff({ orgId: params.orgId, ...body });
      return { status: 201, body: toUserJson(user) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/companies/:companyId/staff",
    operationId: "createCompanyStaff",
    summary: "Add a staff member to a company (platform admin, the organization's or company's admins)",
    description:
      "404 when the company does not exist or is not visible; 422 COMPANY_CHAIN_UNRESOLVED when the company or its organization is archived; 409 USERNAME_TAKEN.",
    tags: ["Users"],
    params: CompanyParams,
    body: CreateCompanyStaffBody,
    responses: { 201: UserResponse },
    handler: async ({ params, body, clients }) => {
      const user = await clients.identity.CreateCompanyStaff({ companyId: params.companyId, ...body });
      return { status: 201, body: toUserJson(user) };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/companies/:companyId/end-users",
    operationId: "createEndUser",
    summary: "Create an end user in a company (company users and above)",
    description:
      "404 when the company does not exist or is not visible; 422 COMPANY_CHAIN_UNRESOLVED when the company or its organization is archived; 409 USERNAME_TAKEN.",
    tags: ["Users"],
    params: CompanyParams,
    body: CreateEndUserBody,
    responses: { 201: EndUserResponse },
    handler: async ({ params, body, clients }) => {
      const user = await clients.identity.CreateEndUser({ companyId: params.companyId, ...body });
      return { status: 201, body: toEndUserJson(user) };
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/companies/:companyId/end-users",
    operationId: "listEndUsers",
    summary: "A company's end users, oldest first",
    tags: ["Users"],
    params: CompanyParams,
    query: PageQuery,
    responses: { 200: z.object({ items: z.array(EndUserResponse), nextCursor: z.string().nullable() }) },
    handler: async ({ params, query, clients }) => {
      const page = await clients.identity.ListEndUsers({
        companyId: params.companyId,
        limit: query.limit ?? 0,
        cursor: query.cursor ?? "",
      });
      return pageResponse(page, toEndUserJson);
    },
  }),
  defineRoute({
    method: "get",
    path: "/v1/end-users/:userId",
    operationId: "getEndUser",
    summary: "An end user (an end user sees only itself)",
    tags: ["Users"],
    params: UserParams,
    responses: { 200: EndUserResponse },
    handler: async ({ params, clients }) => {
      return { status: 200, body: toEndUserJson(await clients.identity.GetEndUser({ id: params.userId })) };
    },
  }),
  defineRoute({
    method: "patch",
    path: "/v1/end-users/:userId",
    operationId: "updateEndUser",
    summary: "Change an end user's username or e-mail (company users and above)",
    description: "`companyId` cannot change: 400 IMMUTABLE_FIELD.",
    tags: ["Users"],
    params: UserParams,
    body: UpdateEndUserBody,
    responses: { 200: EndUserResponse },
    handler: async ({ params, body, clients }) => {
      if (body.companyId !== undefined && typeof body.companyId !== "string") {
        throw invalid(
          "an end user never moves to another company",
          [{ path: "body.companyId", message: "cannot change" }],
          "IMMUTABLE_FIELD",
        );
      }
      const user = await clients.identity.UpdateEndUser({
        id: params.userId,
        username: body.username ?? "",
        email: body.email ?? "",
        companyId: (body.companyId as string | undefined) ?? "",
      });
      return { status: 200, body: toEndUserJson(user) };
    },
  }),
  defineRoute({
    method: "delete",
    path: "/v1/end-users/:userId",
    operationId: "removeEndUser",
    summary: "Remove an end user (company users and above); its sessions end",
    tags: ["Users"],
    params: UserParams,
    responses: { 204: null },
    handler: async ({ params, clients }) => {
      await clients.identity.RemoveEndUser({ id: params.userId });
      return { status: 204 };
    },
  }),
  defineRoute({
    method: "post",
    path: "/v1/register",
    operationId: "registerWithSim",
    idempotency: false,
    summary: "Self-registration of a consumer with the ICCID and activation code of a bought SIM",
    description:
      "The user lands in the company the SIM is assigned to, and the SIM is assigned to the user. 422 SIM_ACTIVATION_INVALID (unknown ICCID or wrong code, alike), 422 SIM_NOT_ASSIGNED (the SIM has no company yet), 409 SIM_ALREADY_REGISTERED, 409 USERNAME_TAKEN (only once the activation code has been proven, so usernames cannot be probed); nothing changes on a refusal. Wrong codes are throttled per SIM, per organization and per client address (429). Takes no part in Idempotency-Key.",
    tags: ["Users"],
    auth: false,
    body: RegisterBody,
    responses: { 201: EndUserResponse.extend({ iccid: z.string() }).meta({ id: "Registration" }) },
    handler: async ({ body, clients, clientAddress }) => {
      const result = await clients.identity.RegisterWithSim({ ...body, sourceAddress: clientAddress });
      return { status: 201, body: { ...toEndUserJson(result.user!), iccid: result.iccid } };
    },
  }),
];
