// The requests a load run sends, one after another: GETs spread over a list
// of paths, or assignment changes that each flip one SIM of the pool. Pure;
// the load generator (load-worker.ts) sends them.
import { iccidOf } from "./dataset.ts";
import type { HttpLoadSpec } from "./load-spec.ts";

export type RequestPattern = HttpLoadSpec["pattern"];

export interface Request {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

export interface RequestSource {
  next: () => Request;
  /** Where a following run of the same pattern continues. */
  nextRequest: () => number;
}

export function requestFactory(pattern: RequestPattern, headers: Record<string, string>): RequestSource {
  if (pattern.type === "paths") {
    const paths = pattern.paths;
    return {
      next: () => ({ method: "GET", path: paths[Math.floor(Math.random() * paths.length)]! }),
      nextRequest: () => 0,
    };
  }
  let counter = pattern.firstRequest;
  const assignBodies = pattern.companies.map((companyId) => JSON.stringify({ companyId }));
  const next = (): Request => {
    const n = counter++;
    const index = n % pattern.poolSize;
    const pass = Math.floor(n / pattern.poolSize);
    const iccid = iccidOf(pattern.dataset, index);
    if (pass % 2 === 0) {
      return {
        method: "POST",
        path: `${pattern.pathPrefix}${iccid}/assign`,
        headers: { ...headers, "content-type": "application/json" },
        body: assignBodies[index % assignBodies.length]!,
      };
    }
    return { method: "POST", path: `${pattern.pathPrefix}${iccid}/unassign`, headers };
  };
  return { next, nextRequest: () => counter };
}
