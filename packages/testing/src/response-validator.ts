// Checks every response the integration tests receive from the gateway
// against the gateway's own OpenAPI document (/openapi.json): the status
// must be documented for the operation and the body must match its schema.
// Violations are collected and fail the test file when its stack stops.
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { waitFor } from "./faults.ts";

interface Operation {
  pattern: RegExp;
  method: string;
  pointer: string;
  responses: Record<string, { content?: Record<string, unknown> }>;
}

interface OpenApiDocument {
  paths?: Record<string, Record<string, { responses: Operation["responses"] }>>;
}

const escapePointer = (segment: string) => segment.replaceAll("~", "~0").replaceAll("/", "~1");

export class ResponseValidator {
  readonly violations: string[] = [];
  private readonly ajv: Ajv2020;
  private readonly operations: Operation[] = [];

  constructor(document: {
    paths?: Record<string, Record<string, Operation["responses"] extends infer R ? { responses: R } : never>>;
  }) {
    this.ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    (addFormats as unknown as (ajv: Ajv2020) => void)(this.ajv);
    this.ajv.addSchema(document as object, "openapi");
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      const pattern = new RegExp(`^${path.replace(/\{[^}]+\}/g, "[^/]+")}$`);
      for (const [method, operation] of Object.entries(item)) {
        this.operations.push({
          pattern,
          method: method.toUpperCase(),
          pointer: `/paths/${escapePointer(path)}/${method}`,
          responses: operation.responses,
        });
      }
    }
    // Literal paths win over templated ones (/v1/sims/import before /v1/sims/{iccid}).
    this.operations.sort(
      (a, b) => (a.pattern.source.includes("[^/]+") ? 1 : 0) - (b.pattern.source.includes("[^/]+") ? 1 : 0),
    );
  }

  /**
   * The contract of the gateway under test. A stack just started on a
   * loaded machine once answered it with a body that was not JSON (and the
   * whole test file failed on "Unexpected end of JSON input"): it is asked
   * again for a few seconds, and the error names what came back.
   */
  static async fetch(gatewayUrl: string): Promise<ResponseValidator> {
    const document = await waitFor(
      async () => {
        const response = await fetch(`${gatewayUrl}/openapi.json`);
        const text = await response.text();
        if (!response.ok) throw new Error(`${response.status} ${text.slice(0, 200)}`);
        try {
          return JSON.parse(text) as OpenApiDocument;
        } catch {
          throw new Error(`200 with ${text.length} bytes that are not JSON`);
        }
      },
      { timeoutMs: 5_000, intervalMs: 200, what: "GET /openapi.json of the gateway under test" },
    );
    return new ResponseValidator(document);
  }

  check(method: string, url: string, status: number, contentType: string | null, body: unknown) {
    const path = url.split("?")[0]!;
    const operation = this.operations.find((op) => op.method === method && op.pattern.test(path));
    if (!operation) return; // operational endpoints and unknown routes are not part of the contract
    const statusKey = String(status);
    const response = operation.responses[statusKey];
    if (!response) {
      this.violations.push(`${method} ${path} → ${status}: status not documented`);
      return;
    }
    const mediaType = (contentType ?? "").split(";")[0]!.trim();
    if (!response.content || body === undefined || body === "") return;
    if (!response.content[mediaType]) {
      this.violations.push(`${method} ${path} → ${status}: content type ${mediaType} not documented`);
      return;
    }
    const ref = `openapi#${operation.pointer}/responses/${statusKey}/content/${escapePointer(mediaType)}/schema`;
    const validate = this.ajv.getSchema(ref);
    if (validate && !validate(body)) {
      const problems = (validate.errors ?? [])
        .slice(0, 5)
        .map((error) => `${error.instancePath || "/"} ${error.message}`)
        .join("; ");
      this.violations.push(`${method} ${path} → ${status}: body does not match the schema: ${problems}`);
    }
  }
}
