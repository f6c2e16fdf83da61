// Reading a route's body, after rate limiting and authentication: the
// content type is checked first (415), then a JSON body is read up to
// BODY_LIMIT_BYTES (413) as strict UTF-8 (400 INVALID_UTF8). Streamed bodies
// (CSV) are left unread for the handler.
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

/** The body steps of one route: none, a content-type check (streams), or check + JSON parser. */
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
