// The third step of a route (after its body is read): path parameters,
// query and body checked against the route's zod schemas, every offending
// field listed in the 400 problem document.
import { type FieldError, invalid } from "@simhub/platform";
import type { NextFunction, Request, Response } from "express";
import type { z } from "zod";
import { pipelineState } from "./locals.ts";
import type { RouteSpec } from "./route.ts";

type Location = "path" | "query" | "body";

function fieldErrors(location: Location, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, location: Location): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(location, result.error);
  throw invalid(
    `invalid ${location === "path" ? "path parameter" : location}: ${errors.map((e) => e.path).join(", ")}`,
    errors,
  );
}

/** Nesting deeper than this is refused before any schema sees it (OWASP API4). */
const maxJsonDepth = 32;

function jsonDepth(value: unknown, limit = maxJsonDepth): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (depth > deepest) deepest = depth;
    if (deepest > limit) return deepest;
    if (current && typeof current === "object") {
      for (const child of Object.values(current))
        if (child && typeof child === "object") stack.push([child, depth + 1]);
    }
  }
  return deepest;
}

export function validateInput(route: RouteSpec) {
  return (req: Request, res: Response, next: NextFunction) => {
    const params = route.params ? parseOrThrow(route.params, req.params, "path") : undefined;
    const query = route.query ? parseOrThrow(route.query, req.query ?? {}, "query") : undefined;
    let body: unknown;
    if (route.body && route.bodyType !== "stream") {
      if (req.body === undefined)
        throw invalid("a JSON body is required", [{ path: "body", message: "required" }]);
      if (jsonDepth(req.body) > maxJsonDepth) {
        throw invalid(`JSON nested deeper than ${maxJsonDepth} levels`, [
          { path: "body", message: "too deep" },
        ]);
      }
      body = parseOrThrow(route.body, req.body, "body");
    }
    pipelineState(res).input = { params, query, body };
    next();
  };
}
