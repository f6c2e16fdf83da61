// Every route the gateway serves. Each module exports arrays of route
// declarations; whatever arrays a module exports are collected, so adding a
// route is adding it to its module. The OpenAPI document and the coverage
// test walk this same list.
import type { RouteSpec } from "../http/route.ts";
import * as apiKeys from "./api-keys.ts";
import * as auth from "./auth.ts";
import * as companies from "./companies.ts";
import * as imports from "./imports.ts";
import * as organizations from "./organizations.ts";
import * as plans from "./plans.ts";
import * as rules from "./rules.ts";
import * as sims from "./sims.ts";
import * as token from "./token.ts";
import * as usage from "./usage.ts";
import * as users from "./users.ts";
import * as webhooks from "./webhooks.ts";

const modules: Record<string, unknown>[] = [
  auth,
  token,
  apiKeys,
  users,
  organizations,
  companies,
  sims,
  imports,
  plans,
  webhooks,
  usage,
  rules,
];

export const allRoutes: RouteSpec[] = modules.flatMap((module) =>
  Object.values(module)
    .filter((value): value is RouteSpec[] => Array.isArray(value))
    .flat(),
);
