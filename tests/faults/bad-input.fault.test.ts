// 8. Bad input at scale. Every operation of the gateway's OpenAPI document
// (GET /openapi.json) receives generated malformed, oversized and hostile
// requests (fast-check): bodies with a field of the wrong type, a missing
// required field or an unknown one, strings past their limit, deep nesting,
// SQL and script fragments, invalid UTF-8, negative and enormous numbers,
// bodies that are not JSON or too large or of the wrong type; hostile path
// and query parameters; and forged bearer tokens. Every answer must be a
// 4xx problem document (reads of well-formed but hostile values may also
// answer 2xx), never a 5xx, and no row in any service database may change.
import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { streamContexts, streamName } from "../../packages/contracts/src/index.ts";
import { backendServices } from "../../packages/launcher/src/index.ts";
import { databaseFingerprint, reportFigures } from "../../packages/testing/src/index.ts";
import {
  countBy,
  type FaultStack,
  iccid,
  seed,
  sleep,
  startFaultStack,
  waitForEmptyOutboxes,
} from "./support.ts";

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  $ref?: string;
};

interface Operation {
  method: string;
  path: string;
  operationId: string;
  auth: boolean;
  pathParams: string[];
  queryParams: { name: string; schema: JsonSchema }[];
  body: JsonSchema | undefined;
  contentType: string | undefined;
}

const SERVICES = backendServices.map((service) => service.name);
const RUNS_WITH_BODY = Number(process.env.FAULTS_BAD_INPUT_RUNS ?? 100);
const RUNS_WITHOUT_BODY = Math.ceil(RUNS_WITH_BODY / 2);

let f: FaultStack;
/** Real identifiers by path parameter name, so requests reach past the 404 of a missing object. */
const known: Record<string, string> = {};

beforeAll(async () => {
  f = await startFaultStack();
  const data = await seed(f.api, { companies: 2, sims: 5 });
  known.orgId = data.orgId;
  known.companyId = data.companyIds[0]!;
  known.iccid = data.iccids[0]!;
  const user = await f.api.post(`/v1/companies/${known.companyId}/end-users`, {
    username: "bad-input-user",
    email: "bad-input-user@example.com",
    password: "Bad-input-user-password-1",
  });
  known.userId = user.body.id;
  const operator = await f.api.post(`/v1/organizations/${known.orgId}/operators`, {
    operatorName: "Hostile Mobile",
    mcc: "262",
    mnc: "02",
    integration: "none",
  });
  known.operatorId = operator.body.id;
  const plan = await f.api.post(`/v1/organizations/${known.orgId}/plans`, {
    name: "Bad Input Plan",
    type: "prepaid",
    currency: "EUR",
    price: 100,
    validityDays: 30,
  });
  known.planId = plan.body.id;
});

afterAll(async () => {
  await f?.stop();
});

function resolve(
  doc: { components?: { schemas?: Record<string, JsonSchema> } },
  schema: JsonSchema,
): JsonSchema {
  if (!schema.$ref) return schema;
  const name = schema.$ref.split("/").pop()!;
  return resolve(doc, doc.components!.schemas![name]!);
}

function operationsOf(doc: {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
}): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as {
        operationId: string;
        security?: unknown[];
        parameters?: { name: string; in: string; schema: JsonSchema }[];
        requestBody?: { content: Record<string, { schema?: JsonSchema }> };
      };
      const content = op.requestBody?.content ?? {};
      const contentType = Object.keys(content)[0];
      const schema = contentType ? content[contentType]!.schema : undefined;
      operations.push({
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        auth: !(Array.isArray(op.security) && op.security.length === 0),
        pathParams: (op.parameters ?? []).filter((p) => p.in === "path").map((p) => p.name),
        queryParams: (op.parameters ?? [])
          .filter((p) => p.in === "query")
          .map((p) => ({ name: p.name, schema: p.schema })),
        body: schema ? resolve(doc, schema) : undefined,
        contentType,
      });
    }
  }
  return operations;
}

// ---------------------------------------------------------------------------
// Hostile values

const fragments = [
  "' OR '1'='1",
  "'; DROP TABLE sims; --",
  '" OR 1=1 --',
  "1; SELECT pg_sleep(10)",
  "$1",
  "%s%s%s%n",
  "<script>alert(1)</script>",
  '"><img src=x onerror=alert(1)>',
  "javascript:alert(1)",
  "{{7*7}}",
  "$" + "{jndi:ldap://x/a}", // a Log4Shell probe
  "../../../../etc/passwd",
  "\u0000",
  "\u202Egnp.exe",
  "\uD800",
  "🦄".repeat(50),
  "__proto__",
  "constructor",
  "null",
  "NaN",
  "-0",
  "1e999",
  " ",
  "",
];

const hostileString = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...fragments) },
  { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: fc.constantFrom(10_000, 100_000, 600_000).map((n) => "x".repeat(n)) },
);

const hostileNumber = fc.oneof(
  fc.constantFrom(-1, -0, 0.5, -1e308, 1e308, 2 ** 53 + 1, -(2 ** 63), Number.MAX_VALUE, Number.MIN_VALUE),
  fc.integer({ min: -2_147_483_648, max: -1 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

const hostileValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    hostileString,
    hostileNumber,
    fc.boolean(),
    fc.constant(null),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileString, fc.constantFrom("__proto__", "constructor")), tie("value"), {
      maxKeys: 4,
    }),
  ),
})).value;

/** JSON types a schema admits (empty: unknown, anything goes). */
function allowedTypes(schema: JsonSchema): Set<string> {
  const types = new Set<string>();
  const add = (s: JsonSchema) => {
    if (s.anyOf) s.anyOf.forEach(add);
    if (s.oneOf) s.oneOf.forEach(add);
    if (typeof s.type === "string") types.add(s.type);
    if (Array.isArray(s.type)) for (const t of s.type) types.add(t);
    if (s.enum || typeof s.const === "string") types.add("string");
  };
  add(schema);
  if (types.has("integer")) types.add("number");
  return types;
}

const valueOfType: Record<string, fc.Arbitrary<unknown>> = {
  string: hostileString,
  number: hostileNumber,
  boolean: fc.boolean(),
  null: fc.constant(null),
  array: fc.array(hostileValue, { maxLength: 3 }),
  object: fc.dictionary(hostileString, hostileValue, { maxKeys: 3 }),
};

function branches(schema: JsonSchema): JsonSchema[] {
  return schema.oneOf ?? schema.anyOf ?? [schema];
}

function nested(depth: number): string {
  return `${'{"a":['.repeat(depth)}1${"]}".repeat(depth)}`;
}

const utf8 = (text: string) => new TextEncoder().encode(text);
const invalidUtf8 = [
  Uint8Array.of(0xff, 0xfe),
  Uint8Array.of(0xc3, 0x28),
  Uint8Array.of(0xed, 0xa0, 0x80),
  Uint8Array.of(0xf8, 0x88, 0x80, 0x80, 0x80),
  Uint8Array.of(0xe2, 0x82),
];
function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
}

interface Malformed {
  label: string;
  body: string | Uint8Array;
  contentType: string;
}

/**
 * Bodies that break the operation's schema in at least one way a validator
 * cannot miss, plus hostile values everywhere else.
 */
function malformedBody(schema: JsonSchema): fc.Arbitrary<Malformed> {
  const options = branches(schema);
  const properties = Object.assign({}, ...options.map((s) => s.properties ?? {})) as Record<
    string,
    JsonSchema
  >;
  const names = Object.keys(properties);
  const strict = options.every((s) => s.additionalProperties === false);
  const required = [...new Set(options.flatMap((s) => s.required ?? []))];
  const hostileObject = fc.record(Object.fromEntries(names.map((name) => [name, hostileValue])), {
    requiredKeys: [],
  }) as fc.Arbitrary<Record<string, unknown>>;
  const json = (label: string, value: unknown): Malformed => ({
    label,
    body: JSON.stringify(value),
    contentType: "application/json",
  });

  const strategies: fc.Arbitrary<Malformed>[] = [
    fc
      .oneof(
        fc.array(hostileValue, { maxLength: 3 }),
        hostileString,
        hostileNumber,
        fc.constant(null),
        fc.boolean(),
      )
      .map((value) => json("not an object", value)),
    fc.constantFrom(40, 1_000, 100_000).map((depth) => ({
      label: `nested ${depth} deep`,
      body: nested(depth),
      contentType: "application/json",
    })),
    fc
      .constantFrom(
        '{"a":',
        "{'single':'quotes'}",
        "[1,2,,3]",
        '{"a":1}{"b":2}',
        "\u0000",
        '{"a":1e99999}',
        "",
      )
      .map((text) => ({ label: "not JSON", body: text, contentType: "application/json" })),
    fc.constantFrom(...invalidUtf8).map((bytes) => ({
      label: "invalid UTF-8",
      body: concat(utf8(`{"${names[0] ?? "name"}":"`), bytes, utf8('"}')),
      contentType: "application/json",
    })),
    fc
      .constantFrom(
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/xml",
        "multipart/form-data",
      )
      .map((contentType) => ({ label: `content type ${contentType}`, body: '{"a":1}', contentType })),
  ];
  // Rare: each one uploads more than a megabyte.
  const oversized = fc.constant({
    label: "larger than 1 MiB",
    body: `{"a":"${"x".repeat(1_100_000)}"}`,
    contentType: "application/json",
  });
  if (strict) {
    strategies.push(
      fc
        .tuple(
          hostileObject,
          fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !names.includes(k)),
          hostileValue,
        )
        .map(([object, key, value]) => json("unknown field", { ...object, [key]: value })),
    );
  }
  if (required.length > 0) {
    strategies.push(
      fc.tuple(hostileObject, fc.constantFrom(...required)).map(([object, missing]) => {
        const copy = { ...object };
        delete copy[missing];
        return json(`missing ${missing}`, copy);
      }),
    );
  }
  const typed = names.filter((name) => allowedTypes(properties[name]!).size > 0);
  if (typed.length > 0) {
    strategies.push(
      fc
        .constantFrom(...typed)
        .chain((name) => {
          const allowed = allowedTypes(properties[name]!);
          const wrong = Object.keys(valueOfType).filter((t) => !allowed.has(t));
          return fc.tuple(
            fc.constant(name),
            fc.constantFrom(...wrong).chain((t) => valueOfType[t]!),
            hostileObject,
          );
        })
        .map(([name, value, object]) => json(`wrong type for ${name}`, { ...object, [name]: value })),
    );
    const numeric = typed.filter((name) => allowedTypes(properties[name]!).has("number"));
    if (numeric.length > 0) {
      strategies.push(
        fc
          .tuple(
            fc.constantFrom(...numeric),
            fc.constantFrom("1e400", "-1e400", "123456789012345678901234567890"),
          )
          .map(([name, number]) => ({
            label: `enormous number for ${name}`,
            body: `{"${name}":${number}}`,
            contentType: "application/json",
          })),
      );
    }
    const limited = typed.filter((name) => typeof branches(properties[name]!)[0]?.maxLength === "number");
    if (limited.length > 0) {
      strategies.push(
        fc.tuple(fc.constantFrom(...limited), hostileObject).map(([name, object]) => {
          const max = branches(properties[name]!)[0]!.maxLength!;
          return json(`${name} past ${max} characters`, {
            ...object,
            [name]: `'; DROP TABLE x; --${"y".repeat(max)}`,
          });
        }),
      );
    }
  }
  return fc.oneof(
    { weight: 1, arbitrary: oversized },
    ...strategies.map((arbitrary) => ({ weight: 4, arbitrary })),
  );
}

const forgedTokens = fc.oneof(
  fc.constantFrom(
    "",
    "null",
    "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJhZG1pbiIsInJvbGUiOiJwbGF0Zm9ybV9hZG1pbiJ9.",
    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl",
    "' OR 1=1 --",
    "a.b.c",
    "x".repeat(4_000),
  ),
  fc.string({ minLength: 1, maxLength: 200 }).filter((s) => /^[\x21-\x7e]+$/.test(s)),
);

/** Path parameter values: real (when the request is sure to be refused anyway), missing, or hostile. */
function pathValue(name: string, allowReal: boolean): fc.Arbitrary<string> {
  const missing = name === "iccid" ? fc.constant(iccid(999_999)) : fc.uuid();
  const hostile = fc.oneof(
    hostileString.filter((s) => s.length < 2_000).map((s) => encode(s) || "%20"),
    fc.constantFrom("%ZZ", "%", "%00", "..%2F..%2F", "%C0%AF", "%ED%A0%80"),
  );
  return allowReal && known[name]
    ? fc.oneof({ weight: 3, arbitrary: fc.constant(known[name]!) }, missing, hostile)
    : fc.oneof(missing, hostile);
}

/** Percent-encodes, keeping a lone surrogate as the (invalid) UTF-8 bytes it would be. */
function encode(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, "%ED%A0%80").replace(/[^\w%.-]/g, (c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return "%ED%A0%80";
      }
    });
  }
}

function queryValue(): fc.Arbitrary<string> {
  return fc.oneof(
    hostileString.filter((s) => s.length < 2_000),
    fc.constantFrom("-1", "0", "501", "1e999", "NaN", "1.5", "99999999999999999999", "x".repeat(600)),
  );
}

interface Request {
  label: string;
  method: string;
  url: string;
  token: string | undefined;
  body?: string | Uint8Array;
  contentType?: string;
  /** A write: only a refusal is acceptable. */
  mustRefuse: boolean;
}

function requestsFor(op: Operation, token: string): fc.Arbitrary<Request> {
  const isWrite = op.method !== "GET";
  const hasJsonBody = op.body !== undefined && op.contentType === "application/json";
  const build = (params: Record<string, string>, query: string) =>
    `${op.path.replace(/\{(\w+)\}/g, (_, name: string) => params[name]!)}${query}`;
  const params = (allowReal: boolean) =>
    fc.record(
      Object.fromEntries(op.pathParams.map((name) => [name, pathValue(name, allowReal)])),
    ) as fc.Arbitrary<Record<string, string>>;
  const query =
    op.queryParams.length === 0
      ? fc.constant("")
      : fc
          .array(fc.tuple(fc.constantFrom(...op.queryParams.map((q) => q.name), "unknown"), queryValue()), {
            minLength: 1,
            maxLength: 4,
          })
          .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${encode(v)}`).join("&")}`);

  const strategies: fc.Arbitrary<Request>[] = [];
  // Forged or missing credentials: refused before anything runs (public operations ignore them).
  if (op.auth) {
    strategies.push(
      fc.tuple(params(true), forgedTokens).map(([p, forged]) => ({
        label: "forged token",
        method: op.method,
        url: build(p, ""),
        token: forged,
        mustRefuse: true,
      })),
    );
  }
  if (hasJsonBody) {
    strategies.push(
      fc.tuple(params(true), malformedBody(op.body!)).map(([p, body]) => ({
        label: body.label,
        method: op.method,
        url: build(p, ""),
        token,
        body: body.body,
        contentType: body.contentType,
        mustRefuse: true,
      })),
    );
  } else if (op.contentType) {
    // A streamed upload (CSV import): the wrong content type, or JSON.
    strategies.push(
      fc
        .tuple(params(true), fc.constantFrom("application/json", "text/plain", "application/octet-stream"))
        .map(([p, contentType]) => ({
          label: `upload as ${contentType}`,
          method: op.method,
          url: build(p, ""),
          token,
          body: "iccid\n8944500102030405067\n",
          contentType,
          mustRefuse: true,
        })),
    );
  }
  if (op.pathParams.length > 0) {
    // Hostile or missing identifiers; never a real one for a write whose only input they are.
    strategies.push(
      fc.tuple(params(false), query).map(([p, q]) => ({
        label: "hostile path",
        method: op.method,
        url: build(p, isWrite ? "" : q),
        token,
        ...(hasJsonBody ? { body: "{}", contentType: "application/json" } : {}),
        mustRefuse: isWrite,
      })),
    );
  }
  if (!isWrite && op.queryParams.length > 0) {
    strategies.push(
      fc.tuple(params(true), query).map(([p, q]) => ({
        label: "hostile query",
        method: op.method,
        url: build(p, q),
        token,
        mustRefuse: false,
      })),
    );
  }
  if (strategies.length === 0) {
    // Nothing to get wrong but the query string.
    strategies.push(
      fc
        .array(
          fc.tuple(
            hostileString.filter((s) => s.length < 200),
            queryValue(),
          ),
          { minLength: 1, maxLength: 3 },
        )
        .map((pairs) => ({
          label: "unknown query",
          method: op.method,
          url: `${op.path}?${pairs.map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&")}`,
          token: undefined,
          mustRefuse: isWrite,
        })),
    );
  }
  return fc.oneof(...strategies);
}

interface Answer {
  request: Request;
  status: number;
  contentType: string;
  body: unknown;
}

async function send(request: Request): Promise<Answer> {
  try {
    return await sendOnce(request);
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause;
    return { request, status: 0, contentType: "", body: cause?.code ?? String(error) };
  }
}

async function sendOnce(request: Request): Promise<Answer> {
  const headers: Record<string, string> = {};
  if (request.token !== undefined) headers.authorization = `Bearer ${request.token}`;
  if (request.contentType) headers["content-type"] = request.contentType;
  const response = await fetch(`${f.stack.gatewayUrl}${request.url}`, {
    method: request.method,
    headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = JSON.parse(text);
  } catch {
    // kept as text
  }
  return { request, status: response.status, contentType: response.headers.get("content-type") ?? "", body };
}

const replicaTables = new Set([
  "usage-service.usage_sims",
  ...["sim-service", "identity-service", "company-service", "org-service", "usage-service"].flatMap(
    (service) => [`${service}.chain_companies`, `${service}.chain_organizations`],
  ),
]);

const oauthErrors = new Set([
  "invalid_request",
  "invalid_client",
  "invalid_grant",
  "unauthorized_client",
  "unsupported_grant_type",
  "invalid_scope",
  "temporarily_unavailable",
  "server_error",
]);

function violation(answer: Answer): string | undefined {
  const { status, body, request } = answer;
  if (status === 0) return `no answer (${String(answer.body)})`;
  if (status >= 500) return `${status}`;
  if (request.mustRefuse && status < 400) return `accepted with ${status}`;
  if (status >= 400 && request.url.split("?")[0] === "/v1/auth/token") {
    // The OAuth token endpoint answers errors as RFC 6749 §5.2 says (API.md), not problem documents.
    const error = (body as { error?: unknown } | undefined)?.error;
    if (
      !answer.contentType.startsWith("application/json") ||
      typeof error !== "string" ||
      !oauthErrors.has(error)
    )
      return `${status} without an RFC 6749 error`;
    return undefined;
  }
  if (status >= 400) {
    const problem = body as { type?: unknown; title?: unknown; status?: unknown; code?: unknown };
    if (!answer.contentType.startsWith("application/problem+json"))
      return `${status} without a problem document`;
    if (
      typeof problem.type !== "string" ||
      typeof problem.title !== "string" ||
      typeof problem.code !== "string"
    )
      return `${status} problem document without type/title/code`;
    if (problem.status !== status) return `${status} problem document says status ${problem.status}`;
  }
  return undefined;
}

async function snapshot() {
  const tables: Record<string, string> = {};
  for (const service of SERVICES) {
    const fingerprint = await databaseFingerprint(f.stack.services[service].databaseUrl);
    for (const [table, print] of Object.entries(fingerprint)) tables[`${service}.${table}`] = print;
  }
  const jsm = await f.stack.nc.jetstreamManager();
  for (const context of streamContexts) {
    const info = await jsm.streams.info(streamName(f.stack.namespace, context)).catch(() => undefined);
    tables[`stream.${context}`] = String(info?.state.messages ?? 0);
  }
  return tables;
}

it("answers generated malformed and hostile requests to every operation with a 4xx problem and changes nothing", async () => {
  const doc = (await (await fetch(`${f.stack.gatewayUrl}/openapi.json`)).json()) as Parameters<
    typeof operationsOf
  >[0];
  const operations = operationsOf(doc);
  await waitForEmptyOutboxes(f.stack);
  await sleep(1_500); // consumers settle
  const before = await snapshot();

  const answers: Answer[] = [];
  const seedValue = Number(process.env.FAULTS_SEED ?? Date.now() % 2_147_483_647);
  const queue = [...operations];
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      for (let op = queue.shift(); op; op = queue.shift()) {
        const current = op;
        await fc.assert(
          fc.asyncProperty(requestsFor(current, f.token), async (request) => {
            answers.push(await send(request));
            return true;
          }),
          {
            numRuns: current.body || current.method === "GET" ? RUNS_WITH_BODY : RUNS_WITHOUT_BODY,
            seed: seedValue,
          },
        );
      }
    }),
  );

  await sleep(1_500);
  await waitForEmptyOutboxes(f.stack);
  const after = await snapshot();
  // A local copy of another service's facts may be filled by a read that
  // misses it (usage-service learning a SIM from sim-service): the truth
  // copied, not a change. Every other table must be as it was.
  const changed = Object.keys({ ...before, ...after }).filter(
    (table) => before[table] !== after[table] && !replicaTables.has(table),
  );
  const bad = answers
    .map((answer) => ({ answer, problem: violation(answer) }))
    .filter((entry) => entry.problem !== undefined);
  const byCategory = countBy(
    bad,
    (entry) =>
      `${entry.answer.request.method} ${entry.answer.request.url.split("?")[0]!.replace(/\/[^/]*$/, "/…")} [${entry.answer.request.label}]: ${entry.problem}`,
  );

  reportFigures("bad-input", {
    operations: operations.length,
    requests: answers.length,
    status5xx: answers.filter((a) => a.status >= 500).length,
    accepted: answers.filter((a) => a.status < 400).length,
    withoutProblem: bad.filter((b) => b.problem?.includes("problem")).length,
    violations: bad.length,
    tablesChanged: changed.length,
    seed: seedValue,
  });
  console.log(`[faults] bad-input: statuses ${JSON.stringify(countBy(answers, (a) => String(a.status)))}`);
  if (bad.length > 0) {
    console.log(`[faults] bad-input: violations ${JSON.stringify(byCategory, null, 1)}`);
    const samples = new Map<string, string>();
    for (const { answer, problem } of bad) {
      const key = `${answer.request.label}: ${problem}`;
      if (samples.has(key)) continue;
      const body = typeof answer.request.body === "string" ? answer.request.body.slice(0, 120) : "(bytes)";
      samples.set(
        key,
        `${answer.request.method} ${answer.request.url.slice(0, 160)} ${body} → ${JSON.stringify(answer.body).slice(0, 200)}`,
      );
    }
    console.log(`[faults] bad-input: samples\n${[...samples].map(([k, v]) => `${k}\n    ${v}`).join("\n")}`);
  }
  if (changed.length > 0) console.log(`[faults] bad-input: changed ${changed.join(", ")}`);

  expect(operations.length).toBeGreaterThan(40);
  expect(byCategory).toEqual({});
  expect(changed).toEqual([]);
});
