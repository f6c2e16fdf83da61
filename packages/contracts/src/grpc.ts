// Loads the proto contracts at run time. Field names are camelCase in
// JavaScript, int64 become strings, enums their names, and absent scalars
// their defaults: "" for a string means "none" throughout the contracts.
import { fileURLToPath } from "node:url";
import type * as grpc from "@grpc/grpc-js";
import { loadSync, type Options, type PackageDefinition } from "@grpc/proto-loader";

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
} as const;

export type ContextName = keyof typeof protoFiles;

export const grpcServiceNames: Record<ContextName, string> = {
  org: "simhub.org.v1.OrgService",
  company: "simhub.company.v1.CompanyService",
  identity: "simhub.identity.v1.IdentityService",
  sim: "simhub.sim.v1.SimService",
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
