import { type FieldError, invalid } from "@simhub/platform";
import type { z } from "zod";

export type Location = "path" | "query" | "body";

export function fieldErrors(location: Location, error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => ({
    path: [location, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

export function parseOrThrow<T extends z.ZodType>(schema: T, value: unknown, location: Location): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const errors = fieldErrors(location, result.error);
  throw invalid(
    `invalid ${location === "path" ? "path parameter" : location}: ${errors.map((e) => e.path).join(", ")}`,
    errors,
  );
}

/** Nesting deeper than this is refused before any schema sees it (OWASP API4). */
export const maxJsonDepth = 32;

export function jsonDepth(value: unknown, limit = maxJsonDepth): number {
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
