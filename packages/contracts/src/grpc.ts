// Loads the proto contracts at run time. Field names are camelCase in
// JavaScript, int64 become strings, enums their lower-case names
// (enum-names.ts; the codecs below convert on the wire), and absent scalars
// their defaults: "" for a string or an enum means "none" throughout the contracts.
import { fileURLToPath } from "node:url";
import type * as grpc from "@grpc/grpc-js";
import { loadSync, type Options, type PackageDefinition } from "@grpc/proto-loader";
import protobuf from "protobufjs";
import { type EnumFieldCodec, enumFieldCodec } from "./enum-fields.ts";

export const protoRoot = fileURLToPath(new URL("../../../proto", import.meta.url));

export const protoLoaderOptions: Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
  includeDirs: [protoRoot],
};

export const protoFiles = {
  org: "simhub/org/v1/org_service.proto",
  company: "simhub/company/v1/company_service.proto",
  identity: "simhub/identity/v1/identity_service.proto",
  sim: "simhub/sim/v1/sim_service.proto",
  webhook: "simhub/webhook/v1/webhook_service.proto",
  usage: "simhub/usage/v1/usage_service.proto",
  rule: "simhub/rule/v1/rule_service.proto",
} as const;

export type ContextName = keyof typeof protoFiles;

export const grpcServiceNames: Record<ContextName, string> = {
  org: "simhub.org.v1.OrgService",
  company: "simhub.company.v1.CompanyService",
  identity: "simhub.identity.v1.IdentityService",
  sim: "simhub.sim.v1.SimService",
  webhook: "simhub.webhook.v1.WebhookService",
  usage: "simhub.usage.v1.UsageService",
  rule: "simhub.rule.v1.RuleService",
};

const cache = new Map<ContextName, PackageDefinition>();

export function loadPackageDefinition(context: ContextName): PackageDefinition {
  let definition = cache.get(context);
  if (!definition) {
    definition = loadSync(protoFiles[context], protoLoaderOptions);
    cache.set(context, definition);
  }
  return definition;
}

const definitions = new Map<ContextName, grpc.ServiceDefinition>();

/**
 * The service's methods for grpc-js, their (de)serializers converting enum
 * fields between their numbers and their names (both sides of every call
 * see the names).
 */
export function serviceDefinition(context: ContextName): grpc.ServiceDefinition {
  const cached = definitions.get(context);
  if (cached) return cached;
  const loaded = loadPackageDefinition(context)[grpcServiceNames[context]];
  if (!loaded || "format" in loaded) {
    throw new Error(`proto for ${context} has no service ${grpcServiceNames[context]}`);
  }
  const service = rootOf(context).lookupService(grpcServiceNames[context]);
  const definition: Record<string, grpc.MethodDefinition<unknown, unknown>> = {};
  for (const [name, method] of Object.entries(loaded as unknown as grpc.ServiceDefinition)) {
    const reflected = service.methods[name]!;
    const request = enumFieldCodec(reflected.resolvedRequestType!);
    const response = enumFieldCodec(reflected.resolvedResponseType!);
    definition[name] = {
      ...method,
      ...(request ? withEnums(method, "request", request) : {}),
      ...(response ? withEnums(method, "response", response) : {}),
    };
  }
  definitions.set(context, definition);
  return definition;
}

function withEnums(
  method: grpc.MethodDefinition<unknown, unknown>,
  side: "request" | "response",
  codec: EnumFieldCodec,
) {
  const serialize = side === "request" ? method.requestSerialize : method.responseSerialize;
  const deserialize = side === "request" ? method.requestDeserialize : method.responseDeserialize;
  return {
    [`${side}Serialize`]: (value: unknown) => serialize(codec.toWire(value)),
    [`${side}Deserialize`]: (bytes: Buffer) => codec.fromWire(deserialize(bytes)),
  };
}

/**
 * RPCs whose responses have only scalar fields (strings, int32, bools, and
 * repeated messages of such): the SIM reads and changes on the hot paths.
 * Their responses can be encoded from the plain object a handler returns and
 * read as the decoded message itself, without proto-loader's fromObject and
 * toObject copies (the message's prototype answers the defaults, "" and 0,
 * like toObject with `defaults`). The bytes on the wire are the same.
 */
export const plainResponseMethods: Partial<Record<ContextName, readonly string[]>> = {
  sim: [
    "GetSim",
    "ListSims",
    "ListSimsJson",
    "AssignSimToCompany",
    "UnassignSim",
    "AssignSimToEndUser",
    "ChangeSimStatus",
    "AssignSimToEndUserBySystem",
    "AssignPlan",
  ],
};

const roots = new Map<ContextName, protobuf.Root>();

function rootOf(context: ContextName): protobuf.Root {
  let root = roots.get(context);
  if (!root) {
    root = new protobuf.Root();
    root.resolvePath = (_origin, target) => (target.startsWith("/") ? target : `${protoRoot}/${target}`);
    root.loadSync(protoFiles[context], { keepCase: false });
    root.resolveAll();
    roots.set(context, root);
  }
  return root;
}

export interface DirectCodec {
  /** Encodes the plain object as it is (no fromObject copy). */
  encode(value: unknown): Buffer;
  /** The decoded message itself (no toObject copy). */
  decode(bytes: Buffer): unknown;
}

/**
 * Direct codecs of the response type of each plain-response method of
 * `context`. Enum fields are converted on the way (a shallow copy of each
 * message that has one when encoding, in place when decoding).
 */
export function directResponseCodecs(context: ContextName): Map<string, DirectCodec> {
  const codecs = new Map<string, DirectCodec>();
  const service = rootOf(context).lookupService(grpcServiceNames[context]);
  for (const method of plainResponseMethods[context] ?? []) {
    const type = service.methods[method]!.resolvedResponseType!;
    const enums = enumFieldCodec(type);
    codecs.set(
      method,
      enums
        ? {
            encode: (value) => type.encode(enums.toWire(value) as protobuf.Message).finish() as Buffer,
            decode: (bytes) => enums.fromWire(type.decode(bytes)),
          }
        : {
            encode: (value) => type.encode(value as protobuf.Message).finish() as Buffer,
            decode: (bytes) => type.decode(bytes),
          },
    );
  }
  return codecs;
}
