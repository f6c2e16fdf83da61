// Reading a route's body, after rate limiting and authentication: the
// content type is checked first (415), then a JSON body is read up to
// BODY_LIMIT_BYTES (413) as strict UTF-8 (400 INVALID_UTF8), a form body
// (the OAuth token endpoint) up to FORM_BODY_LIMIT_BYTES. Streamed bodies
// (CSV) are left unread for the handler.
import { invalid } from "@simhub/platform";
import express, { type NextFunction, type Request, type RequestHandler, type Response } from "express";
import { HttpProblem } from "./problem.ts";
import type { RouteSpec } from "./route.ts";

function contentTypeOf(req: Request): string {
  return (req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
}

function unsupportedMediaType(accepted: string[]) {
  return new HttpProblem(415, "UNSUPPORTED_MEDIA_TYPE", `send ${accepted.join(" or ")}`);
}

export function jsonBodyParser(limitBytes: number): RequestHandler {
  const strictUtf8 = new TextDecoder("utf-8", { fatal: true });
  return express.json({
    limit: limitBytes,
    strict: true,
    type: () => true,
    // JSON text must be UTF-8 (RFC 8259): refuse invalid bytes instead of storing U+FFFD.
    verify: (_req, _res, buffer) => {
      try {
        strictUtf8.decode(buffer);
      } catch {
        throw Object.assign(new Error("the body is not valid UTF-8"), {
          status: 400,
          type: "encoding.invalid",
        });
      }
    },
  });
}

export const FORM_CONTENT_TYPE = "application/x-www-form-urlencoded";
/** A token request is a few short parameters; nothing legitimate comes near this. */
const FORM_BODY_LIMIT_BYTES = 4096;

/**
 * Form parameters as an object of strings. A parameter sent twice is refused
 * (RFC 6749 §3.2: parameters MUST NOT be included more than once) and one
 * without a value is treated as omitted (§3.1). No nesting: `a[b]=c` is the
 * parameter named "a[b]".
 */
export function parseFormParameters(text: string): Record<string, string> {
  const parameters: Record<string, string> = Object.create(null);
  const repeated = new Set<string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (value === "") continue;
    if (name in parameters) repeated.add(name);
    parameters[name] = value;
  }
  if (repeated.size > 0) {
    throw invalid(
      `parameters sent more than once: ${[...repeated].join(", ")}`,
      [...repeated].map((name) => ({ path: `body.${name}`, message: "sent more than once" })),
    );
  }
  return { ...parameters };
}

function formBody(): RequestHandler[] {
  const readText = express.text({ type: () => true, limit: FORM_BODY_LIMIT_BYTES, defaultCharset: "utf-8" });
  return [
    (req: Request, _res: Response, next: NextFunction) => {
      const hasBody = Number(req.header("content-length") ?? 0) > 0 || req.header("transfer-encoding");
      next(
        hasBody && contentTypeOf(req) !== FORM_CONTENT_TYPE
          ? unsupportedMediaType([FORM_CONTENT_TYPE])
          : undefined,
      );
    },
    readText,
    (req: Request, _res: Response, next: NextFunction) => {
      req.body = parseFormParameters(typeof req.body === "string" ? req.body : "");
      next();
    },
  ];
}

/** The body steps of one route: none, a content-type check (streams), or check + JSON or form parser. */
export function readBody(route: RouteSpec, jsonParser: RequestHandler): RequestHandler[] {
  if (route.bodyType === "stream") {
    const accepted = route.streamContentTypes ?? [];
    return [
      (req: Request, _res: Response, next: NextFunction) => {
        next(accepted.includes(contentTypeOf(req)) ? undefined : unsupportedMediaType(accepted));
      },
    ];
  }
  if (!route.body) return [];
  if (route.bodyType === "form") return formBody();
  return [
    (req: Request, _res: Response, next: NextFunction) => {
      const hasBody = Number(req.header("content-length") ?? 0) > 0 || req.header("transfer-encoding");
      next(
        hasBody && contentTypeOf(req) !== "application/json"
          ? unsupportedMediaType(["application/json"])
          : undefined,
      );
    },
    jsonParser,
  ];
}
