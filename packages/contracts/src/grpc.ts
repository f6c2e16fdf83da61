// Loads the proto contracts at run time. Field names are camelCase in
// JavaScript, int64 become strings, enums their names, and absent scalars
// their defaults: "" for a string means "none" throughout the contracts.
import { fileURLToPath } from "node:url";
import type * as grpc from "@grpc/grpc-js";
import { loadSync, type Options, type PackageDefinition } from "@grpc/proto-loader";
import protobuf from "protobufjs";

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
  rule: "simhub/rule/v1/rule_service.proto",
} as const;

export type ContextName = keyof typeof protoFiles;

export const grpcServiceNames: Record<ContextName, string> = {
  org: "simhub.org.v1.OrgService",
  company: "simhub.company.v1.CompanyService",
  identity: "simhub.identity.v1.IdentityService",
  sim: "simhub.sim.v1.SimService",
  webhook: "simhub.webhook.v1.WebhookService",
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

export function serviceDefinition(context: ContextName): grpc.ServiceDefinition {
  const definition = loadPackageDefinition(context)[grpcServiceNames[context]];
  if (!definition || "format" in definition) {
    throw new Error(`proto for ${context} has no service ${grpcServiceNames[context]}`);
  }
  return definition as unknown as grpc.ServiceDefinition;
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

/** Direct codecs of the response type of each plain-response method of `context`. */
export function directResponseCodecs(context: ContextName): Map<string, DirectCodec> {
  const codecs = new Map<string, DirectCodec>();
  const service = rootOf(context).lookupService(grpcServiceNames[context]);
  for (const method of plainResponseMethods[context] ?? []) {
    const type = service.methods[method]!.resolvedResponseType!;
    codecs.set(method, {
      encode: (value) => type.encode(value as protobuf.Message).finish() as Buffer,
      decode: (bytes) => type.decode(bytes),
    });
  }
  return codecs;
}
